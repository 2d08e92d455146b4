import { compileScorecardFilter, type Entity, type ScorecardFilter } from '../../../model';
import type { RuleResultDto } from '../../../contracts';
import type { CatalogService } from '../catalog/catalog.service';
import type { ScorecardsService } from '../scorecards';

/** What walking an initiative's targets needs: the scorecards' stored results and, with a filter, the entities. */
export interface ProgressDeps {
  scorecards: Pick<ScorecardsService, 'resultsPage'>;
  catalog: Pick<CatalogService, 'byRefs'>;
}

/** The targets of one initiative, resolved against its scorecard's current definition. */
export interface Targets {
  scorecardRef: string;
  ruleIds: Set<string>;
  filter: ScorecardFilter | null;
}

export interface TargetedEntity {
  entityRef: string;
  owner: string;
  /** The targeted rules' results; `met` is pass, or an approved exemption. */
  rules: Array<RuleResultDto & { met: boolean }>;
}

const PAGE = 500;
const isMet = (r: RuleResultDto) => r.status === 'pass' || (r as { exempt?: unknown }).exempt === true;

/**
 * Walks the stored results of the initiative's entities a page at a time (entity order, from `after`),
 * keeping only targeted rules and, with a filter, only matching entities. `visit` returns false to stop.
 * Memory stays one page, whatever the catalog's size.
 */
export async function walkTargets(deps: ProgressDeps, t: Targets, q: { after?: string; owner?: string }, visit: (e: TargetedEntity) => boolean | void): Promise<void> {
  const applies = t.filter ? compileScorecardFilter(t.filter) : null;
  let after = q.after;
  for (;;) {
    const page = await deps.scorecards.resultsPage(t.scorecardRef, { after, owner: q.owner, limit: PAGE });
    if (page.length === 0) return;
    let keep: Set<string> | null = null;
    if (applies) {
      const entities = await deps.catalog.byRefs(page.map((p) => p.entityRef));
      keep = new Set(page.filter((_, i) => { const e = entities[i]; return e ? applies(e as Entity) : false; }).map((p) => p.entityRef));
    }
    for (const row of page) {
      if (keep && !keep.has(row.entityRef)) continue;
      const rules = row.rules.filter((r) => t.ruleIds.has(r.ruleId)).map((r) => ({ ...r, met: isMet(r) }));
      if (rules.length === 0) continue;
      if (visit({ entityRef: row.entityRef, owner: row.owner, rules }) === false) return;
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]?.entityRef;
  }
}

export interface Tally { met: number; total: number; entities: number; entitiesDone: number }

export const percentOf = (met: number, total: number) => (total === 0 ? 0 : Math.round((met / total) * 1000) / 10);

/** Met and total targeted pairs per owner (team), over every targeted entity. */
export async function tallyByOwner(deps: ProgressDeps, t: Targets): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>();
  await walkTargets(deps, t, {}, (e) => {
    const tally = out.get(e.owner) ?? { met: 0, total: 0, entities: 0, entitiesDone: 0 };
    const met = e.rules.filter((r) => r.met).length;
    tally.met += met;
    tally.total += e.rules.length;
    tally.entities += 1;
    if (met === e.rules.length) tally.entitiesDone += 1;
    out.set(e.owner, tally);
  });
  return out;
}
