// Scorecards through the API on the database PAVED_TEST_DB names: levels gated by every rule of the level
// and below, results per entity with why a rule fails and how to fix it, per team and history, incremental
// re-evaluation after a catalog change, and a broken scorecard reported without stopping the others.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { serviceYaml, writeScoredOrganisation } from './scorecardFixtures';

interface Scores { entityRef: string; scores: Array<{ scorecard: { name: string }; level: string | null; next: { level: string; blocking: string[] } | null; score: number; rules: Array<{ ruleId: string; status: string; message: string; fix: string | null }> }> }
interface Summary { entityRef: string; entities: number; distribution: Record<string, number> }

const tmp = mkdtempSync(join(tmpdir(), 'paved-scorecards-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('scorecards API', () => {
  let server: PavedProcess;
  const dir = join(tmp, 'catalog');
  const scoresOf = async (name: string) => (await server.api<Scores>('GET', `/api/scorecards/entities/component/default/${name}`)).body;
  const levelOf = async (name: string) => (await scoresOf(name)).scores.find((s) => s.scorecard.name === 'production-readiness')?.level;

  before(async () => {
    writeScoredOrganisation(dir);
    server = await startPaved({ env: { PAVED_LOCATIONS: `file:${dir}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
    await until('the scorecard evaluated', async () => (await scoresOf('gold-svc')).scores?.length > 0, 60_000);
  });
  after(async () => {
    await server?.stop();
  });

  it('gives each entity the highest level whose rules, and those of every level below, all pass', async () => {
    assert.equal(await levelOf('gold-svc'), 'gold');
    assert.equal(await levelOf('silver-svc'), 'silver');
    assert.equal(await levelOf('bronze-svc'), 'bronze');
    assert.equal(await levelOf('jane-svc'), null, 'owned by a user: the bronze rule has-owner fails, so no level at all');
    assert.deepEqual((await scoresOf('some-lib')).scores, [], 'the filter keeps libraries out');
  });

  it('says which rules fail, why, and how to fix them', async () => {
    const silver = (await scoresOf('silver-svc')).scores[0]!;
    assert.deepEqual(silver.next, { level: 'gold', blocking: ['on-call', 'part-of-system'] });
    const onCall = silver.rules.find((r) => r.ruleId === 'on-call')!;
    assert.equal(onCall.status, 'fail');
    assert.equal(onCall.message, 'annotation pagerduty.com/service-id is missing');
    assert.match(onCall.fix ?? '', /pagerduty.com\/service-id/);
    const jane = (await scoresOf('jane-svc')).scores[0]!;
    assert.equal(jane.rules.find((r) => r.ruleId === 'has-owner')?.message, 'expected the owner to be a Group, but user:jane is a user');
    // Weights: has-owner 3, known-lifecycle 1, has-description 1, has-docs 2, has-runbook 1, on-call 2, part-of-system 1 = 11;
    // jane-svc fails has-owner, on-call and part-of-system (6), so 5 of 11 pass.
    assert.equal(jane.score, 45.5);
  });

  it('lists scorecards with their level distribution, per team, per rule and per day', async () => {
    const list = (await server.api<{ items: Summary[] }>('GET', '/api/scorecards')).body.items;
    const pr = list.find((s) => s.entityRef === 'scorecard:default/production-readiness')!;
    assert.equal(pr.entities, 4);
    assert.deepEqual(pr.distribution, { bronze: 1, silver: 1, gold: 1, none: 1 });
    const detail = (await server.api<Summary & { byOwner: Array<{ owner: string; entities: number }>; history: Array<{ day: string; distribution: Record<string, number> }>; rulePassRates: Array<{ ruleId: string; passed: number; failed: number }> }>('GET', '/api/scorecards/default/production-readiness')).body;
    assert.deepEqual(detail.byOwner.map((o) => [o.owner, o.entities]), [['group:default/team-a', 3], ['user:default/jane', 1]]);
    assert.deepEqual(detail.rulePassRates.find((r) => r.ruleId === 'on-call'), { ruleId: 'on-call', passed: 1, failed: 3, errors: 0 });
    assert.equal(detail.history.at(-1)?.day, new Date().toISOString().slice(0, 10));
    assert.deepEqual(detail.history.at(-1)?.distribution, { bronze: 1, silver: 1, gold: 1, none: 1 });
    const none = (await server.api<{ items: Array<{ entityRef: string }>; totalItems: number }>('GET', '/api/scorecards/default/production-readiness/entities?level=none')).body;
    assert.deepEqual(none.items.map((i) => i.entityRef), ['component:default/jane-svc']);
    assert.equal((await server.api('GET', '/api/scorecards/default/nope')).status, 404);
  });

  const catalogSize = async () => (await server.api<{ totalItems: number }>('GET', '/api/catalog/entities/by-query?limit=0')).body.totalItems;

  it('re-evaluates only what changed after a catalog change', async () => {
    writeFileSync(join(dir, 'silver-svc/catalog-info.yaml'), serviceYaml('silver-svc', { description: 'Takes payments from the shop', docs: true, runbook: true, pagerduty: true, system: 'shop' }));
    const r = await server.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/silver-svc' });
    assert.ok(r.status < 300, String(r.status));
    await until('silver-svc reaches gold', async () => (await levelOf('silver-svc')) === 'gold', 30_000);
    const again = await server.api<{ evaluated: number; unchanged: number }>('POST', '/api/scorecards/evaluate');
    assert.equal(again.status, 200);
    // Nothing changed since the scheduler's pass: every entity is compared by version, none is read or evaluated.
    assert.deepEqual(again.body, { ...again.body, evaluated: 0, unchanged: await catalogSize() });
  });

  it('reports a broken scorecard with its file and rule, and keeps evaluating the others', async () => {
    mkdirSync(join(dir, 'scorecards-broken'), { recursive: true });
    writeFileSync(join(dir, 'scorecards-broken/catalog-info.yaml'), [
      'apiVersion: paved.dev/v1alpha1', 'kind: Scorecard', 'metadata:', '  name: broken-card', 'spec:', '  owner: platform', '  levels: [ok]', '  rules:',
      '    - id: bad', '      title: Bad expression', '      level: ok', '      check: { type: expression, expression: "entity.metadata.name +" }', '',
    ].join('\n'));
    // Refreshing an entity refreshes its whole location: the directory, with the new file in it.
    assert.ok((await server.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/gold-svc' })).status < 300);
    const errors = (await server.api<{ items: Array<{ locationKey: string; path: string | null; message: string; line: number | null }> }>('GET', '/api/catalog/errors')).body.items;
    const e = errors.find((x) => x.locationKey.endsWith('scorecards-broken/catalog-info.yaml'));
    assert.ok(e, JSON.stringify(errors));
    assert.equal(e.path, 'spec.rules.0.check.expression');
    assert.match(e.message, /invalid CEL expression/);
    assert.equal(e.line, 12, 'the line of the expression');
    assert.equal((await server.api('GET', '/api/scorecards/default/broken-card')).status, 404);
    const again = await server.api<{ evaluated: number; unchanged: number }>('POST', '/api/scorecards/evaluate');
    assert.equal(again.body.evaluated, 0, 'the broken file changed no scored entity');
    assert.equal(await levelOf('gold-svc'), 'gold');
  });

  it('lets guests read but not evaluate, audits an evaluation, and documents the API', async () => {
    assert.equal((await server.api('GET', '/api/scorecards', undefined, { token: null })).status, 200);
    const guest = await server.api('POST', '/api/scorecards/evaluate', undefined, { token: null });
    assert.ok(guest.status === 401 || guest.status === 403, String(guest.status));
    const audit = await server.api<{ items: Array<{ action: string }> }>('GET', '/api/audit?action=scorecards.evaluate');
    assert.ok(audit.body.items.length >= 1);
    const spec = await server.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    for (const p of ['/api/scorecards', '/api/scorecards/{namespace}/{name}', '/api/scorecards/entities/{kind}/{namespace}/{name}', '/api/scorecards/evaluate']) assert.ok(spec.body.paths[p], p);
  });

  it('re-scores the entities of an owner that left the catalog, though their own descriptors did not change', async () => {
    const team = await server.api<{ metadata: { uid: string } }>('GET', '/api/catalog/entities/by-name/group/default/team-a');
    assert.equal((await server.api('DELETE', `/api/catalog/entities/by-uid/${team.body.metadata.uid}`)).status, 204);
    await until('gold-svc loses its owner rule', async () => (await scoresOf('gold-svc')).scores[0]?.rules.find((r) => r.ruleId === 'has-owner')?.status === 'fail', 30_000);
    assert.equal(await levelOf('gold-svc'), null, 'has-owner is a bronze rule');
    assert.equal(await levelOf('silver-svc'), null);
  });
});
