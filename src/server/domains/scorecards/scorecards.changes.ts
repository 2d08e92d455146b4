import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';

type Db = Kysely<Database>;
export type LevelChange = Database['scorecard_level_changes'];

/** Writes level changes (the evaluation's transaction), a batch at a time. */
export async function recordLevelChanges(trx: Db, rows: LevelChange[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('scorecard_level_changes').values(rows.slice(i, i + 200)).onConflict((oc) => oc.doNothing()).execute();
}

/** One entity's level changes in every scorecard since `since`, newest first. */
export async function levelChangesOf(db: Db, entityRef: string, since: string, limit: number): Promise<LevelChange[]> {
  return db.selectFrom('scorecard_level_changes').selectAll().where('entity_ref', '=', entityRef).where('at', '>=', since)
    .orderBy('at', 'desc').orderBy('scorecard_ref').limit(limit).execute();
}
