import { createHash } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { ANNOTATION_ORPHAN, type Entity } from '../../../model';
import type { Database } from '../../platform/db/schema';
import type { EntityFilter, FilterStatement } from './catalog.filters';
import type { PredicateNode } from './catalog.predicates';

type Db = Kysely<Database>;
type EB = ExpressionBuilder<Database & { e: Database['entities'] }, 'e'>;
type EntityQB<O> = SelectQueryBuilder<Database & { e: Database['entities'] } & { s: Database['search'] }, 'e' | 's', O>;

export interface FullTextFilter {
  term: string;
  fields: string[];
}

export interface StoredEntity {
  id: number;
  ref: string;
  entity: Entity;
}

/**
 * How a filter reaches the filter tables. `probe`: a correlated EXISTS per statement, checked row by row
 * through (key, value, entity_id) — cheap when many entities match and a page stops early. `collect`:
 * `id IN (subquery)`, which SQLite materialises once — cheap when few entities match, and for counts.
 */
export type FilterMode = 'probe' | 'collect';
type IdCol = 'e.id' | 's.entity_id';

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Filter keys answered from the entity row itself (the parts of its ref): `kind=component` then walks the
 * (kind, name, id) index, which also serves the common sort by name (migration 0005, ADR 0015).
 */
const REF_COLUMNS: Partial<Record<string, 'e.kind' | 'e.namespace' | 'e.name'>> = { kind: 'e.kind', 'metadata.namespace': 'e.namespace', 'metadata.name': 'e.name' };

function statementExpr(eb: EB, st: FilterStatement, mode: FilterMode, idCol: IdCol) {
  if (st.key.startsWith('relations.')) {
    let sub = eb.selectFrom('relations').select('relations.from_ref').where('relations.type_key', '=', st.key.slice('relations.'.length));
    if (st.values) sub = sub.where('relations.to_ref', 'in', st.values);
    if (st.prefix !== undefined) sub = sub.where(sql<boolean>`relations.to_ref LIKE ${likePrefix(st.prefix)} ESCAPE '\\'`);
    return mode === 'probe' ? eb.exists(sub.whereRef('relations.from_ref', '=', 'e.ref')) : eb('e.ref', 'in', sub);
  }
  const column = idCol === 'e.id' ? REF_COLUMNS[st.key] : undefined;
  if (column) {
    // Every entity has exactly one value of these, stored lowercased on its row as in `search`.
    if (st.values) return eb(column, 'in', st.values);
    if (st.prefix !== undefined) return sql<SqlBool>`${sql.ref(column)} LIKE ${likePrefix(st.prefix)} ESCAPE '\\'`;
    return sql<SqlBool>`1 = 1`;
  }
  let sub = eb.selectFrom('search').select('search.entity_id').where('search.key', '=', st.key);
  if (st.values) sub = sub.where('search.value', 'in', st.values);
  if (st.prefix !== undefined) sub = sub.where(sql<boolean>`search.value LIKE ${likePrefix(st.prefix)} ESCAPE '\\'`);
  return mode === 'probe' ? eb.exists(sub.whereRef('search.entity_id', '=', idCol as 'e.id')) : eb(idCol as 'e.id', 'in', sub);
}

function predicateExpr(eb: EB, node: PredicateNode, mode: FilterMode, idCol: IdCol): Expression<SqlBool> {
  if ('all' in node) return eb.and(node.all.map((n) => predicateExpr(eb, n, mode, idCol)));
  if ('any' in node) return eb.or(node.any.map((n) => predicateExpr(eb, n, mode, idCol)));
  if ('not' in node) return eb.not(predicateExpr(eb, node.not, mode, idCol));
  if ('never' in node) return sql<SqlBool>`1 = 0`;
  return statementExpr(eb, node, mode, idCol);
}

/**
 * The WHERE clause of a Backstage filter plus an optional full-text term, as a Kysely expression.
 * `idCol` names the entity id the filter tables correlate with (`e.id`, or a sort row's `s.entity_id`);
 * relation statements always use `e.ref`, so a query with them must join `entities as e`.
 */
export function filterExpr(eb: EB, filter: EntityFilter | undefined, fullText: FullTextFilter | undefined, mode: FilterMode = 'collect', idCol: IdCol = 'e.id') {
  const parts = [];
  if (filter && (filter.anyOf.length > 0 || !filter.predicate)) parts.push(eb.or(filter.anyOf.map((g) => eb.and(g.allOf.map((st) => statementExpr(eb, st, mode, idCol))))));
  if (filter?.predicate) parts.push(predicateExpr(eb, filter.predicate, mode, idCol));
  if (fullText && fullText.term) {
    const pattern = `%${fullText.term.toLocaleLowerCase('en-US').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const sub = eb.selectFrom('search').select('search.entity_id')
      .where('search.key', 'in', fullText.fields.map((f) => f.toLocaleLowerCase('en-US')))
      .where(sql<boolean>`search.value LIKE ${pattern} ESCAPE '\\'`);
    parts.push(mode === 'probe' ? eb.exists(sub.whereRef('search.entity_id', '=', idCol as 'e.id')) : eb(idCol as 'e.id', 'in', sub));
  }
  return eb.and(parts);
}

function usesRelations(filter: EntityFilter | undefined): boolean {
  const inNode = (n: PredicateNode): boolean =>
    'all' in n ? n.all.some(inNode) : 'any' in n ? n.any.some(inNode) : 'not' in n ? inNode(n.not) : 'key' in n && n.key.startsWith('relations.');
  return Boolean(filter && (filter.anyOf.some((g) => g.allOf.some((st) => st.key.startsWith('relations.'))) || (filter.predicate && inNode(filter.predicate))));
}

export async function countEntities(db: Db, filter: EntityFilter | undefined, fullText?: FullTextFilter): Promise<number> {
  const row = await db.selectFrom('entities as e').select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => filterExpr(eb as unknown as EB, filter, fullText)).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface SortSpec {
  field: string;
  order: 'asc' | 'desc';
}
export interface Keyset {
  value: string | null;
  id: number;
}
export interface PageQuery {
  filter?: EntityFilter;
  fullText?: FullTextFilter;
  sort?: SortSpec;
  after?: Keyset;
  reverse?: boolean;
  limit: number;
  offset?: number;
  /** Defaults to `probe`; pass `collect` when the caller knows few entities match. */
  mode?: FilterMode;
}
type PageRow = { id: number; sortValue: string | null };
type Dir = 'asc' | 'desc';
type Segment = 'values' | 'nulls';

/**
 * The order a sorted page walks in. Forward: entities with a value of the sort field, by value in the
 * requested direction, then those without one — last in both directions, as in Backstage — with ties and
 * the value-less ordered by id ascending. Backward (a "previous page") is the exact reverse, so a keyset
 * taken from either end of a page stays valid.
 */
interface Walk {
  valueDir: Dir;
  idDir: Dir;
  segments: readonly [Segment, Segment];
}

function walkOf(order: Dir, reverse: boolean): Walk {
  if (!reverse) return { valueDir: order, idDir: 'asc', segments: ['values', 'nulls'] };
  return { valueDir: order === 'asc' ? 'desc' : 'asc', idDir: 'desc', segments: ['nulls', 'values'] };
}
const cmpOf = (dir: Dir) => (dir === 'desc' ? '<' : '>');

/**
 * One page of ids ordered by a single field (or insertion order), after an optional keyset position.
 * `reverse` walks backwards (for "previous page"); the caller flips the result back.
 */
export async function pageIds(db: Db, q: PageQuery): Promise<PageRow[]> {
  const mode = q.mode ?? 'probe';
  if (!q.sort) return unsortedPage(db, q, Boolean(q.reverse), mode);
  const walk = walkOf(q.sort.order, Boolean(q.reverse));
  if (q.offset) return sortedPageByJoin(db, q, walk);
  // Each segment is its own query, so a probe walks the sort key's index in order and stops after `limit`
  // matches; a keyset inside one segment skips the segment before it.
  const key = q.sort.field.toLocaleLowerCase('en-US');
  const at: Segment | undefined = q.after ? (q.after.value === null ? 'nulls' : 'values') : undefined;
  const out: PageRow[] = [];
  let reached = at === undefined;
  for (const seg of walk.segments) {
    if (!reached && seg !== at) continue;
    const after = reached ? undefined : q.after;
    reached = true;
    if (out.length >= q.limit) break;
    const rows = seg === 'values'
      ? await valueSegment(db, q, key, walk, after, mode, q.limit - out.length)
      : await nullSegment(db, q, key, walk, after, mode, q.limit - out.length);
    out.push(...rows);
  }
  return out;
}

async function unsortedPage(db: Db, q: PageQuery, desc: boolean, mode: FilterMode): Promise<PageRow[]> {
  let qb = db.selectFrom('entities as e').select('e.id').where((eb) => filterExpr(eb as unknown as EB, q.filter, q.fullText, mode));
  if (q.after) qb = qb.where('e.id', desc ? '<' : '>', q.after.id);
  qb = qb.orderBy('e.id', desc ? 'desc' : 'asc').limit(q.limit);
  if (q.offset) qb = qb.offset(q.offset);
  return (await qb.execute()).map((r) => ({ id: Number(r.id), sortValue: null }));
}

/**
 * Entities with a value, as rows of the sort key. `probe` walks the (key, value, entity_id) index and
 * checks the filter per row; `collect` starts from the (few) matching ids and reaches each one's value
 * through (entity_id, key), then sorts — walking the sort index would cross long runs of non-matches.
 */
async function valueSegment(db: Db, q: PageQuery, key: string, walk: Walk, after: Keyset | undefined, mode: FilterMode, limit: number): Promise<PageRow[]> {
  const column = ENTITY_COLUMNS[key];
  if (mode === 'collect' && column) return columnSegment(db, q, column, walk, after, limit);
  // Entities are joined only for relation statements (they match on `e.ref`): the join costs a lookup per row.
  const from = usesRelations(q.filter) ? db.selectFrom('search as s').innerJoin('entities as e', 'e.id', 's.entity_id') : db.selectFrom('search as s');
  let qb = (from as unknown as EntityQB<object>)
    .select(['s.entity_id as id', 's.value as sortValue'])
    .where('s.key', '=', key).where('s.value', 'is not', null)
    .where((eb) => filterExpr(eb as unknown as EB, q.filter, q.fullText, mode, 's.entity_id'));
  if (after && after.value !== null) {
    const v = after.value;
    qb = qb.where((eb) => eb.or([eb('s.value', cmpOf(walk.valueDir), v), eb.and([eb('s.value', '=', v), eb('s.entity_id', cmpOf(walk.idDir), after.id)])]));
  }
  const rows = await qb.orderBy('s.value', walk.valueDir).orderBy('s.entity_id', walk.idDir).limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), sortValue: r.sortValue }));
}

/**
 * Sort keys every entity has exactly once, stored lowercased (from the ref, as the `search` value is) on
 * its `entities` row. Collecting through the row (a rowid lookup) costs half the (entity_id, key) index
 * plus `search` row lookups that `valueSegment` needs — the most common sort is by name.
 */
const ENTITY_COLUMNS: Partial<Record<string, 'e.name' | 'e.kind' | 'e.namespace'>> = { 'metadata.name': 'e.name', kind: 'e.kind', 'metadata.namespace': 'e.namespace' };

async function columnSegment(db: Db, q: PageQuery, column: 'e.name' | 'e.kind' | 'e.namespace', walk: Walk, after: Keyset | undefined, limit: number): Promise<PageRow[]> {
  let qb = db.selectFrom('entities as e').select(['e.id as id', `${column} as sortValue`])
    .where((eb) => filterExpr(eb as unknown as EB, q.filter, q.fullText, 'collect'));
  if (after && after.value !== null) {
    const v = after.value;
    qb = qb.where((eb) => eb.or([eb(column, cmpOf(walk.valueDir), v), eb.and([eb(column, '=', v), eb('e.id', cmpOf(walk.idDir), after.id)])]));
  }
  const rows = await qb.orderBy(column, walk.valueDir).orderBy('e.id', walk.idDir).limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), sortValue: r.sortValue }));
}

async function nullSegment(db: Db, q: PageQuery, key: string, walk: Walk, after: Keyset | undefined, mode: FilterMode, limit: number): Promise<PageRow[]> {
  if (ENTITY_COLUMNS[key]) return [];
  let qb = db.selectFrom('entities as e').select('e.id')
    .where((eb) => filterExpr(eb as unknown as EB, q.filter, q.fullText, mode))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('search').select('search.entity_id').whereRef('search.entity_id', '=', 'e.id').where('search.key', '=', key).where('search.value', 'is not', null))));
  if (after) qb = qb.where('e.id', cmpOf(walk.idDir), after.id);
  const rows = await qb.orderBy('e.id', walk.idDir).limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), sortValue: null }));
}

/** Sorts every match at once, in the same order as the segments: for offsets. */
async function sortedPageByJoin(db: Db, q: PageQuery, walk: Walk): Promise<PageRow[]> {
  let qb = db.selectFrom('entities as e')
    // COALESCE keeps the (key, value) index out of this join: probing it per entity would scan every value
    // of the key; (entity_id, key) is the right path, and SQLite has no statistics to know that.
    .leftJoin('search as s', (j) => j.onRef('s.entity_id', '=', 'e.id').on(sql`COALESCE(s.key, '')`, '=', q.sort?.field.toLocaleLowerCase('en-US') ?? ''))
    .select(['e.id as id', 's.value as sortValue'])
    .where((eb) => filterExpr(eb as unknown as EB, q.filter, q.fullText)) as unknown as EntityQB<{ id: number; sortValue: string | null }>;
  const nullsDir = walk.segments[0] === 'values' ? 'asc' : 'desc';
  qb = qb.orderBy(sql`(s.value IS NULL)`, nullsDir).orderBy('s.value', walk.valueDir).orderBy('e.id', walk.idDir).limit(q.limit);
  if (q.offset) qb = qb.offset(q.offset);
  const rows = await qb.execute();
  return rows.map((r) => ({ id: Number(r.id), sortValue: r.sortValue }));
}

/** Loads entities by id, in the given order, with relations, processing errors and the orphan mark. */
/** The stored relation rows of these entities (at most 500 refs), by source ref; `dedupeRelations` makes them served relations. */
async function relationRowsOf(db: Db, refs: string[]): Promise<Map<string, Array<{ type: string; to_ref: string }>>> {
  const out = new Map<string, Array<{ type: string; to_ref: string }>>();
  if (refs.length === 0) return out;
  for (const x of await db.selectFrom('relations').select(['from_ref', 'type', 'to_ref']).where('from_ref', 'in', refs).execute()) {
    const list = out.get(x.from_ref);
    if (list) list.push(x);
    else out.set(x.from_ref, [x]);
  }
  return out;
}

export async function loadEntities(db: Db, ids: number[]): Promise<StoredEntity[]> {
  if (ids.length === 0) return [];
  const out = new Map<number, StoredEntity>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const rows = await db.selectFrom('entities').select(['id', 'ref', 'uid', 'etag', 'body', 'orphaned_at']).where('id', 'in', batch).execute();
    const refs = rows.map((r) => r.ref);
    const relationsOf = await relationRowsOf(db, refs);
    // Processing errors, then what checkers of other domains found (catalog.checks.ts).
    const errors = [
      ...await db.selectFrom('catalog_errors').select(['entity_ref', 'message', 'kind', 'path']).where('entity_ref', 'in', refs).execute(),
      ...await db.selectFrom('entity_check_problems').select(['entity_ref', 'message', 'kind', 'path']).where('entity_ref', 'in', refs).orderBy('id').execute(),
    ];
    for (const r of rows) {
      const entity = JSON.parse(r.body) as Entity;
      entity.metadata.uid = r.uid;
      if (r.orphaned_at) entity.metadata.annotations = { ...entity.metadata.annotations, [ANNOTATION_ORPHAN]: 'true' };
      entity.relations = dedupeRelations(relationsOf.get(r.ref) ?? []);
      entity.metadata.etag = servedEtag(r.etag, entity.relations);
      const items = errors.filter((x) => x.entity_ref === r.ref);
      if (items.length > 0) {
        entity.status = {
          items: items.map((x) => {
            const message = x.path ? `${x.path}: ${x.message}` : x.message;
            return { type: 'backstage.io/catalog-processing', level: 'error' as const, message, error: { name: errorName(x.kind), message } };
          }),
        };
      }
      out.set(Number(r.id), { id: Number(r.id), ref: r.ref, entity });
    }
  }
  return ids.map((id) => out.get(id)).filter((e): e is StoredEntity => e !== undefined);
}

/**
 * The etag a client sees: the stored one changes with the entity's own body (and orphaning), and the
 * served one also with its relations, which other entities write (ADR 0015). `relations` is sorted.
 */
function servedEtag(stored: string, relations: ReadonlyArray<{ type: string; targetRef: string }>): string {
  if (relations.length === 0) return stored;
  const hash = createHash('sha1').update(stored);
  for (const r of relations) hash.update(`\n${r.type}\u0000${r.targetRef}`);
  return hash.digest('hex').slice(0, 32);
}

function errorName(kind: string): string {
  return kind === 'conflict' ? 'ConflictError' : kind === 'read' ? 'NotFoundError' : 'InputError';
}

function dedupeRelations(rows: Array<{ type: string; to_ref: string }>) {
  const seen = new Set<string>();
  const out: Array<{ type: string; targetRef: string }> = [];
  for (const r of rows) {
    const k = `${r.type}\u0000${r.to_ref}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ type: r.type, targetRef: r.to_ref });
  }
  return out.sort((a, b) => (a.type === b.type ? collator.compare(a.targetRef, b.targetRef) : collator.compare(a.type, b.type)));
}
// The same order as `localeCompare`, without building a collator per call: a page of 50 Groups sorts ~1,100 relations.
const collator = new Intl.Collator();

/**
 * The stored version of each entity, in ref order after `after`: followers of the catalog (search)
 * compare it with what they indexed, page by page, to read only the entities that changed. The stored
 * etag changes whenever the stored body does (relations other entities give it do not count here).
 */
export async function entityVersionsPage(db: Db, after: string | undefined, limit: number): Promise<Array<{ ref: string; etag: string }>> {
  let qb = db.selectFrom('entities').select(['ref', 'etag']).orderBy('ref').limit(limit);
  if (after !== undefined) qb = qb.where('ref', '>', after);
  return qb.execute();
}

/**
 * A page of (ref, served etag) in ref order: the etag `loadEntities` serves, which also moves when another
 * entity's change adds or removes a relation of this one. Reads relations, never bodies.
 */
export async function servedVersionsPage(db: Db, after: string | undefined, limit: number): Promise<Array<{ ref: string; etag: string }>> {
  const page = await entityVersionsPage(db, after, limit);
  if (page.length === 0) return page;
  const relationsOf = new Map<string, Array<{ type: string; to_ref: string }>>();
  for (let i = 0; i < page.length; i += 500) {
    for (const [ref, rows] of await relationRowsOf(db, page.slice(i, i + 500).map((p) => p.ref))) relationsOf.set(ref, rows);
  }
  return page.map((p) => ({ ref: p.ref, etag: servedEtag(p.etag, dedupeRelations(relationsOf.get(p.ref) ?? [])) }));
}

/** Stored bodies by ref, without relations or status (cheaper than loadEntities), with the stored etag. */
export async function entityBodiesByRefs(db: Db, refs: string[]): Promise<Array<{ ref: string; etag: string; entity: Entity }>> {
  const out: Array<{ ref: string; etag: string; entity: Entity }> = [];
  for (let i = 0; i < refs.length; i += 500) {
    const rows = await db.selectFrom('entities').select(['ref', 'etag', 'body']).where('ref', 'in', refs.slice(i, i + 500)).execute();
    for (const r of rows) out.push({ ref: r.ref, etag: r.etag, entity: JSON.parse(r.body) as Entity });
  }
  return out;
}

/** Changes with every catalog write (see `bumpGeneration`); undefined before the first one. */
export async function catalogGeneration(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'catalog_generation').executeTakeFirst();
  return row?.value;
}

export async function idByRef(db: Db, ref: string): Promise<number | undefined> {
  const row = await db.selectFrom('entities').select('id').where('ref', '=', ref).executeTakeFirst();
  return row ? Number(row.id) : undefined;
}

export async function idsByRefs(db: Db, refs: string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  for (let i = 0; i < refs.length; i += 500) {
    const rows = await db.selectFrom('entities').select(['id', 'ref']).where('ref', 'in', refs.slice(i, i + 500)).execute();
    for (const r of rows) map.set(r.ref, Number(r.id));
  }
  return map;
}

/** Facet counts over the original-case values of a field, for the entities matching a filter. */
export async function facetCounts(db: Db, facet: string, filter: EntityFilter | undefined): Promise<Array<{ value: string; count: number }>> {
  const key = facet.toLocaleLowerCase('en-US');
  if (key.startsWith('relations.')) {
    const rows = await db.selectFrom('relations as r').innerJoin('entities as e', 'e.ref', 'r.from_ref')
      .select(['r.to_ref as value', (eb) => eb.fn.count<number>(sql`DISTINCT e.id`).as('count')])
      .where('r.type_key', '=', key.slice('relations.'.length))
      .where((eb) => filterExpr(eb as unknown as EB, filter, undefined))
      .groupBy('r.to_ref').execute();
    return rows.map((r) => ({ value: r.value, count: Number(r.count) }));
  }
  const rows = await db.selectFrom('search as s').innerJoin('entities as e', 'e.id', 's.entity_id')
    .select([sql<string>`COALESCE(s.original_value, s.value)`.as('value'), (eb) => eb.fn.count<number>(sql`DISTINCT e.id`).as('count')])
    .where('s.key', '=', key).where('s.value', 'is not', null)
    .where((eb) => filterExpr(eb as unknown as EB, filter, undefined))
    .groupBy(sql`COALESCE(s.original_value, s.value)`).execute();
  return rows.map((r) => ({ value: String(r.value), count: Number(r.count) }));
}
