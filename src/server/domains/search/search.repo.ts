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

/** entity_ref → (id, hash) of the indexed catalog entities, to update only what changed. */
export async function indexedEntityHashes(db: Db): Promise<Map<string, { id: number; hash: string }>> {
  const rows = await db.selectFrom('search_documents').select(['id', 'entity_ref', 'hash']).where('type', '=', 'entity').execute();
  return new Map(rows.map((r) => [r.entity_ref, { id: Number(r.id), hash: r.hash }]));
}

const stateKey = (name: string) => `search.${name}`;

export async function readState(db: Db, name: string): Promise<string | undefined> {
  return (await db.selectFrom('meta').select('value').where('key', '=', stateKey(name)).executeTakeFirst())?.value;
}

export async function writeState(trx: Db, name: string, value: string): Promise<void> {
  await trx.insertInto('meta').values({ key: stateKey(name), value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
