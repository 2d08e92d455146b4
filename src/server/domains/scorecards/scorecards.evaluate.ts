import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { levelOf, type CheckSubject, type Entity } from '../../../model';
import type { RuleResultDto } from '../../../contracts';
import type { Database } from '../../platform/db/schema';
import type { CatalogService } from '../catalog/catalog.service';
import type { LoadedScorecard } from './scorecards.definitions';
import {
  allDistributions, deleteResults, deleteResultsExceptScorecards, deleteResultsOfEntities, entityStateRefsInRange, entityStatesOf, pairVersionsOf, recordDay, resultRefsInRange,
  upsertEntityStates, upsertResults, type EntityState, type ResultRow,
} from './scorecards.repo';
import { yieldToEventLoop } from '../../platform/follower';
import { activeExemptionsOf, type ActiveExemption } from './scorecards.exemptions.repo';
import { recordLevelChanges, type LevelChange } from './scorecards.changes';

/** Facts by entity ref, as the facts domain serves them (ADR 0026). */
export type FactsByEntity = Map<string, Record<string, { value: unknown; collectedAt: string; source: string }>>;
export interface FactsPort {
  factsFor(entityRefs: string[]): Promise<FactsByEntity>;
  /** Per entity, the version of its facts (absent: none). */
  versionsOf(entityRefs: string[]): Promise<Map<string, string>>;
}

const PAGE = 500;

export interface EvaluationDeps {
  db: Kysely<Database>;
  catalog: Pick<CatalogService, 'servedVersions' | 'byRefs' | 'existingRefs'>;
  facts?: FactsPort;
}

export interface EvaluationSummary {
  /** (scorecard, entity) pairs evaluated. */
  evaluated: number;
  /** Entities whose inputs had not changed: not read. */
  unchanged: number;
  removed: number;
  ms: number;
}

/** The lowercase ref of the entity's owner (its `ownedBy` relation), '' without one. */
export const ownerOf = (entity: Entity): string => (entity.relations ?? []).find((r) => r.type === 'ownedBy')?.targetRef.toLowerCase() ?? '';

/** The kinds of these owners (null: the owner is not in the catalog); a ref names its kind, so only existence is read. */
export async function kindsOf(catalog: EvaluationDeps['catalog'], refs: string[]): Promise<Map<string, string | null>> {
  const owners = [...new Set(refs.filter(Boolean))];
  const found = owners.length > 0 ? await catalog.existingRefs(owners) : new Set<string>();
  return new Map(owners.map((o) => [o, found.has(o) ? o.slice(0, o.indexOf(':')) : null]));
}

/** Runs every rule of one scorecard on one entity; a rule with an active exemption (ADR 0028) counts as met. */
export function scoreEntity(card: LoadedScorecard, subject: CheckSubject, exemptions?: ReadonlyMap<string, ActiveExemption>) {
  const rules: RuleResultDto[] = card.rules.map((rule) => {
    const r = rule.run(subject);
    const ex = exemptions?.get(rule.id);
    return {
      ruleId: rule.id, title: rule.title, level: rule.level, weight: rule.weight, status: r.status, message: r.message, fix: rule.fix ?? null,
      ...(ex ? { exempt: true, exemptionId: ex.id, exemptionExpiresAt: ex.expiresAt } : {}),
    };
  });
  const level = levelOf(card.levels, rules.map((r) => ({ ruleId: r.ruleId, level: r.level, weight: r.weight, status: r.status, exempt: r.exempt === true })));
  return { rules, ...level };
}

type Exemptions = Awaited<ReturnType<typeof activeExemptionsOf>>;

/** The exemptions in force on a pair, as part of its version: approving, revoking or expiring one moves it. */
const exemptionsPart = (exempt: ReadonlyMap<string, ActiveExemption> | undefined) => (exempt ? `:x${[...exempt].map(([rule, e]) => `${rule}=${e.id}`).sort().join(',')}` : '');

/** The same for all pairs of one entity. */
function entityExemptionsPart(exemptions: Exemptions, ref: string): string {
  const parts = [...exemptions].filter(([key]) => key.endsWith(`\0${ref}`)).map(([key, byRule]) => `${key.split('\0')[0]}${exemptionsPart(byRule)}`);
  return parts.sort().join(';');
}

interface PassContext {
  at: string;
  cardsHash: string;
  factVersions: Map<string, string>;
  exemptions: Exemptions;
}

const entityVersionOf = (ctx: PassContext, ref: string, etag: string, ownerKind: string | null | undefined) =>
  `${etag}:${ctx.factVersions.get(ref) ?? '-'}:${ctx.cardsHash}:${ownerKind ?? '-'}:${ctx.at.slice(0, 10)}:${entityExemptionsPart(ctx.exemptions, ref)}`;

async function passContext(deps: EvaluationDeps, scorecards: LoadedScorecard[], refs: string[], now: Date): Promise<PassContext> {
  const at = now.toISOString();
  return {
    at,
    cardsHash: createHash('sha1').update(scorecards.map((c) => `${c.ref}:${c.definitionHash}`).join('\n')).digest('hex').slice(0, 12),
    factVersions: deps.facts ? await deps.facts.versionsOf(refs) : new Map<string, string>(),
    exemptions: await activeExemptionsOf(deps.db, refs, at),
  };
}

/**
 * One pass over the catalog, a page at a time. For each page, the entities' served etags, facts versions,
 * owners' kinds and exemptions are compared with what the last pass saw (`scorecard_entities`): only
 * changed entities have their bodies and facts read. Of those, each scorecard that applies is evaluated
 * when its own inputs changed since the stored result. Results of entities or scorecards that are gone are
 * removed; today's distribution is recorded. The day is part of every entity's version, so rules that
 * depend on time (freshness) are re-run once a day.
 */
export async function evaluateAll(deps: EvaluationDeps, scorecards: LoadedScorecard[], now = new Date()): Promise<EvaluationSummary> {
  const started = Date.now();
  const summary: EvaluationSummary = { evaluated: 0, unchanged: 0, removed: 0, ms: 0 };
  summary.removed += await deleteResultsExceptScorecards(deps.db, scorecards.map((s) => s.ref));
  let after: string | undefined;
  // Without scorecards there is nothing to read: the walk of a 100k catalog would only compete with requests.
  while (scorecards.length > 0) {
    const versions = await deps.catalog.servedVersions({ after, limit: PAGE });
    const upTo = versions.length === PAGE ? versions[versions.length - 1]?.ref : undefined;
    const refs = versions.map((v) => v.ref);
    const listed = new Set(refs);
    const known = [...new Set([...await resultRefsInRange(deps.db, after, upTo), ...await entityStateRefsInRange(deps.db, after, upTo)])];
    const gone = known.filter((r) => !listed.has(r));
    const ctx = await passContext(deps, scorecards, refs, now);
    const states = await entityStatesOf(deps.db, refs);
    const priorOwnerKinds = await kindsOf(deps.catalog, [...states.values()].map((s) => s.owner_ref));
    const changed = versions.filter((v) => {
      const state = states.get(v.ref);
      return !state || state.version !== entityVersionOf(ctx, v.ref, v.etag, state.owner_ref ? priorOwnerKinds.get(state.owner_ref) : undefined);
    });
    summary.unchanged += versions.length - changed.length;
    await evaluateChanged(deps, scorecards, new Map(changed.map((v) => [v.ref, v.etag])), gone, ctx, summary);
    if (upTo === undefined) break;
    after = upTo;
    await yieldToEventLoop();
  }
  const rows = (await allDistributions(deps.db)).map((r) => ({ scorecard_ref: r.scorecard_ref, owner_ref: r.owner_ref, level: r.level ?? 'none', entities: r.n }));
  await deps.db.transaction().execute((trx) => recordDay(trx, now.toISOString().slice(0, 10), rows));
  summary.ms = Date.now() - started;
  return summary;
}

/** Evaluates these entities now (e.g. after an exemption was decided), comparing pair versions like a pass. */
export async function evaluateEntities(deps: EvaluationDeps, scorecards: LoadedScorecard[], refs: string[], now = new Date()): Promise<EvaluationSummary> {
  const summary: EvaluationSummary = { evaluated: 0, unchanged: 0, removed: 0, ms: 0 };
  const started = Date.now();
  if (scorecards.length > 0 && refs.length > 0) {
    await evaluateChanged(deps, scorecards, new Map(refs.map((r) => [r, undefined])), [], await passContext(deps, scorecards, refs, now), summary);
  }
  summary.ms = Date.now() - started;
  return summary;
}

/**
 * Reads the bodies and facts of these entities (ref → served etag, when the caller has it) and evaluates
 * each pair whose version moved; removes results of `gone` entities and of pairs that no longer apply.
 */
async function evaluateChanged(deps: EvaluationDeps, scorecards: LoadedScorecard[], changed: Map<string, string | undefined>, gone: string[], ctx: PassContext, summary: EvaluationSummary): Promise<void> {
  const refs = [...changed.keys()];
  const entities = refs.length > 0 ? (await deps.catalog.byRefs(refs)).filter((e): e is Entity => e !== null) : [];
  const facts = deps.facts && entities.length > 0 ? await deps.facts.factsFor(refs) : new Map() as FactsByEntity;
  const owners = await kindsOf(deps.catalog, entities.map(ownerOf));
  const stored = await pairVersionsOf(deps.db, refs);
  const writes: ResultRow[] = [];
  const changes: LevelChange[] = [];
  const removals: Array<{ scorecard_ref: string; entity_ref: string }> = [];
  const seen: EntityState[] = [];
  for (const entity of entities) {
    const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
    const etag = changed.get(ref) ?? entity.metadata.etag ?? '';
    const owner = ownerOf(entity);
    const ownerKind = owner ? owners.get(owner) ?? null : undefined;
    const entityFacts = facts.get(ref) ?? {};
    seen.push({ entity_ref: ref, owner_ref: owner, version: entityVersionOf(ctx, ref, etag, ownerKind) });
    for (const card of scorecards) {
      const key = `${card.ref}\0${ref}`;
      const prior = stored.get(key);
      if (!card.applies(entity)) {
        if (prior !== undefined) removals.push({ scorecard_ref: card.ref, entity_ref: ref });
        continue;
      }
      const exempt = ctx.exemptions.get(key);
      const version = `${etag}:${card.definitionHash}:${ctx.factVersions.get(ref) ?? '-'}:${ownerKind ?? '-'}${exemptionsPart(exempt)}`;
      if (prior?.version === version) continue;
      const scored = scoreEntity(card, { entity, facts: entityFacts, ownerKind: owner ? ownerKind ?? null : null }, exempt);
      writes.push({ scorecard_ref: card.ref, entity_ref: ref, owner_ref: owner, level: scored.level, score: scored.score, results: JSON.stringify(scored.rules), version, evaluated_at: ctx.at });
      if (prior && prior.level !== scored.level) changes.push({ scorecard_ref: card.ref, entity_ref: ref, at: ctx.at, from_level: prior.level, to_level: scored.level, score: scored.score });
      summary.evaluated++;
    }
  }
  if (writes.length > 0 || removals.length > 0 || gone.length > 0 || seen.length > 0) {
    await deps.db.transaction().execute(async (trx) => {
      await deleteResultsOfEntities(trx, gone);
      await deleteResults(trx, removals);
      await upsertResults(trx, writes);
      await recordLevelChanges(trx, changes);
      await upsertEntityStates(trx, seen);
    });
  }
  summary.removed += gone.length + removals.length;
}
