import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { keyIdOf, parseSecretKey } from '../../src/server/platform/secrets';
import { componentYaml, locationYaml, until } from '../helpers/catalogFixtures';
import { createGitRepo, type GitRepo } from '../helpers/gitRepo';
import { startGitHttpServer, type GitHttpServer } from '../helpers/gitHttpServer';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { createTestDatabase } from '../helpers/testDatabase';

const PASSWORD = 'At-Rest-Pa55word-plugh';
const OTHER_KEY = Buffer.alloc(32, 7).toString('base64');

interface E { metadata: { name: string; description?: string; annotations: Record<string, string> } }
interface CatalogErr { locationKey: string; kind: string; message: string }
interface Loc { id: string; type: string; target: string }

/** Every file below `dir` whose bytes contain `needle` (the SQLite database and its WAL included). */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && readFileSync(path).includes(needle)) hits.push(path);
  }
  return hits;
}

/** Every row of every table of a PostgreSQL database that contains `needle`, as `table: row`. */
async function rowsContaining(url: string, needle: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'`)).rows.map((r) => r.t);
    assert.ok(tables.includes('locations'), tables.join(', '));
    const hits: string[] = [];
    for (const t of tables) {
      for (const r of (await client.query<{ row: string }>(`SELECT x::text AS row FROM "${t}" x`)).rows) if (r.row.includes(needle)) hits.push(`${t}: ${r.row}`);
    }
    return hits;
  } finally {
    await client.end();
  }
}

describe('location credentials at rest', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'paved-secrets-'));
  let server: GitHttpServer;
  let source: GitRepo;
  let bare: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let paved: PavedProcess;
  let target: string;
  let key: string;

  const push = (description: string) => {
    source.commit(description, { 'team/catalog-info.yaml': componentYaml('vault-svc', { description }) });
    source.git('push', '--quiet', bare, 'main');
  };
  const entity = async (name: string) => {
    const r = await paved.api<E>('GET', `/api/catalog/entities/by-name/component/default/${name}`);
    return r.status === 200 ? r.body : undefined;
  };
  const locationErrors = async () => (await paved.api<{ items: CatalogErr[] }>('GET', '/api/catalog/errors?limit=1000')).body.items
    .filter((e) => e.locationKey === `git:${target.replace(`user:${PASSWORD}`, '***')}`);
  const register = async (t: string) => {
    const r = await paved.api<{ location: Loc; exists?: boolean }>('POST', '/api/catalog/locations', { type: 'git', target: t });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const assertNothingStoresThePassword = async () => {
    assert.deepEqual(filesContaining(paved.dataDir, PASSWORD), [], 'a file in the data directory holds the password');
    if (db.env.DATABASE_URL) assert.deepEqual(await rowsContaining(db.env.DATABASE_URL, PASSWORD), [], 'a database row holds the password');
    assert.ok(!paved.output().includes(PASSWORD), 'server output leaks the password');
  };

  before(async () => {
    source = createGitRepo(join(tmp, 'src'));
    source.commit('first', {
      'catalog-info.yaml': locationYaml('vault-root', ['./team/catalog-info.yaml']),
      'team/catalog-info.yaml': componentYaml('vault-svc', { description: 'v1' }),
    });
    mkdirSync(join(tmp, 'served'));
    bare = join(tmp, 'served', 'vault.git');
    execFileSync('git', ['clone', '--quiet', '--bare', source.dir, bare]);
    server = await startGitHttpServer(join(tmp, 'served'), { user: 'user', password: PASSWORD });
    target = `http://user:${PASSWORD}@127.0.0.1:${new URL(server.url).port}/vault.git#main:catalog-info.yaml`;
    db = await createTestDatabase();
    // No PAVED_SECRET_KEY: the key file is generated in the data directory.
    paved = await startPaved({ env: { ...db.env, PAVED_SECRET_KEY: '', PAVED_LOG_LEVEL: 'info', PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
  });
  after(async () => {
    await paved?.stop();
    await server?.close();
    await db?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('ingests a credentialed git location while storing the credentials only encrypted', async () => {
    const res = await register(target);
    assert.equal(res.location.target, target.replace(`user:${PASSWORD}`, '***'));
    assert.equal((await entity('vault-svc'))?.metadata.description, 'v1', JSON.stringify(await locationErrors()));
    const keyFile = join(paved.dataDir, 'secret.key');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    key = readFileSync(keyFile, 'utf8').trim();
    assert.match(paved.output(), new RegExp(`sealed with key ${keyIdOf(parseSecretKey(key))} from ${keyFile} \\(generated now\\)`));
    // Instances sharing a PostgreSQL database must share the key: a generated key file is worth a warning there.
    const warning = /PAVED_SECRET_KEY is not set, so secrets are sealed with the key in .*every instance sharing this PostgreSQL database/;
    if (db.env.DATABASE_URL) assert.match(paved.output(), warning);
    else assert.doesNotMatch(paved.output(), warning);
    await assertNothingStoresThePassword();
  });

  it('refreshes on demand with the decrypted credentials', async () => {
    push('v2');
    assert.equal((await paved.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/vault-svc' })).status, 200);
    assert.equal((await entity('vault-svc'))?.metadata.description, 'v2', JSON.stringify(await locationErrors()));
    assert.deepEqual(await locationErrors(), []);
  });

  it('treats the same repository with other credentials as the same location and replaces them, audited', async () => {
    const first = (await paved.api<Array<{ data: Loc }>>('GET', '/api/catalog/locations')).body;
    const wrong = target.replace(PASSWORD, 'not-the-password');
    const res = await register(wrong);
    assert.equal(res.exists, true);
    assert.equal(res.location.id, first[0]?.data.id);
    assert.match((await locationErrors())[0]?.message ?? '', /Authentication failed|401/);
    await register(target);
    assert.deepEqual(await locationErrors(), []);
    assert.equal((await paved.api<unknown[]>('GET', '/api/catalog/locations')).body.length, 1);
    const audit = (await paved.api<{ items: Array<{ action: string; target: string; payload: unknown }> }>('GET', '/api/audit?limit=100')).body.items;
    const updates = audit.filter((a) => a.action === 'catalog.location.credentials.update');
    assert.equal(updates.length, 2);
    assert.equal(updates[0]?.target, `location:${res.location.id}`);
    assert.ok(!JSON.stringify(audit).includes('not-the-password') && !JSON.stringify(audit).includes(PASSWORD));
    await assertNothingStoresThePassword();
  });

  it('reports a wrong PAVED_SECRET_KEY on the location instead of crashing, keeping its entities', async () => {
    await paved.kill();
    paved = await paved.restart({ PAVED_SECRET_KEY: OTHER_KEY, PAVED_REFRESH_INTERVAL_SECONDS: '1' });
    const err = await until('the scheduled refresh to report the key', async () => (await locationErrors())[0]);
    assert.equal(err.kind, 'read');
    assert.match(err.message ?? '', new RegExp(`Cannot decrypt the stored credentials of this location: .*sealed with key ${keyIdOf(parseSecretKey(key))}, but the configured key is ${keyIdOf(parseSecretKey(OTHER_KEY))}`));
    assert.ok(!err.message.includes(PASSWORD) && !err.message.includes(key) && !err.message.includes(OTHER_KEY));
    assert.equal((await entity('vault-svc'))?.metadata.annotations['backstage.io/orphan'], undefined, 'entities are kept');
    assert.equal((await paved.api('GET', '/readyz', undefined, { token: null })).status, 200);
    assert.ok(!paved.output().includes(OTHER_KEY) && !paved.output().includes(key), 'the key reaches the log');
  });

  it('reports a lost key file the same way (a new key is generated)', async () => {
    await paved.kill();
    const keyFile = join(paved.dataDir, 'secret.key');
    renameSync(keyFile, `${keyFile}.saved`);
    paved = await paved.restart({ PAVED_SECRET_KEY: '', PAVED_REFRESH_INTERVAL_SECONDS: '1' });
    assert.ok(existsSync(keyFile));
    const fresh = keyIdOf(parseSecretKey(readFileSync(keyFile, 'utf8')));
    await until('the scheduled refresh to report the new key', async () => (await locationErrors()).find((e) => e.message.includes(`the configured key is ${fresh}`)));
    await paved.kill();
    renameSync(`${keyFile}.saved`, keyFile);
  });

  it('refreshes on schedule again once the right key is back (here as PAVED_SECRET_KEY)', async () => {
    paved = await paved.restart({ PAVED_SECRET_KEY: key, PAVED_REFRESH_INTERVAL_SECONDS: '1' });
    push('v3');
    await until('the scheduled refresh to see the commit', async () => (await entity('vault-svc'))?.metadata.description === 'v3', 30_000);
    await until('the key error to clear', async () => (await locationErrors()).length === 0);
    await assertNothingStoresThePassword();
  });
});
