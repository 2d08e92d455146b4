import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DatabaseLocation } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs';
import type { SecretBox } from '../../platform/secrets';
import { ensureCatalogIndexes } from './catalog.bulkLoad';
import { createEntityChecks, startEntityChecks, type EntityChecker } from './catalog.checks';
import { createCatalogHealth } from './catalog.health';
import { createIngestion, type Ingestion } from './catalog.ingestion';
import { registerCatalogJobs, startCatalogScheduler } from './catalog.jobs';
import { registerCatalogRoutes } from './catalog.routes';
import { createCatalogService } from './catalog.service';
import { createDiscovery, registerDiscoveryRoutes } from './discovery';
import { createIngestProcess } from './ingest/ingestProcess';
import { createSourceReaders } from './ingest/sourceReaders';
import { gitMirrorDir } from './ingest/gitReader';

const LONG_REFRESH_MS = 2000;

/** Composition root of the catalog domain: wires readers, ingestion, jobs, service and routes by hand. */
export function createCatalog(deps: { db: Kysely<Database>; jobs: JobQueue; secrets: SecretBox; dataDir: string; fileRoots: readonly string[]; log: (msg: string, extra?: object) => void;
  ingest: { database: DatabaseLocation; inProcess: boolean; worker: boolean; idleSeconds: number };
}) {
  const gitCacheDir = join(deps.dataDir, 'git-cache');
  const gitCredentials = new Map<string, string>();
  const readers = createSourceReaders(gitCacheDir, gitCredentials);
  // Refreshes run in a child process (ADR 0012) that reads in a worker thread (ADR 0008); dry runs and sweeps stay here.
  const local = createIngestion(deps.db, readers, deps.ingest.worker ? { gitCacheDir, gitCredentials } : undefined);
  const host = deps.ingest.inProcess ? undefined : createIngestProcess({
    database: deps.ingest.database, gitCacheDir, gitCredentials, useWorker: deps.ingest.worker, idleExitMs: deps.ingest.idleSeconds * 1000,
  });
  const refresh = host ? host.refreshLocation : local.refreshLocation;
  const running = new Set<{ started: number }>();
  const ingestion: Ingestion = {
    ...local,
    refreshLocation: async (loc, opts) => {
      const run = { started: Date.now() };
      running.add(run);
      try {
        return await refresh(loc, opts);
      } finally {
        running.delete(run);
      }
    },
  };
  const service = createCatalogService({ db: deps.db, ingestion, jobs: deps.jobs, fileRoots: deps.fileRoots, secrets: deps.secrets });
  const checks = createEntityChecks(deps.db, deps.log);
  const health = createCatalogHealth(deps.db, checks);
  registerCatalogJobs(deps.db, deps.jobs, ingestion, deps.secrets, deps.log);
  return {
    service,
    health,
    ingestion,
    /**
     * The bare mirror the git reader keeps of a repository (its redacted address, as in `managed-by-location`),
     * at the commit the last refresh fetched: docs read files next to a descriptor from it, without fetching.
     */
    gitMirrorDir: (repo: string) => gitMirrorDir(gitCacheDir, repo),
    /**
     * Whether a long refresh (a bulk load) runs in this process now: one that has run for 2 s or more.
     * Followers of the catalog (search, docs) wait for it to end — reading a catalog that changes with
     * every commit, beside a bulk load, slows both (ADR 0022) — but not for the short refreshes that a
     * small interval brings every few seconds.
     */
    isRefreshing: () => [...running].some((r) => Date.now() - r.started >= LONG_REFRESH_MS),
    close: () => host?.close(),
    /** Adds a check of another domain (e.g. the scaffolder's of Template entities); its problems join the catalog's errors. */
    addEntityChecker: (checker: EntityChecker) => checks.register(checker),
    /** Keeps checkers' results current in the background, so entity pages show them without the errors list being read. */
    startChecks: (pollMs = 2000) => startEntityChecks(checks, pollMs, deps.log),
    /** A process killed during a bulk load leaves the deferred indexes dropped (catalog.bulkLoad.ts). */
    repairAfterCrash: () => ensureCatalogIndexes(deps.db),
    routes: (app: FastifyInstance) => {
      registerCatalogRoutes(app, service, health);
      registerDiscoveryRoutes(app, createDiscovery({ git: readers.git, catalog: service, fileRoots: deps.fileRoots }));
    },
    startScheduler: (intervalSeconds: number, orphanGraceSeconds: number) =>
      startCatalogScheduler({ intervalSeconds, orphanGraceSeconds, refreshAll: service.refreshAllLocations, sweep: ingestion.sweepOrphans, log: deps.log }),
  };
}
export type Catalog = ReturnType<typeof createCatalog>;
