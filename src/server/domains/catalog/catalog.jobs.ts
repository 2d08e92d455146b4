import type { Kysely } from 'kysely';
import { z } from 'zod';
import { engineOf } from '../../platform/db/engine';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs';
import { SecretError, type SecretBox } from '../../platform/secrets';
import type { Ingestion } from './catalog.ingestion';
import { openTarget, REFRESH_JOB, type StoredLocation } from './catalog.service';
import { applySource } from './catalog.writeRepo';
import { MANAGED_TYPE, refreshManagedLocation } from './catalog.managed';
import { redactCredentials } from './ingest/redactCredentials';
import { unreadableSource } from './ingest/walkSources';

const RefreshPayload = z.object({ locationId: z.string().max(64), force: z.boolean() });

/** Registers the ingestion job. It is idempotent: a crash mid-run is repaired by running it again. */
export function registerCatalogJobs(db: Kysely<Database>, jobs: JobQueue, ingestion: Ingestion, secrets: Pick<SecretBox, 'open'>, log: (msg: string, extra?: object) => void): void {
  jobs.register(REFRESH_JOB, async (ctx) => {
    const { locationId, force } = RefreshPayload.parse(ctx.payload);
    const loc = await db.selectFrom('locations').select(['id', 'type', 'target', 'encrypted_target']).where('id', '=', locationId).executeTakeFirst();
    if (!loc) return; // deleted since it was queued
    // The managed location's documents are in the database, not behind a reader (ADR 0031).
    if (loc.type === MANAGED_TYPE) {
      log('refreshed the managed location', { location: loc.id, ...(await refreshManagedLocation(db, loc.id, force)) });
      return;
    }
    let target: string;
    try {
      target = openTarget(secrets, loc);
    } catch (err) {
      if (!(err instanceof SecretError)) throw err;
      // Retrying cannot help until the key is fixed: say so on the location, as for an unreadable repository.
      const message = `Cannot decrypt the stored credentials of this location: ${err.message}`;
      await recordUnreadable(db, loc, message);
      log(`cannot refresh ${loc.type}:${redactCredentials(loc.target)}: ${message}`, { location: loc.id });
      return;
    }
    const started = Date.now();
    const summary = await ingestion.refreshLocation({ id: loc.id, type: loc.type, target }, { force: force || ctx.attempt > 1 });
    log(`refreshed ${loc.type}:${redactCredentials(loc.target)} in ${Date.now() - started} ms`, { location: loc.id, ...summary });
  });
}

/**
 * Records a read error on the location's root source (`type:redacted-target`, the key ingestion gives it),
 * keeping what it emitted before — exactly what a refresh stores when the root cannot be read.
 */
async function recordUnreadable(db: Kysely<Database>, loc: StoredLocation, message: string): Promise<void> {
  const key = `${loc.type}:${redactCredentials(loc.target)}`;
  const row = await db.selectFrom('sources').select(['content_hash', 'children']).where('key', '=', key).executeTakeFirst();
  const stored = row && { hash: row.content_hash ?? '', children: JSON.parse(row.children) as string[] };
  const { bulk } = engineOf(db as unknown as Kysely<unknown>);
  await db.transaction().execute((trx) => applySource(trx, {
    sourceKey: key, locationId: loc.id, parentKey: `location:${loc.id}`, hash: 'error', outcome: unreadableSource(key, stored, message), now: new Date().toISOString(), bulk,
  }));
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
