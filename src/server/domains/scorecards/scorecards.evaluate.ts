import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { levelOf, type CheckSubject, type Entity } from '../../../model';
import type { RuleResultDto } from '../../../contracts';
import type { Database } from '../../platform/db/schema';
import type { CatalogService } from '../catalog/catalog.service';
import type { LoadedScorecard } from './scorecards.definitions';
import {
  allDistributions, deleteResults, deleteResultsExceptScorecards, deleteResultsOfEntities, recordDay, resultRefsInRange, resultsOfEntities, upsertResults, type ResultRow,
} from './scorecards.repo';
import { yieldToEventLoop } from '../../platform/follower';
import { recordLevelChanges, type LevelChange } from './scorecards.changes';

/** Facts by entity ref, as the facts domain serves them (ADR 0026). */
export type FactsByEntity = Map<string, Record<string, { value: unknown; collectedAt: string; source: string }>>;
export interface FactsPort {
  factsFor(entityRefs: string[]): Promise<FactsByEntity>;
}

const PAGE = 500;

export interface EvaluationDeps {
  db: Kysely<Database>;
  catalog: Pick<CatalogService, 'entityVersions' | 'byRefs'>;
  facts?: FactsPort;
}

export interface EvaluationSummary {
  evaluated: number;
  unchanged: number;
  removed: number;
  ms: number;
}

const ownerOf = (entity: Entity) => (entity.relations ?? []).find((r) => r.type === 'ownedBy')?.targetRef.toLowerCase() ?? '';

/** The kinds of the owners of a page of entities (null: the owner is not in the catalog). */
async function ownerKinds(catalog: EvaluationDeps['catalog'], entities: Entity[]): Promise<Map<string, string | null>> {
  const owners = [...new Set(entities.map(ownerOf).filter(Boolean))];
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
 * One pass over the catalog, a page of entities at a time: each scorecard that applies to an entity is
 * evaluated when what it depends on (served etag, definition, facts, owner) changed since the stored
 * result; results of entities or scorecards that are gone are removed; today's distribution is recorded.
 */
export async function evaluateAll(deps: EvaluationDeps, scorecards: LoadedScorecard[], now = new Date()): Promise<EvaluationSummary> {
  const started = Date.now();
  const summary: EvaluationSummary = { evaluated: 0, unchanged: 0, removed: 0, ms: 0 };
  const at = now.toISOString();
  summary.removed += await deleteResultsExceptScorecards(deps.db, scorecards.map((s) => s.ref));
  let after: string | undefined;
  // Without scorecards there is nothing to read: the walk of a 100k catalog would only compete with requests.
  while (scorecards.length > 0) {
    const versions = await deps.catalog.entityVersions({ after, limit: PAGE });
    const upTo = versions.length === PAGE ? versions[versions.length - 1]?.ref : undefined;
    const refs = versions.map((v) => v.ref);
    const listed = new Set(refs);
    const gone = (await resultRefsInRange(deps.db, after, upTo)).filter((r) => !listed.has(r));
    const entities = scorecards.length > 0 ? (await deps.catalog.byRefs(refs)).filter((e): e is Entity => e !== null) : [];
    const facts = deps.facts && entities.length > 0 ? await deps.facts.factsFor(refs) : new Map() as FactsByEntity;
    const owners = await ownerKinds(deps.catalog, entities);
    const stored = new Map((await resultsOfEntities(deps.db, refs)).map((r) => [`${r.scorecard_ref}\0${r.entity_ref}`, r]));
    const writes: ResultRow[] = [];
    const changes: LevelChange[] = [];
    const removals: Array<{ scorecard_ref: string; entity_ref: string }> = [];
    for (const entity of entities) {
      const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
      const owner = ownerOf(entity);
      const entityFacts = facts.get(ref) ?? {};
      const factsHash = createHash('sha1').update(JSON.stringify(entityFacts)).digest('hex').slice(0, 12);
      for (const card of scorecards) {
        const key = `${card.ref}\0${ref}`;
        const prior = stored.get(key);
        if (!card.applies(entity)) {
          if (prior) removals.push({ scorecard_ref: card.ref, entity_ref: ref });
          continue;
        }
        const ownerKind = owner ? owners.get(owner) ?? null : undefined;
        const version = `${entity.metadata.etag ?? ''}:${card.definitionHash}:${factsHash}:${ownerKind ?? '-'}`;
        if (prior?.version === version) {
          summary.unchanged++;
          continue;
        }
        const scored = scoreEntity(card, { entity, facts: entityFacts, ownerKind: owner ? ownerKind : null });
        writes.push({ scorecard_ref: card.ref, entity_ref: ref, owner_ref: owner, level: scored.level, score: scored.score, results: JSON.stringify(scored.rules), version, evaluated_at: at });
        if (prior && prior.level !== scored.level) changes.push({ scorecard_ref: card.ref, entity_ref: ref, at, from_level: prior.level, to_level: scored.level, score: scored.score });
        summary.evaluated++;
      }
    }
    if (writes.length > 0 || removals.length > 0 || gone.length > 0) {
      await deps.db.transaction().execute(async (trx) => {
        await deleteResultsOfEntities(trx, gone);
        await deleteResults(trx, removals);
        await upsertResults(trx, writes);
        await recordLevelChanges(trx, changes);
      });
    }
    summary.removed += gone.length + removals.length;
    if (upTo === undefined) break;
    after = upTo;
    await yieldToEventLoop();
  }
  const day = at.slice(0, 10);
  const rows = (await allDistributions(deps.db)).map((r) => ({ scorecard_ref: r.scorecard_ref, owner_ref: r.owner_ref, level: r.level ?? 'none', entities: r.n }));
  await deps.db.transaction().execute((trx) => recordDay(trx, day, rows));
  summary.ms = Date.now() - started;
  return summary;
}
