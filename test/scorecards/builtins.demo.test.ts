// The four built-in scorecards (examples/scorecards, ADR 0030) on the demo organisation, on the database
// PAVED_TEST_DB names: each gives named demo entities the level their descriptors and repository folders
// (examples/services/*) earn, with the failing rule and its fix text, and the levels spread across teams.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

type Rule = { ruleId: string; level: string; status: string; message: string; fix: string | null };
type Score = { scorecard: { name: string }; level: string | null; rules: Rule[] };
type Summary = { name: string; owner: string; entities: number; distribution: Record<string, number> };

const PR = 'production-readiness';
const SEC = 'security-baseline';
const GP = 'golden-path-conformance';
const CDQ = 'catalog-data-quality';

/** Levels the demo earns: null is "below the first level". */
const EXPECTED: Record<string, Record<string, string | null>> = {
  'storefront-bff': { [CDQ]: 'gold', [GP]: 'silver', [PR]: 'gold', [SEC]: 'gold' },
  'orders-service': { [CDQ]: 'gold', [GP]: null, [PR]: 'gold', [SEC]: 'bronze' },
  'feature-flags-service': { [CDQ]: 'gold', [GP]: 'bronze', [PR]: 'bronze', [SEC]: 'bronze' },
  'route-planner': { [CDQ]: 'gold', [GP]: 'bronze', [PR]: 'bronze', [SEC]: null },
  'recommendations-service': { [CDQ]: 'gold', [GP]: 'silver', [PR]: 'bronze', [SEC]: 'silver' },
  'cart-service': { [CDQ]: 'gold', [GP]: null, [PR]: 'silver', [SEC]: null },
  'legacy-wms-adapter': { [CDQ]: 'bronze', [GP]: null, [PR]: 'bronze', [SEC]: null },
  'legacy-recs-lib': { [CDQ]: 'gold' },
};

describe('built-in scorecards on the demo organisation', () => {
  let server: PavedProcess;
  const scoresOf = async (name: string, kind = 'component') => (await server.api<{ scores?: Score[] }>('GET', `/api/scorecards/entities/${kind}/default/${name}`)).body.scores ?? [];
  const levelsOf = async (name: string) => Object.fromEntries((await scoresOf(name)).map((s) => [s.scorecard.name, s.level]));
  const allLevels = async () => Object.fromEntries(await Promise.all(Object.keys(EXPECTED).map(async (n) => [n, await levelsOf(n)] as const)));
  const rule = async (name: string, card: string, id: string) => (await scoresOf(name)).find((s) => s.scorecard.name === card)?.rules.find((r) => r.ruleId === id);

  before(async () => {
    server = await startPaved({ demo: true });
    // Facts are collected after the catalog loads, and scores follow the facts: wait for the settled result.
    await until('the demo scored with its facts', async () => JSON.stringify(await allLevels()) === JSON.stringify(EXPECTED), 120_000, 500)
      .catch(() => undefined);
  });
  after(async () => server?.stop());

  it('ships the four scorecards, owned by the platform team, applied to the demo', async () => {
    const list = (await server.api<{ items: Summary[] }>('GET', '/api/scorecards')).body.items;
    assert.deepEqual(list.map((s) => [s.name, s.owner]), [CDQ, GP, PR, SEC].map((n) => [n, 'group:default/platform-team']));
    const byName = Object.fromEntries(list.map((s) => [s.name, s]));
    // Services and websites for three of them; components, APIs, resources and systems for catalog data quality.
    for (const n of [GP, PR, SEC]) assert.equal(byName[n]?.entities, 28, n);
    assert.equal(byName[CDQ]?.entities, 74);
    for (const s of list) {
      const reached = Object.entries(s.distribution).filter(([, n]) => n > 0);
      assert.ok(reached.length >= 3, `${s.name} spreads over at least three outcomes: ${JSON.stringify(s.distribution)}`);
    }
  });

  it('gives the named demo entities the levels their files and descriptors earn', async () => {
    assert.deepEqual(await allLevels(), EXPECTED);
  });

  it('security baseline: a root Dockerfile fails the non-root rule, a plaintext key fails secrets by reference, each with its fix', async () => {
    const root = await rule('feature-flags-service', SEC, 'non-root-container');
    assert.equal(root?.status, 'fail');
    assert.match(root?.fix ?? '', /^End the final stage of the `Dockerfile` with a non-root user/);
    assert.equal((await rule('storefront-bff', SEC, 'non-root-container'))?.status, 'pass');
    const secret = await rule('orders-service', SEC, 'secrets-by-reference');
    assert.equal(secret?.status, 'fail');
    assert.match(secret?.fix ?? '', /Replace each plaintext secret in `score.yaml`/);
    assert.equal((await rule('recommendations-service', SEC, 'network-policy'))?.status, 'fail', 'its policy allows the storefront but denies nothing by default');
    assert.equal((await rule('route-planner', SEC, 'codeowners'))?.status, 'fail');
  });

  it('production readiness: health probes come from score.yaml; golden path: the version must be current', async () => {
    assert.equal((await rule('storefront-bff', PR, 'health-probes'))?.status, 'pass');
    assert.equal((await rule('route-planner', PR, 'health-probes'))?.status, 'fail', 'a readiness probe without a liveness probe');
    assert.equal((await rule('feature-flags-service', PR, 'has-runbook'))?.status, 'fail');
    const old = await rule('feature-flags-service', GP, 'current-version');
    assert.equal(old?.status, 'fail');
    assert.match(old?.fix ?? '', /migration guide/);
  });

  it('catalog data quality: a relation to a removed resource and an owner who left are caught', async () => {
    assert.equal((await rule('legacy-wms-adapter', CDQ, 'relations-resolve'))?.status, 'fail');
    const bucket = (await scoresOf('product-images-bucket', 'resource')).find((x) => x.scorecard.name === CDQ);
    assert.equal(bucket?.level, null);
    assert.equal(bucket?.rules.find((r) => r.ruleId === 'owner-exists')?.status, 'fail');
    assert.match(bucket?.rules.find((r) => r.ruleId === 'owner-exists')?.fix ?? '', /^Point `spec.owner` at a Group \(or User\) that exists/);
    assert.equal((await rule('cart-service', CDQ, 'descriptor-current'))?.status, 'pass');
    const facts = (await server.api<{ facts: Array<{ name: string; value: unknown }> }>('GET', '/api/facts/entities/component/default/legacy-wms-adapter')).body.facts;
    assert.deepEqual(facts.find((f) => f.name === 'catalog.unresolvedRelations')?.value, ['dependsOn resource:default/leeds-ftp-drop']);
  });
});
