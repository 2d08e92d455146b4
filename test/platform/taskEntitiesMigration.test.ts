// Migration 0007 on a database with scaffolder tasks from before it: completed tasks are linked to the
// entities their catalog:register steps registered; failed tasks and tasks that registered nothing are not.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/server/platform/db/database';
import { up as initial } from '../../src/server/platform/db/migrations/0001_initial';
import { up as scaffolder } from '../../src/server/platform/db/migrations/0003_scaffolder';
import { createSecretBox } from '../../src/server/platform/secrets';
import { createTestDatabase } from '../helpers/testDatabase';

const steps = (register: { status: string; entityRef?: string } | null) => JSON.stringify([
  { id: 'fetch', name: 'fetch', action: 'fetch:template', status: 'completed', output: {} },
  ...(register ? [{ id: 'register', name: 'register', action: 'catalog:register', status: register.status, output: register.entityRef ? { entityRef: register.entityRef } : {} }] : []),
]);

async function databaseBefore0007(dataDir: string, url: string | undefined): Promise<void> {
  const db = new Kysely<unknown>({
    dialect: url ? new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) : new SqliteDialect({ database: new BetterSqlite3(join(dataDir, 'paved.sqlite')) }),
  });
  const dialect = url ? 'postgres' : 'sqlite';
  try {
    await initial(db, dialect);
    await scaffolder(db, dialect);
    await sql`CREATE TABLE paved_migrations (id text PRIMARY KEY, applied_at text NOT NULL)`.execute(db);
    await sql`INSERT INTO paved_migrations VALUES ('0001_initial', '2025-01-01T00:00:00Z'), ('0003_scaffolder', '2025-01-01T00:00:00Z')`.execute(db);
    const task = (id: string, status: string, stepsJson: string) => sql`INSERT INTO scaffolder_tasks (id, template_ref, template, task_values, status, created_by, created_at, finished_at, steps, workspace_dir)
      VALUES (${id}, 'template:default/svc', '{}', '{"name":"x"}', ${status}, 'user:default/alice', '2025-02-01T00:00:00Z', '2025-02-01T00:01:00Z', ${stepsJson}, '/tmp/w')`.execute(db);
    await task('t-done', 'completed', steps({ status: 'completed', entityRef: 'component:default/Orders-API' }));
    await task('t-failed', 'failed', steps({ status: 'completed', entityRef: 'component:default/failed-one' }));
    await task('t-nothing', 'completed', steps(null));
    await task('t-broken', 'completed', 'not json');
  } finally {
    await db.destroy();
  }
}

describe('migration 0007: scaffolder_task_entities backfilled from completed tasks', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paved-mig7-'));
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  after(async () => {
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('links each completed task to the entity it registered (lowercased ref), and nothing else', async () => {
    testDb = await createTestDatabase();
    const url = testDb.env.DATABASE_URL;
    await databaseBefore0007(dataDir, url);
    const handle = await openDatabase({ dataDir, databaseUrl: url, secrets: createSecretBox(randomBytes(32)) });
    try {
      const links = await handle.db.selectFrom('scaffolder_task_entities').selectAll().execute();
      assert.deepEqual(links, [{ entity_ref: 'component:default/orders-api', task_id: 't-done', template_ref: 'template:default/svc', created_at: '2025-02-01T00:01:00Z' }]);
      assert.deepEqual(await handle.db.selectFrom('golden_path_snapshots').selectAll().execute(), []);
    } finally {
      await handle.close();
    }
  });
});
