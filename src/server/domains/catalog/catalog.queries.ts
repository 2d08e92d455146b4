import type { Kysely } from 'kysely';
import type { Entity } from '../../../model';
import type { Database } from '../../platform/db/schema';
import { InputError } from '../../platform/errors';
import { decodeCursor, encodeCursor, type QueryCursor } from './catalog.cursor';
import { parseFields, projectFields } from './catalog.fields';
import { combineFilters, parseFilterParams } from './catalog.filters';
import { parsePredicate } from './catalog.predicates';
import { createQueryCache } from './catalog.queryCache';
import { countEntities, facetCounts, idByRef, idsByRefs, loadEntities, pageIds, type FilterMode, type FullTextFilter, type SortSpec } from './catalog.readRepo';
import type { EntityFilter } from './catalog.filters';

/** Below this share of the catalog, collecting the matches and sorting them beats walking an index. */
const COLLECT_SHARE = 0.05;

/** Default fields of a full-text search when the caller names none and sorts by nothing. */
const DEFAULT_FULL_TEXT_FIELDS = ['metadata.name', 'metadata.title', 'metadata.description', 'metadata.tags', 'spec.type', 'spec.owner', 'kind'];

export interface ByQueryInput {
  filter?: string[];
  fields?: string[];
  orderField?: string[];
  cursor?: string;
  limit?: number;
  offset?: number;
  fullTextFilterTerm?: string;
  fullTextFilterFields?: string[];
  totalItems?: 'include' | 'exclude';
  /** A filter predicate (POST /entities/by-query), AND'ed with `filter`. */
  query?: unknown;
}

/** Read-only catalog queries with Backstage's semantics. */
export function createCatalogQueries(db: Kysely<Database>) {
  const cache = createQueryCache(db);
  const count = (filter: EntityFilter | undefined, fullText: FullTextFilter | undefined) =>
    cache.get(`count:${JSON.stringify([filter, fullText])}`, () => countEntities(db, filter, fullText));

  async function byQuery(input: ByQueryInput) {
    const fields = parseFields(input.fields);
    const limit = input.limit ?? 20;
    const c: Omit<QueryCursor, 'at' | 'direction'> & Partial<Pick<QueryCursor, 'at' | 'direction'>> = input.cursor
      ? decodeCursor(input.cursor)
      : initialQuery(input);
    const filter = combineFilters(c.filter, c.query === undefined ? undefined : parsePredicate(c.query));
    const reverse = c.direction === 'prev';
    // The total is needed anyway (and cached); it also says whether few enough entities match to collect them.
    const totalItems = c.totalItems || (filter ?? c.fullText) ? await count(filter, c.fullText) : undefined;
    const all = filter ?? c.fullText ? await count(undefined, undefined) : totalItems;
    const mode: FilterMode = totalItems !== undefined && all !== undefined && totalItems < all * COLLECT_SHARE ? 'collect' : 'probe';
    const rows = limit === 0 ? [] : await pageIds(db, { filter, fullText: c.fullText, sort: c.sort, after: c.at, reverse, limit: limit + 1, offset: input.cursor ? undefined : input.offset, mode });
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    if (reverse) page.reverse();
    const entities = await loadEntities(db, page.map((r) => r.id));
    const base = { filter: c.filter, query: c.query, sort: c.sort, fullText: c.fullText, totalItems: c.totalItems };
    const first = page[0];
    const last = page[page.length - 1];
    const nextExists = reverse ? true : hasMore;
    const prevExists = reverse ? hasMore : Boolean(input.cursor) || Boolean(input.offset);
    const pageInfo: { nextCursor?: string; prevCursor?: string } = {};
    if (nextExists && last) pageInfo.nextCursor = encodeCursor({ ...base, at: { value: last.sortValue, id: last.id }, direction: 'next' });
    if (prevExists && first) pageInfo.prevCursor = encodeCursor({ ...base, at: { value: first.sortValue, id: first.id }, direction: 'prev' });
    return { items: entities.map((e) => projectFields(e.entity, fields)), totalItems: c.totalItems ? (totalItems ?? entities.length) : entities.length, pageInfo };
  }

  return {
    byQuery,
    /** Legacy GET /entities: filter, order (several fields), offset/limit, `after` cursor. */
    async list(input: { filter?: string[]; fields?: string[]; order?: string[]; offset?: number; limit?: number; after?: string }) {
      const filter = parseFilterParams(input.filter);
      const fields = parseFields(input.fields);
      const sort = input.order?.[0] ? parseOrder(input.order[0]) : undefined;
      const offset = input.after ? decodeOffset(input.after) : (input.offset ?? 0);
      const paginated = input.limit !== undefined || input.offset !== undefined || input.after !== undefined;
      const limit = input.limit ?? 1_000_000;
      const rows = await pageIds(db, { filter, sort, limit: paginated ? limit + 1 : limit, offset });
      const more = paginated && rows.length > limit;
      const entities = await loadEntities(db, rows.slice(0, limit).map((r) => r.id));
      return { items: entities.map((e) => projectFields(e.entity, fields)), nextAfter: more ? encodeOffset(offset + limit) : undefined };
    },
    async byRefs(refs: string[], fields?: string[], filter?: string[]) {
      const projection = parseFields(fields);
      const normalized = refs.map((r) => r.toLocaleLowerCase('en-US'));
      const ids = await idsByRefs(db, normalized);
      let allowed: Set<number> | undefined;
      if (filter) {
        const rows = await pageIds(db, { filter: parseFilterParams(filter), limit: 1_000_000, mode: 'collect' });
        allowed = new Set(rows.map((r) => r.id));
      }
      const wanted = [...ids.values()].filter((id) => !allowed || allowed.has(id));
      const loaded = new Map((await loadEntities(db, wanted)).map((e) => [e.ref, e.entity]));
      return normalized.map((r) => {
        const e = loaded.get(r);
        return e ? projectFields(e, projection) : null;
      });
    },
    async byRef(ref: string): Promise<Entity | undefined> {
      const id = await idByRef(db, ref.toLocaleLowerCase('en-US'));
      return id === undefined ? undefined : (await loadEntities(db, [id]))[0]?.entity;
    },
    async byUid(uid: string): Promise<Entity | undefined> {
      const row = await db.selectFrom('entities').select('id').where('uid', '=', uid).executeTakeFirst();
      return row ? (await loadEntities(db, [Number(row.id)]))[0]?.entity : undefined;
    },
    async facets(facets: string[], filter?: string[], query?: unknown) {
      const parsed = combineFilters(filter, query === undefined ? undefined : parsePredicate(query));
      const out: Record<string, Array<{ value: string; count: number }>> = {};
      for (const f of facets) out[f] = await cache.get(`facet:${JSON.stringify([f.toLocaleLowerCase('en-US'), parsed])}`, () => facetCounts(db, f, parsed));
      return { facets: out };
    },
  };
}

/** A first request's query; as in Backstage, full text searches the sort field unless fields are named. */
function initialQuery(input: ByQueryInput): Omit<QueryCursor, 'at' | 'direction'> {
  const sort = parseSortChecked(input.orderField);
  const term = input.fullTextFilterTerm?.trim();
  const fields = input.fullTextFilterFields?.flatMap((f) => f.split(',')).filter(Boolean);
  return {
    filter: input.filter,
    query: input.query,
    sort,
    totalItems: input.totalItems !== 'exclude',
    fullText: term ? { term, fields: fields ?? (sort ? [sort.field] : DEFAULT_FULL_TEXT_FIELDS) } : undefined,
  };
}

function parseSortChecked(orderField: string[] | undefined): SortSpec | undefined {
  const first = orderField?.[0];
  if (!first) return undefined;
  const [field, order = 'asc'] = first.split(',');
  if (!field || (order !== 'asc' && order !== 'desc')) {
    throw new InputError(`Invalid orderField "${first}": expected <field>,asc or <field>,desc`);
  }
  return { field, order };
}

function parseOrder(raw: string): SortSpec {
  const m = /^(asc|desc):(.+)$/.exec(raw);
  if (!m) throw new InputError(`Invalid order "${raw}": expected asc:<field> or desc:<field>`);
  return { order: m[1] as 'asc' | 'desc', field: m[2] as string };
}

const encodeOffset = (n: number) => Buffer.from(JSON.stringify({ offset: n })).toString('base64url');
function decodeOffset(raw: string): number {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof v.offset === 'number' && v.offset >= 0) return v.offset;
  } catch {
    // fall through to the error below
  }
  throw new InputError('Malformed "after" cursor');
}

export type CatalogQueries = ReturnType<typeof createCatalogQueries>;
