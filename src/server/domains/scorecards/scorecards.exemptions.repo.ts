import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ExemptionStatusValue } from '../../../contracts';
import type { Database } from '../../platform/db/schema';

type Db = Kysely<Database>;
export type ExemptionRow = Database['scorecard_exemptions'];

/** What applies to a rule result: an approved exemption that has not expired. */
export interface ActiveExemption { id: string; expiresAt: string }

/** The status a user sees: an open request or approval whose expiry has passed is `expired`. */
export function statusOf(row: Pick<ExemptionRow, 'status' | 'expires_at'>, now: string): ExemptionStatusValue {
  if ((row.status === 'requested' || row.status === 'approved') && row.expires_at <= now) return 'expired';
  return row.status;
}

// Space-separated: PostgreSQL text cannot hold NUL, and no ref or rule id contains a space.
export const openKeyOf = (scorecardRef: string, ruleId: string, entityRef: string): string => `${scorecardRef} ${ruleId} ${entityRef}`;

export async function insertExemption(trx: Db, row: ExemptionRow, now: string): Promise<void> {
  // An open key left by a request or approval that expired since is free again.
  await trx.updateTable('scorecard_exemptions').set({ open_key: null }).where('open_key', '=', row.open_key).where('expires_at', '<=', now).execute();
  await trx.insertInto('scorecard_exemptions').values(row).execute();
}

export async function exemptionById(db: Db, id: string): Promise<ExemptionRow | undefined> {
  return db.selectFrom('scorecard_exemptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a decision if the row is still in `from` and unexpired; false when another decision came first. */
export async function decideExemption(
  trx: Db, id: string, from: ExemptionRow['status'], to: ExemptionRow['status'], by: string, comment: string | null, now: string,
): Promise<boolean> {
  const r = await trx.updateTable('scorecard_exemptions')
    .set({ status: to, decided_by: by, decided_at: now, decision_comment: comment, ...(to === 'approved' ? {} : { open_key: null }) })
    .where('id', '=', id).where('status', '=', from).where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface ExemptionFilter { status?: ExemptionStatusValue; entityRef?: string; scorecardRef?: string; limit: number; offset: number }

export async function listExemptions(db: Db, f: ExemptionFilter, now: string): Promise<{ rows: ExemptionRow[]; total: number }> {
  let qb = db.selectFrom('scorecard_exemptions');
  if (f.entityRef) qb = qb.where('entity_ref', '=', f.entityRef);
  if (f.scorecardRef) qb = qb.where('scorecard_ref', '=', f.scorecardRef);
  if (f.status === 'expired') qb = qb.where('status', 'in', ['requested', 'approved']).where('expires_at', '<=', now);
  else if (f.status === 'requested' || f.status === 'approved') qb = qb.where('status', '=', f.status).where('expires_at', '>', now);
  else if (f.status) qb = qb.where('status', '=', f.status);
  const total = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await qb.selectAll().orderBy('requested_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Approved, unexpired exemptions of these entities, by `scorecard\0entity` and then rule id. */
export async function activeExemptionsOf(db: Db, entityRefs: string[], now: string): Promise<Map<string, Map<string, ActiveExemption>>> {
  const out = new Map<string, Map<string, ActiveExemption>>();
  for (let i = 0; i < entityRefs.length; i += 500) {
    const rows = await db.selectFrom('scorecard_exemptions').select(['id', 'scorecard_ref', 'entity_ref', 'rule_id', 'expires_at'])
      .where('entity_ref', 'in', entityRefs.slice(i, i + 500)).where('status', '=', 'approved').where('expires_at', '>', now).execute();
    for (const r of rows) {
      const key = `${r.scorecard_ref}\0${r.entity_ref}`;
      const byRule = out.get(key) ?? new Map<string, ActiveExemption>();
      byRule.set(r.rule_id, { id: r.id, expiresAt: r.expires_at });
      out.set(key, byRule);
    }
  }
  return out;
}

/**
 * A fingerprint of the approved exemptions in force now: it moves when one is approved or revoked and
 * when one expires, which is how evaluation follows exemptions without being told (ADR 0028).
 */
export async function exemptionsVersion(db: Db, now: string): Promise<string> {
  const rows = await db.selectFrom('scorecard_exemptions').select('id').where('status', '=', 'approved').where('expires_at', '>', now).orderBy('id').execute();
  if (rows.length === 0) return '';
  return createHash('sha1').update(rows.map((r) => r.id).join(',')).digest('hex').slice(0, 12);
}

/** Approved exemptions that lapsed and whose lapse is not yet audited; marks them (one instance wins each). */
export async function claimLapsed(trx: Db, now: string): Promise<ExemptionRow[]> {
  const rows = await trx.selectFrom('scorecard_exemptions').selectAll()
    .where('status', '=', 'approved').where('expires_at', '<=', now).where('lapse_recorded_at', 'is', null).limit(500).execute();
  const claimed: ExemptionRow[] = [];
  for (const row of rows) {
    const r = await trx.updateTable('scorecard_exemptions').set({ lapse_recorded_at: now }).where('id', '=', row.id).where('lapse_recorded_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) claimed.push(row);
  }
  return claimed;
}
