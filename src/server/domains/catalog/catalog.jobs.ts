import type { Kysely } from 'kysely';
import { z } from 'zod';
import { engineOf } from '../../platform/db/engine';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs';
import type { Ingestion } from './catalog.ingestion';
import { REFRESH_JOB } from './catalog.service';
import { redactCredentials } from './ingest/redactCredentials';

/** After this many changed entities, the planner's statistics are refreshed (cheap, sampled). */
const STATISTICS_AFTER_CHANGES = 1000;

const RefreshPayload = z.object({ locationId: z.string().max(64), force: z.boolean() });

/** Registers the ingestion job. It is idempotent: a crash mid-run is repaired by running it again. */
export function registerCatalogJobs(db: Kysely<Database>, jobs: JobQueue, ingestion: Ingestion, log: (msg: string, extra?: object) => void): void {
  jobs.register(REFRESH_JOB, async (ctx) => {
    const { locationId, force } = RefreshPayload.parse(ctx.payload);
    const loc = await db.selectFrom('locations').select(['id', 'type', 'target']).where('id', '=', locationId).executeTakeFirst();
    if (!loc) return; // deleted since it was queued
    const started = Date.now();
    const summary = await ingestion.refreshLocation(loc, { force: force || ctx.attempt > 1 });
    if (summary.inserted + summary.updated >= STATISTICS_AFTER_CHANGES) await engineOf(db as unknown as Kysely<unknown>).refreshStatistics();
    log(`refreshed ${loc.type}:${redactCredentials(loc.target)} in ${Date.now() - started} ms`, { location: loc.id, ...summary });
  });
}

/** Periodic work: refresh every location (unchanged sources are skipped cheaply) and sweep old orphans. */
export function startCatalogScheduler(opts: { intervalSeconds: number; orphanGraceSeconds: number; refreshAll: () => Promise<void>; sweep: (grace: number) => Promise<number>; log: (msg: string) => void }): () => void {
  const timer = setInterval(() => {
    opts.refreshAll().then(() => opts.sweep(opts.orphanGraceSeconds)).then((n) => {
      if (n > 0) opts.log(`removed ${n} orphaned entities older than ${opts.orphanGraceSeconds} s`);
    }).catch((err: unknown) => opts.log(`catalog scheduler: ${String(err)}`));
  }, opts.intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
