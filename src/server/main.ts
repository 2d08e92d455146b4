import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { createCatalog } from './domains/catalog';
import { createGitReader } from './domains/catalog/ingest/gitReader';
import { createScaffolder } from './domains/scaffolder';
import { createDocs } from './domains/docs';
import { createFacts } from './domains/facts';
import { createGoldenPaths } from './domains/goldenPaths';
import { createScorecards } from './domains/scorecards';
import { createInitiatives } from './domains/initiatives';
import { createSearch } from './domains/search';
import { SYSTEM } from './platform/actor';
import { createAuthenticator, ensureAdminToken } from './platform/authn';
import { loadConfig, type Config } from './platform/config';
import { openDatabase } from './platform/db/database';
import { createJobQueue } from './platform/jobs';
import { createSecretBox, loadSecretKey } from './platform/secrets';
import { PACKAGE_ROOT } from './platform/packageRoot';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Paved: migrates the database, makes sure an admin token exists, registers the demo organisation
 * and configured locations, starts the job runner and the scheduler, then listens.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const secretKey = loadSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir });
  const secrets = createSecretBox(secretKey.key);
  const handle = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, secrets });
  const { db, dialect } = handle;
  let ready = false;
  const logger = { info: (msg: string, extra?: object) => app?.log.info(extra ?? {}, msg), warn: (msg: string, extra?: object) => app?.log.warn(extra ?? {}, msg) };
  const jobs = createJobQueue(db, dialect, logger.info, logger.warn);
  const catalog = createCatalog({
    db, jobs, secrets, dataDir: config.dataDir, fileRoots: config.fileRoots, log: logger.info,
    ingest: { database: { dataDir: config.dataDir, databaseUrl: config.databaseUrl }, inProcess: !config.ingestProcess, worker: config.ingestWorker, idleSeconds: config.ingestIdleSeconds },
  });
  // Template files in git locations are read through the catalog's git reader, with a mirror cache of its own.
  const scaffolder = createScaffolder({
    db, dialect, secrets, dataDir: config.dataDir, catalog: catalog.service, log: logger.info, warn: logger.warn,
    git: createGitReader(join(config.dataDir, 'scaffolder', 'git-cache')),
  });
  // Templates that cannot run are listed with the catalog's errors.
  catalog.addEntityChecker(scaffolder.templateChecker);
  // Search follows the catalog's generation; docs are built from the entity's source and indexed into search.
  const search = createSearch({ db, jobs, catalog: catalog.service, catalogBusy: catalog.isRefreshing, log: logger.info });
  const docs = createDocs({ db, jobs, catalog: catalog.service, search: search.service, gitMirrorDir: catalog.gitMirrorDir, catalogBusy: catalog.isRefreshing, fileRoots: config.fileRoots, log: logger.info });
  // Facts about entities (repository contents, golden path), collected as the catalog changes and pushed by tools (ADR 0026).
  const facts = createFacts({ db, jobs, catalog: catalog.service, gitMirrorDir: catalog.gitMirrorDir, catalogBusy: catalog.isRefreshing, fileRoots: config.fileRoots, intervalSeconds: config.factsIntervalSeconds, log: logger.info });
  // Golden paths keep each version of their template, to diff a service's output between versions (ADR 0021).
  // Scorecards follow the catalog and the facts, and evaluate their rules (ADR 0025, ADR 0026).
  const scorecards = createScorecards({ db, jobs, catalog, facts: facts.service, log: logger.info });
  // Initiatives target scorecard rules; their progress is recorded after each evaluation pass (ADR 0029).
  const initiatives = createInitiatives({ db, catalog: catalog.service, scorecards: scorecards.service, log: logger.info });
  const goldenPaths = createGoldenPaths(catalog, { db, jobs, scaffolder: scaffolder.service, log: logger.info, warn: logger.warn });
  const authn = createAuthenticator(db, { guestAccess: config.guestAccess });
  const app: FastifyInstance = await buildApp({ db, authn, catalog, scaffolder, docs, search, facts, goldenPaths, scorecards, initiatives, logLevel: config.logLevel, webDir: join(PACKAGE_ROOT, 'dist/web'), isReady: () => ready });
  app.log.info(`database: ${handle.description}`);
  // The key id is a fingerprint, safe to log; the key itself never is.
  app.log.info(`secrets: sealed with key ${secrets.keyId} from ${secretKey.source === 'env' ? 'PAVED_SECRET_KEY' : `${secretKey.file}${secretKey.created ? ' (generated now)' : ''}`}`);
  for (const warning of secretKey.warnings) app.log.warn(warning);
  if (dialect === 'postgres' && secretKey.source === 'file') {
    app.log.warn(`PAVED_SECRET_KEY is not set, so secrets are sealed with the key in ${secretKey.file}: every instance sharing this PostgreSQL database `
      + 'must use the same key, or it cannot open what the others sealed. Set PAVED_SECRET_KEY (for example to this file\'s content) on every instance.');
  }

  const bootstrapToken = await ensureAdminToken(db, config.adminToken);
  if (bootstrapToken) {
    // Printed once, on first start only; only its hash is stored.
    process.stdout.write(`\nPaved admin token (shown once, store it now): ${bootstrapToken}\n\n`);
  }
  if (dialect === 'sqlite') {
    // One process owns an embedded database: jobs left "running" by a crashed process can be resumed now.
    await db.updateTable('jobs').set({ status: 'queued', lease_owner: null, lease_until: null }).where('status', '=', 'running').execute();
  }
  await catalog.repairAfterCrash();
  jobs.start();
  scaffolder.start();
  await registerStartupLocations(config, catalog, db);
  const stopScheduler = catalog.startScheduler(config.refreshIntervalSeconds, config.orphanGraceSeconds);
  const stopDocsScheduler = docs.startScheduler(config.refreshIntervalSeconds);
  const stopSearchScheduler = search.startScheduler();
  const stopFactsScheduler = facts.startScheduler();
  const stopChecks = catalog.startChecks();
  const stopGoldenPathsScheduler = goldenPaths.startScheduler(config.refreshIntervalSeconds);
  const stopScorecardScheduler = scorecards.startScheduler(config.refreshIntervalSeconds);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  ready = true;
  process.stdout.write(`Paved listening on ${url} (data: ${handle.description})\n`);

  let stopping: Promise<void> | undefined;
  return {
    app,
    url,
    stop: () => (stopping ??= (async () => {
      ready = false;
      stopScheduler();
      stopDocsScheduler();
      stopSearchScheduler();
      stopFactsScheduler();
      stopChecks();
      stopGoldenPathsScheduler();
      stopScorecardScheduler();
      await app.close();
      // Tasks first: a running task may be waiting on a catalog refresh job.
      await scaffolder.stop();
      await jobs.stop();
      catalog.close();
      await handle.close();
    })()),
  };
}

async function registerStartupLocations(config: Config, catalog: ReturnType<typeof createCatalog>, db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<void> {
  const wanted: Array<{ type: string; target: string; origin: string }> = config.locations.map((l) => ({ ...l, origin: 'config' }));
  const demoDone = await db.selectFrom('meta').select('value').where('key', '=', 'demo_loaded').executeTakeFirst();
  if (config.demo && !demoDone) wanted.push({ type: 'file', target: join(config.examplesDir, 'catalog-info.yaml'), origin: 'demo' });
  for (const l of wanted) {
    const target = l.type === 'file' ? resolve(l.target) : l.target;
    // The small demo organisation is ingested before the server answers; configured locations may be
    // large, so they are ingested in the background. One registered before is kept, but takes the
    // configured credentials if they changed.
    await catalog.service.addLocation(SYSTEM, { type: l.type, target }, { origin: l.origin, background: l.origin !== 'demo', onConflict: 'keep' });
  }
  if (config.demo && !demoDone) await db.insertInto('meta').values({ key: 'demo_loaded', value: new Date().toISOString() }).execute();
}

/** `paved serve`: configuration from the environment and flags; stops gracefully on SIGINT/SIGTERM. */
export async function serve(flags: { port?: number; host?: string; dataDir?: string }): Promise<void> {
  const config = loadConfig(process.env, { port: flags.port, host: flags.host, dataDir: flags.dataDir ? resolve(flags.dataDir) : undefined });
  const server = await startServer(config);
  const shutdown = (signal: string) => {
    server.app.log.info(`${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
