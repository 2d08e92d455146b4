import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stringifyEntityRef } from '../../../model';
import {
  ByQuerySchema, ByRefsBodySchema, CatalogErrorsQuerySchema, CatalogErrorsResponse, CatalogHealthResponse, EntitiesQuerySchema, EntityNameParams,
  EntitiesByPredicateBodySchema, EntitySourceResponse, FacetsByPredicateBodySchema, FacetsQuerySchema, LocationsByQueryBodySchema, LocationInputSchema, RefreshBodySchema, ValidateEntityBodySchema,
} from '../../../contracts';
import { authorize } from '../../platform/authz';
import { InputError, NotFoundError } from '../../platform/errors';
import type { CatalogService } from './catalog.service';
import { redactCredentials } from './ingest/redactCredentials';
import type { createCatalogHealth } from './catalog.health';

const tags = ['catalog'];
const refOf = (p: { kind: string; namespace: string; name: string }) => stringifyEntityRef({ kind: p.kind, namespace: p.namespace, name: p.name });

/** Backstage-compatible catalog routes (paths, shapes, status codes) plus Paved's catalog-health routes. */
export function registerCatalogRoutes(app: FastifyInstance, catalog: CatalogService, health: ReturnType<typeof createCatalogHealth>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/catalog/entities', { schema: { tags, querystring: EntitiesQuerySchema } }, async (req, reply) => {
    authorize(req.actor, 'catalog.entity.read');
    const { items, nextAfter } = await catalog.list(req.query);
    if (nextAfter) void reply.header('link', `<${req.url.split('?')[0]}?after=${encodeURIComponent(nextAfter)}${req.query.limit ? `&limit=${req.query.limit}` : ''}>; rel="next"`);
    return items;
  });

  r.get('/api/catalog/entities/by-query', { schema: { tags, querystring: ByQuerySchema } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    return catalog.byQuery(req.query);
  });

  r.post('/api/catalog/entities/by-query', { schema: { tags, body: EntitiesByPredicateBodySchema } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    const b = req.body;
    return catalog.byQuery({
      query: b.query, cursor: b.cursor, limit: b.limit, offset: b.offset, fields: b.fields,
      orderField: b.orderBy?.map((o) => `${o.field},${o.order}`),
      fullTextFilterTerm: b.fullTextFilter?.term, fullTextFilterFields: b.fullTextFilter?.fields,
      totalItems: b.totalItems === false || b.totalItems === 'exclude' ? 'exclude' : 'include',
    });
  });

  r.post('/api/catalog/entity-facets', { schema: { tags, body: FacetsByPredicateBodySchema } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    return catalog.facets(req.body.facets, undefined, req.body.query);
  });

  r.post('/api/catalog/locations/by-query', { schema: { tags, body: LocationsByQueryBodySchema } }, async (req) => {
    authorize(req.actor, 'catalog.location.read');
    return catalog.queryLocations(req.body);
  });

  r.post('/api/catalog/entities/by-refs', { schema: { tags, body: ByRefsBodySchema, querystring: z.object({ filter: EntitiesQuerySchema.shape.filter }) } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    return { items: await catalog.byRefs(req.body.entityRefs, req.body.fields, req.query.filter) };
  });

  r.get('/api/catalog/entities/by-uid/:uid', { schema: { tags, params: z.object({ uid: z.string().max(64) }) } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    const e = await catalog.byUid(req.params.uid);
    if (!e) throw new NotFoundError(`No entity with uid ${req.params.uid}`);
    return e;
  });

  r.delete('/api/catalog/entities/by-uid/:uid', { schema: { tags, params: z.object({ uid: z.string().max(64) }) } }, async (req, reply) => {
    authorize(req.actor, 'catalog.entity.delete', `uid ${req.params.uid}`);
    await catalog.deleteByUid(req.actor, req.params.uid);
    return reply.status(204).send();
  });

  r.get('/api/catalog/entities/by-name/:kind/:namespace/:name', { schema: { tags, params: EntityNameParams } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    const e = await catalog.byRef(refOf(req.params));
    if (!e) throw new NotFoundError(`No entity named '${req.params.name}' found, with kind '${req.params.kind}' in namespace '${req.params.namespace}'`);
    return e;
  });

  r.get('/api/catalog/entities/by-name/:kind/:namespace/:name/ancestry', { schema: { tags, params: EntityNameParams } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    return health.ancestry(refOf(req.params));
  });

  r.get('/api/catalog/entity-facets', { schema: { tags, querystring: FacetsQuerySchema } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    if (!req.query.facet?.length) throw new InputError('Missing facet parameter');
    return catalog.facets(req.query.facet, req.query.filter);
  });

  r.post('/api/catalog/refresh', { schema: { tags, body: RefreshBodySchema } }, async (req, reply) => {
    authorize(req.actor, 'catalog.entity.refresh', req.body.entityRef);
    await catalog.refresh(req.actor, req.body.entityRef);
    return reply.status(200).send();
  });

  r.post('/api/catalog/locations', { schema: { tags, body: LocationInputSchema, querystring: z.object({ dryRun: z.enum(['true', 'false']).optional(), onConflict: z.enum(['reject', 'refresh']).optional() }) } }, async (req, reply) => {
    const dryRun = req.query.dryRun === 'true';
    authorize(req.actor, dryRun ? 'catalog.location.analyze' : 'catalog.location.create', `${req.body.type}:${redactCredentials(req.body.target)}`);
    const result = await catalog.addLocation(req.actor, req.body, { dryRun, onConflict: req.query.onConflict });
    return reply.status(201).send(result);
  });

  r.get('/api/catalog/locations', { schema: { tags } }, async (req) => {
    authorize(req.actor, 'catalog.location.read');
    return (await catalog.listLocations()).map((data) => ({ data }));
  });

  r.get('/api/catalog/locations/:id', { schema: { tags, params: z.object({ id: z.string().max(64) }) } }, async (req) => {
    authorize(req.actor, 'catalog.location.read');
    return catalog.getLocation(req.params.id);
  });

  r.delete('/api/catalog/locations/:id', { schema: { tags, params: z.object({ id: z.string().max(64) }) } }, async (req, reply) => {
    authorize(req.actor, 'catalog.location.delete', `location:${req.params.id}`);
    await catalog.deleteLocation(req.actor, req.params.id);
    return reply.status(204).send();
  });

  r.get('/api/catalog/locations/by-entity/:kind/:namespace/:name', { schema: { tags, params: EntityNameParams } }, async (req) => {
    authorize(req.actor, 'catalog.location.read');
    return catalog.locationByEntity(refOf(req.params));
  });

  r.post('/api/catalog/validate-entity', { schema: { tags, body: ValidateEntityBodySchema } }, async (req, reply) => {
    authorize(req.actor, 'catalog.entity.validate');
    const result = catalog.validate(req.body.entity, req.body.location);
    return result.valid ? reply.status(200).send() : reply.status(400).send({ errors: result.errors });
  });

  r.get('/api/catalog/errors', { schema: { tags, querystring: CatalogErrorsQuerySchema, response: { 200: CatalogErrorsResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    return health.errors(req.query);
  });

  r.get('/api/catalog/health', { schema: { tags, response: { 200: CatalogHealthResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    return health.health();
  });

  r.get('/api/catalog/source/by-name/:kind/:namespace/:name', { schema: { tags, params: EntityNameParams, response: { 200: EntitySourceResponse } } }, async (req) => {
    authorize(req.actor, 'catalog.entity.read');
    return health.source(refOf(req.params));
  });
}
