import type { Kysely } from 'kysely';

/**
 * Exemptions of one scorecard rule for one entity (ADR 0028): asked for with a reason and an expiry,
 * decided by a platform engineer. `status` is what was decided (requested, approved, rejected, revoked);
 * `expired` is derived from `expires_at` (ISO text, compared as text on both engines). `open_key`
 * (scorecard, rule, entity) is set while a request is open and unique, so two open requests for the same
 * rule and entity cannot both be written, even by two instances at once. `lapse_recorded_at` says the
 * audit event of an approved exemption's lapse was written (once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('scorecard_exemptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scorecard_ref', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('open_key', 'text', (c) => c.unique())
    .addColumn('lapse_recorded_at', 'text')
    .execute();
  await db.schema.createIndex('scorecard_exemptions_entity').on('scorecard_exemptions').columns(['entity_ref', 'status']).execute();
  await db.schema.createIndex('scorecard_exemptions_status').on('scorecard_exemptions').columns(['status', 'expires_at']).execute();
}
