// The facts service as the scorecards domain uses it, on the database PAVED_TEST_DB names, with the
// catalog faked at its service seam: factsFor, generation and changedSince follow collection; only due
// entities are collected; a failing source keeps its facts; entities leaving the catalog lose theirs.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Entity } from '../../src/model';
import { openDatabase, type DatabaseHandle } from '../../src/server/platform/db/database';
import { createFactsService, type FactsService } from '../../src/server/domains/facts/facts.service';
import type { FactSource } from '../../src/server/domains/facts';
import { createSecretBox } from '../../src/server/platform/secrets';
import { createTestDatabase } from '../helpers/testDatabase';

const entity = (name: string, coverage: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name, annotations: { 'example.com/coverage': String(coverage) } }, spec: {},
});

describe('facts service (factsFor, generation, changedSince)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paved-facts-svc-'));
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let facts: FactsService;
  const catalog = new Map<string, { etag: string; entity: Entity }>();
  const calls: string[] = [];
  let failing = false;
  const source: FactSource = {
    id: 'example',
    async collect(e) {
      calls.push(e.metadata.name);
      if (failing) throw new Error('source down');
      return { 'example.coverage': Number(e.metadata.annotations?.['example.com/coverage']) };
    },
  };

  before(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    handle = await openDatabase({ dataDir, databaseUrl: db.env.DATABASE_URL, secrets: createSecretBox(Buffer.alloc(32, 7)) });
    const sorted = () => [...catalog.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    facts = createFactsService({
      db: handle.db, sources: [source], intervalSeconds: 3600, log: () => undefined, repository: { gitMirrorDir: () => '/nonexistent', fileRoots: [] },
      catalog: {
        entityVersions: async ({ after: a, limit }) => sorted().filter(([ref]) => a === undefined || ref > a).slice(0, limit).map(([ref, v]) => ({ ref, etag: v.etag })),
        entityBodies: async (refs) => refs.flatMap((ref) => (catalog.has(ref) ? [{ ref, ...catalog.get(ref)! }] : [])),
        byRef: async (ref) => catalog.get(ref)?.entity,
        entityTrust: async () => new Map(),
      },
    });
  });
  after(async () => {
    await handle?.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('collects every entity once, then only those whose etag changed', async () => {
    catalog.set('component:default/a', { etag: 'a1', entity: entity('a', 80) });
    catalog.set('component:default/b', { etag: 'b1', entity: entity('b', 60) });
    const g0 = await facts.generation();
    const first = await facts.collectDue();
    assert.deepEqual({ collected: first.collected, changed: first.changed }, { collected: 2, changed: 2 });
    const g1 = await facts.generation();
    assert.notEqual(g1, g0);
    const got = await facts.factsFor(['Component:default/A', 'component:default/b', 'component:default/none']);
    assert.equal(got.get('component:default/a')?.['example.coverage']?.value, 80);
    assert.equal(got.get('component:default/a')?.['example.coverage']?.source, 'example');
    assert.ok(got.get('component:default/b')?.['example.coverage']?.collectedAt);
    assert.equal(got.has('component:default/none'), false);
    const changed = await facts.changedSince(g0);
    assert.deepEqual(changed.refs.sort(), ['component:default/a', 'component:default/b']);
    assert.equal(changed.cursor, g1);
    assert.deepEqual((await facts.changedSince(changed.cursor)).refs, []);

    calls.length = 0;
    const again = await facts.collectDue();
    assert.equal(again.collected, 0);
    assert.deepEqual(calls, []);
    assert.equal(await facts.generation(), g1);

    catalog.set('component:default/b', { etag: 'b2', entity: entity('b', 75) });
    await facts.collectDue();
    assert.deepEqual(calls, ['b']);
    assert.deepEqual((await facts.changedSince(g1)).refs, ['component:default/b']);
    assert.equal((await facts.factsFor(['component:default/b'])).get('component:default/b')?.['example.coverage']?.value, 75);
  });

  it('an unchanged value moves collectedAt, not the generation; a failing source keeps its facts', async () => {
    const before = (await facts.factsFor(['component:default/a'])).get('component:default/a')!['example.coverage']!;
    const g = await facts.generation();
    catalog.set('component:default/a', { etag: 'a2', entity: entity('a', 80) });
    await new Promise((r) => setTimeout(r, 5));
    await facts.collectDue();
    const afterCollect = (await facts.factsFor(['component:default/a'])).get('component:default/a')!['example.coverage']!;
    assert.equal(afterCollect.value, 80);
    assert.ok(afterCollect.collectedAt > before.collectedAt);
    assert.equal(await facts.generation(), g);

    failing = true;
    catalog.set('component:default/a', { etag: 'a3', entity: entity('a', 10) });
    await facts.collectDue();
    failing = false;
    assert.equal((await facts.factsFor(['component:default/a'])).get('component:default/a')?.['example.coverage']?.value, 80);
  });

  it('forgets entities that left the catalog', async () => {
    const g = await facts.generation();
    catalog.delete('component:default/b');
    const r = await facts.collectDue();
    assert.equal(r.removed, 1);
    assert.equal((await facts.factsFor(['component:default/b'])).size, 0);
    assert.notEqual(await facts.generation(), g);
    await assert.rejects(facts.changedSince('not-a-number'), /not a generation/);
  });
});
