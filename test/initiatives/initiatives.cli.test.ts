// `paved initiatives` (the real binary) against a live server: create from a YAML file and from flags,
// publish, the list with status and percent, per-team progress, the to-fix list with fix texts, close.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PAVED_BIN, ROOT, startPaved, type PavedProcess } from '../helpers/startPaved';
import { daysFromNow, today, untilScored, writeInitiativeOrganisation } from './initiativeFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'paved-initiatives-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('paved initiatives (the real binary)', () => {
  let server: PavedProcess;
  let env: Record<string, string>;
  const paved = (args: string[]) => {
    const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(async () => {
    writeInitiativeOrganisation(join(tmp, 'catalog'));
    server = await startPaved({ env: { PAVED_LOCATIONS: `file:${join(tmp, 'catalog')}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
    env = { PAVED_URL: server.url, PAVED_TOKEN: server.adminToken };
    await untilScored(server);
  });
  after(async () => server?.stop());

  it('creates from a YAML file and publishes', () => {
    const file = join(tmp, 'docs.yaml');
    writeFileSync(file, [
      'name: docs-and-runbooks', 'title: Docs and runbooks everywhere', 'owner: group:default/platform', 'scorecard: production-readiness',
      'level: silver', `startDate: "${today()}"`, `targetDate: "${daysFromNow(30)}"`, 'brief: |', '  Every service gets **docs** and a runbook.', '',
    ].join('\n'));
    const created = paved(['initiatives', 'create', '-f', file]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^initiative docs-and-runbooks created \(draft\): 85% met, 17\/20$/m);
    const published = paved(['initiatives', 'publish', 'docs-and-runbooks']);
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /^initiative docs-and-runbooks: active$/m);
  });

  it('creates from flags; a bad file or flag fails with the field named', () => {
    const r = paved(['initiatives', 'create', '--name', 'lifecycles', '--title', 'Known lifecycles', '--owner', 'platform', '--scorecard', 'production-readiness',
      '--rules', 'known-lifecycle', '--start', '2025-01-01', '--target', '2025-03-01']);
    assert.equal(r.code, 0, r.stderr);
    const bad = paved(['initiatives', 'create', '--name', 'x', '--title', 'X', '--owner', 'platform', '--scorecard', 'production-readiness', '--level', 'silver', '--start', 'soon', '--target', '2025-03-01']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /startDate: expected a date YYYY-MM-DD/);
    const unknown = paved(['initiatives', 'create', '--name', 'x', '--title', 'X', '--owner', 'platform', '--scorecard', 'production-readiness', '--rules', 'teleport', '--start', '2025-01-01', '--target', '2025-03-01']);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /400 .*has no rule "teleport"/);
  });

  it('lists initiatives with status and percent done', () => {
    const r = paved(['initiatives']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+STATUS\s+DONE\s+MET\s+OWNER\s+TARGET\s+TITLE$/m);
    assert.match(r.stdout, /^lifecycles\s+draft\s+100%\s+4\/4\s+platform\s+2025-03-01\s+Known lifecycles$/m);
    assert.match(r.stdout, new RegExp(`^docs-and-runbooks\\s+active\\s+85%\\s+17/20\\s+platform\\s+${daysFromNow(30)}\\s+Docs and runbooks everywhere$`, 'm'));
  });

  it('shows progress per team, and what each team still has to fix with the fix text', () => {
    const r = paved(['initiatives', 'docs-and-runbooks']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Docs and runbooks everywhere \(docs-and-runbooks\): active, 85% \(17\/20 rule checks met\)/m);
    assert.match(r.stdout, /^team-a\s+13\s+15\s+86\.7%\s+3\s+2$/m);
    assert.match(r.stdout, /^user:default\/jane\s+4\s+5\s+80%\s+1\s+0$/m);
    const todo = paved(['initiatives', 'docs-and-runbooks', '--todo', '--owner', 'group:team-a']);
    assert.equal(todo.code, 0, todo.stderr);
    assert.match(todo.stdout, /^team-a:\n {2}component:default\/bronze-svc\n {4}✖ Publishes docs \(has-docs\): .+\n {8}fix: Add `mkdocs.yml` and `docs\/index.md`/m);
    assert.match(todo.stdout, /✖ Links a runbook \(has-runbook\): .+\n {8}fix: Add a link titled "Runbook" under `metadata.links`\./);
    assert.doesNotMatch(todo.stdout, /jane-svc|gold-svc/);
    const json = JSON.parse(paved(['initiatives', 'docs-and-runbooks', '--todo', '-o', 'json']).stdout) as { teams: Array<{ owner: string }> };
    assert.deepEqual(json.teams.map((t) => t.owner), ['group:default/team-a', 'user:default/jane']);
  });

  it('closes; an unknown initiative is a clear error', () => {
    const r = paved(['initiatives', 'close', 'docs-and-runbooks']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^initiative docs-and-runbooks: closed$/m);
    const missing = paved(['initiatives', 'nope']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /404 .*No initiative nope/);
  });
});
