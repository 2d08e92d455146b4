import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';

type Db = Kysely<Database>;

export interface StoredFact {
  value: unknown;
  collectedAt: string;
  source: string;
}

/** What one source found for one entity, to be stored: fact name → value. */
export type FactValues = Record<string, unknown>;

const GENERATION_KEY = 'facts_generation';
const BATCH = 500;
export const isPushed = (source: string) => source.startsWith('push:');

/** The facts of these entities (lowercase refs), by entity and name. */
export async function readFacts(db: Db, refs: string[]): Promise<Map<string, Record<string, StoredFact>>> {
  const out = new Map<string, Record<string, StoredFact>>();
  const unique = [...new Set(refs)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const rows = await db.selectFrom('facts').selectAll().where('entity_ref', 'in', unique.slice(i, i + BATCH)).orderBy('entity_ref').orderBy('name').execute();
    for (const r of rows) {
      const facts = out.get(r.entity_ref) ?? {};
      facts[r.name] = { value: JSON.parse(r.value) as unknown, collectedAt: r.collected_at, source: r.source };
      out.set(r.entity_ref, facts);
    }
  }
  return out;
}

/** The facts generation of each entity's last change (absent: no facts), for followers that compare versions. */
export async function changeSeqs(db: Db, refs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < refs.length; i += BATCH) {
    const rows = await db.selectFrom('fact_entities').select(['entity_ref', 'changed_seq']).where('entity_ref', 'in', refs.slice(i, i + BATCH)).execute();
    for (const r of rows) out.set(r.entity_ref, String(r.changed_seq));
  }
  return out;
}

export async function readEntityState(db: Db, ref: string) {
  return db.selectFrom('fact_entities').selectAll().where('entity_ref', '=', ref).executeTakeFirst();
}

/** Collection states of the entities with refs in (`after`, `upTo`] (to the end when undefined), in the database's ref order. */
export async function entityStateRange(db: Db, after: string | undefined, upTo: string | undefined) {
  let qb = db.selectFrom('fact_entities').select(['entity_ref', 'etag', 'collected_at']);
  if (after !== undefined) qb = qb.where('entity_ref', '>', after);
  if (upTo !== undefined) qb = qb.where('entity_ref', '<=', upTo);
  return qb.execute();
}

/** The facts generation: a counter, bumped by every change to any fact. */
export async function readGeneration(db: Db): Promise<string> {
  return (await db.selectFrom('meta').select('value').where('key', '=', GENERATION_KEY).executeTakeFirst())?.value ?? '0';
}

/**
 * Bumps the counter and returns the new value. The UPDATE holds the row lock until commit (PostgreSQL)
 * or the single writer lock (SQLite), so generations become visible in the order they were taken: a
 * follower reading `changedSince(g)` never skips a change that commits later with a smaller number.
 */
async function bumpGeneration(trx: Db): Promise<number> {
  const res = await sql<{ value: string }>`UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = ${GENERATION_KEY} RETURNING value`.execute(trx);
  return Number(res.rows[0]?.value ?? 0);
}

async function markChanged(trx: Db, ref: string, state?: { etag: string; collectedAt: string }): Promise<void> {
  const seq = await bumpGeneration(trx);
  const values = { entity_ref: ref, changed_seq: seq, etag: state?.etag ?? null, collected_at: state?.collectedAt ?? null };
  await trx.insertInto('fact_entities').values(values)
    .onConflict((oc) => oc.column('entity_ref').doUpdateSet(state ? { changed_seq: seq, etag: state.etag, collected_at: state.collectedAt } : { changed_seq: seq }))
    .execute();
}

/**
 * Stores what the built-in sources collected for one entity. For each source in `bySource`, its facts
 * are replaced (names it no longer reports are removed); a name a tool pushed is never overwritten.
 * Unchanged values only get their `collected_at` moved. The generation moves only when a value, a
 * source or the set of names changed. Returns whether anything changed.
 */
export async function saveCollected(trx: Db, ref: string, bySource: Map<string, FactValues>, state: { etag: string; collectedAt: string }): Promise<boolean> {
  const existing = await trx.selectFrom('facts').selectAll().where('entity_ref', '=', ref).execute();
  const byName = new Map(existing.map((r) => [r.name, r]));
  let changed = false;
  for (const [source, facts] of bySource) {
    const keep = new Set<string>();
    for (const [name, value] of Object.entries(facts)) {
      const row = byName.get(name);
      if (row && row.source !== source && isPushed(row.source)) continue;
      keep.add(name);
      const json = JSON.stringify(value);
      if (row && row.source === source && row.value === json) continue;
      changed = true;
      await trx.insertInto('facts').values({ entity_ref: ref, name, value: json, source, collected_at: state.collectedAt })
        .onConflict((oc) => oc.columns(['entity_ref', 'name']).doUpdateSet({ value: json, source, collected_at: state.collectedAt })).execute();
    }
    const gone = existing.filter((r) => r.source === source && !keep.has(r.name)).map((r) => r.name);
    if (gone.length > 0) {
      changed = true;
      await trx.deleteFrom('facts').where('entity_ref', '=', ref).where('name', 'in', gone).execute();
    }
    await trx.updateTable('facts').set({ collected_at: state.collectedAt }).where('entity_ref', '=', ref).where('source', '=', source).execute();
  }
  if (changed) await markChanged(trx, ref, state);
  else {
    await trx.insertInto('fact_entities').values({ entity_ref: ref, etag: state.etag, collected_at: state.collectedAt, changed_seq: 0 })
      .onConflict((oc) => oc.column('entity_ref').doUpdateSet({ etag: state.etag, collected_at: state.collectedAt })).execute();
  }
  return changed;
}

/** Stores pushed facts (they replace any fact of the same name, collected or pushed before). */
export async function savePushed(trx: Db, ref: string, source: string, facts: FactValues, now: string): Promise<void> {
  for (const [name, value] of Object.entries(facts)) {
    const json = JSON.stringify(value);
    await trx.insertInto('facts').values({ entity_ref: ref, name, value: json, source, collected_at: now })
      .onConflict((oc) => oc.columns(['entity_ref', 'name']).doUpdateSet({ value: json, source, collected_at: now })).execute();
  }
  await markChanged(trx, ref);
}

export async function factNames(db: Db, ref: string): Promise<string[]> {
  return (await db.selectFrom('facts').select('name').where('entity_ref', '=', ref).execute()).map((r) => r.name);
}

/** Forgets entities that left the catalog: their facts and state. */
export async function deleteEntities(trx: Db, refs: string[]): Promise<void> {
  if (refs.length === 0) return;
  for (let i = 0; i < refs.length; i += BATCH) {
    const batch = refs.slice(i, i + BATCH);
    await trx.deleteFrom('facts').where('entity_ref', 'in', batch).execute();
    await trx.deleteFrom('fact_entities').where('entity_ref', 'in', batch).execute();
  }
  await bumpGeneration(trx);
}

/** Entities whose facts changed after generation `after`, oldest change first, at most `limit`. */
export async function changedEntities(db: Db, after: number, limit: number): Promise<Array<{ ref: string; seq: number }>> {
  const rows = await db.selectFrom('fact_entities').select(['entity_ref', 'changed_seq']).where('changed_seq', '>', after).orderBy('changed_seq').limit(limit).execute();
  return rows.map((r) => ({ ref: r.entity_ref, seq: Number(r.changed_seq) }));
}
