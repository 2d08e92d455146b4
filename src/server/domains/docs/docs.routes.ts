import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DocsBuildQuery, DocsBuildResponse, DocsEntityParams, DocsPageParams, DocsPageResponse, DocsSiteListResponse, DocsSiteResponse,
} from '../../../contracts';
import { authorize } from '../../platform/authz';
import { docsRefOf, type DocsService } from './docs.service';

const tags = ['docs'];

/**
 * /api/docs: built sites, their pages, on-demand builds. Docs belong to their entity, so reading them
 * is `catalog.entity.read` and building them is `catalog.entity.refresh` (what refreshing the entity needs).
 */
export function registerDocsRoutes(app: FastifyInstance, docs: DocsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/docs', { schema: { tags, response: { 200: DocsSiteListResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', 'docs');
    return { items: await docs.listSites() };
  });

  r.get('/api/docs/:namespace/:kind/:name', { schema: { tags, params: DocsEntityParams, response: { 200: DocsSiteResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', docsRefOf(req.params));
    return docs.getSite(req.actor, req.params);
  });

  // The home page's slug is empty: `/pages` (a trailing slash is ignored by the router).
  r.get('/api/docs/:namespace/:kind/:name/pages', { schema: { tags, params: DocsEntityParams, response: { 200: DocsPageResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', docsRefOf(req.params));
    return docs.getPage(req.params, '');
  });

  r.get('/api/docs/:namespace/:kind/:name/pages/*', { schema: { tags, params: DocsPageParams, response: { 200: DocsPageResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', docsRefOf(req.params));
    return docs.getPage(req.params, req.params['*']);
  });

  r.post('/api/docs/:namespace/:kind/:name/build', { schema: { tags, params: DocsEntityParams, querystring: DocsBuildQuery, response: { 200: DocsBuildResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.refresh', docsRefOf(req.params));
    return docs.requestBuild(req.actor, req.params, req.query.force === 'true');
  });
}
