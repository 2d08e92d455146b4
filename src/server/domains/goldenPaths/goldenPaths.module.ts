import type { FastifyInstance } from 'fastify';
import type { Catalog } from '../catalog';
import { registerGoldenPathRoutes } from './goldenPaths.routes';
import { createGoldenPathsService } from './goldenPaths.service';

/** Composition root of the golden paths domain: it reads the catalog through its exported service and health. */
export function createGoldenPaths(catalog: Pick<Catalog, 'service' | 'health'>) {
  const service = createGoldenPathsService({ catalog: catalog.service, catalogErrors: (q) => catalog.health.errors(q) });
  return { service, routes: (app: FastifyInstance) => registerGoldenPathRoutes(app, service) };
}
export type GoldenPaths = ReturnType<typeof createGoldenPaths>;
