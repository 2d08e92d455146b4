// Golden paths and conformance through the HTTP API, against a real server (SQLite or PostgreSQL per
// PAVED_TEST_DB): the demo organisation's five paths and the Components annotated as created from them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GoldenPathDetail, GoldenPathList, GoldenPathMigration } from '../../src/contracts';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

type Counts = { total: number; current: number; older: number; unknownVersion: number };
const counts = (a: Counts) => ({ total: a.total, current: a.current, older: a.older, unknownVersion: a.unknownVersion });

describe('golden paths API (demo organisation)', () => {
  let paved: PavedProcess;
  before(async () => {
    paved = await startPaved({ demo: true });
  });
  after(async () => paved?.stop());

  it('the demo organisation, golden paths included, loads without processing errors', async () => {
    const errors = await paved.api<{ totalItems: number; items: unknown[] }>('GET', '/api/catalog/errors');
    assert.equal(errors.body.totalItems, 0, JSON.stringify(errors.body.items));
    const gp = await paved.api<{ relations: Array<{ type: string; targetRef: string }> }>('GET', '/api/catalog/entities/by-name/goldenpath/default/typescript-http-service');
    assert.equal(gp.status, 200);
    const rel = gp.body.relations.map((r) => `${r.type} ${r.targetRef}`);
    assert.ok(rel.includes('ownedBy group:default/platform-team'), rel.join(', '));
    assert.ok(rel.includes('usesTemplate template:default/typescript-http-service'), rel.join(', '));
    const tpl = await paved.api<{ relations: Array<{ type: string; targetRef: string }> }>('GET', '/api/catalog/entities/by-name/template/default/typescript-http-service');
    assert.ok(tpl.body.relations.some((r) => r.type === 'templateOf' && r.targetRef === 'goldenpath:default/typescript-http-service'));
  });

  it('lists the five paths with version, tier, owner, template and adoption counts', async () => {
    const res = await paved.api<GoldenPathList>('GET', '/api/golden-paths');
    assert.equal(res.status, 200);
    const byName = new Map(res.body.items.map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()], ['ai-model-serving', 'background-worker', 'docs-site', 'python-http-service', 'typescript-http-service']);
    const ts = byName.get('typescript-http-service');
    assert.ok(ts);
    assert.equal(ts.version, '1.0.0');
    assert.equal(ts.supportTier, 'supported');
    assert.equal(ts.owner, 'group:default/platform-team');
    assert.equal(ts.template, 'template:default/typescript-http-service');
    assert.equal(ts.templateExists, true);
    assert.equal(ts.standardCount, 7);
    assert.equal(ts.hasDocs, true);
    assert.deepEqual(ts.ci, { providers: ['github-actions', 'gitlab-ci'], pattern: 'build-test-scan-image' });
    assert.equal(byName.get('docs-site')?.supportTier, 'community');
    const expected: Record<string, Counts> = {
      'typescript-http-service': { total: 2, current: 1, older: 1, unknownVersion: 0 },
      'python-http-service': { total: 2, current: 1, older: 1, unknownVersion: 0 },
      'background-worker': { total: 2, current: 0, older: 1, unknownVersion: 1 },
      'ai-model-serving': { total: 1, current: 1, older: 0, unknownVersion: 0 },
      'docs-site': { total: 0, current: 0, older: 0, unknownVersion: 0 },
    };
    for (const [name, want] of Object.entries(expected)) assert.deepEqual(counts(byName.get(name)?.adoption as Counts), want, name);
    assert.deepEqual(byName.get('background-worker')?.adoption.versions, [
      { version: '1.0.0-beta.1', count: 1, status: 'older' },
      { version: null, count: 1, status: 'unknown' },
    ]);
    const c = res.body.components;
    assert.deepEqual({ ...c, unpavedItems: c.unpavedItems.length }, { total: 33, onPath: 7, current: 3, older: 4, unpaved: 26, unpavedItems: 26 });
    assert.ok(c.unpavedItems.some((x) => x.entityRef === 'component:default/cart-service' && x.owner === 'group:default/checkout-team'));
    assert.ok(!c.unpavedItems.some((x) => x.name === 'storefront-bff'));
    assert.deepEqual(res.body.errors, []);
  });

  it('gives each team its number of services, how many are on a path (current/older) and its share', async () => {
    const { body } = await paved.api<GoldenPathList>('GET', '/api/golden-paths');
    const team = (owner: string) => body.teams.find((t) => t.owner === owner);
    assert.deepEqual(team('group:default/storefront-team'), { owner: 'group:default/storefront-team', components: 6, onPath: 2, current: 1, older: 1, share: 2 / 6 });
    assert.deepEqual(team('group:default/personalisation-team'), { owner: 'group:default/personalisation-team', components: 3, onPath: 1, current: 1, older: 0, share: 1 / 3 });
    assert.deepEqual(team('group:default/logistics-team'), { owner: 'group:default/logistics-team', components: 8, onPath: 2, current: 0, older: 2, share: 2 / 8 });
    assert.equal(team('user:default/diego.alvarez')?.share, 0);
    assert.equal(body.teams.reduce((n, t) => n + t.components, 0), 33);
    const shares = body.teams.map((t) => t.share);
    assert.deepEqual(shares, [...shares].sort((a, b) => b - a), 'sorted by share, highest first');
  });

  it('details: standards with their fix, services current and older, conformance per team', async () => {
    const res = await paved.api<GoldenPathDetail>('GET', '/api/golden-paths/default/typescript-http-service');
    assert.equal(res.status, 200);
    const d = res.body;
    assert.equal(d.standards.length, 7);
    assert.deepEqual(d.standards[1], { id: 'has-ci', title: 'Runs CI on every push', description: null, fix: 'Keep .github/workflows/ci.yml from the template.', check: { type: 'fileExists', path: '.github/workflows/ci.yml' } });
    assert.deepEqual(d.services.map((s) => [s.name, s.version, s.status, s.via, s.owner]), [
      ['feature-flags-service', '0.9.0', 'older', 'annotation', 'group:default/platform-team'],
      ['storefront-bff', '1.0.0', 'current', 'annotation', 'group:default/storefront-team'],
    ]);
    assert.deepEqual(d.teams.map((t) => [t.owner, t.onPath, t.current, t.older]), [
      ['group:default/platform-team', 1, 0, 1],
      ['group:default/storefront-team', 1, 1, 0],
    ]);
    const worker = await paved.api<GoldenPathDetail>('GET', '/api/golden-paths/default/background-worker');
    const allocator = worker.body.services.find((s) => s.name === 'order-allocator');
    assert.deepEqual(allocator && [allocator.via, allocator.version, allocator.status], ['template', null, 'unknown'], 'on the path through its source template only');
    const none = await paved.api<{ error: { message: string } }>('GET', '/api/golden-paths/default/no-such-path');
    assert.equal(none.status, 404);
    assert.match(none.body.error.message, /No golden path named 'no-such-path'/);
  });

  it('migration lists the services behind the current version with their version', async () => {
    const res = await paved.api<GoldenPathMigration>('GET', '/api/golden-paths/default/python-http-service/migration');
    assert.equal(res.status, 200);
    assert.equal(res.body.version, '1.0.0');
    assert.equal(res.body.totalBehind, 1);
    assert.deepEqual(res.body.behind.map((s) => [s.entityRef, s.version, s.status]), [['component:default/route-planner', '0.9.0', 'older']]);
    assert.equal(res.body.diff.available, false);
    assert.match(res.body.behind[0]?.diff.reason ?? '', /Not created by Paved's scaffolder: no task holds the parameters/);
    const paged = await paved.api<GoldenPathMigration>('GET', '/api/golden-paths/default/background-worker/migration?limit=1');
    assert.equal(paged.body.totalBehind, 2);
    assert.equal(paged.body.behind.length, 1);
    assert.ok(paged.body.nextCursor);
    const next = await paved.api<GoldenPathMigration>('GET', `/api/golden-paths/default/background-worker/migration?limit=1&cursor=${encodeURIComponent(paged.body.nextCursor)}`);
    assert.deepEqual([...paged.body.behind, ...next.body.behind].map((s) => s.name), ['order-allocator', 'search-indexer']);
  });

  it('is in the OpenAPI document with its zod contracts', async () => {
    const doc = await paved.api<{ paths: Record<string, { get?: { responses?: Record<string, unknown> } }> }>('GET', '/api/openapi.json');
    for (const p of ['/api/golden-paths', '/api/golden-paths/{namespace}/{name}', '/api/golden-paths/{namespace}/{name}/migration']) {
      assert.ok(doc.body.paths[p]?.get?.responses?.['200'], p);
    }
  });
});

const goldenPath = (name: string, version: string) => `apiVersion: paved.dev/v1alpha1
kind: GoldenPath
metadata:
  name: ${name}
spec:
  owner: group:default/team-a
  version: ${version}
  supportTier: supported
  template: template:default/${name}
  standards:
    - id: has-owner
      title: Has an owner
      check: { type: ownerIsGroup }
`;
const component = (name: string, path: string, version: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    paved.dev/golden-path: ${path}
    paved.dev/golden-path-version: ${version}
spec:
  type: service
  lifecycle: production
  owner: team-a
`;

describe('golden paths API (a broken golden path, no guests)', () => {
  let paved: PavedProcess;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paved-gp-'));
    writeFileSync(join(dir, 'good.yaml'), [goldenPath('good-path', '2.1.0'), component('svc-new', 'good-path', '2.1.0'), component('svc-old', 'good-path', '1.4.2'), component('svc-ahead', 'default/good-path', '3.0.0')].join('---\n'));
    writeFileSync(join(dir, 'golden-path.yaml'), goldenPath('broken-path', 'v2').replace('check: { type: ownerIsGroup }', 'check: { type: isShiny }'));
    paved = await startPaved({ env: { PAVED_GUEST_ACCESS: '0' } });
    const reg = await paved.api('POST', '/api/catalog/locations', { type: 'file', target: join(dir, '*.yaml') });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
  });
  after(async () => {
    await paved?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a broken golden-path.yaml is a processing error with field and line, and does not block the others', async () => {
    const errors = await paved.api<{ items: Array<{ entityRef: string | null; path: string | null; line: number | null; message: string }> }>('GET', '/api/catalog/errors');
    const mine = errors.body.items.filter((e) => e.entityRef === 'goldenpath:default/broken-path');
    assert.deepEqual(mine.map((e) => [e.path, e.line]).sort(), [['spec.standards.0.check.type', 13], ['spec.version', 7]]);
    assert.match(mine.find((e) => e.path === 'spec.version')?.message ?? '', /expected a semantic version such as 1\.2\.0, but found "v2"/);
    const list = await paved.api<GoldenPathList>('GET', '/api/golden-paths');
    assert.deepEqual(list.body.items.map((p) => p.name), ['good-path']);
    assert.deepEqual(list.body.errors.map((e) => e.path).sort(), ['spec.standards.0.check.type', 'spec.version']);
    const good = list.body.items[0];
    assert.ok(good);
    assert.deepEqual(counts(good.adoption), { total: 3, current: 1, older: 1, unknownVersion: 1 });
    assert.equal(good.templateExists, false);
    const detail = await paved.api<GoldenPathDetail>('GET', '/api/golden-paths/default/good-path');
    assert.deepEqual(detail.body.services.map((s) => [s.name, s.status]), [['svc-ahead', 'unknown'], ['svc-new', 'current'], ['svc-old', 'older']]);
    const migration = await paved.api<GoldenPathMigration>('GET', '/api/golden-paths/default/good-path/migration');
    assert.deepEqual(migration.body.behind.map((s) => [s.name, s.version]), [['svc-ahead', '3.0.0'], ['svc-old', '1.4.2']]);
  });

  it('needs authentication', async () => {
    const res = await paved.api<{ error: { name: string } }>('GET', '/api/golden-paths', undefined, { token: null });
    assert.equal(res.status, 401);
    const detail = await paved.api('GET', '/api/golden-paths/default/good-path/migration', undefined, { token: null });
    assert.equal(detail.status, 401);
  });
});
