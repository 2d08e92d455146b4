import type { Kysely } from 'kysely';

/**
 * Documents of the managed location (ADR 0031): entities authored through the API (scorecards first),
 * kept as the YAML text that was saved, one per entity ref. The managed location turns them into
 * catalog entities like any other location's files; the database, not a disk, holds them, so every
 * instance on PostgreSQL sees the same documents.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('managed_documents')
    .addColumn('entity_ref', 'text', (c) => c.primaryKey())
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
