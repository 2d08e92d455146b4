import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { CatalogService } from '../catalog/catalog.service';
import type { ScorecardsService } from '../scorecards';
import { registerInitiativeRoutes } from './initiatives.routes';
import { createInitiativesService } from './initiatives.service';

/** Composition root of initiatives (ADR 0029): progress follows the scorecards' evaluation passes. */
export function createInitiatives(deps: {
  db: Kysely<Database>;
  catalog: Pick<CatalogService, 'byRefs'>;
  scorecards: Pick<ScorecardsService, 'definitionOf' | 'resultsPage' | 'onEvaluated'>;
  log: (msg: string, extra?: object) => void;
}) {
  const service = createInitiativesService({ db: deps.db, catalog: deps.catalog, scorecards: deps.scorecards, log: deps.log });
  deps.scorecards.onEvaluated(() => service.recordAll());
  return {
    service,
    routes: (app: FastifyInstance) => registerInitiativeRoutes(app, service),
  };
}
export type Initiatives = ReturnType<typeof createInitiatives>;
