import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';

type Db = Kysely<Database>;
export type InitiativeRow = Database['initiatives'];
export type DailyRow = Database['initiative_daily'];

export async function listInitiatives(db: Db): Promise<InitiativeRow[]> {
  return db.selectFrom('initiatives').selectAll().orderBy('target_date').orderBy('name').limit(1000).execute();
}

export async function findInitiative(db: Db, name: string): Promise<InitiativeRow | undefined> {
  return db.selectFrom('initiatives').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertInitiative(trx: Db, row: InitiativeRow): Promise<void> {
  await trx.insertInto('initiatives').values(row).execute();
}

export async function updateInitiative(trx: Db, name: string, changes: Partial<InitiativeRow>): Promise<void> {
  await trx.updateTable('initiatives').set(changes).where('name', '=', name).execute();
}

/** Replaces an initiative's rows of one day (a later pass of the same day wins). */
export async function recordDaily(db: Db, initiative: string, day: string, rows: Array<Omit<DailyRow, 'initiative' | 'day'>>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('initiative_daily').where('initiative', '=', initiative).where('day', '=', day).execute();
    for (let i = 0; i < rows.length; i += 200) {
      const batch = rows.slice(i, i + 200).map((r) => ({ initiative, day, ...r }));
      if (batch.length > 0) await trx.insertInto('initiative_daily').values(batch).execute();
    }
  });
}

/** The rows of the latest recorded day of each of these initiatives: their current progress. */
export async function latestDaily(db: Db, initiatives: string[]): Promise<DailyRow[]> {
  if (initiatives.length === 0) return [];
  const latest = db.selectFrom('initiative_daily').select('initiative').select((eb) => eb.fn.max('day').as('day'))
    .where('initiative', 'in', initiatives).groupBy('initiative').as('latest');
  return db.selectFrom('initiative_daily').innerJoin(latest, (j) => j.onRef('latest.initiative', '=', 'initiative_daily.initiative').onRef('latest.day', '=', 'initiative_daily.day'))
    .selectAll('initiative_daily').execute();
}

/** Met and total pairs per day, all teams together (or one team), oldest first. */
export async function dailyTotals(db: Db, initiative: string, sinceDay: string, owner?: string) {
  let qb = db.selectFrom('initiative_daily').select('day')
    .select((eb) => [eb.fn.sum<number>('met').as('met'), eb.fn.sum<number>('total').as('total')])
    .where('initiative', '=', initiative).where('day', '>=', sinceDay);
  if (owner !== undefined) qb = qb.where('owner_ref', '=', owner);
  const rows = await qb.groupBy('day').orderBy('day').execute();
  return rows.map((r) => ({ day: r.day, met: Number(r.met), total: Number(r.total) }));
}
