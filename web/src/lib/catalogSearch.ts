// The catalog list's state lives in the URL (shareable links): facet selections, text, page cursor.
// This module turns that state into the catalog API's `filter` syntax.

export type FacetKey = 'kind' | 'type' | 'lifecycle' | 'owner' | 'tag' | 'namespace';

export type FacetDef = { key: FacetKey; field: string; label: string };

/** Facets shown in the filter panel, in display order; `field` is the catalog search key. */
export const FACETS: readonly FacetDef[] = [
  { key: 'kind', field: 'kind', label: 'Kind' },
  { key: 'type', field: 'spec.type', label: 'Type' },
  { key: 'lifecycle', field: 'spec.lifecycle', label: 'Lifecycle' },
  { key: 'owner', field: 'spec.owner', label: 'Owner' },
  { key: 'tag', field: 'metadata.tags', label: 'Tag' },
  { key: 'namespace', field: 'metadata.namespace', label: 'Namespace' },
];

/** Columns the list can be ordered by, and the catalog field each one sorts on. */
export const SORT_FIELDS = {
  name: 'metadata.name',
  kind: 'kind',
  type: 'spec.type',
  owner: 'spec.owner',
  lifecycle: 'spec.lifecycle',
} as const;
export type SortKey = keyof typeof SORT_FIELDS;
export type SortDir = 'asc' | 'desc';
export type Sort = { key: SortKey; dir: SortDir };

export type CatalogSearch = Partial<Record<FacetKey, string[]>> & {
  q?: string;
  /** Absent means the default order, name ascending. */
  sort?: SortKey;
  dir?: 'desc';
  cursor?: string;
  page?: number;
};

/** Fields the text box searches (Backstage's `fullTextFilterFields`). */
export const FULL_TEXT_FIELDS = ['metadata.name', 'metadata.title', 'metadata.description', 'spec.profile.displayName'];

export const PAGE_SIZE = 50;

const asList = (v: unknown): string[] | undefined => {
  const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
  return list.length ? list : undefined;
};

/** Validates raw URL search params into CatalogSearch (unknown keys dropped). */
export function parseCatalogSearch(raw: Record<string, unknown>): CatalogSearch {
  const out: CatalogSearch = {};
  for (const f of FACETS) {
    const list = asList(raw[f.key]);
    if (list) out[f.key] = list;
  }
  if (typeof raw.q === 'string' && raw.q) out.q = raw.q;
  if (typeof raw.sort === 'string' && Object.hasOwn(SORT_FIELDS, raw.sort)) out.sort = raw.sort as SortKey;
  if (raw.dir === 'desc') out.dir = 'desc';
  if (typeof raw.cursor === 'string' && raw.cursor) out.cursor = raw.cursor;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1) out.page = page;
  return out;
}

// Commas separate statements in a filter; a value containing one cannot be expressed, so it is dropped.
const safe = (v: string): boolean => !v.includes(',');

/**
 * One `filter` parameter for the selected facets: different facets AND together; several values of
 * one facet share a key, which the catalog reads as "any of" (e.g. `kind=component,kind=api`).
 */
export function buildFilter(search: CatalogSearch, opts: { except?: FacetKey; fixed?: string[] } = {}): string | undefined {
  const parts: string[] = [...(opts.fixed ?? [])];
  for (const f of FACETS) {
    if (f.key === opts.except) continue;
    for (const v of search[f.key] ?? []) if (safe(v)) parts.push(`${f.field}=${v}`);
  }
  return parts.length ? parts.join(',') : undefined;
}

export const hasSelection = (search: CatalogSearch): boolean =>
  FACETS.some((f) => (search[f.key]?.length ?? 0) > 0) || Boolean(search.q);

/** Toggles one facet value and resets paging (a cursor belongs to one filter). */
export function toggleFacet(search: CatalogSearch, key: FacetKey, value: string): CatalogSearch {
  const current = search[key] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...search, [key]: next.length ? next : undefined, cursor: undefined, page: undefined };
}

export const sortOf = (search: CatalogSearch): Sort => ({ key: search.sort ?? 'name', dir: search.dir ?? 'asc' });

/** The catalog's `orderField` for the current sort. */
export const orderFieldOf = (search: CatalogSearch): string => {
  const { key, dir } = sortOf(search);
  return `${SORT_FIELDS[key]},${dir}`;
};

/**
 * Clicking a column header: a new column sorts ascending, the current one flips direction. Paging
 * restarts because a cursor carries the order it was made with.
 */
export function toggleSort(search: CatalogSearch, key: SortKey): CatalogSearch {
  const current = sortOf(search);
  const dir: SortDir = current.key === key && current.dir === 'asc' ? 'desc' : 'asc';
  return { ...search, sort: key === 'name' && dir === 'asc' ? undefined : key, dir: dir === 'desc' ? 'desc' : undefined, cursor: undefined, page: undefined };
}
