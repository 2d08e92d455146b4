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

  // A file of the docs folder that pages show or link to. Its bytes come from the repository, so the
  // response must not be able to act in Paved's origin: nosniff keeps the stored type, and a sandboxing
  // CSP keeps an SVG's scripts (or anything opened directly) from running. PDFs render in the browser's
  // own viewer, which a sandbox would block.
  r.get('/api/docs/:namespace/:kind/:name/assets/*', { schema: { tags, params: DocsPageParams, description: 'A file (image or PDF) of the docs folder, as bytes' } }, async (req, reply) => {
    authorize(req.actor, 'catalog.entity.read', docsRefOf(req.params));
    const asset = await docs.getAsset(req.params, req.params['*']);
    const etag = `"${asset.sha256}"`;
    reply.header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-cache').header('etag', etag)
      .header('cross-origin-resource-policy', 'same-origin');
    if (asset.contentType !== 'application/pdf') reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type(asset.contentType).send(asset.bytes);
  });

  r.post('/api/docs/:namespace/:kind/:name/build', { schema: { tags, params: DocsEntityParams, querystring: DocsBuildQuery, response: { 200: DocsBuildResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.refresh', docsRefOf(req.params));
    return docs.requestBuild(req.actor, req.params, req.query.force === 'true');
  });
}
