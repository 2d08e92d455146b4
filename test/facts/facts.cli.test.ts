// `paved facts` and `paved facts push` (the real binary) against a live server with one repository folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { PAVED_BIN, ROOT, startPaved, type PavedProcess } from '../helpers/startPaved';
import { factMap, ORDERS_REPO, writeFiles, type FactsDto } from './factsFixtures';

function paved(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('paved facts (the real binary)', () => {
  let server: PavedProcess;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'paved-facts-cli-'));

  before(async () => {
    writeFiles(join(dir, 'orders'), ORDERS_REPO);
    server = await startPaved();
    env = { PAVED_URL: server.url, PAVED_TOKEN: server.adminToken };
    assert.equal((await server.api('POST', '/api/catalog/locations', { type: 'file', target: dir })).status, 201);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints collected facts as a table, JSON and YAML', () => {
    const table = paved(['facts', 'orders', '--refresh'], env);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^NAME\s+VALUE\s+SOURCE\s+COLLECTED$/m);
    assert.match(table.stdout, /^repository\.dockerfile\.nonRoot\s+true\s+repository\s+\d{4}-/m);
    assert.match(table.stdout, /^goldenPath\.name\s+"ts-service"\s+goldenPath\s+/m);
    const json = JSON.parse(paved(['facts', 'component:default/orders', '-o', 'json'], env).stdout) as FactsDto;
    assert.deepEqual(factMap(json.facts)['repository.packageJson.dependencies'], { fastify: '^5.0.0', typescript: '~5.6.0' });
    const yaml = parseYaml(paved(['facts', 'orders', '-o', 'yaml'], env).stdout) as FactsDto;
    assert.equal(yaml.entityRef, 'component:default/orders');
  });

  it('pushes facts, parsing JSON values and keeping other values as strings', () => {
    const r = paved(['facts', 'push', 'orders', '--source', 'ci', 'ci.coverage=84.5', 'ci.passing=true', 'ci.branch=main', 'ci.tags=["a","b"]'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Pushed 4 fact(s) to component:default/orders as push:ci\n');
    const facts = JSON.parse(paved(['facts', 'orders', '-o', 'json'], env).stdout) as FactsDto;
    const byName = Object.fromEntries(facts.facts.map((f) => [f.name, f]));
    assert.equal(byName['ci.coverage']?.value, 84.5);
    assert.equal(byName['ci.passing']?.value, true);
    assert.equal(byName['ci.branch']?.value, 'main');
    assert.deepEqual(byName['ci.tags']?.value, ['a', 'b']);
    assert.equal(byName['ci.coverage']?.source, 'push:ci');
  });

  it('fails with a clear message: bad pair, bad name, bad source, no token, unknown entity', () => {
    const noEq = paved(['facts', 'push', 'orders', '--source', 'ci', 'coverage'], env);
    assert.equal(noEq.code, 1);
    assert.match(noEq.stderr, /"coverage": expected name=value/);
    const badName = paved(['facts', 'push', 'orders', '--source', 'ci', 'Bad Name=1'], env);
    assert.equal(badName.code, 1);
    assert.match(badName.stderr, /"Bad Name": expected a fact name/);
    const badSource = paved(['facts', 'push', 'orders', '--source', 'CI!', 'a.b=1'], env);
    assert.equal(badSource.code, 1);
    assert.match(badSource.stderr, /--source: expected a source id/);
    const guest = paved(['facts', 'push', 'orders', '--source', 'ci', 'a.b=1'], { ...env, PAVED_TOKEN: '' });
    assert.equal(guest.code, 1);
    assert.match(guest.stderr, /401.*facts\.push/);
    const missing = paved(['facts', 'nobody'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /404.*No entity named 'component:default\/nobody'/);
  });
});
