// Scorecard rules that read facts: files of the entity's repository (collected) and a value an external
// tool pushed (CI coverage). A pushed fact moves the entity's level without any catalog change.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { serviceYaml } from './scorecardFixtures';

interface Scores { scores: Array<{ level: string | null; rules: Array<{ ruleId: string; status: string; message: string }> }> }

const SCORECARD = `apiVersion: paved.dev/v1alpha1
kind: Scorecard
metadata:
  name: repo-hygiene
spec:
  owner: platform
  filter: { kind: component }
  levels: [basic, tested]
  rules:
    - id: dockerfile
      title: Builds a container
      level: basic
      check: { type: fileExists, path: Dockerfile }
    - id: coverage
      title: Coverage of 80% or more
      level: tested
      fix: Push ci.coverage from your pipeline.
      check:
        type: expression
        expression: has(facts.ci_coverage) && facts.ci_coverage >= 80.0
`;

const tmp = mkdtempSync(join(tmpdir(), 'paved-scorecards-facts-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('scorecards with facts', () => {
  let server: PavedProcess;
  const dir = join(tmp, 'catalog');
  const scores = async () => (await server.api<Partial<Scores>>('GET', '/api/scorecards/entities/component/default/payments')).body.scores?.[0];

  before(async () => {
    mkdirSync(join(dir, 'payments'), { recursive: true });
    mkdirSync(join(dir, 'scorecards'), { recursive: true });
    writeFileSync(join(dir, 'payments/catalog-info.yaml'), serviceYaml('payments'));
    writeFileSync(join(dir, 'payments/Dockerfile'), 'FROM node:20\nUSER node\n');
    writeFileSync(join(dir, 'scorecards/catalog-info.yaml'), SCORECARD);
    server = await startPaved({ env: { PAVED_LOCATIONS: `file:${dir}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
  });
  after(async () => server?.stop());

  it('passes a fileExists rule from the collected repository files', async () => {
    const s = await until('the repository facts in the score', async () => {
      const x = await scores();
      return x?.rules.find((r) => r.ruleId === 'dockerfile')?.status === 'pass' ? x : undefined;
    }, 60_000);
    assert.equal(s.level, 'basic');
    assert.equal(s.rules.find((r) => r.ruleId === 'coverage')?.status, 'fail');
  });

  it('moves the level when a pushed fact changes, with no catalog change', async () => {
    const push = await server.api('POST', '/api/facts/entities/component/default/payments', { source: 'ci', facts: { ci_coverage: 91.5 } });
    assert.ok(push.status < 300, JSON.stringify(push.body));
    await until('the pushed coverage in the score', async () => ((await scores())?.level === 'tested' ? true : undefined), 30_000);
    await server.api('POST', '/api/facts/entities/component/default/payments', { source: 'ci', facts: { ci_coverage: 42 } });
    await until('the lower coverage in the score', async () => ((await scores())?.level === 'basic' ? true : undefined), 30_000);
  });
});
