import { sql, type Kysely } from 'kysely';

/**
 * Facts about entities (ADR 0026): one row per entity and fact name, the value as JSON text (portable),
 * its source (`repository`, `goldenPath`, `push:<tool>`) and when it was collected. `fact_entities`
 * remembers, per entity, the etag the built-in sources last collected from, when, and the facts
 * generation at its last change — what lets collection skip unchanged entities and lets scorecards
 * follow fact changes. `meta.facts_generation` is a counter bumped in the same transaction as any change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('facts')
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('collected_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('facts_pk', ['entity_ref', 'name'])
    .execute();
  await db.schema
    .createTable('fact_entities')
    .addColumn('entity_ref', 'text', (c) => c.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('collected_at', 'text')
    .addColumn('changed_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fact_entities_changed').on('fact_entities').column('changed_seq').execute();
  await sql`INSERT INTO meta (key, value) VALUES ('facts_generation', '0')`.execute(db);
}
