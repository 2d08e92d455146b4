import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ExemptionDecisionBody, ExemptionListQuery, ExemptionListResponse, ExemptionParams, ExemptionRequestBody, ExemptionSchema,
} from '../../../contracts';
import { authorize } from '../../platform/authz';
import type { ExemptionDecision, ExemptionsService } from './scorecards.exemptions.service';

const tags = ['scorecards'];

/** Exemptions (ADR 0028): anyone who reads the catalog reads them; owners ask; platform engineers decide. */
export function registerExemptionRoutes(app: FastifyInstance, exemptions: ExemptionsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/scorecards/exemptions', { schema: { tags, querystring: ExemptionListQuery, response: { 200: ExemptionListResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', 'scorecard exemptions');
    return exemptions.list(req.actor, req.query);
  });

  r.post('/api/scorecards/exemptions', { schema: { tags, body: ExemptionRequestBody, response: { 201: ExemptionSchema } } }, async (req, reply) => {
    authorize(req.actor, 'scorecards.exemption.request', req.body.entityRef);
    return reply.status(201).send(await exemptions.request(req.actor, req.body));
  });

  r.get('/api/scorecards/exemptions/:id', { schema: { tags, params: ExemptionParams, response: { 200: ExemptionSchema } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `exemption:${req.params.id}`);
    return exemptions.get(req.actor, req.params.id);
  });

  for (const decision of ['approve', 'reject', 'revoke'] as const satisfies readonly ExemptionDecision[]) {
    r.post(`/api/scorecards/exemptions/:id/${decision}`, {
      schema: { tags, params: ExemptionParams, body: ExemptionDecisionBody, response: { 200: ExemptionSchema } },
    }, async (req) => {
      authorize(req.actor, 'scorecards.exemption.approve', `exemption:${req.params.id}`);
      return exemptions.decide(req.actor, req.params.id, decision, req.body?.comment);
    });
  }
}
