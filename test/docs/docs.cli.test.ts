// `paved search` and `paved docs` (the real binary) against a live server with one docs site.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { PAVED_BIN, ROOT, startPaved, type PavedProcess } from '../helpers/startPaved';
import { siteFiles, writeFiles } from './docsFixtures';

function paved(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('paved docs / paved search (the real binary)', () => {
  let server: PavedProcess;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'paved-docs-cli-'));

  before(async () => {
    writeFiles(join(dir, 'payouts'), siteFiles('payouts'));
    server = await startPaved();
    env = { PAVED_URL: server.url, PAVED_TOKEN: server.adminToken };
    assert.equal((await server.api('POST', '/api/catalog/locations', { type: 'file', target: dir })).status, 201);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds, prints the nav and a page as plain text', () => {
    const built = paved(['docs', 'build', 'component:payouts', '--force'], env);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stdout, /^Built: component:default\/payouts \(3 pages, 0 errors\)/);
    assert.match(paved(['docs', 'build', 'payouts'], env).stdout, /^Unchanged: component:default\/payouts/);
    const nav = paved(['docs', 'payouts'], env);
    assert.equal(nav.code, 0, nav.stderr);
    assert.match(nav.stdout, /payouts handbook — docs of component:default\/payouts/);
    assert.match(nav.stdout, /^ {2}Guide {2}\(guide\/setup\)$/m);
    assert.match(nav.stdout, /Errors: none/);
    const page = paved(['docs', 'payouts', 'guide/setup'], env);
    assert.equal(page.code, 0, page.stderr);
    assert.match(page.stdout, /^Setup guide\n=+\n/);
    assert.match(page.stdout, /Run the installer once\./);
    assert.doesNotMatch(page.stdout, /<[a-z]/);
    const missing = paved(['docs', 'payouts', 'nope'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /404.*No page "\/nope"/);
  });

  it('searches docs and entities, filters by type, prints JSON', async () => {
    await until('the entity index', async () => (await server.api<{ results: unknown[] }>('GET', '/api/search?q=payouts&types=entity')).body.results?.length);
    const all = paved(['search', 'payouts'], env);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /^TYPE\s+RESULT/);
    assert.match(all.stdout, /^entity\s+payouts\s+component:default\/payouts/m);
    assert.match(all.stdout, /^docs\s+/m);
    const docsOnly = paved(['search', 'installer', '--type', 'docs', '-o', 'json'], env);
    const parsed = JSON.parse(docsOnly.stdout) as { results: Array<{ type: string; pageTitle: string; link: string }> };
    assert.ok(parsed.results.length > 0 && parsed.results.every((r) => r.type === 'docs'));
    assert.equal(parsed.results[0]!.link, '/docs/default/component/payouts/guide/setup#install');
    const bad = paved(['search', '***'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /400.*no words to search for/);
    assert.equal(paved(['search', 'x', '--type', 'bogus'], env).code, 1);
  });
});
