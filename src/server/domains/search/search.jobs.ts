import type { JobQueue } from '../../platform/jobs';
import type { SearchService } from './search.service';

export const SEARCH_ENTITIES_JOB = 'search.sync-entities';

/** Idempotent: it compares the catalog with the index and writes the difference. */
export function registerSearchJobs(jobs: Pick<JobQueue, 'register'>, search: SearchService, log: (msg: string, extra?: object) => void): void {
  jobs.register(SEARCH_ENTITIES_JOB, async () => {
    const r = await search.syncEntities();
    if (!r.skipped) log(`search: entity index synced in ${r.ms} ms`, r);
  });
}

/**
 * Follows the catalog: a primary-key read of its generation every few seconds, and a sync job when it
 * moved. The job itself compares generations again, so a tick that races a running job is harmless.
 */
export function startSearchScheduler(opts: { generation: () => Promise<string | undefined>; jobs: Pick<JobQueue, 'enqueue'>; everyMs: number; log: (msg: string) => void }): () => void {
  let seen: string | undefined | null = null;
  const tick = () => {
    opts.generation().then(async (g) => {
      if (g === seen) return;
      seen = g;
      await opts.jobs.enqueue(SEARCH_ENTITIES_JOB, {}, { dedupeKey: SEARCH_ENTITIES_JOB });
    }).catch((err: unknown) => opts.log(`search scheduler: ${String(err)}`));
  };
  tick();
  const timer = setInterval(tick, opts.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
