import type { Kysely } from 'kysely';
import { createKyselyBulkWriter, type BulkWriter } from './bulk';
import type { Dialect } from './dialect';

/** What differs between the engines beyond SQL the query builder can express portably. */
export interface DbEngine {
  dialect: Dialect;
  bulk: BulkWriter;
  /** Gives back memory a large write left in caches (SQLite's page cache); a no-op where the server owns it. */
  releaseMemory(): void;
  /**
   * Refreshes the planner's statistics after a large write. Without them both engines pick poor plans
   * for the filter tables (e.g. scanning every `metadata.name` row per entity).
   */
  refreshStatistics(): Promise<void>;
}

const engines = new WeakMap<object, DbEngine>();
const fallback: DbEngine = { dialect: 'sqlite', bulk: createKyselyBulkWriter(), releaseMemory: () => undefined, refreshStatistics: async () => undefined };

/** Called by `openDatabase`; lets repositories reach engine specifics from the `db` they were given. */
export function registerEngine(db: Kysely<unknown>, engine: DbEngine): void {
  engines.set(db, engine);
}

/** The engine of a database opened by `openDatabase` (a portable fallback for any other Kysely instance). */
export function engineOf(db: Kysely<unknown>): DbEngine {
  return engines.get(db) ?? fallback;
}
