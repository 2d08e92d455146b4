import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs';
import type { Catalog } from '../catalog';
import type { ScaffolderService } from '../scaffolder';
import { createSnapshotKeeper, registerGoldenPathJobs, SNAPSHOT_JOB, startSnapshotScheduler } from './goldenPaths.jobs';
import { createMigrationDiffs } from './goldenPaths.migration';
import { registerGoldenPathRoutes } from './goldenPaths.routes';
import { createGoldenPathsService } from './goldenPaths.service';

/** What keeps template versions and computes migration diffs (ADR 0021); absent, the domain only reads the catalog. */
export interface GoldenPathVersionDeps {
  db: Kysely<Database>;
  jobs: JobQueue;
  scaffolder: Pick<ScaffolderService, 'snapshotTemplate' | 'renderFiles' | 'creatingTasks'>;
  log: (msg: string, extra?: object) => void;
  warn: (msg: string, extra?: object) => void;
}

/** Composition root of the golden paths domain: it reads the catalog through its exported service and health. */
export function createGoldenPaths(catalog: Pick<Catalog, 'service' | 'health' | 'isRefreshing'>, versions?: GoldenPathVersionDeps) {
  const requestSnapshots = async () => {
    await versions?.jobs.enqueue(SNAPSHOT_JOB, {}, { dedupeKey: SNAPSHOT_JOB });
  };
  const migration = versions ? createMigrationDiffs({ db: versions.db, scaffolder: versions.scaffolder, requestSnapshots }) : undefined;
  const service = createGoldenPathsService({ catalog: catalog.service, catalogErrors: (q) => catalog.health.errors(q), migration });
  if (versions) {
    const keeper = createSnapshotKeeper({ db: versions.db, paths: service.pathKeys, scaffolder: versions.scaffolder, warn: versions.warn });
    registerGoldenPathJobs(versions.jobs, keeper, versions.log);
  }
  return {
    service,
    routes: (app: FastifyInstance) => registerGoldenPathRoutes(app, service),
    /** Stores template versions after catalog changes (polled every `pollMs`) and every `intervalSeconds`. */
    startScheduler: (intervalSeconds: number, pollMs = 2000) => (versions
      ? startSnapshotScheduler({ generation: catalog.service.generation, busy: catalog.isRefreshing, jobs: versions.jobs, pollMs: Math.min(pollMs, intervalSeconds * 1000), intervalSeconds, log: versions.warn })
      : () => undefined),
  };
}
export type GoldenPaths = ReturnType<typeof createGoldenPaths>;
