import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { Dialect } from '../../platform/db/dialect';
import { createJobQueue, type JobQueue } from '../../platform/jobs';
import type { SecretBox } from '../../platform/secrets';
import type { CatalogService } from '../catalog/catalog.service';
import { createScaffolderEngine } from './engine';
import { debugWaitAction } from './scaffolder.debugWait';
import { createTaskRunner, RUN_TASK_JOB } from './scaffolder.jobs';
import { createCatalogPort, createTemplateSourcePort, type GitFileReader } from './scaffolder.ports';
import { registerScaffolderRoutes } from './scaffolder.routes';
import { createScaffolderService } from './scaffolder.service';
import { createTemplateChecker } from './scaffolder.templateChecker';

export interface ScaffolderModuleDeps {
  db: Kysely<Database>;
  dialect: Dialect;
  secrets: SecretBox;
  dataDir: string;
  catalog: CatalogService;
  /** The catalog's git reader (a mirror cache), to fetch template files from git locations. */
  git: GitFileReader;
  log: (msg: string, extra?: object) => void;
  warn: (msg: string, extra?: object) => void;
  /** How many tasks this instance runs at once. */
  concurrency?: number;
  gitAuthor?: { name: string; email: string };
  publicBaseUrl?: string;
}

/**
 * Composition root of the scaffolder's task layer. Tasks run on the shared `jobs` table as
 * `scaffolder.run-task`, but claimed by job queues of their own: a task runs for minutes and calls the
 * catalog (whose refresh is itself a job it waits for), so sharing the catalog's single loop would stall
 * refreshes and deadlock a registration. `concurrency` queues run that many tasks at once.
 */
export function createScaffolder(deps: ScaffolderModuleDeps) {
  const scaffolderDir = join(deps.dataDir, 'scaffolder');
  const dryRunDirs = new Map<string, string>();
  const sources = createTemplateSourcePort({ git: deps.git, dryRunDirs });
  const engine = createScaffolderEngine({
    catalog: createCatalogPort(deps.catalog, [join(deps.dataDir, 'repos'), scaffolderDir]),
    sources,
    dataDir: deps.dataDir,
    gitAuthor: deps.gitAuthor ?? { name: 'Paved Scaffolder', email: 'scaffolder@paved.local' },
    publicBaseUrl: deps.publicBaseUrl,
  }, { extraActions: [debugWaitAction] });
  const queues: JobQueue[] = Array.from({ length: Math.max(1, deps.concurrency ?? 2) }, () => createJobQueue(deps.db, deps.dialect, deps.log, deps.warn));
  const runner = createTaskRunner({ db: deps.db, engine, secrets: deps.secrets, catalog: deps.catalog, warn: deps.warn });
  for (const q of queues) q.register(RUN_TASK_JOB, runner.handle);
  // Any idle queue may take a new task at once: waking only the first would leave a task to the next poll while it is busy.
  const jobs = { enqueue: (queues[0] as JobQueue).enqueue, wake: () => queues.forEach((q) => q.wake()) };
  const service = createScaffolderService({ db: deps.db, engine, jobs, secrets: deps.secrets, catalog: deps.catalog, scaffolderDir, dryRunDirs, sources });
  let leaseTimer: NodeJS.Timeout | undefined;

  return {
    service,
    routes: (app: FastifyInstance) => registerScaffolderRoutes(app, service),
    /** Checks Template entities for the catalog's errors (the catalog's addEntityChecker). */
    templateChecker: createTemplateChecker(engine),
    start() {
      for (const q of queues) q.start();
      leaseTimer = setInterval(() => void runner.expireStaleLeases().catch((err: unknown) => deps.warn(`scaffolder lease check failed: ${String(err)}`)), 5_000);
      leaseTimer.unref();
      void runner.sweepFailedWorkspaces().catch(() => undefined);
    },
    async stop() {
      if (leaseTimer) clearInterval(leaseTimer);
      await Promise.all(queues.map((q) => q.stop(5_000)));
    },
  };
}
export type Scaffolder = ReturnType<typeof createScaffolder>;
