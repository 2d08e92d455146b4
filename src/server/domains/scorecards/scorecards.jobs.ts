import { startFollower } from '../../platform/follower';
import type { JobQueue } from '../../platform/jobs';
import type { ScorecardsService } from './scorecards.service';

export const SCORECARDS_EVALUATE_JOB = 'scorecards.evaluate';

/** Idempotent: a pass compares versions and writes only what changed; a crash mid-pass is redone by the next. */
export function registerScorecardJobs(jobs: Pick<JobQueue, 'register'>, scorecards: ScorecardsService, log: (msg: string, extra?: object) => void): void {
  jobs.register(SCORECARDS_EVALUATE_JOB, async () => {
    const r = await scorecards.evaluate();
    if (!r.skipped && (r.evaluated > 0 || r.removed > 0)) log(`scorecards: ${r.evaluated} evaluated, ${r.unchanged} unchanged, ${r.removed} removed in ${r.ms} ms`, r);
  });
}

/**
 * Evaluates after the catalog or the facts changed (their generations), once a long refresh has ended,
 * and every `everyMs` anyway: the day's history is written by a pass.
 */
export function startScorecardScheduler(opts: { version: () => Promise<string | undefined>; busy?: () => boolean; jobs: Pick<JobQueue, 'enqueue'>; pollMs: number; everyMs: number; log: (msg: string) => void }): () => void {
  return startFollower({
    name: 'scorecards scheduler', version: opts.version, busy: opts.busy, pollMs: opts.pollMs, everyMs: opts.everyMs, log: opts.log,
    onChange: () => opts.jobs.enqueue(SCORECARDS_EVALUATE_JOB, {}, { dedupeKey: SCORECARDS_EVALUATE_JOB }),
  });
}
