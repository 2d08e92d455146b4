import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { createPostgresBulkWriter, createSqliteBulkWriter } from './bulk';
import type { Dialect } from './dialect';
import { registerEngine } from './engine';
import { migrate, type MigrationContext } from './migrate';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Human-readable description without credentials, for logs. */
  description: string;
  close(): Promise<void>;
}

/** Opens the embedded SQLite database in `dataDir`, or PostgreSQL when `databaseUrl` is set, and migrates it. */
export async function openDatabase(opts: { dataDir: string; databaseUrl?: string; secrets: MigrationContext['secrets'] }): Promise<DatabaseHandle> {
  const handle = opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(opts.dataDir);
  try {
    await migrate(handle.db as unknown as Kysely<unknown>, handle.dialect, { secrets: opts.secrets });
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

function openSqlite(dataDir: string): DatabaseHandle {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'paved.sqlite');
  const sqlite = new BetterSqlite3(file, { timeout: 10_000 });
  // WAL with synchronous=FULL: every commit is fsynced, so a machine crash loses nothing committed.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerEngine(db as unknown as Kysely<unknown>, { dialect: 'sqlite', bulk: createSqliteBulkWriter(sqlite), releaseMemory: () => void sqlite.pragma('shrink_memory'),
    // A sampled ANALYZE (analysis_limit) keeps this to a fraction of a second at 100k entities.
    refreshStatistics: async () => void sqlite.exec('PRAGMA analysis_limit = 1000; ANALYZE;'),
  });
  return { db, dialect: 'sqlite', description: `sqlite:${file}`, close: () => db.destroy() };
}

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerEngine(db as unknown as Kysely<unknown>, {
    dialect: 'postgres', bulk: createPostgresBulkWriter(), releaseMemory: () => undefined,
    refreshStatistics: async () => void (await sql`ANALYZE entities, search, relations`.execute(db)),
  });
  const safe = new URL(url);
  safe.password = '';
  return { db, dialect: 'postgres', description: `postgres:${safe.host}${safe.pathname}`, close: () => db.destroy() };
}
