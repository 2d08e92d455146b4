// Preview of a candidate scorecard (ADR 0031): the whole catalog, a page at a time as evaluateAll walks
// it, scored in-process with scoreEntity and compared with the stored results of the saved version.
// Nothing is written. Bounded in time: past the budget it stops and says how far it got.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { compileCheck, compileScorecardFilter, scorecardSpecSchema, stringifyEntityRef, type Entity } from '../../../model';
import type { ScorecardPreview } from '../../../contracts';
import type { Database } from '../../platform/db/schema';
import { yieldToEventLoop } from '../../platform/follower';
import type { LoadedScorecard } from './scorecards.definitions';
import { kindsOf, ownerOf, scoreEntity, type EvaluationDeps, type FactsByEntity } from './scorecards.evaluate';
import { activeExemptionsOf } from './scorecards.exemptions.repo';

const PAGE = 500;
const SAMPLE = 50;
/** Past this, a preview returns what it has (complete: false) rather than hold a request for minutes. */
export const PREVIEW_BUDGET_MS = 45_000;

/** A candidate scorecard entity (already validated) compiled as loadScorecards compiles a stored one. */
export function compileCandidate(entity: Entity): LoadedScorecard {
  const spec = scorecardSpecSchema.parse(entity.spec);
  return {
    ref: stringifyEntityRef(entity).toLowerCase(),
    entity,
    levels: spec.levels,
    rules: spec.rules.map((r) => ({ ...r, run: compileCheck(r.check) })),
    applies: compileScorecardFilter(spec.filter),
    definitionHash: createHash('sha1').update(JSON.stringify(spec)).digest('hex').slice(0, 16),
  };
}

const ownerKinds = (catalog: EvaluationDeps['catalog'], entities: Entity[]) => kindsOf(catalog, entities.map(ownerOf));

async function storedLevels(db: Kysely<Database>, scorecardRef: string, refs: string[]): Promise<Map<string, string | null>> {
  if (refs.length === 0) return new Map();
  const rows = await db.selectFrom('scorecard_results').select(['entity_ref', 'level']).where('scorecard_ref', '=', scorecardRef).where('entity_ref', 'in', refs).execute();
  return new Map(rows.map((r) => [r.entity_ref, r.level]));
}

/** Rank of a level: -1 for none; a level the scorecard does not have (renamed) ranks as none. */
const rankIn = (levels: string[], level: string | null) => (level === null ? -1 : levels.indexOf(level));

export async function previewScorecard(deps: EvaluationDeps, current: LoadedScorecard | undefined, candidate: LoadedScorecard, budgetMs = PREVIEW_BUDGET_MS): Promise<ScorecardPreview> {
  const started = Date.now();
  const blank = (levels: string[]) => Object.fromEntries([...levels, 'none'].map((l) => [l, 0])) as Record<string, number>;
  const out: ScorecardPreview = {
    entityRef: candidate.ref, exists: current !== undefined, levels: candidate.levels, complete: true, scanned: 0, ms: 0,
    before: { entities: 0, distribution: blank(current?.levels ?? candidate.levels) }, after: { entities: 0, distribution: blank(candidate.levels) },
    gained: { count: 0, sample: [] }, lost: { count: 0, sample: [] }, entered: 0, left: 0, teams: [],
    rulePassRates: candidate.rules.map((r) => ({ ruleId: r.id, level: r.level, passed: 0, failed: 0, errors: 0 })),
  };
  const rates = new Map(out.rulePassRates.map((r) => [r.ruleId, r]));
  const teams = new Map<string, { owner: string; entities: number; gained: number; lost: number }>();
  let after: string | undefined;
  for (;;) {
    const versions = await deps.catalog.servedVersions({ after, limit: PAGE });
    const refs = versions.map((v) => v.ref);
    const entities = (await deps.catalog.byRefs(refs)).filter((e): e is Entity => e !== null);
    const stored = current ? await storedLevels(deps.db, current.ref, refs) : new Map<string, string | null>();
    // Facts and owners only for the candidate's scope: reading them is most of the cost of a page.
    const inScope = entities.filter((e) => candidate.applies(e));
    const scopeRefs = inScope.map((e) => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase());
    const facts = deps.facts && inScope.length > 0 ? await deps.facts.factsFor(scopeRefs) : new Map() as FactsByEntity;
    const owners = await ownerKinds(deps.catalog, inScope);
    // Approved exemptions count as they do in a pass, or an edit would seem to cost exempted entities their level.
    const exemptions = inScope.length > 0 ? await activeExemptionsOf(deps.db, scopeRefs, new Date().toISOString()) : new Map() as Awaited<ReturnType<typeof activeExemptionsOf>>;
    const applies = new Set(inScope);
    for (const entity of entities) {
      const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
      const inBefore = stored.has(ref);
      const before = stored.get(ref) ?? null;
      if (inBefore) {
        out.before.entities++;
        out.before.distribution[before ?? 'none'] = (out.before.distribution[before ?? 'none'] ?? 0) + 1;
      }
      if (!applies.has(entity)) {
        if (inBefore) out.left++;
        continue;
      }
      const owner = ownerOf(entity);
      const ownerKind = owner ? owners.get(owner) ?? null : null;
      const scored = scoreEntity(candidate, { entity, facts: facts.get(ref) ?? {}, ownerKind }, exemptions.get(`${candidate.ref}\0${ref}`));
      for (const r of scored.rules) {
        const rate = rates.get(r.ruleId);
        if (rate) rate[r.status === 'pass' ? 'passed' : r.status === 'fail' ? 'failed' : 'errors']++;
      }
      if (!inBefore) out.entered++;
      out.after.entities++;
      out.after.distribution[scored.level ?? 'none'] = (out.after.distribution[scored.level ?? 'none'] ?? 0) + 1;
      const team = teams.get(owner) ?? { owner, entities: 0, gained: 0, lost: 0 };
      teams.set(owner, team);
      team.entities++;
      const delta = rankIn(candidate.levels, scored.level) - rankIn(current?.levels ?? candidate.levels, inBefore ? before : null);
      if (delta === 0) continue;
      const change = { entityRef: ref, owner, before: inBefore ? before ?? 'none' : null, after: scored.level ?? 'none' };
      const bucket = delta > 0 ? out.gained : out.lost;
      bucket.count++;
      if (bucket.sample.length < SAMPLE) bucket.sample.push(change);
      team[delta > 0 ? 'gained' : 'lost']++;
    }
    out.scanned += versions.length;
    if (versions.length < PAGE) break;
    after = refs[refs.length - 1];
    if (Date.now() - started > budgetMs) {
      out.complete = false;
      break;
    }
    await yieldToEventLoop();
  }
  out.teams = [...teams.values()].filter((t) => t.gained + t.lost > 0).sort((a, b) => b.gained + b.lost - (a.gained + a.lost) || a.owner.localeCompare(b.owner));
  out.ms = Date.now() - started;
  return out;
}
