import { z } from 'zod';
import { startFollower } from '../../platform/follower';
import type { JobQueue } from '../../platform/jobs';
import { FACTS_COLLECT_JOB, type FactsService } from './facts.service';

const State = z.object({ after: z.string().max(1024).optional() });

/**
 * `facts.collect`: collects the entities that are due (new, changed etag, or older than the interval).
 * Idempotent; it saves the last ref done after each page, so a restarted job resumes there.
 */
export function registerFactsJobs(jobs: Pick<JobQueue, 'register'>, facts: FactsService, log: (msg: string, extra?: object) => void): void {
  jobs.register(FACTS_COLLECT_JOB, async (ctx) => {
    const { after } = State.parse(ctx.state);
    const started = Date.now();
    const r = await facts.collectDue({ after, onPage: (ref) => ctx.saveState({ after: ref }) });
    if (r.changed > 0 || r.removed > 0) log(`facts: ${r.collected} entities collected (${r.changed} changed, ${r.removed} removed) of ${r.checked} in ${Date.now() - started} ms`, r);
  });
}

/**
 * Follows the catalog (its generation, once a refresh in this process has ended) and runs every
 * `intervalSeconds` anyway: files next to a descriptor change without changing the entity.
 */
export function startFactsScheduler(opts: { generation: () => Promise<string | undefined>; busy?: () => boolean; jobs: Pick<JobQueue, 'enqueue'>; pollMs: number; intervalSeconds: number; log: (msg: string) => void }): () => void {
  return startFollower({
    name: 'facts scheduler', version: opts.generation, busy: opts.busy, pollMs: opts.pollMs, everyMs: opts.intervalSeconds * 1000, log: opts.log,
    onChange: () => opts.jobs.enqueue(FACTS_COLLECT_JOB, {}, { dedupeKey: FACTS_COLLECT_JOB }),
  });
}
