import type { Kysely } from 'kysely';
import { engineOf } from '../../platform/db/engine';
import type { Database } from '../../platform/db/schema';
import type { FullTextIndex, FullTextQuery } from './fullText/fullTextIndex';
import { postgresFullText } from './fullText/postgresFullText';
import { sqliteFullText } from './fullText/sqliteFullText';

type Db = Kysely<Database>;

/** A row of `search_documents` as written (the id is generated). */
export type IndexedDocument = Omit<Database['search_documents'], 'id' | 'type'> & { type: 'docs' | 'entity' };

const COLUMNS = [['type', 'text'], ['entity_ref', 'text'], ['slug', 'text'], ['anchor', 'text'], ['title', 'text'], ['heading', 'text'], ['body', 'text'], ['meta', 'text'], ['hash', 'text']] as const;
const BATCH = 500;

function fullTextOf(db: Db): FullTextIndex {
  return engineOf(db as unknown as Kysely<unknown>).dialect === 'postgres' ? postgresFullText : sqliteFullText;
}

export async function searchDocuments(db: Db, q: FullTextQuery) {
  return fullTextOf(db).search(db, q);
}

/** Inserts documents in batches through the engine's bulk writer (the FTS5 triggers fire per row). */
export async function insertDocuments(trx: Db, docs: IndexedDocument[]): Promise<void> {
  const { bulk } = engineOf(trx as unknown as Kysely<unknown>);
  for (let i = 0; i < docs.length; i += BATCH) {
    const rows = docs.slice(i, i + BATCH).map((d) => COLUMNS.map(([c]) => d[c]));
    await bulk.insert(trx, 'search_documents', COLUMNS, rows);
  }
}

export async function deleteDocumentsByIds(trx: Db, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) await trx.deleteFrom('search_documents').where('id', 'in', ids.slice(i, i + BATCH)).execute();
}

/** Replaces every document of one type and entity (a docs site's sections). */
export async function replaceEntityDocuments(trx: Db, type: IndexedDocument['type'], entityRef: string, docs: IndexedDocument[]): Promise<void> {
  await trx.deleteFrom('search_documents').where('type', '=', type).where('entity_ref', '=', entityRef).execute();
  await insertDocuments(trx, docs);
}

/**
 * The indexed catalog entities with refs in (`after`, `upTo`] — to the end when `upTo` is undefined —
 * in the database's own ref order, so a page lines up with a page of the catalog's `entityVersions`.
 */
export async function indexedEntityRange(db: Db, after: string | undefined, upTo: string | undefined): Promise<Array<{ id: number; entity_ref: string; hash: string }>> {
  let qb = db.selectFrom('search_documents').select(['id', 'entity_ref', 'hash']).where('type', '=', 'entity');
  if (after !== undefined) qb = qb.where('entity_ref', '>', after);
  if (upTo !== undefined) qb = qb.where('entity_ref', '<=', upTo);
  const rows = await qb.execute();
  return rows.map((r) => ({ id: Number(r.id), entity_ref: r.entity_ref, hash: r.hash }));
}

const stateKey = (name: string) => `search.${name}`;

export async function readState(db: Db, name: string): Promise<string | undefined> {
  return (await db.selectFrom('meta').select('value').where('key', '=', stateKey(name)).executeTakeFirst())?.value;
}

export async function writeState(trx: Db, name: string, value: string): Promise<void> {
  await trx.insertInto('meta').values({ key: stateKey(name), value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
