import { createHash } from 'node:crypto';
import {
  compileCheck, compileScorecardFilter, scorecardSpecSchema, stringifyEntityRef, type CompiledCheck, type Entity, type ScorecardRule,
} from '../../../model';
import type { CatalogService } from '../catalog/catalog.service';

/** A scorecard ready to evaluate: compiled filter and checks, and a hash of its definition. */
export interface LoadedScorecard {
  ref: string;
  entity: Entity;
  levels: string[];
  rules: Array<ScorecardRule & { run: CompiledCheck }>;
  applies: (entity: Entity) => boolean;
  definitionHash: string;
}

/** Every Scorecard entity of the catalog, compiled; one the schema rejects (never stored) is skipped. */
export async function loadScorecards(catalog: Pick<CatalogService, 'byQuery'>): Promise<LoadedScorecard[]> {
  const out: LoadedScorecard[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.byQuery({ filter: ['kind=scorecard'], limit: 500, cursor, totalItems: 'exclude' });
    for (const item of page.items as Entity[]) {
      const spec = scorecardSpecSchema.safeParse(item.spec);
      if (!spec.success) continue;
      out.push({
        ref: stringifyEntityRef(item).toLowerCase(),
        entity: item,
        levels: spec.data.levels,
        rules: spec.data.rules.map((r) => ({ ...r, run: compileCheck(r.check) })),
        applies: compileScorecardFilter(spec.data.filter),
        definitionHash: createHash('sha1').update(JSON.stringify(spec.data)).digest('hex').slice(0, 16),
      });
    }
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return out.sort((a, b) => a.ref.localeCompare(b.ref));
}
