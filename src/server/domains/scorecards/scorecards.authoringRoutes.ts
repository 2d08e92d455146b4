import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ScorecardParams, ScorecardPreviewResponse, ScorecardPutQuery, ScorecardPutResponse, ScorecardSourceResponse, ScorecardYamlBody,
} from '../../../contracts';
import { authorize } from '../../platform/authz';
import type { ScorecardAuthoring } from './scorecards.authoring';

const tags = ['scorecards'];

/** Save, delete and preview scorecards (ADR 0031); saving is for platform engineers, previewing for editors too. */
export function registerScorecardAuthoringRoutes(app: FastifyInstance, authoring: ScorecardAuthoring): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/scorecards/preview', { schema: { tags, body: ScorecardYamlBody, response: { 200: ScorecardPreviewResponse } } }, async (req) => {
    authorize(req.actor, 'scorecards.preview', 'scorecards');
    return authoring.preview(req.body.yaml);
  });

  r.get('/api/scorecards/:namespace/:name/source', { schema: { tags, params: ScorecardParams, response: { 200: ScorecardSourceResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `scorecard:${req.params.namespace}/${req.params.name}`);
    return authoring.source(req.params.namespace, req.params.name);
  });

  r.put('/api/scorecards/:namespace/:name', {
    schema: { tags, params: ScorecardParams, querystring: ScorecardPutQuery, body: ScorecardYamlBody, response: { 200: ScorecardPutResponse } },
  }, async (req) => {
    const target = `scorecard:${req.params.namespace}/${req.params.name}`;
    const dryRun = req.query.dryRun === 'true';
    authorize(req.actor, dryRun ? 'scorecards.preview' : 'scorecards.write', target);
    return authoring.put(req.actor, req.params.namespace, req.params.name, req.body.yaml, { dryRun });
  });

  r.delete('/api/scorecards/:namespace/:name', { schema: { tags, params: ScorecardParams } }, async (req, reply) => {
    authorize(req.actor, 'scorecards.write', `scorecard:${req.params.namespace}/${req.params.name}`);
    await authoring.remove(req.actor, req.params.namespace, req.params.name);
    return reply.code(204).send();
  });
}
