import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AnalyzeLocationBodySchema, AnalyzeLocationResponseSchema } from '../../../../contracts/discovery';
import { authorize } from '../../../platform/authz';
import type { Discovery } from './discovery.service';

/** Backstage's `POST /analyze-location`, under the catalog's prefix. */
export function registerDiscoveryRoutes(app: FastifyInstance, discovery: Discovery): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/catalog/analyze-location', {
    schema: { tags: ['catalog'], body: AnalyzeLocationBodySchema, response: { 200: AnalyzeLocationResponseSchema } },
  }, async (req) => {
    // Analysis reads but never writes, like a dry-run registration, so it needs the same permission.
    authorize(req.actor, 'catalog.location.analyze', `${req.body.location.type}:${req.body.location.target}`);
    return discovery.analyzeLocation(req.body);
  });
}
