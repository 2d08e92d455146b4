import { InputError } from '../../platform/errors';

/**
 * Backstage's filter predicates (`@backstage/filter-predicates`, used by the POST query endpoints):
 * `{kind: 'Component', 'spec.type': {$in: [...]}}`, logical `$all`/`$any`/`$not`, value matchers
 * `$exists`, `$in`, `$contains`, `$hasPrefix`. Equality is case-insensitive; numbers compare as strings.
 * Parsed into a small tree the query layer turns into SQL over the same filter tables as `filter=`.
 */
export type PredicateNode =
  | { all: PredicateNode[] }
  | { any: PredicateNode[] }
  | { not: PredicateNode }
  | { key: string; values?: string[]; prefix?: string }
  | { never: true };

const MAX_DEPTH = 16;
const MAX_NODES = 500;
type Primitive = string | number | boolean;

const isPrimitive = (v: unknown): v is Primitive => ['string', 'number', 'boolean'].includes(typeof v);
const norm = (v: Primitive) => String(v).toLocaleLowerCase('en-US');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates and converts a predicate; malformed input is a 400 naming what was wrong. */
export function parsePredicate(input: unknown): PredicateNode {
  let nodes = 0;
  const count = () => {
    if (++nodes > MAX_NODES) throw new InputError(`Invalid query: more than ${MAX_NODES} predicates`);
  };

  function predicate(p: unknown, depth: number, at: string): PredicateNode {
    count();
    if (depth > MAX_DEPTH) throw new InputError(`Invalid query: nested deeper than ${MAX_DEPTH} at ${at}`);
    if (!isObject(p)) throw new InputError(`Invalid query at ${at}: expected an object`);
    const keys = Object.keys(p);
    if (keys.some((k) => k === '$all' || k === '$any' || k === '$not')) {
      if (keys.length !== 1) throw new InputError(`Invalid query at ${at}: $all, $any and $not must stand alone`);
      const [op] = keys as ['$all' | '$any' | '$not'];
      if (op === '$not') return { not: predicate(p.$not, depth + 1, `${at}.$not`) };
      const list = p[op];
      if (!Array.isArray(list)) throw new InputError(`Invalid query at ${at}.${op}: expected an array`);
      const items = list.map((x, i) => predicate(x, depth + 1, `${at}.${op}[${i}]`));
      return op === '$all' ? { all: items } : { any: items };
    }
    if (keys.some((k) => k.startsWith('$'))) return { never: true }; // future operators match nothing
    return { all: keys.map((k) => value(k.toLocaleLowerCase('en-US'), p[k], depth + 1, `${at}.${k}`)) };
  }

  function value(key: string, v: unknown, depth: number, at: string): PredicateNode {
    count();
    if (depth > MAX_DEPTH) throw new InputError(`Invalid query: nested deeper than ${MAX_DEPTH} at ${at}`);
    if (isPrimitive(v)) return { key, values: [norm(v)] };
    if (!isObject(v)) throw new InputError(`Invalid query at ${at}: expected a value or a matcher object`);
    const [op, ...rest] = Object.keys(v);
    if (!op || rest.length > 0) throw new InputError(`Invalid query at ${at}: a matcher has exactly one key`);
    const arg = v[op];
    switch (op) {
      case '$exists':
        if (typeof arg !== 'boolean') throw new InputError(`Invalid query at ${at}.$exists: expected true or false`);
        return arg ? { key } : { not: { key } };
      case '$in':
        if (!Array.isArray(arg) || !arg.every(isPrimitive)) throw new InputError(`Invalid query at ${at}.$in: expected an array of values`);
        return arg.length === 0 ? { never: true } : { key, values: arg.map(norm) };
      case '$hasPrefix':
        if (typeof arg !== 'string') throw new InputError(`Invalid query at ${at}.$hasPrefix: expected a string`);
        return { key, prefix: arg.toLocaleLowerCase('en-US') };
      case '$contains':
        return contains(key, arg, depth + 1, `${at}.$contains`);
      default:
        return { never: true };
    }
  }

  /** Array elements are flattened into the same key (strings) or sub-keys (objects), as in Backstage's search table. */
  function contains(key: string, arg: unknown, depth: number, at: string): PredicateNode {
    count();
    if (depth > MAX_DEPTH) throw new InputError(`Invalid query: nested deeper than ${MAX_DEPTH} at ${at}`);
    if (isPrimitive(arg)) return { key, values: [norm(arg)] };
    if (!isObject(arg)) throw new InputError(`Invalid query at ${at}: expected a value or a predicate`);
    if ('$any' in arg && Array.isArray(arg.$any)) return { any: arg.$any.map((x, i) => contains(key, x, depth + 1, `${at}.$any[${i}]`)) };
    if ('$all' in arg && Array.isArray(arg.$all)) return { all: arg.$all.map((x, i) => contains(key, x, depth + 1, `${at}.$all[${i}]`)) };
    if ('$not' in arg) return { not: contains(key, arg.$not, depth + 1, `${at}.$not`) };
    return { all: Object.keys(arg).map((k) => value(`${key}.${k.toLocaleLowerCase('en-US')}`, arg[k], depth + 1, `${at}.${k}`)) };
  }

  return predicate(input, 0, 'query');
}

/** Evaluates a predicate against a flat record (used for locations, which are few and kept in memory). */
export function matchesRecord(node: PredicateNode, record: Record<string, string>): boolean {
  if ('all' in node) return node.all.every((n) => matchesRecord(n, record));
  if ('any' in node) return node.any.some((n) => matchesRecord(n, record));
  if ('not' in node) return !matchesRecord(node.not, record);
  if ('never' in node) return false;
  const entry = Object.entries(record).find(([k]) => k.toLocaleLowerCase('en-US') === node.key);
  if (!entry) return false;
  const v = entry[1].toLocaleLowerCase('en-US');
  if (node.prefix !== undefined) return v.startsWith(node.prefix);
  return node.values ? node.values.includes(v) : true;
}
