import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  EntityLevelChangesResponse, EntityScoresResponse, EvaluateResponse, OwnerScoresResponse, ScorecardDetailResponse, ScorecardEntitiesQuery, ScorecardEntitiesResponse, ScorecardEntityParams, ScorecardListResponse, ScorecardParams,
} from '../../../contracts';
import { authorize } from '../../platform/authz';
import type { ScorecardsService } from './scorecards.service';

const tags = ['scorecards'];

/** Scorecards are computed from the catalog: reading them needs what reading the catalog needs. */
export function registerScorecardRoutes(app: FastifyInstance, scorecards: ScorecardsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/scorecards', { schema: { tags, response: { 200: ScorecardListResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', 'scorecards');
    return scorecards.list();
  });

  r.post('/api/scorecards/evaluate', { schema: { tags, response: { 200: EvaluateResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.refresh', 'scorecards');
    await scorecards.recordEvaluationRequest(req.actor);
    const { skipped: _skipped, ...summary } = await scorecards.evaluate({ force: true });
    return summary;
  });

  r.get('/api/scorecards/entities/:kind/:namespace/:name', { schema: { tags, params: ScorecardEntityParams, response: { 200: EntityScoresResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `${req.params.kind}:${req.params.namespace}/${req.params.name}`);
    return scorecards.forEntity(req.params.kind, req.params.namespace, req.params.name);
  });

  r.get('/api/scorecards/entities/:kind/:namespace/:name/changes', { schema: { tags, params: ScorecardEntityParams, response: { 200: EntityLevelChangesResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `${req.params.kind}:${req.params.namespace}/${req.params.name}`);
    return scorecards.levelChanges(req.params.kind, req.params.namespace, req.params.name);
  });

  r.get('/api/scorecards/owners/:kind/:namespace/:name', { schema: { tags, params: ScorecardEntityParams, response: { 200: OwnerScoresResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `${req.params.kind}:${req.params.namespace}/${req.params.name}`);
    return scorecards.forOwner(req.params.kind, req.params.namespace, req.params.name);
  });

  r.get('/api/scorecards/:namespace/:name', { schema: { tags, params: ScorecardParams, response: { 200: ScorecardDetailResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `scorecard:${req.params.namespace}/${req.params.name}`);
    return scorecards.get(req.params.namespace, req.params.name);
  });

  r.get('/api/scorecards/:namespace/:name/entities', {
    schema: { tags, params: ScorecardParams, querystring: ScorecardEntitiesQuery, response: { 200: ScorecardEntitiesResponse } },
  }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `scorecard:${req.params.namespace}/${req.params.name}`);
    return scorecards.entities(req.params.namespace, req.params.name, req.query);
  });
}
