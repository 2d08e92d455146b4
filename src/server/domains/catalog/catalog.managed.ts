// The managed location (ADR 0031): entities authored through the API live as YAML documents in the
// database and enter the catalog through the same processing and write path as any location's files
// (processSource, applySource): same validation, same conflicts, same annotations, same errors.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ANNOTATION_LOCATION } from '../../../model';
import type { Actor } from '../../platform/actor';
import { engineOf } from '../../platform/db/engine';
import type { Database } from '../../platform/db/schema';
import { applySource, deleteEntities, markOrphans, type ApplySourceResult } from './catalog.writeRepo';
import { processSource, type SourceOutcome } from './ingest/processSource';
import type { SourceReader } from './ingest/sourceTypes';

type Db = Kysely<Database>;

/** The one managed location: `managed:paved`. Its documents are `managed:<entity ref>`. */
export const MANAGED_TYPE = 'managed';
export const MANAGED_TARGET = 'paved';
export const MANAGED_ORIGIN = `${MANAGED_TYPE}:${MANAGED_TARGET}`;
export const managedDocumentKey = (entityRef: string) => `${MANAGED_TYPE}:${entityRef.toLowerCase()}`;

const hashOf = (yaml: string) => createHash('sha256').update(yaml).digest('base64url').slice(0, 32);

/** Managed documents are self-contained: no `$text` placeholders, no Location children. */
const managedReader: SourceReader = {
  read: async () => ({ files: [], errors: [], hash: '' }),
  readPlaceholder: async () => {
    throw new Error('placeholders ($text, $json, $yaml) are not supported in documents saved through the API');
  },
  resolveChild: () => {
    throw new Error('Location entities are not supported in documents saved through the API');
  },
};

/** Parses and validates one saved document exactly as a file of a location is; errors carry path and line. */
export function processManagedDocument(entityRef: string, yaml: string): Promise<SourceOutcome> {
  const key = managedDocumentKey(entityRef);
  const file = { locationKey: key, base: key, root: key, bytes: new TextEncoder().encode(yaml) };
  return processSource({ files: [file], errors: [], hash: hashOf(yaml) }, managedReader, { type: MANAGED_TYPE, originLocation: MANAGED_ORIGIN });
}

/** The managed location's id, creating its row on first use (concurrent first uses meet on the unique type+target). */
export async function ensureManagedLocation(trx: Db, actor: Actor): Promise<string> {
  const find = () => trx.selectFrom('locations').select('id').where('type', '=', MANAGED_TYPE).where('target', '=', MANAGED_TARGET).executeTakeFirst();
  const found = await find();
  if (found) return found.id;
  await trx.insertInto('locations').values({
    id: randomUUID(), type: MANAGED_TYPE, target: MANAGED_TARGET, encrypted_target: null, origin: 'managed', created_at: new Date().toISOString(), created_by: actor.ref,
  }).onConflict((oc) => oc.columns(['type', 'target']).doNothing()).execute();
  return (await find())!.id;
}

/**
 * Where the catalog entity with this ref comes from now: the file its managed-by-location annotation
 * names (null: no such entity, or an orphan anyone may take over).
 */
export async function sourceOfEntity(db: Db, entityRef: string): Promise<{ managed: boolean; location: string; text: string | null } | null> {
  const row = await db.selectFrom('entities as e').innerJoin('locations as l', 'l.id', 'e.location_id')
    .select(['e.source_key', 'e.orphaned_at', 'e.body', 'e.doc_text', 'l.type']).where('e.ref', '=', entityRef.toLowerCase()).executeTakeFirst();
  if (!row || row.orphaned_at) return null;
  const annotations = (JSON.parse(row.body) as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations ?? {};
  return { managed: row.type === MANAGED_TYPE, location: annotations[ANNOTATION_LOCATION] ?? row.source_key, text: row.doc_text };
}

/** Stores the document and applies what it emits to the catalog, in the caller's transaction. */
export async function saveManagedDocument(trx: Db, actor: Actor, input: { entityRef: string; yaml: string; outcome: SourceOutcome }): Promise<ApplySourceResult> {
  const ref = input.entityRef.toLowerCase();
  const locationId = await ensureManagedLocation(trx, actor);
  const now = new Date().toISOString();
  const values = { yaml: input.yaml, updated_at: now, updated_by: actor.ref };
  await trx.insertInto('managed_documents').values({ entity_ref: ref, ...values }).onConflict((oc) => oc.column('entity_ref').doUpdateSet(values)).execute();
  return applySource(trx, {
    sourceKey: managedDocumentKey(ref), locationId, parentKey: `location:${locationId}`, hash: hashOf(input.yaml), outcome: input.outcome, now,
    bulk: engineOf(trx as unknown as Kysely<unknown>).bulk,
  });
}

/** Removes the document and its entity (deleted on purpose, so not left as an orphan); false when there was none. */
export async function deleteManagedDocument(trx: Db, entityRef: string): Promise<boolean> {
  const ref = entityRef.toLowerCase();
  const key = managedDocumentKey(ref);
  const gone = await trx.deleteFrom('managed_documents').where('entity_ref', '=', ref).executeTakeFirst();
  const ids = await trx.selectFrom('entities').select('id').where('source_key', '=', key).execute();
  await deleteEntities(trx, ids.map((r) => Number(r.id)));
  await trx.deleteFrom('catalog_errors').where('source_key', '=', key).execute();
  await trx.deleteFrom('sources').where('key', '=', key).execute();
  return Number(gone.numDeletedRows) > 0;
}

/**
 * The refresh job of the managed location: every document is processed again (unchanged ones are
 * skipped unless `force`), and sources without a document left orphan their entities, as in any refresh.
 */
export async function refreshManagedLocation(db: Db, locationId: string, force: boolean): Promise<ApplySourceResult & { sources: number }> {
  const summary = { sources: 0, inserted: 0, updated: 0, unchanged: 0, orphaned: 0, errors: 0 };
  const docs = await db.selectFrom('managed_documents').select(['entity_ref', 'yaml']).execute();
  const stored = new Map((await db.selectFrom('sources').select(['key', 'content_hash']).where('location_id', '=', locationId).execute()).map((s) => [s.key, s.content_hash]));
  const bulk = engineOf(db as unknown as Kysely<unknown>).bulk;
  for (const doc of docs) {
    const key = managedDocumentKey(doc.entity_ref);
    summary.sources++;
    const prior = stored.get(key);
    stored.delete(key);
    if (!force && prior === hashOf(doc.yaml)) {
      summary.unchanged++;
      continue;
    }
    const outcome = await processManagedDocument(doc.entity_ref, doc.yaml);
    const r = await db.transaction().execute((trx) => applySource(trx, {
      sourceKey: key, locationId, parentKey: `location:${locationId}`, hash: hashOf(doc.yaml), outcome, now: new Date().toISOString(), bulk,
    }));
    for (const k of ['inserted', 'updated', 'unchanged', 'orphaned', 'errors'] as const) summary[k] += r[k];
  }
  const gone = [...stored.keys()].filter((k) => k !== `location:${locationId}`);
  if (gone.length > 0) {
    await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('entities').select('id').where('source_key', 'in', gone).where('orphaned_at', 'is', null).execute();
      await markOrphans(trx, rows.map((r) => Number(r.id)), new Date().toISOString());
      await trx.deleteFrom('catalog_errors').where('source_key', 'in', gone).execute();
      await trx.deleteFrom('sources').where('key', 'in', gone).execute();
      summary.orphaned += rows.length;
    });
  }
  return summary;
}
