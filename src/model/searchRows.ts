// The flattened key/value rows that catalog filters match against, built exactly like Backstage's
// stitcher (plugins/catalog-backend/src/database/operations/stitcher/buildEntitySearch.ts).
import type { Entity } from './entity';
import { DEFAULT_NAMESPACE } from './entityRef';

/**
 * One search row: a lowercased dotted key, its lowercased value, and the value as written
 * (Backstage's `original_value`); both values are null when absent or too long.
 */
export type SearchRow = { key: string; value: string | null; originalValue: string | null };

/** Keys that are not flattened generically: never indexed, or always added explicitly. */
const SPECIAL_KEYS = new Set(['attachments', 'relations', 'status', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.etag']);

/** Longer keys are dropped; longer values are stored as null (not filterable). */
export const SEARCH_MAX_KEY_LENGTH = 200;
export const SEARCH_MAX_VALUE_LENGTH = 200;

/** Thrown when two keys of an entity differ only in case (e.g. `spec.foo` and `spec.Foo`). */
export class SearchKeyCaseError extends Error {
  constructor(keys: string[]) {
    super(`Entity has duplicate keys that vary only in casing, '${keys.join("', '")}'`);
    this.name = 'InputError';
  }
}

// ICU's locale-aware lowercasing is ~20× slower than toLowerCase(); for ASCII (nearly every key and
// value) both give the same result, so only other strings take the locale path.
const ASCII = /^[ -~]*$/; // printable ASCII; anything else takes the locale path
const lower = (s: string): string => (ASCII.test(s) ? s.toLowerCase() : s.toLocaleLowerCase('en-US'));

/** Raw keys and values side by side: a 100k-entity load builds millions of them, so no object per row. */
type RawRows = { keys: string[]; values: unknown[] };

function flatten(root: unknown, out: RawRows): void {
  const seenItemKeys = new Set<string>();
  const visit = (path: string, current: unknown): void => {
    if (SPECIAL_KEYS.has(path)) return;
    const type = typeof current;
    if (current === undefined || current === null || type === 'string' || type === 'number' || type === 'boolean') {
      out.keys.push(path);
      out.values.push(current);
      return;
    }
    if (type !== 'object') return;
    if (Array.isArray(current)) {
      for (const item of current) {
        visit(path, item);
        if (typeof item === 'string') {
          // `metadata.tags.java = true` lets a filter require several list items at once.
          const itemKey = `${path}.${item}`;
          const lowered = lower(itemKey);
          if (!seenItemKeys.has(lowered)) {
            seenItemKeys.add(lowered);
            out.keys.push(itemKey);
            out.values.push(true);
          }
        }
      }
      return;
    }
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) visit(path ? `${path}.${key}` : key, record[key]);
  };
  visit('', root);
}

function assertNoCaseDuplicates(keys: string[], lowered: string[]): void {
  const distinct = new Set(keys);
  const distinctLowered = new Set(lowered);
  if (distinct.size === distinctLowered.size) return;
  const duplicates = new Set<string>();
  for (const key of distinct) if (!distinctLowered.delete(lower(key))) duplicates.add(lower(key));
  throw new SearchKeyCaseError([...duplicates]);
}

/**
 * Flattens an entity into search rows as Backstage does: dotted paths, keys and values lowercased
 * (en-US), arrays descend and string items also give `<path>.<item>` = `true`, `relations.<type>` =
 * target ref, `metadata.name/namespace/uid` always present (a missing namespace also matches
 * `default`), keys over 200 characters dropped and values over 200 stored as null, duplicate
 * (key, value) rows removed. Excluded from flattening: attachments, relations, status and
 * metadata name/namespace/uid/etag (re-added explicitly, except etag).
 *
 * @throws SearchKeyCaseError when two keys differ only in case.
 */
export function buildSearchRows(entity: Entity): SearchRow[] {
  const flat = buildSearchRowsFlat(entity);
  const rows: SearchRow[] = [];
  for (let i = 0; i < flat.length; i += 3) rows.push({ key: flat[i] as string, value: flat[i + 1] ?? null, originalValue: flat[i + 2] ?? null });
  return rows;
}

/**
 * The rows of `buildSearchRows` as one flat list `[key, value, originalValue, key, value, …]`: what the
 * ingestion stores, and cheap to copy between threads.
 *
 * @throws SearchKeyCaseError when two keys differ only in case.
 */
export function buildSearchRowsFlat(entity: Entity): Array<string | null> {
  const raw: RawRows = { keys: [], values: [] };
  flatten(entity, raw);
  const add = (key: string, value: unknown) => {
    raw.keys.push(key);
    raw.values.push(value);
  };
  add('metadata.name', entity.metadata.name);
  add('metadata.namespace', entity.metadata.namespace);
  add('metadata.uid', entity.metadata.uid);
  if (!entity.metadata.namespace) add('metadata.namespace', DEFAULT_NAMESPACE);
  for (const relation of entity.relations ?? []) add(`relations.${relation.type}`, relation.targetRef);
  const loweredKeys = raw.keys.map(lower);
  assertNoCaseDuplicates(raw.keys, loweredKeys);

  const rows: Array<string | null> = [];
  const seen = new Set<string>();
  for (let i = 0; i < loweredKeys.length; i++) {
    const key = loweredKeys[i] as string;
    if (key.length > SEARCH_MAX_KEY_LENGTH) continue;
    const rawValue = raw.values[i];
    let value: string | null = null;
    let originalValue: string | null = null;
    if (rawValue !== undefined && rawValue !== null) {
      originalValue = String(rawValue);
      const text = lower(originalValue);
      if (text.length <= SEARCH_MAX_VALUE_LENGTH) value = text;
      else originalValue = null;
    }
    const dedupe = `${key}\u0000${value === null ? '\u0001null' : value}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    rows.push(key, value, originalValue);
  }
  return rows;
}
