import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** Column type of a bulk insert; PostgreSQL needs it to type the arrays it unnests. */
export type BulkColumnType = 'text' | 'int' | 'bigint';
export type BulkColumns = ReadonlyArray<readonly [name: string, type: BulkColumnType]>;
export type BulkValue = string | number | null;

/**
 * Inserts many rows at once. The query builder compiles and prepares every multi-row INSERT anew, which
 * measured as a third of ingestion time, so bulk writes go through one implementation per engine:
 * cached prepared statements on SQLite, `INSERT … SELECT FROM unnest($arrays)` on PostgreSQL.
 * Call it with the transaction the rows belong to.
 */
export interface BulkWriter {
  insert(trx: Kysely<Database>, table: string, columns: BulkColumns, rows: BulkValue[][]): Promise<void>;
  /** Inserts rows and returns the generated `id` of each, keyed by the value of the unique column `key`. */
  insertReturningIds(trx: Kysely<Database>, table: string, columns: BulkColumns, rows: BulkValue[][], key: string): Promise<Map<string, number>>;
}

/**
 * Rows per multi-row INSERT on SQLite: per-statement overhead (binding, stepping, the native call) was a third
 * of the insert time with one row per statement (ADR 0015).
 */
const SQLITE_ROWS_PER_STATEMENT = 64;

/**
 * SQLite: better-sqlite3 runs one connection, synchronously. Inside a Kysely transaction that connection
 * is held by the transaction, so statements run on the raw handle land in it (and nothing else can run
 * in between: the calls are synchronous).
 */
export function createSqliteBulkWriter(sqlite: BetterSqlite3.Database): BulkWriter {
  const statements = new Map<string, { stmt: BetterSqlite3.Statement; params: BulkValue[] }>();
  const prepare = (table: string, columns: BulkColumns, rowCount: number) => {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const text = `INSERT INTO "${table}" (${columns.map(([c]) => `"${c}"`).join(', ')}) VALUES ${Array<string>(rowCount).fill(tuple).join(', ')}`;
    let entry = statements.get(text);
    // One parameter array per statement, refilled for every run: the calls are synchronous, so runs never overlap.
    if (!entry) statements.set(text, (entry = { stmt: sqlite.prepare(text), params: new Array<BulkValue>(rowCount * columns.length) }));
    return entry;
  };
  return {
    async insert(_trx, table, columns, rows) {
      const width = columns.length;
      const many = prepare(table, columns, SQLITE_ROWS_PER_STATEMENT);
      let i = 0;
      for (; i + SQLITE_ROWS_PER_STATEMENT <= rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
        const { params } = many;
        for (let r = 0; r < SQLITE_ROWS_PER_STATEMENT; r++) {
          const row = rows[i + r] as BulkValue[];
          for (let c = 0; c < width; c++) params[r * width + c] = row[c] as BulkValue;
        }
        many.stmt.run(params);
      }
      const one = prepare(table, columns, 1).stmt;
      for (; i < rows.length; i++) one.run(rows[i]);
    },
    async insertReturningIds(_trx, table, columns, rows, key) {
      // Entities are few next to their filter rows, and each row is large: one row per statement, as measured fastest.
      const one = prepare(table, columns, 1).stmt;
      const k = columns.findIndex(([c]) => c === key);
      const ids = new Map<string, number>();
      for (const row of rows) ids.set(String(row[k]), Number(one.run(row).lastInsertRowid));
      return ids;
    },
  };
}

const PG_TYPES: Record<BulkColumnType, string> = { text: 'text', int: 'int4', bigint: 'int8' };
// Arrays travel as one parameter each; keep a statement's payload moderate.
const PG_BATCH = 5000;

/** PostgreSQL: one round trip per batch, whatever the row count, with one array parameter per column. */
export function createPostgresBulkWriter(): BulkWriter {
  const statement = (table: string, columns: BulkColumns, rows: BulkValue[][]) => {
    const arrays = columns.map(([, type], i) => sql`${rows.map((r) => r[i] ?? null)}::${sql.raw(PG_TYPES[type])}[]`);
    return sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map(([c]) => sql.ref(c)))}) SELECT * FROM unnest(${sql.join(arrays)})`;
  };
  return {
    async insert(trx, table, columns, rows) {
      for (let i = 0; i < rows.length; i += PG_BATCH) await statement(table, columns, rows.slice(i, i + PG_BATCH)).execute(trx);
    },
    async insertReturningIds(trx, table, columns, rows, key) {
      const ids = new Map<string, number>();
      for (let i = 0; i < rows.length; i += PG_BATCH) {
        const res = await sql<{ id: string | number; key: string }>`${statement(table, columns, rows.slice(i, i + PG_BATCH))} RETURNING id, ${sql.ref(key)} AS key`.execute(trx);
        for (const r of res.rows) ids.set(r.key, Number(r.id));
      }
      return ids;
    },
  };
}

/** Engine-neutral fallback through the query builder, for a Kysely instance not opened by `openDatabase`. */
export function createKyselyBulkWriter(): BulkWriter {
  const toObjects = (columns: BulkColumns, rows: BulkValue[][]) => rows.map((r) => Object.fromEntries(columns.map(([c], i) => [c, r[i] ?? null])));
  return {
    async insert(trx, table, columns, rows) {
      const db = trx as unknown as Kysely<Record<string, Record<string, BulkValue>>>;
      for (let i = 0; i < rows.length; i += 500) await db.insertInto(table).values(toObjects(columns, rows.slice(i, i + 500))).execute();
    },
    async insertReturningIds(trx, table, columns, rows, key) {
      const db = trx as unknown as Kysely<Record<string, Record<string, BulkValue>>>;
      const ids = new Map<string, number>();
      for (let i = 0; i < rows.length; i += 500) {
        const res = await db.insertInto(table).values(toObjects(columns, rows.slice(i, i + 500))).returning(['id', key]).execute();
        for (const r of res) ids.set(String(r[key]), Number(r.id));
      }
      return ids;
    },
  };
}
