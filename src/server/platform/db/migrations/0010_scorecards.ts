import type { Kysely } from 'kysely';

/**
 * Scorecard results (ADR 0025): one row per scorecard and entity it applies to, with the level reached,
 * the weighted score and every rule's outcome; `version` says what was evaluated (the entity's served
 * etag, the scorecard's definition and the facts), so an unchanged pair is not evaluated again. The
 * daily table keeps, per scorecard, owner and day, how many entities stood at each level: the trends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('scorecard_results')
    .addColumn('scorecard_ref', 'text', (c) => c.notNull())
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('owner_ref', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('evaluated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_results_pk', ['scorecard_ref', 'entity_ref'])
    .execute();
  await db.schema.createIndex('scorecard_results_entity').on('scorecard_results').columns(['entity_ref']).execute();
  await db.schema.createTable('scorecard_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('scorecard_ref', 'text', (c) => c.notNull())
    .addColumn('owner_ref', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('entities', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_daily_pk', ['day', 'scorecard_ref', 'owner_ref', 'level'])
    .execute();
}
