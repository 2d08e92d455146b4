// Keeps golden path versions (ADR 0021): after catalog changes (its generation, polled) and every
// refresh interval anyway, the job `golden-paths.snapshot` stores each path's template under the
// path's current version the first time it sees that version. Idempotent and durable: the job is a
// row in `jobs`, a version already stored is skipped with one primary-key read, and the scheduler's
// first tick after a restart catches up on anything missed.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { startFollower } from '../../platform/follower';
import type { JobQueue } from '../../platform/jobs';
import type { ScaffolderService } from '../scaffolder';
import { snapshotRepo } from './goldenPaths.repo';

export const SNAPSHOT_JOB = 'golden-paths.snapshot';

export interface SnapshotKeeperDeps {
  db: Kysely<Database>;
  /** The golden paths in the catalog: ref, current version, template ref. */
  paths: () => Promise<Array<{ ref: string; version: string; template: string }>>;
  scaffolder: Pick<ScaffolderService, 'snapshotTemplate'>;
  warn: (msg: string, extra?: object) => void;
}

export function createSnapshotKeeper(deps: SnapshotKeeperDeps) {
  /** Failures already reported, so a template that cannot be read is logged once per cause, not every tick. */
  const reported = new Map<string, string>();
  return {
    async takeAll(): Promise<{ checked: number; written: number; failed: number }> {
      let written = 0;
      let failed = 0;
      const paths = await deps.paths();
      for (const p of paths) {
        const key = `${p.ref}@${p.version}`;
        try {
          if (await snapshotRepo.has(deps.db, p.ref.toLowerCase(), p.version)) continue;
          const snap = await deps.scaffolder.snapshotTemplate(p.template);
          const wrote = await snapshotRepo.save(deps.db, {
            path_ref: p.ref.toLowerCase(), version: p.version, template_ref: snap.templateRef, template: JSON.stringify(snap.template),
            files: JSON.stringify(snap.files), file_count: snap.files.length, byte_count: snap.byteCount, hash: snap.hash, taken_at: new Date().toISOString(),
          });
          if (wrote) written += 1;
          reported.delete(key);
        } catch (err) {
          failed += 1;
          const message = err instanceof Error ? err.message : String(err);
          if (reported.get(key) !== message) deps.warn(`golden paths: cannot keep ${p.template} as version ${p.version} of ${p.ref}: ${message}`);
          reported.set(key, message);
        }
      }
      return { checked: paths.length, written, failed };
    },
  };
}
export type SnapshotKeeper = ReturnType<typeof createSnapshotKeeper>;

export function registerGoldenPathJobs(jobs: Pick<JobQueue, 'register'>, keeper: SnapshotKeeper, log: (msg: string, extra?: object) => void): void {
  jobs.register(SNAPSHOT_JOB, async () => {
    const r = await keeper.takeAll();
    if (r.written > 0) log(`golden paths: ${r.written} template version(s) stored, ${r.checked} path(s) checked`, r);
  });
}

/** Enqueues the snapshot job when the catalog's generation moved, and every `intervalSeconds` (a version the job could not read before may be readable now). */
export function startSnapshotScheduler(opts: { generation: () => Promise<string | undefined>; busy?: () => boolean; jobs: Pick<JobQueue, 'enqueue'>; pollMs: number; intervalSeconds: number; log: (msg: string) => void }): () => void {
  return startFollower({
    name: 'golden paths scheduler', version: opts.generation, busy: opts.busy, pollMs: opts.pollMs, everyMs: opts.intervalSeconds * 1000, log: opts.log,
    onChange: () => opts.jobs.enqueue(SNAPSHOT_JOB, {}, { dedupeKey: SNAPSHOT_JOB }),
  });
}
