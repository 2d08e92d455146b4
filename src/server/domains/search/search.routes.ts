import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SearchQuerySchema, SearchResponse } from '../../../contracts';
import { authorize } from '../../platform/authz';
import type { SearchService } from './search.service';

/** GET /api/search: ranked docs sections and catalog entities together. */
export function registerSearchRoutes(app: FastifyInstance, search: SearchService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/search', { schema: { tags: ['search'], querystring: SearchQuerySchema, response: { 200: SearchResponse } } }, async (req) => {
    // Docs are part of the entity they document: reading either is reading the catalog.
    authorize(req.actor, 'catalog.entity.read', 'search');
    const { q, types, limit, offset } = req.query;
    const page = await search.search({ q, types, limit, offset });
    return { query: q, ...page };
  });
}
