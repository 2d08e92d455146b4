import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs';
import type { Catalog } from '../catalog';
import type { FactsPort } from './scorecards.evaluate';
import { createScorecardAuthoring } from './scorecards.authoring';
import { registerScorecardAuthoringRoutes } from './scorecards.authoringRoutes';
import { registerScorecardJobs, startScorecardScheduler } from './scorecards.jobs';
import { registerScorecardRoutes } from './scorecards.routes';
import { createScorecardsService } from './scorecards.service';
import { exemptionsVersion } from './scorecards.exemptions.repo';
import { registerExemptionRoutes } from './scorecards.exemptions.routes';
import { createExemptionsService } from './scorecards.exemptions.service';

/** Composition root of scorecards (ADR 0025): evaluation follows the catalog (and facts) through their services. */
export function createScorecards(deps: {
  db: Kysely<Database>;
  jobs: JobQueue;
  catalog: Pick<Catalog, 'service' | 'isRefreshing'>;
  facts?: FactsPort & { generation(): Promise<string | undefined> };
  log: (msg: string, extra?: object) => void;
}) {
  const service = createScorecardsService({ db: deps.db, catalog: deps.catalog.service, facts: deps.facts });
  const exemptions = createExemptionsService({ db: deps.db, evaluation: { db: deps.db, catalog: deps.catalog.service, facts: deps.facts } });
  registerScorecardJobs(deps.jobs, service, deps.log);
  const authoring = createScorecardAuthoring({ db: deps.db, catalog: deps.catalog.service, facts: deps.facts, jobs: deps.jobs });
  // Exemptions in force are an input too: one that expires moves the version, so it lapses without anyone acting (ADR 0028).
  const version = async () => `${(await deps.catalog.service.generation()) ?? ''}:${(await deps.facts?.generation()) ?? ''}:${await exemptionsVersion(deps.db, new Date().toISOString())}`;
  return {
    service,
    exemptions,
    routes: (app: FastifyInstance) => {
      registerExemptionRoutes(app, exemptions);
      registerScorecardAuthoringRoutes(app, authoring);
      registerScorecardRoutes(app, service);
    },
    startScheduler: (intervalSeconds: number, pollMs = 2000) => startScorecardScheduler({
      version, busy: deps.catalog.isRefreshing, jobs: deps.jobs, pollMs: Math.min(pollMs, intervalSeconds * 1000), everyMs: intervalSeconds * 1000, log: deps.log,
    }),
  };
}
export type Scorecards = ReturnType<typeof createScorecards>;
