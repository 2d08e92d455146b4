import type { Kysely } from 'kysely';

/**
 * Initiatives (ADR 0029): a campaign over some rules of a scorecard, for a set of entities, with dates.
 * `state` is what people decided (draft, published, closed); whether it is done or overdue is derived
 * from the results and the date, never stored. The daily table keeps, per initiative, team and day,
 * how many targeted (entity, rule) pairs were met: the progress over time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('initiatives')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_ref', 'text', (c) => c.notNull())
    .addColumn('brief', 'text', (c) => c.notNull())
    .addColumn('scorecard_ref', 'text', (c) => c.notNull())
    .addColumn('rule_ids', 'text')
    .addColumn('level', 'text')
    .addColumn('filter', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('target_date', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createTable('initiative_daily')
    .addColumn('initiative', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('owner_ref', 'text', (c) => c.notNull())
    .addColumn('met', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('entities', 'integer', (c) => c.notNull())
    .addColumn('entities_done', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('initiative_daily_pk', ['initiative', 'day', 'owner_ref'])
    .execute();
}
