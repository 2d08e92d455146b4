import { ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION } from '../../../model';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { engineOf } from '../../platform/db/engine';
import type { Database } from '../../platform/db/schema';
import { createBulkLoad, type BulkLoad } from './catalog.bulkLoad';
import { applySource, deleteEntities, markOrphans, type ApplySourceInput, type ApplySourceResult } from './catalog.writeRepo';
import { processSource, toProcessedEntity, type SourceOutcome } from './ingest/processSource';
import { redactCredentials } from './ingest/redactCredentials';
import { namesOneFile, walkRootOnly } from './ingest/rootOnlyWalk';
import type { SourceReader } from './ingest/sourceTypes';
import { MAX_SOURCES_PER_LOCATION, unreadableSource, walkSources, type StoredSource, type WalkedSource, type WalkOptions } from './ingest/walkSources';
import { IngestWorkerError, startWorkerWalk, type WorkerWalk } from './ingest/workerWalk';

export interface LocationRow {
  id: string;
  type: string;
  target: string;
}

export interface RefreshSummary extends ApplySourceResult {
  sources: number;
  skipped: number;
}

/** Entities written per transaction during a refresh (see applyGroup): the first commits are small, so the first entities show up early. */
/** After this many changed entities, the planner's statistics are refreshed (cheap, sampled). */
const STATISTICS_AFTER_CHANGES = 1000;
const FIRST_GROUP_ENTITIES = 1_000;
const MAX_GROUP_ENTITIES = 2_500;
/**
 * Entities (plus one per source) the worker may read ahead of the writes: three groups, so the worker
 * parses the next groups while one is written instead of waiting for its commit. Measured at 100k
 * (ADR 0012): 2,500-entity groups with three ahead peaked at ~420–435 MB, while 5,000-entity groups with
 * 1.2 ahead peaked at ~460–490 MB and were no faster.
 */
const MAX_IN_FLIGHT = MAX_GROUP_ENTITIES * 3;

/** The Location entity Backstage generates for a registered location: `location:default/generated-<sha1>`. */
export function generatedLocationEntity(loc: { type: string; target: string }) {
  const key = `${loc.type}:${redactCredentials(loc.target)}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: `generated-${createHash('sha1').update(key).digest('hex')}`,
      namespace: 'default',
      annotations: { [ANNOTATION_LOCATION]: key, [ANNOTATION_ORIGIN_LOCATION]: key },
    },
    spec: { type: loc.type, target: redactCredentials(loc.target) },
  };
}

export interface Ingestion {
  /** Reads the location's tree of sources and stores what changed; `force` re-processes unchanged sources. */
  refreshLocation(loc: LocationRow, opts?: { force?: boolean }): Promise<RefreshSummary>;
  /** Reads and processes a location without storing anything (`dryRun`). */
  preview(loc: { type: string; target: string }): Promise<SourceOutcome>;
  /** Deletes orphans older than the grace period; returns how many. */
  sweepOrphans(graceSeconds: number): Promise<number>;
}

/** Where the ingestion worker builds its readers from; without it a refresh reads on the calling thread. */
export interface IngestionWorkerConfig {
  gitCacheDir: string;
  /** Shared with the main thread's git reader (see createGitReader). */
  gitCredentials: Map<string, string>;
}

export function createIngestion(db: Kysely<Database>, readers: Record<string, SourceReader>, worker?: IngestionWorkerConfig): Ingestion {
  const { bulk, releaseMemory, refreshStatistics } = engineOf(db as unknown as Kysely<unknown>);
  const readerFor = (type: string): SourceReader => {
    const r = readers[type];
    if (!r) throw new Error(`Unknown location type "${type}"; supported: ${Object.keys(readers).join(', ')}`);
    return r;
  };

  async function lookupStored(key: string): Promise<StoredSource | undefined> {
    const row = await db.selectFrom('sources').select(['content_hash', 'children']).where('key', '=', key).executeTakeFirst();
    return row && { hash: row.content_hash ?? '', children: JSON.parse(row.children) as string[] };
  }

  /**
   * The sources of a refresh, read and processed in a worker thread when one is configured (so parsing
   * overlaps the writes and the API stays responsive), else on this thread. `ack` lets the worker read on.
   */
  async function startWalk(loc: LocationRow, walk: WalkOptions): Promise<WorkerWalk> {
    if (!worker) {
      const sources = walkSources(walk, readers, lookupStored);
      return {
        sources: { async *[Symbol.asyncIterator]() { for await (const source of sources) yield { source, weight: 0 }; } },
        ack: () => undefined, gitCredentials: () => [], close: async () => undefined,
      };
    }
    // The worker gets this location's sources up front and the keys of all others: while this thread holds
    // a write transaction it cannot answer, so a round trip per new source would stall the pipeline.
    const rows = await db.selectFrom('sources').select(['key', 'content_hash', 'children']).where('location_id', '=', loc.id).execute();
    // One file that was one source last time (or is new): read it here, and start the worker only if it leads on.
    if (rows.filter((r) => r.key !== walk.rootKey).length <= 1 && namesOneFile(loc.type, loc.target)) {
      const small = await walkRootOnly(walk, readers, lookupStored);
      if (small) return small;
    }
    const stored = rows.map((r): [string, StoredSource] => [r.key, { hash: r.content_hash ?? '', children: JSON.parse(r.children) as string[] }]);
    const elsewhere = (await db.selectFrom('sources').select('key').where('location_id', '!=', loc.id).execute()).map((r) => r.key);
    return startWorkerWalk({ walk, gitCacheDir: worker.gitCacheDir, gitCredentials: [...worker.gitCredentials], stored, elsewhere, maxInFlight: MAX_IN_FLIGHT }, lookupStored);
  }

  /**
   * Writes several processed sources in one transaction, each applied exactly as on its own. Every commit
   * rewrites the index pages it touched, and new rows land all over the filter indexes, so a few large
   * commits write far less than one per 500-entity file (measured: 100k entities went from minutes to seconds).
   */
  async function applyGroup(group: ApplySourceInput[], summary: RefreshSummary): Promise<void> {
    if (group.length === 0) return;
    const results = await db.transaction().execute(async (trx) => {
      const out: ApplySourceResult[] = [];
      for (const input of group) out.push(await applySource(trx, input));
      return out;
    });
    for (const r of results) for (const k of ['inserted', 'updated', 'unchanged', 'orphaned', 'errors'] as const) summary[k] += r[k];
  }

  /**
   * Streams the location's sources from the walk into group transactions (see applyGroup); records every
   * source it met in `visited`. A worker failure still writes what was read before it (see below).
   */
  async function writeSources(loc: LocationRow, walkOptions: WalkOptions, visited: Set<string>, summary: RefreshSummary, bulkLoad: BulkLoad): Promise<void> {
    const group: ApplySourceInput[] = [];
    let groupSize = 0;
    let groupLimit = FIRST_GROUP_ENTITIES;
    let unacked = 0;
    const walk = await startWalk(loc, walkOptions);
    const toApply = (s: WalkedSource, outcome: SourceOutcome): ApplySourceInput =>
      ({ sourceKey: s.key, locationId: loc.id, parentKey: s.parent, hash: s.hash, outcome, now: new Date().toISOString(), bulk });
    try {
      for await (const { source, weight } of walk.sources) {
        visited.add(source.key);
        summary.sources++;
        if (!source.outcome) {
          summary.skipped++;
          walk.ack(weight);
          continue;
        }
        group.push(toApply(source, source.outcome));
        groupSize += source.outcome.entities.length + 1;
        unacked += weight;
        if (groupSize >= groupLimit) {
          // A full group is a large load: into a nearly empty catalog, the filter indexes are built at the end.
          await bulkLoad.begin();
          await applyGroup(group.splice(0), summary);
          walk.ack(unacked);
          unacked = groupSize = 0;
          groupLimit = Math.min(groupLimit * 2, MAX_GROUP_ENTITIES);
        }
      }
      if (worker) for (const [k, v] of walk.gitCredentials()) worker.gitCredentials.set(k, v);
    } catch (err) {
      if (!(err instanceof IngestWorkerError)) throw err;
      // The worker died on a source: that source gets a clear read error (keeping what it emitted before),
      // what was read before it is written, and the refresh fails without orphaning the sources not reached.
      const failed = err.current;
      if (failed) {
        const stored = await lookupStored(failed.key);
        group.push(toApply({ key: failed.key, parent: failed.parent, hash: 'error', children: [] }, unreadableSource(failed.key, stored, err.message)));
      }
      await applyGroup(group.splice(0), summary);
      throw err;
    } finally {
      await walk.close();
    }
    await applyGroup(group, summary);
  }

  return {
    async refreshLocation(loc, opts = {}) {
      const force = opts.force ?? false;
      // The origin names the location everywhere (source key, annotations, errors), so it must not carry
      // credentials; only the root read gets the real target, and readers keep credentials for its children.
      const origin = `${loc.type}:${redactCredentials(loc.target)}`;
      const summary: RefreshSummary = { sources: 0, skipped: 0, inserted: 0, updated: 0, unchanged: 0, orphaned: 0, errors: 0 };
      const rootKey = `location:${loc.id}`;
      const generated = toProcessedEntity(generatedLocationEntity(loc), 0, '');
      if (!generated.ok) throw new Error(generated.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
      const now = new Date().toISOString();
      await db.transaction().execute((trx) => applySource(trx, {
        sourceKey: rootKey, locationId: loc.id, parentKey: null, hash: generated.processed.hash, now, bulk,
        outcome: { entities: [generated.processed], errors: [], children: [origin] },
      }));
      const visited = new Set<string>([rootKey]);
      const bulkLoad = createBulkLoad(db);
      try {
        await writeSources(loc, { origin, target: loc.target, rootKey, force }, visited, summary, bulkLoad);
      } finally {
        await bulkLoad.finish();
      }
      summary.orphaned += await dropUnvisited(db, loc.id, visited);
      // Here rather than in the job: in the ingestion process, ANALYZE's write does not stall the server's event loop.
      if (summary.inserted + summary.updated >= STATISTICS_AFTER_CHANGES) await refreshStatistics();
      if (summary.inserted + summary.updated > 0) releaseMemory();
      return summary;
    },
    async preview(loc) {
      // Follows Location entities like a real refresh, but keeps everything in memory.
      const origin = `${loc.type}:${redactCredentials(loc.target)}`;
      const all: SourceOutcome = { entities: [], errors: [], children: [] };
      const visited = new Set<string>();
      const queue = [origin];
      while (queue.length > 0 && visited.size < MAX_SOURCES_PER_LOCATION) {
        const key = queue.shift() as string;
        if (visited.has(key)) continue;
        visited.add(key);
        const i = key.indexOf(':');
        const reader = readerFor(key.slice(0, i));
        const target = key === origin ? loc.target : key.slice(i + 1);
        const outcome = await processSource(await reader.read(target), reader, { type: key.slice(0, i), originLocation: origin });
        all.entities.push(...outcome.entities);
        all.errors.push(...outcome.errors);
        all.children.push(...outcome.children);
        queue.push(...outcome.children);
      }
      return all;
    },
    async sweepOrphans(graceSeconds) {
      const cutoff = new Date(Date.now() - graceSeconds * 1000).toISOString();
      const rows = await db.selectFrom('entities').select('id').where('orphaned_at', '<', cutoff).execute();
      if (rows.length === 0) return 0;
      await db.transaction().execute((trx) => deleteEntities(trx, rows.map((r) => Number(r.id))));
      return rows.length;
    },
  };
}

/** Sources no Location points at any more: their entities become orphans and the sources are forgotten. */
async function dropUnvisited(db: Kysely<Database>, locationId: string, visited: Set<string>): Promise<number> {
  const sources = await db.selectFrom('sources').select('key').where('location_id', '=', locationId).execute();
  const gone = sources.map((s) => s.key).filter((k) => !visited.has(k));
  if (gone.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('entities').select('id').where('source_key', 'in', gone).where('orphaned_at', 'is', null).execute();
    await markOrphans(trx, rows.map((r) => Number(r.id)), new Date().toISOString());
    await trx.deleteFrom('catalog_errors').where('source_key', 'in', gone).execute();
    await trx.deleteFrom('sources').where('key', 'in', gone).execute();
    return rows.length;
  });
}
