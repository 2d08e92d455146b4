import type { Kysely } from 'kysely';

/**
 * Per-entity score history (ADR 0032): one row each time an entity's level in a scorecard changes
 * (from → to, with the score), written by the evaluation in the same transaction as the new result.
 * A first result is not a change: nothing is written for it, so a full first pass costs no extra rows.
 * Also the indexes of one team's read (its page): results and daily rows by owner.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('scorecard_level_changes')
    .addColumn('scorecard_ref', 'text', (c) => c.notNull())
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('from_level', 'text')
    .addColumn('to_level', 'text')
    .addColumn('score', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_level_changes_pk', ['entity_ref', 'scorecard_ref', 'at'])
    .execute();
  await db.schema.createIndex('scorecard_results_owner').on('scorecard_results').columns(['owner_ref', 'scorecard_ref', 'level']).execute();
  await db.schema.createIndex('scorecard_daily_owner').on('scorecard_daily').columns(['owner_ref', 'day']).execute();
}
