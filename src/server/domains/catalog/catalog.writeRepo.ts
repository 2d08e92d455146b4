import { ANNOTATION_LOCATION, ANNOTATION_ORPHAN } from '../../../model';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { BulkColumns, BulkValue, BulkWriter } from '../../platform/db/bulk';
import type { Database } from '../../platform/db/schema';
import type { ProcessedEntity, ProcessingError, SourceOutcome } from './ingest/processSource';

type Trx = Kysely<Database>;
const BATCH = 500;
export const ORPHAN_KEY = `metadata.annotations.${ANNOTATION_ORPHAN}`;
/** `meta` row that changes with every catalog write; read-side caches are valid while it stays the same. */
export const GENERATION_KEY = 'catalog_generation';

/** Marks the catalog as changed, in the writing transaction (so other instances see it at commit). */
export async function bumpGeneration(trx: Trx): Promise<void> {
  const value = randomUUID();
  await trx.insertInto('meta').values({ key: GENERATION_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ApplySourceInput {
  sourceKey: string;
  locationId: string;
  parentKey: string | null;
  hash: string;
  outcome: SourceOutcome;
  now: string;
  bulk: BulkWriter;
}

export interface ApplySourceResult {
  inserted: number;
  updated: number;
  unchanged: number;
  orphaned: number;
  errors: number;
}

/**
 * Stores what one source emitted, in the caller's transaction: inserts and updates entities (first
 * source to emit a ref keeps it; a second gets a conflict error), keeps the last good version of an
 * entity whose document now fails, orphans entities the source no longer emits, and replaces the
 * source's error list.
 */
export async function applySource(trx: Trx, input: ApplySourceInput): Promise<ApplySourceResult> {
  const { outcome, sourceKey, now } = input;
  const errors: ProcessingError[] = [...outcome.errors];
  const result: ApplySourceResult = { inserted: 0, updated: 0, unchanged: 0, orphaned: 0, errors: 0 };
  const existing = await loadExisting(trx, outcome.entities.map((e) => e.ref));
  const seen = new Set<string>();
  const inserts: ProcessedEntity[] = [];
  const updates: Array<{ id: number; e: ProcessedEntity }> = [];
  for (const e of outcome.entities) {
    const prior = existing.get(e.ref);
    const conflictWith = seen.has(e.ref) ? sourceKey : prior && prior.source_key !== sourceKey && !prior.orphaned_at ? prior.source_key : undefined;
    if (conflictWith) {
      errors.push({
        locationKey: String(e.entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? sourceKey), entityRef: e.ref, kind: 'conflict', path: null, line: e.line,
        message: `Detected conflicting entityRef ${e.ref} already referenced by ${conflictWith} and now also ${sourceKey}`,
      });
      continue;
    }
    seen.add(e.ref);
    if (!prior) inserts.push(e);
    else if (prior.hash === e.hash && prior.source_key === sourceKey && !prior.orphaned_at) result.unchanged++;
    else updates.push({ id: prior.id, e });
  }
  // Other entities whose relations change with these writes need no write of their own: the served etag
  // covers the entity's relations (ADR 0015).
  await insertEntities(trx, inserts, input);
  await updateEntities(trx, updates, input);
  result.inserted = inserts.length;
  result.updated = updates.length;
  const keep = new Set([...seen, ...errors.map((e) => e.entityRef).filter((r): r is string => r !== null)]);
  const unreadable = new Set(errors.filter((e) => e.kind === 'read' && e.entityRef === null).map((e) => e.locationKey));
  result.orphaned = await orphanMissing(trx, sourceKey, keep, unreadable, now);
  await trx.deleteFrom('catalog_errors').where('source_key', '=', sourceKey).execute();
  for (const batch of chunks(errors)) {
    await trx.insertInto('catalog_errors').values(batch.map((e) => ({
      id: randomUUID(), source_key: sourceKey, location_id: input.locationId, location_key: e.locationKey, entity_ref: e.entityRef, kind: e.kind,
      message: e.message.slice(0, 4000), path: e.path, line: e.line, occurred_at: now,
    }))).execute();
  }
  result.errors = errors.length;
  await upsertSource(trx, input);
  if (result.inserted + result.updated + result.orphaned > 0 || errors.length > 0) await bumpGeneration(trx);
  return result;
}

async function loadExisting(trx: Trx, refs: string[]) {
  const map = new Map<string, { id: number; hash: string; source_key: string; orphaned_at: string | null }>();
  for (const batch of chunks([...new Set(refs)])) {
    const rows = await trx.selectFrom('entities').select(['id', 'ref', 'hash', 'source_key', 'orphaned_at']).where('ref', 'in', batch).execute();
    for (const r of rows) map.set(r.ref, { id: Number(r.id), hash: r.hash, source_key: r.source_key, orphaned_at: r.orphaned_at });
  }
  return map;
}

const ENTITY_COLUMNS: BulkColumns = [
  ['ref', 'text'], ['uid', 'text'], ['etag', 'text'], ['kind', 'text'], ['namespace', 'text'], ['name', 'text'], ['source_key', 'text'],
  ['location_id', 'text'], ['body', 'text'], ['hash', 'text'], ['doc_line', 'int'], ['doc_text', 'text'], ['created_at', 'text'], ['updated_at', 'text'],
];
const RELATION_COLUMNS: BulkColumns = [['origin_id', 'bigint'], ['from_ref', 'text'], ['type', 'text'], ['type_key', 'text'], ['to_ref', 'text']];
const SEARCH_COLUMNS: BulkColumns = [['entity_id', 'bigint'], ['key', 'text'], ['value', 'text'], ['original_value', 'text']];

const newEtag = () => randomUUID().replace(/-/g, '');
/**
 * A fresh etag for every row one UPDATE touches: a random prefix per statement plus the row id, so a
 * batch needs no per-row values and no two rows share one.
 */
const freshEtagSql = () => sql<string>`${newEtag().slice(0, 20)} || CAST(id AS TEXT)`;

async function insertEntities(trx: Trx, items: ProcessedEntity[], input: ApplySourceInput): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map((e): BulkValue[] => {
    // The ref is already `kind:namespace/name` lowercased; kinds and namespaces contain neither ':' nor '/'.
    const colon = e.ref.indexOf(':');
    const slash = e.ref.indexOf('/', colon);
    return [e.ref, randomUUID(), newEtag(), e.ref.slice(0, colon), e.ref.slice(colon + 1, slash), e.ref.slice(slash + 1), input.sourceKey,
      input.locationId, e.body, e.hash, e.line, e.text, input.now, input.now];
  });
  const ids = await input.bulk.insertReturningIds(trx, 'entities', ENTITY_COLUMNS, rows, 'ref');
  await insertDerived(trx, input.bulk, items.map((e) => ({ id: ids.get(e.ref) ?? -1, e })));
}

async function updateEntities(trx: Trx, items: Array<{ id: number; e: ProcessedEntity }>, input: ApplySourceInput): Promise<void> {
  for (const batch of chunks(items)) {
    const ids = batch.map((b) => b.id);
    await trx.deleteFrom('relations').where('origin_id', 'in', ids).execute();
    await trx.deleteFrom('search').where('entity_id', 'in', ids).execute();
    for (const { id, e } of batch) {
      await trx.updateTable('entities').set({
        etag: newEtag(), body: e.body, hash: e.hash, source_key: input.sourceKey,
        location_id: input.locationId, doc_line: e.line, doc_text: e.text, orphaned_at: null, updated_at: input.now,
      }).where('id', '=', id).execute();
    }
    await insertDerived(trx, input.bulk, batch);
  }
}

/**
 * Relations (both directions, owned by the emitting entity) and the flattened filter rows. A search
 * row's `original_value` is stored only when it differs from the lowercased `value` (readers use
 * COALESCE): most values are lowercase already, and this keeps the largest table a third smaller.
 */
async function insertDerived(trx: Trx, bulk: BulkWriter, items: Array<{ id: number; e: ProcessedEntity }>): Promise<void> {
  const relations: BulkValue[][] = [];
  const search: BulkValue[][] = [];
  for (const { id, e } of items) {
    for (const r of e.relations) relations.push([id, r.source, r.type, r.type.toLowerCase(), r.target]);
    for (let i = 0; i < e.search.length; i += 3) search.push([id, e.search[i] as string, e.search[i + 1] ?? null, e.search[i + 2] ?? null]);
  }
  await bulk.insert(trx, 'relations', RELATION_COLUMNS, relations);
  await bulk.insert(trx, 'search', SEARCH_COLUMNS, search);
}

/**
 * Entities the source no longer emits become orphans — except those whose file could not be read this
 * time: a deleted or unreachable file shows an error instead (as in Backstage), it does not orphan.
 */
async function orphanMissing(trx: Trx, sourceKey: string, keep: Set<string>, unreadable: Set<string>, now: string): Promise<number> {
  if (unreadable.has(sourceKey)) return 0;
  const rows = await trx.selectFrom('entities').select(['id', 'ref']).where('source_key', '=', sourceKey).where('orphaned_at', 'is', null).execute();
  let gone = rows.filter((r) => !keep.has(r.ref)).map((r) => Number(r.id));
  if (unreadable.size > 0 && gone.length > 0) {
    const bodies = await trx.selectFrom('entities').select(['id', 'body']).where('id', 'in', gone).execute();
    const fileOf = (body: string) => (JSON.parse(body) as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations?.[ANNOTATION_LOCATION] ?? '';
    gone = bodies.filter((b) => !unreadable.has(fileOf(b.body))).map((b) => Number(b.id));
  }
  await markOrphans(trx, gone, now);
  return gone.length;
}

/**
 * Orphaning is visible (annotation `backstage.io/orphan: "true"`) and filterable until the grace period
 * removes it; the annotation changes the served entity, so its etag changes. An orphan keeps its relations
 * (they are still served), so the entities it points at keep theirs.
 */
export async function markOrphans(trx: Trx, ids: number[], now: string): Promise<void> {
  if (ids.length > 0) await bumpGeneration(trx);
  for (const batch of chunks(ids)) {
    await trx.updateTable('entities').set({ orphaned_at: now, etag: freshEtagSql() }).where('id', 'in', batch).execute();
    await trx.insertInto('search').values(batch.map((id) => ({ entity_id: id, key: ORPHAN_KEY, value: 'true', original_value: null }))).execute();
  }
}

async function upsertSource(trx: Trx, input: ApplySourceInput): Promise<void> {
  const values = {
    location_id: input.locationId, parent_key: input.parentKey, content_hash: input.hash,
    children: JSON.stringify(input.outcome.children), read_at: input.now, error: null,
  };
  await trx.insertInto('sources').values({ key: input.sourceKey, ...values }).onConflict((oc) => oc.column('key').doUpdateSet(values)).execute();
}

/**
 * Deletes entities and everything derived from them. The entities they had relations with lose those
 * relations, and with them their served etag changes (ADR 0015).
 */
export async function deleteEntities(trx: Trx, ids: number[]): Promise<void> {
  if (ids.length > 0) await bumpGeneration(trx);
  for (const batch of chunks(ids)) {
    await trx.deleteFrom('relations').where('origin_id', 'in', batch).execute();
    await trx.deleteFrom('search').where('entity_id', 'in', batch).execute();
    await trx.deleteFrom('entities').where('id', 'in', batch).execute();
  }
}
