import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FactsEntityParams, FactsPushRequest, FactsResponse } from '../../../contracts';
import { authorize } from '../../platform/authz';
import { factsRefOf, type FactsService } from './facts.service';

const tags = ['facts'];

/**
 * /api/facts: an entity's facts. Facts belong to their entity, so reading them is `catalog.entity.read`
 * and re-collecting them is `catalog.entity.refresh`; tools pushing facts need `facts.push`.
 */
export function registerFactsRoutes(app: FastifyInstance, facts: FactsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/facts/entities/:kind/:namespace/:name', { schema: { tags, params: FactsEntityParams, response: { 200: FactsResponse } } }, async (req) => {
    const ref = factsRefOf(req.params);
    authorize(req.actor, 'catalog.entity.read', ref);
    return facts.get(req.actor, ref);
  });

  r.post('/api/facts/entities/:kind/:namespace/:name', {
    schema: { tags, params: FactsEntityParams, body: FactsPushRequest, response: { 200: FactsResponse }, description: 'Push facts for an entity (e.g. coverage from CI); stored with source push:<source>' },
  }, async (req) => {
    const ref = factsRefOf(req.params);
    authorize(req.actor, 'facts.push', ref);
    return facts.push(req.actor, ref, req.body);
  });

  r.post('/api/facts/entities/:kind/:namespace/:name/refresh', { schema: { tags, params: FactsEntityParams, response: { 200: FactsResponse } } }, async (req) => {
    const ref = factsRefOf(req.params);
    authorize(req.actor, 'catalog.entity.refresh', ref);
    return facts.refresh(req.actor, ref);
  });
}
