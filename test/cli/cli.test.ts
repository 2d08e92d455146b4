import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PAVED_BIN, ROOT, startPaved, type PavedProcess } from '../helpers/startPaved';

function paved(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('paved CLI (the real binary)', () => {
  let server: PavedProcess;
  let dir: string;
  let env: Record<string, string>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paved-cli-'));
    writeFileSync(join(dir, 'good.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: cli-svc\n  description: made by the CLI test\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/cli-team\n');
    writeFileSync(join(dir, 'team.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: cli-team\nspec:\n  type: team\n  children: []\n');
    server = await startPaved();
    env = { PAVED_URL: server.url, PAVED_TOKEN: server.adminToken };
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('validate works offline: file:line: message and a non-zero exit on error', () => {
    const ok = paved(['validate', join(dir, 'good.yaml')], { PAVED_URL: 'http://127.0.0.1:1' });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /1 valid entity, 0 error/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ok\nspec:\n  type: service\n  lifecycle: production\n');
    const r = paved(['validate', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /bad\.yaml:\d+: .*owner/);
    rmSync(bad);
    writeFileSync(join(dir, 'mkdocs.yml'), 'site_name: docs\nnav:\n  - index.md\n');
    const whole = paved(['validate', dir]);
    assert.equal(whole.code, 0, whole.stdout);
    assert.match(whole.stdout, /2 file\(s\), 2 valid entities, 0 error/);
    rmSync(join(dir, 'mkdocs.yml'));
  });

  it('register, get, describe, refresh, errors and audit against a live server', () => {
    const reg = paved(['register', join(dir, '*.yaml')], env);
    assert.equal(reg.code, 0, reg.stderr);
    assert.match(reg.stdout, /Registered file:.*\*\.yaml/);
    assert.match(reg.stdout, /cli-svc/);
    const list = paved(['get', 'components'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^KIND\s+NAME/m);
    assert.match(list.stdout, /Component\s+cli-svc\s+default\s+service\s+group:default\/cli-team\s+production/);
    const json = JSON.parse(paved(['get', 'component', 'cli-svc', '-o', 'json'], env).stdout) as { metadata: { description: string } };
    assert.equal(json.metadata.description, 'made by the CLI test');
    const filtered = paved(['get', 'all', '--filter', 'kind=group'], env);
    assert.match(filtered.stdout, /cli-team/);
    assert.doesNotMatch(filtered.stdout, /cli-svc/);
    const desc = paved(['describe', 'component:cli-svc'], env);
    assert.match(desc.stdout, /ownedBy\s+group:default\/cli-team/);
    assert.match(desc.stdout, /Source:\s+file:.*good\.yaml:1/);
    assert.equal(paved(['refresh', 'component:cli-svc'], env).code, 0);
    const errs = paved(['errors'], env);
    assert.equal(errs.code, 0);
    assert.match(errs.stdout, /No catalog errors/);
    const audit = paved(['audit'], env);
    assert.match(audit.stdout, /catalog\.location\.create/);
    assert.match(audit.stdout, /token:admin/);
  });

  it('fails clearly without a server or with a bad token', () => {
    const down = paved(['get', 'components'], { PAVED_URL: 'http://127.0.0.1:1' });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /Cannot reach Paved at http:\/\/127\.0\.0\.1:1/);
    const denied = paved(['register', join(dir, '*.yaml')], { PAVED_URL: server.url, PAVED_TOKEN: 'wrong' });
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /401.*Invalid or revoked token/);
  });
});
