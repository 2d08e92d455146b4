import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs';
import type { CatalogService } from '../catalog/catalog.service';
import type { SearchService } from '../search';
import { registerDocsJobs, startDocsScheduler } from './docs.jobs';
import { registerDocsRoutes } from './docs.routes';
import { createDocsService } from './docs.service';

/** Composition root of docs-as-code: sources, builds (job + scheduler), storage and routes. */
export function createDocs(deps: {
  db: Kysely<Database>;
  jobs: JobQueue;
  catalog: Pick<CatalogService, 'byQuery' | 'byRef' | 'generation'>;
  search: Pick<SearchService, 'indexDocsSite' | 'removeDocsSite'>;
  /** The catalog's git mirror of a repository (Catalog.gitMirrorDir). */
  gitMirrorDir: (repo: string) => string;
  /** True while the catalog refreshes in this process (Catalog.isRefreshing): scans wait for it to end. */
  catalogBusy?: () => boolean;
  fileRoots: readonly string[];
  log: (msg: string, extra?: object) => void;
}) {
  const service = createDocsService({
    db: deps.db, catalog: deps.catalog, search: deps.search, jobs: deps.jobs, log: deps.log,
    sources: { gitMirrorDir: deps.gitMirrorDir, fileRoots: deps.fileRoots },
  });
  registerDocsJobs(deps.jobs, service, deps.log);
  return {
    service,
    routes: (app: FastifyInstance) => registerDocsRoutes(app, service),
    /** Looks for changed docs after catalog changes (polled every `pollMs`) and every `intervalSeconds`. */
    startScheduler: (intervalSeconds: number, pollMs = 2000) =>
      startDocsScheduler({ generation: deps.catalog.generation, busy: deps.catalogBusy, jobs: deps.jobs, pollMs: Math.min(pollMs, intervalSeconds * 1000), intervalSeconds, log: deps.log }),
  };
}
export type Docs = ReturnType<typeof createDocs>;
