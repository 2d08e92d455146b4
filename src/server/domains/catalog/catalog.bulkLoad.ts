import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';

/**
 * The filter indexes whose rows land at random places (by key and value, by ref). They are the bulk of
 * the write cost of a large load: every insert touches a different page. Definitions match migrations 0001 and 0017.
 */
const DEFERRABLE_INDEXES = [
  { name: 'search_key_value', table: 'search', columns: ['key', 'value', 'entity_id'] },
  { name: 'relations_from', table: 'relations', columns: ['from_ref', 'type', 'to_ref'] },
  { name: 'relations_to', table: 'relations', columns: ['type_key', 'to_ref', 'from_ref'] },
] as const;

/** Below this many filter rows the catalog is close to empty, so rebuilding the indexes afterwards costs next to nothing. */
const NEARLY_EMPTY_SEARCH_ROWS = 20_000;

export interface BulkLoad {
  /**
   * Called before writing a full first group: if the catalog is (nearly) empty, drops the deferrable
   * indexes so they are built once at the end. Sorting 2–3 million rows once is several times cheaper
   * than inserting them one by one into B-trees (ADR 0012). Later calls do nothing.
   */
  begin(): Promise<void>;
  /** Rebuilds what `begin` dropped; a no-op otherwise. */
  finish(): Promise<void>;
}

/**
 * One refresh's bulk-load state. Entities stay readable throughout; filters scan instead of probing until
 * `finish`. Refreshes that skip every source, or write less than a group, never touch the indexes.
 */
export function createBulkLoad(db: Kysely<Database>): BulkLoad {
  let decided = false;
  let dropped = false;
  return {
    async begin() {
      if (decided) return;
      decided = true;
      const probe = await db.selectFrom('search').select('entity_id').limit(1).offset(NEARLY_EMPTY_SEARCH_ROWS).executeTakeFirst();
      if (probe) return;
      await db.transaction().execute(async (trx) => {
        for (const ix of DEFERRABLE_INDEXES) await trx.schema.dropIndex(ix.name).ifExists().execute();
      });
      dropped = true;
    },
    async finish() {
      if (dropped) await ensureCatalogIndexes(db);
    },
  };
}

/**
 * Creates any deferrable index that is missing. Runs after a bulk load and at start, so a process killed
 * during a bulk load gets its indexes back on the next start.
 */
export async function ensureCatalogIndexes(db: Kysely<Database>): Promise<void> {
  for (const ix of DEFERRABLE_INDEXES) await db.schema.createIndex(ix.name).ifNotExists().on(ix.table).columns([...ix.columns]).execute();
}
