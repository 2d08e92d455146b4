import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';

type Db = Kysely<Database>;
export type ResultRow = Database['scorecard_results'];

/** Stored results of these entities (all scorecards), for comparing versions. */
export async function resultsOfEntities(db: Db, refs: string[]): Promise<ResultRow[]> {
  if (refs.length === 0) return [];
  return db.selectFrom('scorecard_results').selectAll().where('entity_ref', 'in', refs).execute();
}

/** The version and level of each stored (scorecard, entity) pair of these entities, keyed `scorecard\0entity`: no rule results read. */
export async function pairVersionsOf(db: Db, refs: string[]): Promise<Map<string, { version: string; level: string | null }>> {
  const out = new Map<string, { version: string; level: string | null }>();
  if (refs.length === 0) return out;
  const rows = await db.selectFrom('scorecard_results').select(['scorecard_ref', 'entity_ref', 'version', 'level']).where('entity_ref', 'in', refs).execute();
  for (const r of rows) out.set(`${r.scorecard_ref}\0${r.entity_ref}`, { version: r.version, level: r.level });
  return out;
}

export type EntityState = Database['scorecard_entities'];

/** What the last pass saw of these entities (migration 0016). */
export async function entityStatesOf(db: Db, refs: string[]): Promise<Map<string, EntityState>> {
  if (refs.length === 0) return new Map();
  const rows = await db.selectFrom('scorecard_entities').selectAll().where('entity_ref', 'in', refs).execute();
  return new Map(rows.map((r) => [r.entity_ref, r]));
}

export async function upsertEntityStates(trx: Db, rows: EntityState[]): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_BATCH * 3) {
    await trx.insertInto('scorecard_entities').values(rows.slice(i, i + UPSERT_BATCH * 3))
      .onConflict((oc) => oc.column('entity_ref').doUpdateSet((eb) => ({ owner_ref: eb.ref('excluded.owner_ref'), version: eb.ref('excluded.version') }))).execute();
  }
}

/** Entity states with refs in (`after`, `upTo`], to find entities that left the catalog. */
export async function entityStateRefsInRange(db: Db, after: string | undefined, upTo: string | undefined): Promise<string[]> {
  let qb = db.selectFrom('scorecard_entities').select('entity_ref');
  if (after !== undefined) qb = qb.where('entity_ref', '>', after);
  if (upTo !== undefined) qb = qb.where('entity_ref', '<=', upTo);
  return (await qb.execute()).map((r) => r.entity_ref);
}

/** Stored results with entity refs in (`after`, `upTo`], to find entities that left the catalog. */
export async function resultRefsInRange(db: Db, after: string | undefined, upTo: string | undefined): Promise<string[]> {
  let qb = db.selectFrom('scorecard_results').select('entity_ref').distinct();
  if (after !== undefined) qb = qb.where('entity_ref', '>', after);
  if (upTo !== undefined) qb = qb.where('entity_ref', '<=', upTo);
  return (await qb.execute()).map((r) => r.entity_ref);
}

/** Multi-row upserts (`excluded` is the proposed row on SQLite and PostgreSQL alike): one statement per batch, not per pair. */
const UPSERT_BATCH = 100;

export async function upsertResults(trx: Db, rows: ResultRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
    await trx.insertInto('scorecard_results').values(rows.slice(i, i + UPSERT_BATCH)).onConflict((oc) => oc.columns(['scorecard_ref', 'entity_ref']).doUpdateSet((eb) => ({
      owner_ref: eb.ref('excluded.owner_ref'), level: eb.ref('excluded.level'), score: eb.ref('excluded.score'), results: eb.ref('excluded.results'),
      version: eb.ref('excluded.version'), evaluated_at: eb.ref('excluded.evaluated_at'),
    }))).execute();
  }
}

export async function deleteResults(trx: Db, pairs: Array<{ scorecard_ref: string; entity_ref: string }>): Promise<void> {
  for (const p of pairs) await trx.deleteFrom('scorecard_results').where('scorecard_ref', '=', p.scorecard_ref).where('entity_ref', '=', p.entity_ref).execute();
}

export async function deleteResultsOfEntities(trx: Db, refs: string[]): Promise<void> {
  for (let i = 0; i < refs.length; i += 500) {
    await trx.deleteFrom('scorecard_results').where('entity_ref', 'in', refs.slice(i, i + 500)).execute();
    await trx.deleteFrom('scorecard_entities').where('entity_ref', 'in', refs.slice(i, i + 500)).execute();
  }
}

export async function deleteResultsExceptScorecards(trx: Db, keep: string[]): Promise<number> {
  let qb = trx.deleteFrom('scorecard_results');
  if (keep.length > 0) qb = qb.where('scorecard_ref', 'not in', keep);
  const r = await qb.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Entities per (owner, level) of one scorecard, from the stored results. */
export async function distributionOf(db: Db, scorecardRef: string): Promise<Array<{ owner_ref: string; level: string | null; n: number }>> {
  const rows = await db.selectFrom('scorecard_results').select(['owner_ref', 'level']).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scorecard_ref', '=', scorecardRef).groupBy(['owner_ref', 'level']).execute();
  return rows.map((r) => ({ owner_ref: r.owner_ref, level: r.level, n: Number(r.n) }));
}

/** Writes today's distribution of every scorecard (one row per scorecard, owner and level), replacing today's. */
export async function recordDay(trx: Db, day: string, rows: Array<{ scorecard_ref: string; owner_ref: string; level: string; entities: number }>): Promise<void> {
  await trx.deleteFrom('scorecard_daily').where('day', '=', day).execute();
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200).map((r) => ({ day, ...r }));
    if (batch.length > 0) await trx.insertInto('scorecard_daily').values(batch).execute();
  }
}

export async function allDistributions(db: Db): Promise<Array<{ scorecard_ref: string; owner_ref: string; level: string | null; n: number }>> {
  const rows = await db.selectFrom('scorecard_results').select(['scorecard_ref', 'owner_ref', 'level']).select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['scorecard_ref', 'owner_ref', 'level']).execute();
  return rows.map((r) => ({ scorecard_ref: r.scorecard_ref, owner_ref: r.owner_ref, level: r.level, n: Number(r.n) }));
}

export async function historyOf(db: Db, scorecardRef: string, sinceDay: string) {
  return db.selectFrom('scorecard_daily').select(['day', 'level']).select((eb) => eb.fn.sum<number>('entities').as('n'))
    .where('scorecard_ref', '=', scorecardRef).where('day', '>=', sinceDay).groupBy(['day', 'level']).orderBy('day').execute();
}

export async function pageOfResults(db: Db, scorecardRef: string, q: { level?: string; owner?: string; limit: number; offset: number }) {
  let qb = db.selectFrom('scorecard_results').where('scorecard_ref', '=', scorecardRef);
  if (q.level !== undefined) qb = q.level === 'none' ? qb.where('level', 'is', null) : qb.where('level', '=', q.level);
  if (q.owner !== undefined) qb = qb.where('owner_ref', '=', q.owner.toLowerCase());
  const total = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const items = await qb.select(['entity_ref', 'owner_ref', 'level', 'score', 'evaluated_at']).orderBy('score').orderBy('entity_ref').limit(q.limit).offset(q.offset).execute();
  return { items, total: Number(total?.n ?? 0) };
}

export async function resultsOfScorecard(db: Db, scorecardRef: string): Promise<Array<Pick<ResultRow, 'results'>>> {
  return db.selectFrom('scorecard_results').select('results').where('scorecard_ref', '=', scorecardRef).execute();
}

/** Entities per (scorecard, level) of one owner, from the stored results. */
export async function distributionOfOwner(db: Db, ownerRef: string): Promise<Array<{ scorecard_ref: string; level: string | null; n: number }>> {
  const rows = await db.selectFrom('scorecard_results').select(['scorecard_ref', 'level']).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_ref', '=', ownerRef).groupBy(['scorecard_ref', 'level']).execute();
  return rows.map((r) => ({ scorecard_ref: r.scorecard_ref, level: r.level, n: Number(r.n) }));
}

/** One owner's daily rows of every scorecard since `sinceDay`. */
export async function historyOfOwner(db: Db, ownerRef: string, sinceDay: string) {
  return db.selectFrom('scorecard_daily').select(['scorecard_ref', 'day', 'level', 'entities'])
    .where('owner_ref', '=', ownerRef).where('day', '>=', sinceDay).orderBy('day').execute();
}

/** One page of a scorecard's stored results in entity order (keyset: entity refs after `after`), optionally of one owner. */
export async function resultsPageOf(db: Db, scorecardRef: string, q: { after?: string; owner?: string; limit: number }): Promise<Array<Pick<ResultRow, 'entity_ref' | 'owner_ref' | 'results'>>> {
  let qb = db.selectFrom('scorecard_results').select(['entity_ref', 'owner_ref', 'results']).where('scorecard_ref', '=', scorecardRef);
  if (q.after !== undefined) qb = qb.where('entity_ref', '>', q.after);
  if (q.owner !== undefined) qb = qb.where('owner_ref', '=', q.owner);
  return qb.orderBy('entity_ref').limit(q.limit).execute();
}
