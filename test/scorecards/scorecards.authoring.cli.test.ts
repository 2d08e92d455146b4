// `paved scorecards apply -f … [--dry-run]` and `paved scorecards delete` (the real binary) against a live
// server: the dry run prints levels before → after and the teams gaining and losing, and saves nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { PAVED_BIN, ROOT, startPaved, type PavedProcess } from '../helpers/startPaved';
import { docsReadyYaml } from './scorecardAuthoringFixtures';
import { writeScoredOrganisation } from './scorecardFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'paved-scorecard-authoring-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('paved scorecards apply and delete (the real binary)', () => {
  let server: PavedProcess;
  let env: Record<string, string>;
  const file = join(tmp, 'docs-ready.yaml');
  const paved = (args: string[]) => {
    const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const entities = async () => (await server.api<{ entities?: number }>('GET', '/api/scorecards/default/docs-ready')).body.entities;
  before(async () => {
    writeScoredOrganisation(join(tmp, 'catalog'));
    server = await startPaved({ env: { PAVED_LOCATIONS: `file:${join(tmp, 'catalog')}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
    env = { PAVED_URL: server.url, PAVED_TOKEN: server.adminToken };
    await until('the file scorecard evaluated', async () => (await server.api<{ items: Array<{ entities: number }> }>('GET', '/api/scorecards')).body.items[0]?.entities === 4, 60_000);
  });
  after(async () => server?.stop());

  it('previews a new scorecard with --dry-run and saves nothing', async () => {
    writeFileSync(file, docsReadyYaml());
    const r = paved(['scorecards', 'apply', '-f', file, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Preview of scorecard:default\/docs-ready \(new\) over \d+ catalog entities, in \d+ ms:$/m);
    assert.match(r.stdout, /^basic\s+0\s+1$/m);
    assert.match(r.stdout, /^documented\s+0\s+3$/m);
    assert.match(r.stdout, /^4 entities would gain a level, 0 would lose one; 4 enter the scope, 0 leave it\.$/m);
    assert.match(r.stdout, /^team-a\s+3\s+3\s+0$/m);
    assert.match(r.stdout, /^user:default\/jane\s+1\s+1\s+0$/m);
    assert.match(r.stdout, /component:default\/bronze-svc \(team-a\): not in scope → basic/);
    assert.equal((await server.api('GET', '/api/scorecards/default/docs-ready')).status, 404);
  });

  it('applies it, then previews and applies a change that loses levels, then deletes it', async () => {
    const r = paved(['scorecards', 'apply', '-f', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Created scorecard:default\/docs-ready \(managed:scorecard:default\/docs-ready\); its evaluation is queued\.$/m);
    await until('evaluated', async () => (await entities()) === 4, 30_000);
    writeFileSync(file, docsReadyYaml({ onCallAtBasic: true }));
    const dry = paved(['scorecards', 'apply', '-f', file, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /\(changed\)/);
    assert.match(dry.stdout, /^none\s+0\s+3$/m);
    assert.match(dry.stdout, /^0 entities would gain a level, 3 would lose one/m);
    assert.match(dry.stdout, /^team-a\s+3\s+0\s+2$/m);
    assert.match(dry.stdout, /component:default\/silver-svc \(team-a\): documented → none/);
    assert.match(paved(['scorecards', 'apply', '-f', file]).stdout, /^Updated scorecard:default\/docs-ready/m);
    const del = paved(['scorecards', 'delete', 'docs-ready']);
    assert.equal(del.code, 0, del.stderr);
    assert.equal((await server.api('GET', '/api/catalog/entities/by-name/scorecard/default/docs-ready')).status, 404);
  });

  it('fails with the server\'s message for a broken file and for a scorecard defined in a file location', () => {
    writeFileSync(file, docsReadyYaml().replace('level: documented', 'level: platinum'));
    const broken = paved(['scorecards', 'apply', '-f', file]);
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /line 22: spec\.rules\.1\.level: expected one of the levels basic, documented/);
    const readOnly = paved(['scorecards', 'delete', 'production-readiness']);
    assert.notEqual(readOnly.code, 0);
    assert.match(readOnly.stderr, /defined as code in file:.*catalog-info\.yaml: edit the file there/);
  });
});
