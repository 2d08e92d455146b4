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
  catalog: Pick<CatalogService, 'servedVersions' | 'byRefs'>;
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

const ownerOf = (entity: Entity) => (entity.relations ?? []).find((r) => r.type === 'ownedBy')?.targetRef.toLowerCase() ?? '';

/** The kinds of these owners (null: the owner is not in the catalog). */
async function kindsOf(catalog: EvaluationDeps['catalog'], refs: string[]): Promise<Map<string, string | null>> {
  const owners = [...new Set(refs.filter(Boolean))];
  const found = owners.length > 0 ? await catalog.byRefs(owners, ['kind']) : [];
  return new Map(owners.map((o, i) => [o, found[i] ? String((found[i] as { kind?: string }).kind ?? '').toLowerCase() : null]));
}

/** Runs every rule of one scorecard on one entity. */
export function scoreEntity(card: LoadedScorecard, subject: CheckSubject) {
  const rules: RuleResultDto[] = card.rules.map((rule) => {
    const r = rule.run(subject);
    return { ruleId: rule.id, title: rule.title, level: rule.level, weight: rule.weight, status: r.status, message: r.message, fix: rule.fix ?? null };
  });
  const level = levelOf(card.levels, rules.map((r) => ({ ruleId: r.ruleId, level: r.level, weight: r.weight, status: r.status, exempt: false })));
  return { rules, ...level };
}

/**
 * One pass over the catalog, a page at a time. For each page, the entities' served etags, facts versions
 * and owners' kinds are compared with what the last pass saw (`scorecard_entities`): only changed entities
 * have their bodies and facts read. Of those, each scorecard that applies is evaluated when its own inputs
 * (served etag, definition, facts, owner) changed since the stored result. Results of entities or
 * scorecards that are gone are removed; today's distribution is recorded. The day is part of every
 * entity's version, so rules that depend on time (freshness) are re-run once a day.
 */
export async function evaluateAll(deps: EvaluationDeps, scorecards: LoadedScorecard[], now = new Date()): Promise<EvaluationSummary> {
  const started = Date.now();
  const summary: EvaluationSummary = { evaluated: 0, unchanged: 0, removed: 0, ms: 0 };
  const at = now.toISOString();
  const day = at.slice(0, 10);
  summary.removed += await deleteResultsExceptScorecards(deps.db, scorecards.map((s) => s.ref));
  const cardsHash = createHash('sha1').update(scorecards.map((c) => `${c.ref}:${c.definitionHash}`).join('\n')).digest('hex').slice(0, 12);
  let after: string | undefined;
  // Without scorecards there is nothing to read: the walk of a 100k catalog would only compete with requests.
  while (scorecards.length > 0) {
    const versions = await deps.catalog.servedVersions({ after, limit: PAGE });
    const upTo = versions.length === PAGE ? versions[versions.length - 1]?.ref : undefined;
    const refs = versions.map((v) => v.ref);
    const listed = new Set(refs);
    const known = [...new Set([...await resultRefsInRange(deps.db, after, upTo), ...await entityStateRefsInRange(deps.db, after, upTo)])];
    const gone = known.filter((r) => !listed.has(r));
    const factVersions = deps.facts ? await deps.facts.versionsOf(refs) : new Map<string, string>();
    const states = await entityStatesOf(deps.db, refs);
    const priorOwnerKinds = await kindsOf(deps.catalog, [...states.values()].map((s) => s.owner_ref));
    const entityVersion = (ref: string, etag: string, ownerKind: string | null | undefined) => `${etag}:${factVersions.get(ref) ?? '-'}:${cardsHash}:${ownerKind ?? '-'}:${day}`;
    const changed = versions.filter((v) => {
      const state = states.get(v.ref);
      return !state || state.version !== entityVersion(v.ref, v.etag, state.owner_ref ? priorOwnerKinds.get(state.owner_ref) : undefined);
    });
    summary.unchanged += versions.length - changed.length;
    const changedRefs = changed.map((v) => v.ref);
    const etags = new Map(changed.map((v) => [v.ref, v.etag]));
    const entities = changedRefs.length > 0 ? (await deps.catalog.byRefs(changedRefs)).filter((e): e is Entity => e !== null) : [];
    const facts = deps.facts && entities.length > 0 ? await deps.facts.factsFor(changedRefs) : new Map() as FactsByEntity;
    const owners = await kindsOf(deps.catalog, entities.map(ownerOf));
    const stored = await pairVersionsOf(deps.db, changedRefs);
    const writes: ResultRow[] = [];
    const removals: Array<{ scorecard_ref: string; entity_ref: string }> = [];
    const seen: EntityState[] = [];
    for (const entity of entities) {
      const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
      const etag = etags.get(ref) ?? entity.metadata.etag ?? '';
      const owner = ownerOf(entity);
      const ownerKind = owner ? owners.get(owner) ?? null : undefined;
      const entityFacts = facts.get(ref) ?? {};
      seen.push({ entity_ref: ref, owner_ref: owner, version: entityVersion(ref, etag, ownerKind) });
      for (const card of scorecards) {
        const key = `${card.ref}\0${ref}`;
        const prior = stored.get(key);
        if (!card.applies(entity)) {
          if (prior !== undefined) removals.push({ scorecard_ref: card.ref, entity_ref: ref });
          continue;
        }
        const version = `${etag}:${card.definitionHash}:${factVersions.get(ref) ?? '-'}:${ownerKind ?? '-'}`;
        if (prior === version) continue;
        const scored = scoreEntity(card, { entity, facts: entityFacts, ownerKind: owner ? ownerKind ?? null : null });
        writes.push({ scorecard_ref: card.ref, entity_ref: ref, owner_ref: owner, level: scored.level, score: scored.score, results: JSON.stringify(scored.rules), version, evaluated_at: at });
        summary.evaluated++;
      }
    }
    if (writes.length > 0 || removals.length > 0 || gone.length > 0 || seen.length > 0) {
      await deps.db.transaction().execute(async (trx) => {
        await deleteResultsOfEntities(trx, gone);
        await deleteResults(trx, removals);
        await upsertResults(trx, writes);
        await upsertEntityStates(trx, seen);
      });
    }
    summary.removed += gone.length + removals.length;
    if (upTo === undefined) break;
    after = upTo;
    await yieldToEventLoop();
  }
  const rows = (await allDistributions(deps.db)).map((r) => ({ scorecard_ref: r.scorecard_ref, owner_ref: r.owner_ref, level: r.level ?? 'none', entities: r.n }));
  await deps.db.transaction().execute((trx) => recordDay(trx, day, rows));
  summary.ms = Date.now() - started;
  return summary;
}
