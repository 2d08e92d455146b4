// `paved golden-paths <name> --migration` (the real binary) against a live server: the billing path
// moved from 1.0.0 to 2.0.0 with a service created at 1.0.0 by the scaffolder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GoldenPathMigration } from '../../src/contracts';
import { PAVED_BIN, ROOT, startPaved, type PavedProcess } from '../helpers/startPaved';
import { EXPECTED, PATH, SERVICE, setUpBillingMigration } from './migrationFixture';

describe('paved golden-paths --migration (the real binary)', () => {
  let server: PavedProcess;
  let dir: string;
  const paved = (args: string[]) => {
    const r = spawnSync(process.execPath, [PAVED_BIN, ...args], {
      cwd: ROOT, env: { ...process.env, PAVED_URL: server.url, PAVED_TOKEN: server.adminToken, NO_COLOR: '1' }, encoding: 'utf8', timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paved-gp-migration-cli-'));
    server = await startPaved();
    await setUpBillingMigration((method, path, body) => server.api(method, path, body), dir);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the services behind, the changed files and their unified diffs', () => {
    const r = paved(['golden-paths', PATH, '--migration']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Golden path goldenpath:default\/billing-path is at 2\.0\.0; 1 service behind\.$/m);
    assert.match(r.stdout, /^Stored template versions: 2\.0\.0, 1\.0\.0$/m);
    assert.match(r.stdout, /^NAME\s+OWNER\s+VERSION\s+CHANGED FILES$/m);
    assert.match(r.stdout, /^invoices-api\s+team-a\s+1\.0\.0\s+2$/m);
    assert.match(r.stdout, /^invoices-api \(component:default\/invoices-api\) {2}1\.0\.0 → 2\.0\.0/m);
    assert.match(r.stdout, /^ {2}2 files changed, 1 unchanged$/m);
    assert.match(r.stdout, /^ {2}modified {2}README\.md {2}\+4 -0$/m);
    assert.match(r.stdout, /^ {2}modified {2}catalog-info\.yaml {2}\+1 -1$/m);
    assert.ok(r.stdout.includes(EXPECTED.readme.trimEnd()), r.stdout);
    assert.match(r.stdout, EXPECTED.catalogInfo);
    assert.ok(!r.stdout.includes('\x1b['), 'no colours with NO_COLOR');
  });

  it('--no-diff-text lists the files only; -o json gives the API response; a missing name is an error', () => {
    const files = paved(['golden-paths', PATH, '--migration', '--no-diff-text']);
    assert.equal(files.code, 0, files.stderr);
    assert.match(files.stdout, /modified {2}README\.md/);
    assert.ok(!files.stdout.includes('@@'), files.stdout);
    const json = JSON.parse(paved(['golden-paths', PATH, '--migration', '-o', 'json']).stdout) as GoldenPathMigration;
    assert.deepEqual(json.behind.map((s) => [s.entityRef, s.diff.files.map((f) => f.path)]), [[SERVICE, ['README.md', 'catalog-info.yaml']]]);
    const none = paved(['golden-paths', '--migration']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /--migration needs the name of a golden path/);
  });
});
