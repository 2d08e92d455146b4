// The generator's promises, checked through its public surface: same seed → same bytes, the
// advertised mix, every reference resolving, and output that Backstage's own validators accept.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  EntityPolicies, FieldFormatEntityPolicy, NoForeignRootFieldsEntityPolicy, SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator, componentEntityV1alpha1Validator, domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator, locationEntityV1alpha1Validator, parseEntityRef, stringifyEntityRef,
  systemEntityV1alpha1Validator, userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import type { Entity, KindValidator } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { ROOT_FILE, generateOrganisation } from './generate';
import type { GeneratedOrganisation } from './generate';
import { collectSamples, fillingFilters } from './queries';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MIX: Record<string, number> = { Group: 0.05, User: 0.1, System: 0.1, API: 0.15, Component: 0.6 };

function parseFile(text: string, file: string): Entity[] {
  return parseAllDocuments(text).map((doc, i) => {
    assert.deepEqual(doc.errors, [], `${file} document ${i} does not parse`);
    return doc.toJS() as Entity;
  });
}

function entitiesOf(org: GeneratedOrganisation): Entity[] {
  return org.files.filter((f) => f.path !== ROOT_FILE).flatMap((f) => parseFile(f.text, f.path));
}

function stringList(value: unknown): string[] {
  if (value === undefined) return [];
  assert.ok(Array.isArray(value) && value.every((v) => typeof v === 'string'), `expected a string list: ${String(value)}`);
  return value;
}

// Backstage's default kind per spec field (reference §1.5); dependsOn has none, so refs need a kind.
const REF_FIELDS: Array<{ field: string; relation: [string, string]; defaultKind?: string }> = [
  { field: 'owner', relation: ['ownedBy', 'ownerOf'], defaultKind: 'group' },
  { field: 'system', relation: ['partOf', 'hasPart'], defaultKind: 'system' },
  { field: 'domain', relation: ['partOf', 'hasPart'], defaultKind: 'domain' },
  { field: 'providesApis', relation: ['providesApi', 'apiProvidedBy'], defaultKind: 'api' },
  { field: 'consumesApis', relation: ['consumesApi', 'apiConsumedBy'], defaultKind: 'api' },
  { field: 'dependsOn', relation: ['dependsOn', 'dependencyOf'] },
  { field: 'memberOf', relation: ['memberOf', 'hasMember'], defaultKind: 'group' },
  { field: 'parent', relation: ['childOf', 'parentOf'], defaultKind: 'group' },
  { field: 'children', relation: ['parentOf', 'childOf'], defaultKind: 'group' },
];

/** Resolves every spec reference; returns the relation set the catalog would store. */
function resolveAll(entities: Entity[]): { unresolved: string[]; relations: Set<string> } {
  const known = new Set(entities.map((e) => stringifyEntityRef(e)));
  const unresolved: string[] = [];
  const relations = new Set<string>();
  for (const e of entities) {
    const self = stringifyEntityRef(e);
    for (const { field, relation, defaultKind } of REF_FIELDS) {
      const raw = e.spec?.[field];
      for (const ref of typeof raw === 'string' ? [raw] : stringList(raw)) {
        const target = stringifyEntityRef(parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }));
        if (!known.has(target)) unresolved.push(`${self} spec.${field}: ${ref}`);
        relations.add(`${self}|${relation[0]}|${target}`).add(`${target}|${relation[1]}|${self}`);
      }
    }
  }
  return { unresolved, relations };
}

const small = generateOrganisation({ n: 3000, seed: 7, chunk: 700 });
const smallEntities = entitiesOf(small);

describe('generateOrganisation', () => {
  it('produces the same bytes for the same seed, and different bytes for another seed', () => {
    assert.deepEqual(generateOrganisation({ n: 3000, seed: 7, chunk: 700 }), small);
    const other = generateOrganisation({ n: 3000, seed: 8, chunk: 700 });
    assert.notEqual(other.files[0]?.text, small.files[0]?.text);
  });

  it('keeps every kind within 1% of n of the advertised mix', () => {
    for (const n of [1000, 3000, 20000]) {
      const { manifest } = n === 3000 ? small : generateOrganisation({ n });
      const total = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
      assert.equal(total, n);
      for (const [kind, share] of Object.entries(MIX)) {
        const got = manifest.counts[kind] ?? 0;
        assert.ok(Math.abs(got - share * n) <= 0.01 * n, `n=${n}: ${kind} ${got}, expected ≈${share * n}`);
      }
      assert.ok((manifest.counts.Domain ?? 0) >= 1, 'at least one Domain');
    }
  });

  it('writes the counts it reports, in parts of at most chunk entities, listed by the root Location', () => {
    const counted: Record<string, number> = {};
    for (const e of smallEntities) counted[e.kind] = (counted[e.kind] ?? 0) + 1;
    assert.deepEqual(counted, small.manifest.counts);

    const parts = small.files.filter((f) => f.path !== ROOT_FILE);
    assert.equal(parts.length, Math.ceil(3000 / 700));
    for (const p of parts) assert.ok(parseFile(p.text, p.path).length <= 700);
    const [root] = parseFile(small.files.find((f) => f.path === ROOT_FILE)?.text ?? '', ROOT_FILE);
    assert.equal(root?.kind, 'Location');
    assert.deepEqual(root?.spec?.targets, parts.map((p) => `./${p.path}`));
  });

  it('resolves every reference to a generated entity and reports the true relation count', () => {
    const { unresolved, relations } = resolveAll(smallEntities);
    assert.deepEqual(unresolved, []);
    assert.equal(relations.size, small.manifest.relations);
  });

  it('builds a group hierarchy with one organization at the root', () => {
    const groups = smallEntities.filter((e) => e.kind === 'Group');
    const roots = groups.filter((g) => g.spec?.parent === undefined);
    assert.deepEqual(roots.map((g) => g.spec?.type), ['organization']);
    assert.ok(groups.some((g) => g.spec?.type === 'team'));
  });

  it('samples names and a search term that exist in the output', () => {
    const { sample } = small.manifest;
    const has = (kind: string, name: string): boolean => smallEntities.some((e) => e.kind === kind && e.metadata.name === name);
    assert.ok(has('Component', sample.component));
    assert.ok(has('Group', sample.group));
    assert.ok(has('User', sample.user));
    assert.ok(has('API', sample.api));
    assert.ok(smallEntities.some((e) => e.metadata.description?.includes(sample.term)));
  });

  it('counts kinds and Component lifecycles for the benchmark queries, which pick filters that fill a page', () => {
    const samples = collectSamples(small.files, small.manifest.sample.term);
    for (const [kind, n] of Object.entries(small.manifest.counts)) {
      if (kind !== 'Location') assert.equal(samples.kinds[kind.toLowerCase()], n, kind);
    }
    const components = smallEntities.filter((e) => e.kind === 'Component');
    for (const [lifecycle, n] of Object.entries(samples.lifecycles)) assert.equal(components.filter((e) => e.spec?.lifecycle === lifecycle).length, n, lifecycle);
    // At 1,000 entities there are exactly 50 Groups: a page of 50 would have no next cursor.
    const tiny = collectSamples(generateOrganisation({ n: 1000 }).files, '');
    assert.equal(tiny.kinds.group, 50);
    assert.deepEqual(fillingFilters(tiny.kinds, ['component', 'api', 'group'], 50), ['component', 'api']);
    assert.deepEqual(fillingFilters({ group: 3 }, ['component', 'group'], 50), ['group']);
  });

  it('emits entities that pass Backstage catalog-model validation', async () => {
    const policy = EntityPolicies.allOf([
      new SchemaValidEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new FieldFormatEntityPolicy(),
    ]);
    const validators: Record<string, KindValidator> = {
      Group: groupEntityV1alpha1Validator, User: userEntityV1alpha1Validator, Domain: domainEntityV1alpha1Validator,
      System: systemEntityV1alpha1Validator, API: apiEntityV1alpha1Validator,
      Component: componentEntityV1alpha1Validator, Location: locationEntityV1alpha1Validator,
    };
    const root = parseFile(small.files.find((f) => f.path === ROOT_FILE)?.text ?? '', ROOT_FILE);
    for (const e of [...smallEntities, ...root]) {
      await policy.enforce(e);
      assert.equal(await validators[e.kind]?.check(e), true, `${stringifyEntityRef(e)} rejected by its kind validator`);
    }
  });

  it('rejects an n too small to hold every kind', () => {
    assert.throws(() => generateOrganisation({ n: 5 }), /n must be an integer ≥ 20/);
  });
});

describe('bench/generate.ts CLI', () => {
  const script = path.join(HERE, 'generate.ts');

  it('writes the parts, all.yaml and manifest.json', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'paved-gen-'));
    try {
      execFileSync(process.execPath, ['--import', 'tsx', script, '1200', '--out', out, '--seed', '3', '--chunk', '400']);
      const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { counts: Record<string, number>; n: number };
      assert.equal(manifest.n, 1200);
      assert.deepEqual(manifest.counts, generateOrganisation({ n: 1200, seed: 3, chunk: 400 }).manifest.counts);
      for (const f of ['all.yaml', 'part-0000.yaml', 'part-0002.yaml']) assert.ok(existsSync(path.join(out, f)), f);
      assert.ok(!existsSync(path.join(out, 'part-0003.yaml')));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('fails with a usage line on bad arguments', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, '10', '--out', tmpdir()], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /n: .*\n.*usage: node --import tsx bench\/generate\.ts N --out DIR/);
  });
});
