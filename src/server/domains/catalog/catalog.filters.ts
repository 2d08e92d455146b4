import type { PredicateNode } from './catalog.predicates';
import { InputError } from '../../platform/errors';

/** One statement of a filter: `key=value[,value]` (any of the values) or a bare `key` (exists). */
export interface FilterStatement {
  key: string;
  values?: string[];
  /** Matches values starting with this (lowercase) text: the predicate matcher `$hasPrefix`. */
  prefix?: string;
}
/** Backstage's filter structure: any of the groups matches when all of its statements match. */
export interface EntityFilter {
  anyOf: Array<{ allOf: FilterStatement[] }>;
  /** A predicate query (POST endpoints), AND'ed with `anyOf` when both are present. */
  predicate?: PredicateNode;
}

const MAX_FILTER_PARAMS = 50;
const MAX_STATEMENTS = 50;
/** Keys and values longer than this are not indexed (as in Backstage), so they can never match. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * Parses `filter` query parameters: repeated params are OR'ed; comma-separated statements within one
 * are AND'ed; statements with the same key in one param merge into a set of accepted values;
 * everything is compared case-insensitively.
 */
export function parseFilterParams(params: string[] | undefined): EntityFilter | undefined {
  if (!params || params.length === 0) return undefined;
  if (params.length > MAX_FILTER_PARAMS) throw new InputError(`At most ${MAX_FILTER_PARAMS} filter parameters are allowed`);
  const anyOf = params.map((param) => {
    const byKey = new Map<string, FilterStatement>();
    const parts = param.split(',');
    if (parts.length > MAX_STATEMENTS) throw new InputError(`At most ${MAX_STATEMENTS} statements are allowed in one filter`);
    for (const part of parts) {
      const eq = part.indexOf('=');
      const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLocaleLowerCase('en-US');
      if (!key) throw new InputError(`Invalid filter, '${part}' is not a valid statement (expected a string on the form a=b or a= or a)`);
      const statement = byKey.get(key) ?? { key };
      if (eq !== -1) statement.values = [...(statement.values ?? []), part.slice(eq + 1).trim().toLocaleLowerCase('en-US')];
      byKey.set(key, statement);
    }
    return { allOf: [...byKey.values()] };
  });
  return { anyOf };
}

/** Combines `filter=` params and a predicate query into one filter (either may be absent). */
export function combineFilters(params: string[] | undefined, predicate: PredicateNode | undefined): EntityFilter | undefined {
  const parsed = parseFilterParams(params);
  if (!predicate) return parsed;
  return { anyOf: parsed?.anyOf ?? [], predicate };
}
