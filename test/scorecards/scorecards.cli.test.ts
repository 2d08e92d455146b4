// `paved scorecards` and `paved score` (the real binary) against a live server: tables, rules with their
// fix, structured output, and the exit code that fails a pipeline below a level.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { PAVED_BIN, ROOT, startPaved, type PavedProcess } from '../helpers/startPaved';
import { writeScoredOrganisation } from './scorecardFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'paved-scorecards-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('paved scorecards and paved score (the real binary)', () => {
  let server: PavedProcess;
  let env: Record<string, string>;
  const paved = (args: string[]) => {
    const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(async () => {
    writeScoredOrganisation(join(tmp, 'catalog'));
    server = await startPaved({ env: { PAVED_LOCATIONS: `file:${join(tmp, 'catalog')}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
    env = { PAVED_URL: server.url, PAVED_TOKEN: server.adminToken };
    await until('the scorecard evaluated', async () => (await server.api<{ items: Array<{ entities: number }> }>('GET', '/api/scorecards')).body.items[0]?.entities === 4, 60_000);
  });
  after(async () => server?.stop());

  it('lists scorecards with entities per level', () => {
    const r = paved(['scorecards']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+OWNER\s+RULES\s+ENTITIES\s+LEVELS$/m);
    assert.match(r.stdout, /^production-readiness\s+platform\s+7\s+4\s+bronze 1, silver 1, gold 1, none 1$/m);
  });

  it('shows one scorecard: rules with pass rates and the teams', () => {
    const r = paved(['scorecards', 'production-readiness']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^on-call\s+gold\s+2\s+1\s+3\s+0$/m);
    assert.match(r.stdout, /^team-a\s+3\s+1\s+1\s+1\s+0$/m);
  });

  it('shows an entity\'s rules, with the fix of each failing one', () => {
    const r = paved(['score', 'component:default/silver-svc']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Production readiness: silver \(score [\d.]+%\), next gold: fix on-call, part-of-system$/m);
    assert.match(r.stdout, /✖ \[gold\] Has an on-call rotation: annotation pagerduty.com\/service-id is missing\n\s+fix: Add the `pagerduty.com\/service-id` annotation/);
    const json = JSON.parse(paved(['score', 'silver-svc', '-o', 'json']).stdout) as { scores: Array<{ level: string }> };
    assert.equal(json.scores[0]?.level, 'silver');
  });

  it('fails a pipeline below --min-level, passes at or above it', () => {
    assert.equal(paved(['score', 'silver-svc', '--min-level', 'silver']).code, 0);
    assert.equal(paved(['score', 'gold-svc', '--min-level', 'gold']).code, 0);
    const below = paved(['score', 'silver-svc', '--min-level', 'gold']);
    assert.equal(below.code, 1);
    assert.match(below.stderr, /component:default\/silver-svc is below gold on production-readiness \(silver\)/);
    const none = paved(['score', 'jane-svc', '--min-level', 'bronze']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /below bronze on production-readiness \(no level\)/);
    const unknown = paved(['score', 'silver-svc', '--min-level', 'platinum']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no scorecard of component:default\/silver-svc has the level "platinum"/);
  });
});
