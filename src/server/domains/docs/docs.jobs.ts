import { z } from 'zod';
import { startFollower } from '../../platform/follower';
import type { JobQueue } from '../../platform/jobs';
import { DOCS_BUILD_JOB, type DocsService } from './docs.service';

const BuildPayload = z.object({ entityRef: z.string().max(1024).optional(), force: z.boolean().optional() });
const SCAN_KEY = `${DOCS_BUILD_JOB}:changed`;

/**
 * `docs.build`: with an entity ref, (re)builds that site; without, builds the sites whose source
 * changed, a bounded number per run, queueing the next run for the rest. Idempotent: a build writes
 * the whole site in one transaction, and the fingerprint makes a repeated run a no-op.
 */
export function registerDocsJobs(jobs: Pick<JobQueue, 'register' | 'enqueue'>, docs: DocsService, log: (msg: string, extra?: object) => void): void {
  jobs.register(DOCS_BUILD_JOB, async (ctx) => {
    const { entityRef, force } = BuildPayload.parse(ctx.payload);
    if (entityRef) return docs.buildOne(entityRef, force ?? false);
    const r = await docs.buildChanged();
    if (r.built > 0) log(`docs: ${r.built} site(s) rebuilt, ${r.checked} checked`, r);
    if (r.more) await jobs.enqueue(DOCS_BUILD_JOB, {}, { dedupeKey: SCAN_KEY });
  });
}

/**
 * When to look for changed docs: soon after the catalog changed (its generation, read every few
 * seconds) once a refresh running in this process has ended, and every `intervalSeconds` anyway — a
 * docs-only change does not change any entity, but the catalog's refresh has fetched the new commit
 * (git) or the file changed on disk.
 */
export function startDocsScheduler(opts: { generation: () => Promise<string | undefined>; busy?: () => boolean; jobs: Pick<JobQueue, 'enqueue'>; pollMs: number; intervalSeconds: number; log: (msg: string) => void }): () => void {
  return startFollower({
    name: 'docs scheduler', version: opts.generation, busy: opts.busy, pollMs: opts.pollMs, everyMs: opts.intervalSeconds * 1000, log: opts.log,
    onChange: () => opts.jobs.enqueue(DOCS_BUILD_JOB, {}, { dedupeKey: SCAN_KEY }),
  });
}
