import type { Kysely } from 'kysely';

/**
 * What the last scorecard pass saw of each entity (ADR 0027, incremental passes): its served etag, facts
 * generation, the scorecard definitions, its owner's kind and the day, as one version string. A pass
 * compares these with the catalog's versions page by page and reads the bodies of changed entities only;
 * an unchanged 100k catalog is compared without parsing one body.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('scorecard_entities')
    .addColumn('entity_ref', 'text', (c) => c.primaryKey())
    .addColumn('owner_ref', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .execute();
}
