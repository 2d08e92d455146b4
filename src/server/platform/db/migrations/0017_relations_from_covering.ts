import type { Kysely } from 'kysely';

/**
 * `relations_from` also holds `to_ref`, so reading an entity's relations is an index-only range scan.
 * Without it, each relation row was a lookup into the table, whose rows lie in ingestion order: at 100k
 * entities (820k relations) the relations of a page of 500 entities took 60–130 ms of random page reads,
 * the larger part of a scorecard pass. Same name, so a bulk load drops and rebuilds it as before (ADR 0012).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('relations_from').ifExists().execute();
  await db.schema.createIndex('relations_from').on('relations').columns(['from_ref', 'type', 'to_ref']).execute();
}
