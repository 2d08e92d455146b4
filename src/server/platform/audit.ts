import type { Kysely } from 'kysely';
import type { Actor } from './actor';
import type { Database } from './db/schema';

export interface AuditEvent {
  action: string;
  target: string;
  outcome: 'success' | 'failure' | 'denied';
  payload?: Record<string, unknown>;
}

/**
 * Writes one audit event. Call it with the transaction that makes the change, so the change and its
 * record commit (or roll back) together. Payloads must not contain secrets.
 */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, event: AuditEvent): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      at: new Date().toISOString(),
      actor: actor.ref,
      action: event.action,
      target: event.target,
      outcome: event.outcome,
      payload: JSON.stringify(event.payload ?? {}),
    })
    .execute();
}

export interface AuditQuery {
  limit: number;
  beforeId?: number;
  action?: string;
  actor?: string;
}

/** Newest first; `beforeId` pages backwards. */
export async function listAudit(db: Kysely<Database>, q: AuditQuery) {
  let query = db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actor) query = query.where('actor', '=', q.actor);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  }));
}
