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

type RawRow = { key: string; value: unknown };

// ICU's locale-aware lowercasing is ~20× slower than toLowerCase(); for ASCII (nearly every key and
// value) both give the same result, so only other strings take the locale path.
const ASCII = /^[ -~]*$/; // printable ASCII; anything else takes the locale path
const lower = (s: string): string => (ASCII.test(s) ? s.toLowerCase() : s.toLocaleLowerCase('en-US'));

function flatten(root: unknown): RawRow[] {
  const out: RawRow[] = [];
  const seenItemKeys = new Set<string>();
  const visit = (path: string, current: unknown): void => {
    if (SPECIAL_KEYS.has(path)) return;
    const type = typeof current;
    if (current === undefined || current === null || type === 'string' || type === 'number' || type === 'boolean') {
      out.push({ key: path, value: current });
      return;
    }
    if (type !== 'object') return;
    if (Array.isArray(current)) {
      for (const item of current) {
        visit(path, item);
        if (typeof item === 'string') {
          // `metadata.tags.java = true` lets a filter require several list items at once.
          const itemKey = `${path}.${item}`;
          if (!seenItemKeys.has(lower(itemKey))) {
            seenItemKeys.add(lower(itemKey));
            out.push({ key: itemKey, value: true });
          }
        }
      }
      return;
    }
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) visit(path ? `${path}.${key}` : key, record[key]);
  };
  visit('', root);
  return out;
}

function assertNoCaseDuplicates(raw: RawRow[]): void {
  const keys = new Set(raw.map((r) => r.key));
  const lowered = new Set([...keys].map(lower));
  if (keys.size === lowered.size) return;
  const duplicates = new Set<string>();
  for (const key of keys) if (!lowered.delete(lower(key))) duplicates.add(lower(key));
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
  const raw = flatten(entity);
  raw.push({ key: 'metadata.name', value: entity.metadata.name });
  raw.push({ key: 'metadata.namespace', value: entity.metadata.namespace });
  raw.push({ key: 'metadata.uid', value: entity.metadata.uid });
  if (!entity.metadata.namespace) raw.push({ key: 'metadata.namespace', value: DEFAULT_NAMESPACE });
  for (const relation of entity.relations ?? []) raw.push({ key: `relations.${relation.type}`, value: relation.targetRef });
  assertNoCaseDuplicates(raw);

  const rows: SearchRow[] = [];
  const seen = new Set<string>();
  for (const { key: rawKey, value: rawValue } of raw) {
    const key = lower(rawKey);
    if (key.length > SEARCH_MAX_KEY_LENGTH) continue;
    let value: string | null = null;
    let originalValue: string | null = null;
    if (rawValue !== undefined && rawValue !== null) {
      const text = lower(String(rawValue));
      if (text.length <= SEARCH_MAX_VALUE_LENGTH) {
        value = text;
        originalValue = String(rawValue);
      }
    }
    const dedupe = `${key}\u0000${value === null ? '\u0001null' : value}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    rows.push({ key, value, originalValue });
  }
  return rows;
}
