import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * `kind=…` is the filter nearly every catalog request carries (ADR 0015). Sorted by name, a page of one
 * kind reads its 50 entries of (kind, name, id) instead of collecting and sorting every entity of the
 * kind; unsorted (by id) it walks (kind, id) and stops early. Statistics are refreshed at once: without
 * them SQLite may pick (kind, id) for a name-sorted page and sort the whole kind.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS entities_kind_name ON entities (kind, name, id)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS entities_kind ON entities (kind, id)`.execute(db);
  if (dialect === 'sqlite') await sql`PRAGMA analysis_limit = 1000`.execute(db);
  await sql`ANALYZE entities`.execute(db);
}
