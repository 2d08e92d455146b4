import { startFollower } from '../../platform/follower';
import { collectGarbage } from '../../platform/memory';
import type { JobQueue } from '../../platform/jobs';
import type { SearchService } from './search.service';

export const SEARCH_ENTITIES_JOB = 'search.sync-entities';
/** A sync that wrote this many documents is followed by a full garbage collection. */
const LARGE_SYNC = 5000;

/** Idempotent: it compares the catalog with the index and writes the difference. */
export function registerSearchJobs(jobs: Pick<JobQueue, 'register'>, search: SearchService, log: (msg: string, extra?: object) => void): void {
  jobs.register(SEARCH_ENTITIES_JOB, async () => {
    const r = await search.syncEntities();
    if (!r.skipped) log(`search: entity index synced in ${r.ms} ms`, r);
    // The sync parsed every changed body; on an idle server that garbage would stay (platform/memory.ts).
    if (r.inserted >= LARGE_SYNC) collectGarbage();
  });
}

/**
 * Follows the catalog: a sync job when its generation moved, once a refresh running in this process has
 * ended (startFollower). The job compares generations again, so a tick that races a running job is harmless.
 */
export function startSearchScheduler(opts: { generation: () => Promise<string | undefined>; busy?: () => boolean; jobs: Pick<JobQueue, 'enqueue'>; everyMs: number; log: (msg: string) => void }): () => void {
  return startFollower({
    name: 'search scheduler', version: opts.generation, busy: opts.busy, pollMs: opts.everyMs, log: opts.log,
    onChange: () => opts.jobs.enqueue(SEARCH_ENTITIES_JOB, {}, { dedupeKey: SEARCH_ENTITIES_JOB }),
  });
}
