import { z } from 'zod';

/** zod contracts of the catalog API: Backstage-compatible routes under /api/catalog plus Paved's additions. */

const str = (max = 1024) => z.string().max(max);
const repeated = (max = 1024) => z.union([str(max), z.array(str(max)).max(100)]).optional()
  .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));

export const EntitySchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({ name: z.string(), namespace: z.string().optional(), uid: z.string().optional(), etag: z.string().optional() }),
  spec: z.record(z.string(), z.unknown()).optional(),
  relations: z.array(z.object({ type: z.string(), targetRef: z.string() })).optional(),
  status: z.unknown().optional(),
});
export type ApiEntity = z.infer<typeof EntitySchema>;

export const EntitiesQuerySchema = z.object({
  filter: repeated(),
  fields: repeated(),
  order: repeated(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  after: str(4096).min(1).optional(),
});

export const ByQuerySchema = z.object({
  filter: repeated(),
  fields: repeated(),
  orderField: repeated(),
  cursor: str(16_384).optional(),
  limit: z.coerce.number().int().min(0).max(10_000).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  fullTextFilterTerm: str(200).optional(),
  fullTextFilterFields: repeated(),
  totalItems: z.enum(['include', 'exclude']).optional(),
});

export const ByRefsBodySchema = z.object({
  entityRefs: z.array(str(1024)).max(10_000),
  fields: z.array(str(1024)).max(100).optional(),
});

export const FacetsQuerySchema = z.object({ facet: repeated(), filter: repeated() });

export const EntityNameParams = z.object({ kind: str(63), namespace: str(63), name: str(255) });

export const LocationInputSchema = z.object({
  type: str(32).default('url'),
  target: str(4096).min(1),
});
export const LocationSchema = z.object({ id: z.string(), type: z.string(), target: z.string() });

export const RefreshBodySchema = z.object({ entityRef: str(1024), authorizationToken: str(8192).optional() });

export const ValidateEntityBodySchema = z.object({ entity: z.unknown(), location: str(4096) });

export const CatalogErrorSchema = z.object({
  id: z.string(),
  /** The registered location whose processing produced the error. */
  locationId: z.string(),
  locationKey: z.string(),
  entityRef: z.string().nullable(),
  /** `template`: a Template entity the scaffolder cannot run (unknown action, invalid parameter schema, …). */
  kind: z.enum(['parse', 'validation', 'placeholder', 'conflict', 'read', 'template']),
  message: z.string(),
  path: z.string().nullable(),
  line: z.number().nullable(),
  occurredAt: z.string(),
});
export type CatalogError = z.infer<typeof CatalogErrorSchema>;

export const CatalogErrorsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  entityRef: z.string().max(1024).optional(),
  locationId: z.string().max(64).optional(),
});

export const CatalogErrorsResponse = z.object({ items: z.array(CatalogErrorSchema), totalItems: z.number() });

export const EntitySummarySchema = z.object({
  entityRef: z.string(), kind: z.string(), namespace: z.string(), name: z.string(), title: z.string().nullable(), reason: z.string(),
});
export const CatalogHealthResponse = z.object({
  totals: z.object({ entities: z.number(), errors: z.number(), orphans: z.number(), ownerless: z.number() }),
  withErrors: z.array(EntitySummarySchema),
  orphans: z.array(EntitySummarySchema),
  ownerless: z.array(EntitySummarySchema),
});
export type CatalogHealth = z.infer<typeof CatalogHealthResponse>;

export const EntitySourceResponse = z.object({ entityRef: z.string(), locationKey: z.string(), line: z.number().nullable(), yaml: z.string() });

/** Body of the predicate endpoints (POST /entities/by-query, /entity-facets, /locations/by-query). */
const PredicateSchema = z.record(z.string().max(1024), z.unknown());
export const EntitiesByPredicateBodySchema = z.object({
  query: PredicateSchema.optional(),
  cursor: str(16_384).optional(),
  limit: z.number().int().min(0).max(10_000).optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
  orderBy: z.array(z.object({ field: str(1024), order: z.enum(['asc', 'desc']) })).max(10).optional(),
  fullTextFilter: z.object({ term: str(200), fields: z.array(str(1024)).max(50).optional() }).optional(),
  fields: z.array(str(1024)).max(100).optional(),
  totalItems: z.union([z.boolean(), z.enum(['include', 'exclude'])]).optional(),
});
export const FacetsByPredicateBodySchema = z.object({
  facets: z.array(str(1024)).min(1).max(50),
  query: PredicateSchema.optional(),
});
export const LocationsByQueryBodySchema = z.object({
  query: PredicateSchema.optional(),
  cursor: str(4096).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});
