import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/server/platform/db/database';
import { up as initial } from '../../src/server/platform/db/migrations/0001_initial';
import { createSecretBox } from '../../src/server/platform/secrets';
import { createTestDatabase } from '../helpers/testDatabase';

const PASSWORD = 'Legacy-Pa55word-frobozz';
const NEWER = 'Newer-Pa55word-zorkmid';
const box = createSecretBox(randomBytes(32));
const repo = (password: string) => `https://ci:${password}@git.example.com/shop.git#main:catalog-info.yaml`;
const REDACTED = 'https://***@git.example.com/shop.git#main:catalog-info.yaml';

/** A database as Paved left it before migration 0002: only 0001 applied, credentials in `locations.target`. */
async function legacyDatabase(dataDir: string, url: string | undefined): Promise<void> {
  const db = new Kysely<unknown>({
    dialect: url ? new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) : new SqliteDialect({ database: new BetterSqlite3(join(dataDir, 'paved.sqlite')) }),
  });
  try {
    await initial(db, url ? 'postgres' : 'sqlite');
    await sql`CREATE TABLE paved_migrations (id text PRIMARY KEY, applied_at text NOT NULL)`.execute(db);
    await sql`INSERT INTO paved_migrations VALUES ('0001_initial', '2025-01-01T00:00:00Z')`.execute(db);
    const location = (id: string, type: string, target: string, at: string) =>
      sql`INSERT INTO locations (id, type, target, origin, created_at, created_by) VALUES (${id}, ${type}, ${target}, 'api', ${at}, 'token:admin')`.execute(db);
    await location('plain', 'file', '/srv/catalog/catalog-info.yaml', '2025-01-01T00:00:00Z');
    await location('old', 'git', repo(PASSWORD), '2025-01-02T00:00:00Z');
    await location('new', 'git', repo(NEWER), '2025-01-03T00:00:00Z');
    await location('url', 'url', `https://bot:${PASSWORD}@example.com/catalog-info.yaml`, '2025-01-04T00:00:00Z');
    // What each git location ingested: its root source and generated entity, and a child source.
    for (const id of ['old', 'new']) {
      await sql`INSERT INTO sources (key, location_id, parent_key, content_hash, children) VALUES (${`location:${id}`}, ${id}, NULL, 'h', ${JSON.stringify([`git:${REDACTED}`])})`.execute(db);
    }
    await sql`INSERT INTO sources (key, location_id, parent_key, content_hash, children) VALUES (${`git:${REDACTED}`}, 'new', 'location:new', 'h', '[]')`.execute(db);
    await sql`INSERT INTO entities (ref, uid, etag, kind, namespace, name, source_key, location_id, body, hash, created_at, updated_at)
      VALUES ('component:default/shop', 'u1', 'e1', 'component', 'default', 'shop', ${`git:${REDACTED}`}, 'new', '{}', 'h', 'now', 'now'),
             ('location:default/generated-x', 'u2', 'e2', 'location', 'default', 'generated-x', 'location:new', 'new', '{}', 'h', 'now', 'now')`.execute(db);
    await sql`INSERT INTO catalog_errors (id, source_key, location_id, location_key, kind, message, occurred_at)
      VALUES ('c1', 'location:new', 'new', 'x', 'conflict', 'Detected conflicting entityRef', 'now')`.execute(db);
  } finally {
    await db.destroy();
  }
}

describe('migration 0002: location credentials sealed at rest', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paved-mig-'));
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  after(async () => {
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seals credentialed targets, keeps plain ones, merges the same repository registered twice, and leaves no password behind', async () => {
    testDb = await createTestDatabase();
    const url = testDb.env.DATABASE_URL;
    await legacyDatabase(dataDir, url);
    const handle = await openDatabase({ dataDir, databaseUrl: url, secrets: box });
    try {
      const rows = await handle.db.selectFrom('locations').selectAll().orderBy('created_at').execute();
      assert.deepEqual(rows.map((r) => [r.id, r.type, r.target, r.encrypted_target === null]), [
        ['plain', 'file', '/srv/catalog/catalog-info.yaml', true],
        ['old', 'git', REDACTED, false],
        ['url', 'url', 'https://***@example.com/catalog-info.yaml', false],
      ]);
      const open = (id: string) => box.open(rows.find((r) => r.id === id)?.encrypted_target ?? '', `locations.encrypted_target:${id}`);
      assert.equal(open('old'), repo(NEWER), 'the most recently registered credentials win');
      assert.equal(open('url'), `https://bot:${PASSWORD}@example.com/catalog-info.yaml`);

      const entities = await handle.db.selectFrom('entities').select(['ref', 'location_id', 'source_key']).orderBy('ref').execute();
      assert.deepEqual(entities, [
        { ref: 'component:default/shop', location_id: 'old', source_key: `git:${REDACTED}` },
        { ref: 'location:default/generated-x', location_id: 'old', source_key: 'location:old' },
      ]);
      const sources = await handle.db.selectFrom('sources').select(['key', 'location_id', 'parent_key']).orderBy('key').execute();
      assert.deepEqual(sources, [
        { key: `git:${REDACTED}`, location_id: 'old', parent_key: 'location:old' },
        { key: 'location:old', location_id: 'old', parent_key: null },
      ]);
      assert.equal((await handle.db.selectFrom('catalog_errors').select('id').execute()).length, 0);
      const audit = await handle.db.selectFrom('audit_events').selectAll().execute();
      assert.deepEqual(audit.map((a) => [a.actor, a.action, a.target, JSON.parse(a.payload)]), [
        ['system:paved', 'catalog.location.merge', 'location:old', { type: 'git', target: REDACTED, merged: ['new'] }],
      ]);
      if (url) {
        const dump = JSON.stringify(await sql`SELECT x::text AS row FROM locations x`.execute(handle.db));
        assert.ok(!dump.includes(PASSWORD) && !dump.includes(NEWER), dump);
      }
    } finally {
      await handle.close();
    }
    if (!url) {
      // Closing checkpoints the WAL: the file holds neither password, not even in freed space.
      for (const f of readdirSync(dataDir).filter((n) => n.startsWith('paved.sqlite'))) {
        const bytes = readFileSync(join(dataDir, f));
        assert.ok(!bytes.includes(PASSWORD) && !bytes.includes(NEWER), `${f} still holds a password`);
      }
    }
  });
});
