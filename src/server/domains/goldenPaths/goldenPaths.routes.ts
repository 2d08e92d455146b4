import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  GoldenPathDetailResponse, GoldenPathListResponse, GoldenPathMigrationResponse, GoldenPathParams, GoldenPathServicesQuery,
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

  r.get('/api/golden-paths/:namespace/:name/migration', {
    schema: { tags, params: GoldenPathParams, querystring: GoldenPathServicesQuery, response: { 200: GoldenPathMigrationResponse } },
  }, async (req) => {
    authorize(req.actor, 'catalog.entity.read', `goldenpath:${req.params.namespace}/${req.params.name}`);
    return goldenPaths.migration(req.params.namespace, req.params.name, req.query);
  });
}
