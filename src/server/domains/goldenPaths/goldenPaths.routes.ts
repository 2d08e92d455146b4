import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  GoldenPathDetailResponse, GoldenPathListResponse, GoldenPathMigrationQuery, GoldenPathMigrationResponse, GoldenPathParams, GoldenPathServiceDiffQuery,
  GoldenPathServiceDiffResponse, GoldenPathServicesQuery,
} from '../../../contracts';
import { authorize } from '../../platform/authz';
import type { GoldenPathsService } from './goldenPaths.service';

const tags = ['golden-paths'];

/**
 * Paved's golden path routes. Golden paths and adoption are read from the catalog, so reading them
 * needs exactly what reading the catalog needs.
 */
export function registerGoldenPathRoutes(app: FastifyInstance, goldenPaths: GoldenPathsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/golden-paths', { schema: { tags, response: { 200: GoldenPathListResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', 'golden paths');
    return goldenPaths.list();
  });

  r.get('/api/golden-paths/:namespace/:name', {
    schema: { tags, params: GoldenPathParams, querystring: GoldenPathServicesQuery, response: { 200: GoldenPathDetailResponse } },
  }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `goldenpath:${req.params.namespace}/${req.params.name}`);
    return goldenPaths.get(req.params.namespace, req.params.name, req.query);
  });

  // Diffs run the template (dry runs) with the parameters of the task that created each service: the
  // service checks scaffolder.task.dry-run (and manage-all for others' tasks) per service, so readers
  // still see the listing with a reason in place of each diff.
  r.get('/api/golden-paths/:namespace/:name/migration', {
    schema: { tags, params: GoldenPathParams, querystring: GoldenPathMigrationQuery, response: { 200: GoldenPathMigrationResponse } },
  }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `goldenpath:${req.params.namespace}/${req.params.name}`);
    return goldenPaths.migration(req.actor, req.params.namespace, req.params.name, req.query);
  });

  r.get('/api/golden-paths/:namespace/:name/migration/diff', {
    schema: { tags, params: GoldenPathParams, querystring: GoldenPathServiceDiffQuery, response: { 200: GoldenPathServiceDiffResponse } },
  }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `goldenpath:${req.params.namespace}/${req.params.name}`);
    return goldenPaths.serviceDiff(req.actor, req.params.namespace, req.params.name, req.query.entityRef);
  });
}
