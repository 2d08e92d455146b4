import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs';
import type { CatalogService } from '../catalog/catalog.service';
import { registerSearchJobs, startSearchScheduler } from './search.jobs';
import { registerSearchRoutes } from './search.routes';
import { createSearchService } from './search.service';

/** Composition root of search: the full-text index of docs sections and catalog entities. */
export function createSearch(deps: {
  db: Kysely<Database>;
  jobs: JobQueue;
  catalog: Pick<CatalogService, 'entityVersions' | 'entityBodies' | 'generation'>;
  /** True while the catalog refreshes in this process (Catalog.isRefreshing): syncs wait for it to end. */
  catalogBusy?: () => boolean;
  log: (msg: string, extra?: object) => void;
}) {
  const service = createSearchService({ db: deps.db, catalog: deps.catalog });
  registerSearchJobs(deps.jobs, service, deps.log);
  return {
    service,
    routes: (app: FastifyInstance) => registerSearchRoutes(app, service),
    startScheduler: (everyMs = 2000) => startSearchScheduler({ generation: deps.catalog.generation, busy: deps.catalogBusy, jobs: deps.jobs, everyMs, log: deps.log }),
  };
}
export type Search = ReturnType<typeof createSearch>;
