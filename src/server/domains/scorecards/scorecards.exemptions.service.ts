import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parseEntityRef, stringifyEntityRef, type Entity } from '../../../model';
import { EXEMPTION_MAX_DAYS, type ExemptionDto, type ExemptionRequest, type ExemptionStatusValue } from '../../../contracts';
import { SYSTEM, type Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit';
import { can } from '../../platform/authz';
import type { Database } from '../../platform/db/schema';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../platform/errors';
import { loadScorecards, type LoadedScorecard } from './scorecards.definitions';
import { evaluateEntities, type EvaluationDeps } from './scorecards.evaluate';
import { requesterMayAsk } from './scorecards.exemptions.owners';
import {
  claimLapsed, decideExemption, exemptionById, insertExemption, listExemptions, openKeyOf, statusOf, type ExemptionFilter, type ExemptionRow,
} from './scorecards.exemptions.repo';

export type ExemptionDecision = 'approve' | 'reject' | 'revoke';

export interface ExemptionsServiceDeps {
  db: Kysely<Database>;
  /** What evaluating an entity needs (the scorecards' own evaluation deps). */
  evaluation: EvaluationDeps & { catalog: EvaluationDeps['catalog'] & Parameters<typeof loadScorecards>[0] };
}

const DAY_MS = 86_400_000;
/** Decisions by the state they leave, and the one state each starts from. */
const DECISIONS: Record<ExemptionDecision, { from: ExemptionRow['status']; to: ExemptionRow['status'] }> = {
  approve: { from: 'requested', to: 'approved' },
  reject: { from: 'requested', to: 'rejected' },
  revoke: { from: 'approved', to: 'revoked' },
};

function normalRef(text: string, defaultKind: string, what: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(text, { defaultKind }));
  } catch (err) {
    throw new InputError(`${what}: ${(err as Error).message}`);
  }
}

/** What this actor may do with this exemption now; nobody approves their own request (ADR 0028). */
function allowedActions(actor: Actor, row: ExemptionRow, status: ExemptionStatusValue): ExemptionDecision[] {
  if (!can(actor, 'scorecards.exemption.approve')) return [];
  if (status === 'requested') return row.requested_by === actor.ref ? ['reject'] : ['approve', 'reject'];
  return status === 'approved' ? ['revoke'] : [];
}

function present(actor: Actor, row: ExemptionRow, cards: Map<string, LoadedScorecard>, now: string): ExemptionDto {
  const status = statusOf(row, now);
  return {
    id: row.id, scorecardRef: row.scorecard_ref, ruleId: row.rule_id,
    ruleTitle: cards.get(row.scorecard_ref)?.rules.find((r) => r.id === row.rule_id)?.title ?? null,
    entityRef: row.entity_ref, reason: row.reason, requestedBy: row.requested_by, requestedAt: row.requested_at, expiresAt: row.expires_at,
    status, decidedBy: row.decided_by, decidedAt: row.decided_at, decisionComment: row.decision_comment, allowedActions: allowedActions(actor, row, status),
  };
}

const auditPayload = (row: ExemptionRow) => ({ scorecardRef: row.scorecard_ref, ruleId: row.rule_id, entityRef: row.entity_ref, expiresAt: row.expires_at });

/** Writes, once, the audit event of each approved exemption that lapsed on its expiry. */
export async function recordLapsedExemptions(db: Kysely<Database>, now = new Date().toISOString()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const lapsed = await claimLapsed(trx, now);
    for (const row of lapsed) {
      await recordAudit(trx, SYSTEM, { action: 'scorecards.exemption.expire', target: `exemption:${row.id}`, outcome: 'success', payload: auditPayload(row) });
    }
    return lapsed.length;
  });
}

/** Exemptions of one scorecard rule for one entity: asked for by its owners, decided by platform engineers (ADR 0028). */
export function createExemptionsService(deps: ExemptionsServiceDeps) {
  const { db, evaluation } = deps;
  const cardsByRef = async () => new Map((await loadScorecards(evaluation.catalog)).map((c) => [c.ref, c]));

  async function load(id: string): Promise<ExemptionRow> {
    const row = await exemptionById(db, id);
    if (!row) throw new NotFoundError(`No exemption ${id}`);
    return row;
  }

  return {
    async request(actor: Actor, body: ExemptionRequest): Promise<ExemptionDto> {
      const now = new Date();
      const scorecardRef = normalRef(body.scorecardRef, 'scorecard', 'scorecardRef');
      const entityRef = normalRef(body.entityRef, 'component', 'entityRef');
      const cards = await cardsByRef();
      const card = cards.get(scorecardRef);
      if (!card) throw new InputError(`scorecardRef: no scorecard ${scorecardRef}`);
      if (!card.rules.some((r) => r.id === body.ruleId)) throw new InputError(`ruleId: ${scorecardRef} has no rule "${body.ruleId}" (its rules: ${card.rules.map((r) => r.id).join(', ')})`);
      const [entity] = (await evaluation.catalog.byRefs([entityRef])) as Array<Entity | null>;
      if (!entity) throw new InputError(`entityRef: no entity ${entityRef} in the catalog`);
      if (!card.applies(entity)) throw new InputError(`entityRef: ${scorecardRef} does not apply to ${entityRef}, so it has no rule to exempt`);
      const expires = new Date(body.expiresAt);
      if (expires.getTime() <= now.getTime()) throw new InputError(`expiresAt: expected a time in the future, but found ${body.expiresAt}`);
      if (expires.getTime() > now.getTime() + EXEMPTION_MAX_DAYS * DAY_MS) throw new InputError(`expiresAt: expected at most ${EXEMPTION_MAX_DAYS} days ahead, but found ${body.expiresAt}`);
      await requesterMayAsk(actor, entity, evaluation.catalog);
      const at = now.toISOString();
      const row: ExemptionRow = {
        id: randomUUID(), scorecard_ref: scorecardRef, rule_id: body.ruleId, entity_ref: entityRef, reason: body.reason, requested_by: actor.ref,
        requested_at: at, expires_at: expires.toISOString(), status: 'requested', decided_by: null, decided_at: null, decision_comment: null,
        open_key: openKeyOf(scorecardRef, body.ruleId, entityRef), lapse_recorded_at: null,
      };
      const open = await listExemptions(db, { entityRef, scorecardRef, limit: 500, offset: 0 }, at);
      const existing = open.rows.find((r) => r.rule_id === body.ruleId && ['requested', 'approved'].includes(statusOf(r, at)));
      if (existing) throw new ConflictError(`${entityRef} already has an open exemption of ${body.ruleId} on ${scorecardRef} (${existing.id}, ${existing.status})`);
      try {
        await db.transaction().execute(async (trx) => {
          await insertExemption(trx, row, at);
          await recordAudit(trx, actor, { action: 'scorecards.exemption.request', target: `exemption:${row.id}`, outcome: 'success', payload: { ...auditPayload(row), reason: row.reason } });
        });
      } catch (err) {
        // Another request for the same rule and entity won the unique open key between the check and the write.
        if (/unique|duplicate key/i.test(String(err))) throw new ConflictError(`${entityRef} already has an open exemption of ${body.ruleId} on ${scorecardRef}`);
        throw err;
      }
      return present(actor, row, cards, at);
    },

    async decide(actor: Actor, id: string, decision: ExemptionDecision, comment: string | undefined): Promise<ExemptionDto> {
      const row = await load(id);
      const at = new Date().toISOString();
      const status = statusOf(row, at);
      const { from, to } = DECISIONS[decision];
      if (status !== from) throw new ConflictError(`Exemption ${id} is ${status}: only a ${from} exemption can be ${to}`);
      if (decision === 'approve' && row.requested_by === actor.ref) throw new NotAllowedError(`${actor.ref} requested exemption ${id}: someone else approves it`);
      await db.transaction().execute(async (trx) => {
        if (!(await decideExemption(trx, id, from, to, actor.ref, comment ?? null, at))) throw new ConflictError(`Exemption ${id} was decided or expired meanwhile`);
        await recordAudit(trx, actor, { action: `scorecards.exemption.${decision}`, target: `exemption:${id}`, outcome: 'success', payload: { ...auditPayload(row), comment: comment ?? null } });
      });
      // The entity's results follow at once; the scheduler would also see the exemptions in force move.
      if (decision !== 'reject') await evaluateEntities(evaluation, await loadScorecards(evaluation.catalog), [row.entity_ref]);
      return present(actor, await load(id), await cardsByRef(), new Date().toISOString());
    },

    async get(actor: Actor, id: string): Promise<ExemptionDto> {
      return present(actor, await load(id), await cardsByRef(), new Date().toISOString());
    },

    async list(actor: Actor, q: ExemptionFilter) {
      const at = new Date().toISOString();
      const filter = {
        ...q,
        entityRef: q.entityRef ? normalRef(q.entityRef, 'component', 'entityRef') : undefined,
        scorecardRef: q.scorecardRef ? normalRef(q.scorecardRef, 'scorecard', 'scorecardRef') : undefined,
      };
      const page = await listExemptions(db, filter, at);
      const cards = await cardsByRef();
      return { items: page.rows.map((r) => present(actor, r, cards, at)), totalItems: page.total };
    },
  };
}
export type ExemptionsService = ReturnType<typeof createExemptionsService>;
