import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs';
import type { SecretBox } from '../../platform/secrets';
import { createCatalogHealth } from './catalog.health';
import { createIngestion } from './catalog.ingestion';
import { registerCatalogJobs, startCatalogScheduler } from './catalog.jobs';
import { registerCatalogRoutes } from './catalog.routes';
import { createCatalogService } from './catalog.service';
import { createDiscovery, registerDiscoveryRoutes } from './discovery';
import { createFileReader } from './ingest/fileReader';
import { createGitReader } from './ingest/gitReader';
import { createUrlReader } from './ingest/urlReader';

/** Composition root of the catalog domain: wires readers, ingestion, jobs, service and routes by hand. */
export function createCatalog(deps: { db: Kysely<Database>; jobs: JobQueue; secrets: SecretBox; dataDir: string; fileRoots: readonly string[]; log: (msg: string, extra?: object) => void }) {
  const gitCacheDir = join(deps.dataDir, 'git-cache');
  const gitCredentials = new Map<string, string>();
  const readers = { file: createFileReader(), url: createUrlReader(), git: createGitReader(gitCacheDir, gitCredentials) };
  // Refreshes read and process in a worker thread (ADR 0008); PAVED_INGEST_WORKER=0 keeps them on this thread.
  const ingestion = createIngestion(deps.db, readers, process.env.PAVED_INGEST_WORKER === '0' ? undefined : { gitCacheDir, gitCredentials });
  const service = createCatalogService({ db: deps.db, ingestion, jobs: deps.jobs, fileRoots: deps.fileRoots, secrets: deps.secrets });
  const health = createCatalogHealth(deps.db);
  registerCatalogJobs(deps.db, deps.jobs, ingestion, deps.secrets, deps.log);
  return {
    service,
    health,
    ingestion,
    routes: (app: FastifyInstance) => {
      registerCatalogRoutes(app, service, health);
      registerDiscoveryRoutes(app, createDiscovery({ git: readers.git, catalog: service, fileRoots: deps.fileRoots }));
    },
    startScheduler: (intervalSeconds: number, orphanGraceSeconds: number) =>
      startCatalogScheduler({ intervalSeconds, orphanGraceSeconds, refreshAll: service.refreshAllLocations, sweep: ingestion.sweepOrphans, log: deps.log }),
  };
}
export type Catalog = ReturnType<typeof createCatalog>;
