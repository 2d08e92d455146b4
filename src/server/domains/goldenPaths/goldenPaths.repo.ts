import type { Kysely } from 'kysely';
import { compareSemver } from '../../../model';
import type { Database } from '../../platform/db/schema';

export type SnapshotRow = Database['golden_path_snapshots'];

/** At most this many versions of one golden path are kept; the oldest (by semver) go first. */
export const MAX_SNAPSHOTS_PER_PATH = 50;

/** SQL of the golden path version snapshots (ADR 0021). */
export const snapshotRepo = {
  get(db: Kysely<Database>, pathRef: string, version: string): Promise<SnapshotRow | undefined> {
    return db.selectFrom('golden_path_snapshots').selectAll().where('path_ref', '=', pathRef).where('version', '=', version).executeTakeFirst();
  },

  /** The stored versions of a path, newest first. */
  async versions(db: Kysely<Database>, pathRef: string): Promise<Array<{ version: string; hash: string; taken_at: string }>> {
    const rows = await db.selectFrom('golden_path_snapshots').select(['version', 'hash', 'taken_at']).where('path_ref', '=', pathRef).execute();
    return rows.sort((a, b) => compareSemver(b.version, a.version) ?? b.version.localeCompare(a.version));
  },

  /** Whether a version of a path is stored (a primary-key read). */
  async has(db: Kysely<Database>, pathRef: string, version: string): Promise<boolean> {
    return Boolean(await db.selectFrom('golden_path_snapshots').select('version').where('path_ref', '=', pathRef).where('version', '=', version).executeTakeFirst());
  },

  /**
   * Stores a version of a path the first time it is seen; a version already stored is left as it is
   * (ADR 0021), so repeating it (another instance, a second run of the job) writes nothing. Returns
   * whether it wrote. Keeps at most MAX_SNAPSHOTS_PER_PATH versions per path.
   */
  async save(db: Kysely<Database>, row: SnapshotRow): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('golden_path_snapshots').values(row).onConflict((oc) => oc.columns(['path_ref', 'version']).doNothing()).executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      const versions = await trx.selectFrom('golden_path_snapshots').select('version').where('path_ref', '=', row.path_ref).execute();
      if (versions.length > MAX_SNAPSHOTS_PER_PATH) {
        const oldest = versions.map((v) => v.version).sort((a, b) => compareSemver(a, b) ?? a.localeCompare(b)).slice(0, versions.length - MAX_SNAPSHOTS_PER_PATH);
        await trx.deleteFrom('golden_path_snapshots').where('path_ref', '=', row.path_ref).where('version', 'in', oldest).execute();
      }
      return true;
    });
  },
};
