import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs';
import type { CatalogService } from '../catalog/catalog.service';
import { registerFactsJobs, startFactsScheduler } from './facts.jobs';
import { registerFactsRoutes } from './facts.routes';
import { createFactsService } from './facts.service';
import { BUILT_IN_SOURCES, type FactSource } from './facts.sources';

/** Composition root of facts: built-in sources, collection (job + scheduler), storage, push and read routes. */
export function createFacts(deps: {
  db: Kysely<Database>;
  jobs: JobQueue;
  catalog: Pick<CatalogService, 'byRef' | 'entityVersions' | 'entityBodies' | 'entityTrust' | 'generation'>;
  /** The catalog's git mirror of a repository (Catalog.gitMirrorDir). */
  gitMirrorDir: (repo: string) => string;
  /** True while the catalog refreshes in this process (Catalog.isRefreshing): collection waits for it to end. */
  catalogBusy?: () => boolean;
  fileRoots: readonly string[];
  /** How often facts are collected again when nothing changed (the catalog's refresh interval). */
  intervalSeconds: number;
  sources?: readonly FactSource[];
  log: (msg: string, extra?: object) => void;
}) {
  const service = createFactsService({
    db: deps.db, catalog: deps.catalog, sources: deps.sources ?? BUILT_IN_SOURCES, log: deps.log, intervalSeconds: deps.intervalSeconds,
    repository: { gitMirrorDir: deps.gitMirrorDir, fileRoots: deps.fileRoots },
  });
  registerFactsJobs(deps.jobs, service, deps.log);
  return {
    service,
    routes: (app: FastifyInstance) => registerFactsRoutes(app, service),
    /** Collects after catalog changes (polled every `pollMs`) and every `intervalSeconds`. */
    startScheduler: (pollMs = 2000) =>
      startFactsScheduler({ generation: deps.catalog.generation, busy: deps.catalogBusy, jobs: deps.jobs, pollMs: Math.min(pollMs, deps.intervalSeconds * 1000), intervalSeconds: deps.intervalSeconds, log: deps.log }),
  };
}
export type Facts = ReturnType<typeof createFacts>;
