import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type Driver, type KyselyConfig } from 'kysely';
import pg from 'pg';
import { createPostgresBulkWriter, createSqliteBulkWriter } from './bulk';
import type { Dialect } from './dialect';
import { registerEngine } from './engine';
import { migrate, type MigrationContext } from './migrate';
import { withStatementCache } from './statementCache';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Human-readable description without credentials, for logs. */
  description: string;
  close(): Promise<void>;
}

/** Where the database is: the embedded SQLite file in `dataDir`, or PostgreSQL when `databaseUrl` is set. */
export interface DatabaseLocation {
  dataDir: string;
  databaseUrl?: string;
}

/** Opens the database and migrates it. */
export async function openDatabase(opts: DatabaseLocation & { secrets: MigrationContext['secrets'] }): Promise<DatabaseHandle> {
  const handle = connectDatabase(opts);
  try {
    await migrate(handle.db as unknown as Kysely<unknown>, handle.dialect, { secrets: opts.secrets });
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

/**
 * Opens a database another process has already migrated (the ingestion process, ADR 0012).
 * `rewritable`: everything this connection writes can be written again from its sources (a refresh), so
 * on SQLite its commits are not fsynced one by one (WAL with synchronous=NORMAL: a process crash loses
 * nothing; a power cut may lose the last commits, which the refresh job then repeats).
 */
export function connectDatabase(opts: DatabaseLocation, connection: { rewritable?: boolean } = {}): DatabaseHandle {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(opts.dataDir, connection.rewritable ?? false);
}

/**
 * Write transactions start with BEGIN IMMEDIATE: the ingestion process writes the same file through its
 * own connection, and a deferred transaction that read first would fail at its first write (SQLITE_BUSY,
 * without waiting) if the other connection committed in between. IMMEDIATE waits for the lock instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => void (await connection.executeQuery(CompiledQuery.raw('begin immediate')));
    return driver;
  }
}

/**
 * `PAVED_SLOW_QUERY_MS=N` writes every query that took N ms or more to stderr, with its SQL (never its
 * parameters, which may hold secrets): how a slow pass is traced to the statement behind it.
 */
function slowQueryLog(): KyselyConfig['log'] {
  const threshold = Number(process.env.PAVED_SLOW_QUERY_MS);
  if (!Number.isFinite(threshold) || threshold <= 0) return undefined;
  return (event) => {
    if (event.queryDurationMillis >= threshold) process.stderr.write(`slow query ${event.queryDurationMillis.toFixed(1)} ms: ${event.query.sql.slice(0, 500)}\n`);
  };
}

function openSqlite(dataDir: string, rewritable: boolean): DatabaseHandle {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'paved.sqlite');
  const sqlite = new BetterSqlite3(file, { timeout: 10_000 });
  // WAL with synchronous=FULL: every commit is fsynced, so a machine crash loses nothing committed.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(rewritable ? 'synchronous = NORMAL' : 'synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -16384');
  // Lets SQLite's sorter use a second thread: building the filter indexes after a bulk load took a third less (ADR 0015).
  sqlite.pragma('threads = 2');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }), log: slowQueryLog() });
  registerEngine(db as unknown as Kysely<unknown>, { dialect: 'sqlite', bulk: createSqliteBulkWriter(sqlite), releaseMemory: () => void sqlite.pragma('shrink_memory'),
    // A sampled ANALYZE (analysis_limit) keeps this to a fraction of a second at 100k entities.
    refreshStatistics: async () => void sqlite.exec('PRAGMA analysis_limit = 1000; ANALYZE;'),
  });
  return { db, dialect: 'sqlite', description: `sqlite:${file}`, close: () => db.destroy() };
}

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: slowQueryLog() });
  registerEngine(db as unknown as Kysely<unknown>, {
    dialect: 'postgres', bulk: createPostgresBulkWriter(), releaseMemory: () => undefined,
    refreshStatistics: async () => void (await sql`ANALYZE entities, search, relations`.execute(db)),
  });
  const safe = new URL(url);
  safe.password = '';
  return { db, dialect: 'postgres', description: `postgres:${safe.host}${safe.pathname}`, close: () => db.destroy() };
}
