import { parseEntityRef, stringifyEntityRef, type ScorecardFilter } from '../../../model';
import type { CatalogService } from '../catalog/catalog.service';
import { InputError } from '../../platform/errors';
import type { InitiativeRow } from './initiatives.repo';
import type { Targets } from './initiatives.progress';

/** What initiatives need of a scorecard: its levels and rules (ScorecardsService.definitionOf). */
export interface ScorecardDefinition {
  entityRef: string;
  levels: string[];
  rules: Array<{ id: string; title: string; level: string; fix: string | null }>;
}

export interface DefinitionInput {
  title: string;
  owner: string;
  brief: string;
  scorecard: string;
  rules?: string[];
  level?: string;
  filter?: ScorecardFilter;
  startDate: string;
  targetDate: string;
}

type Fields = Pick<InitiativeRow, 'title' | 'owner_ref' | 'brief' | 'scorecard_ref' | 'rule_ids' | 'level' | 'filter' | 'start_date' | 'target_date'>;

function refOf(text: string, defaultKind: string, field: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(text, { defaultKind })).toLowerCase();
  } catch (err) {
    throw new InputError(`${field}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Checks an initiative's definition against the catalog and its scorecard (one that exists, rules or a
 * level it has, an owner in the catalog, a target date not before the start) and returns the stored fields.
 */
export async function validateDefinition(
  deps: { scorecards: { definitionOf(ref: string): Promise<ScorecardDefinition | null> }; catalog: Pick<CatalogService, 'byRefs'> },
  input: DefinitionInput,
): Promise<Fields> {
  const scorecardRef = refOf(input.scorecard, 'scorecard', 'scorecard');
  const def = await deps.scorecards.definitionOf(scorecardRef);
  if (!def) throw new InputError(`scorecard: no scorecard ${scorecardRef} in the catalog`);
  if (input.rules && input.level) throw new InputError('rules, level: give either the rules or a level, not both');
  if (!input.rules && !input.level) throw new InputError('rules: give the rules of the scorecard to target, or a level');
  if (input.rules) {
    const known = new Set(def.rules.map((r) => r.id));
    const unknown = input.rules.filter((r) => !known.has(r));
    if (unknown.length > 0) throw new InputError(`rules: ${scorecardRef} has no rule ${unknown.map((u) => `"${u}"`).join(', ')} (it has ${[...known].join(', ')})`);
    if (new Set(input.rules).size !== input.rules.length) throw new InputError('rules: a rule is listed twice');
  }
  if (input.level && !def.levels.includes(input.level)) throw new InputError(`level: ${scorecardRef} has no level "${input.level}" (it has ${def.levels.join(', ')})`);
  const owner = refOf(input.owner, 'group', 'owner');
  const [found] = await deps.catalog.byRefs([owner], ['kind']);
  if (!found) throw new InputError(`owner: ${owner} is not in the catalog`);
  if (input.targetDate < input.startDate) throw new InputError(`targetDate: ${input.targetDate} is before startDate ${input.startDate}`);
  return {
    title: input.title, owner_ref: owner, brief: input.brief, scorecard_ref: scorecardRef,
    rule_ids: input.rules ? JSON.stringify(input.rules) : null, level: input.rules ? null : input.level ?? null,
    filter: input.filter && Object.keys(input.filter).length > 0 ? JSON.stringify(input.filter) : null,
    start_date: input.startDate, target_date: input.targetDate,
  };
}

/** The targeted rules as the scorecard defines them now: the listed ones, or those of the level and below. */
export function resolveTargets(row: Pick<InitiativeRow, 'scorecard_ref' | 'rule_ids' | 'level' | 'filter'>, def: ScorecardDefinition | null): Targets {
  let ruleIds: string[] = [];
  if (row.rule_ids) ruleIds = JSON.parse(row.rule_ids) as string[];
  else if (row.level && def) {
    const upTo = def.levels.indexOf(row.level);
    ruleIds = def.rules.filter((r) => { const i = def.levels.indexOf(r.level); return i >= 0 && i <= upTo; }).map((r) => r.id);
  }
  return { scorecardRef: row.scorecard_ref, ruleIds: new Set(ruleIds), filter: row.filter ? JSON.parse(row.filter) as ScorecardFilter : null };
}
