// Typed calls to the catalog API (Backstage-compatible routes plus Paved's additions).
import { apiFetch } from './client';
import type {
  AddLocationResponse,
  CatalogErrorPage,
  CatalogHealth,
  Entity,
  EntityPage,
  EntitySource,
  FacetsResponse,
  LocationSpec,
  WhoAmI,
} from './types';

const enc = encodeURIComponent;

export type EntityQuery = {
  /** One entry per `filter` parameter (OR between entries, AND inside one). */
  filter?: string[];
  fullTextFilterTerm?: string;
  fullTextFilterFields?: string[];
  orderField?: string;
  cursor?: string;
  limit?: number;
  fields?: string[];
};

export function queryEntities(q: EntityQuery, signal?: AbortSignal): Promise<EntityPage> {
  // With a cursor the server ignores filter/order/full text (they are inside the cursor).
  const query = q.cursor
    ? { cursor: q.cursor, limit: q.limit, fields: q.fields?.join(',') }
    : {
        filter: q.filter,
        fullTextFilterTerm: q.fullTextFilterTerm?.trim() || undefined,
        fullTextFilterFields: q.fullTextFilterTerm?.trim() ? q.fullTextFilterFields?.join(',') : undefined,
        orderField: q.orderField,
        limit: q.limit,
        fields: q.fields?.join(','),
      };
  return apiFetch<EntityPage>('/catalog/entities/by-query', { query, signal });
}

export function getFacets(facets: string[], filter: string | undefined, signal?: AbortSignal): Promise<FacetsResponse> {
  return apiFetch<FacetsResponse>('/catalog/entity-facets', {
    query: { facet: facets, filter: filter ? [filter] : undefined },
    signal,
  });
}

export function getEntityByName(kind: string, namespace: string, name: string, signal?: AbortSignal): Promise<Entity> {
  return apiFetch<Entity>(`/catalog/entities/by-name/${enc(kind)}/${enc(namespace)}/${enc(name)}`, { signal });
}

export async function getEntitiesByRefs(entityRefs: string[], fields?: string[]): Promise<(Entity | null)[]> {
  if (entityRefs.length === 0) return [];
  const res = await apiFetch<{ items: (Entity | null)[] }>('/catalog/entities/by-refs', {
    method: 'POST',
    body: fields ? { entityRefs, fields } : { entityRefs },
  });
  return res.items;
}

export function getEntitySource(kind: string, namespace: string, name: string, signal?: AbortSignal): Promise<EntitySource> {
  return apiFetch<EntitySource>(`/catalog/source/by-name/${enc(kind)}/${enc(namespace)}/${enc(name)}`, { signal });
}

export function getCatalogHealth(signal?: AbortSignal): Promise<CatalogHealth> {
  return apiFetch<CatalogHealth>('/catalog/health', { signal });
}

export function getCatalogErrors(limit: number, offset: number, signal?: AbortSignal): Promise<CatalogErrorPage> {
  return apiFetch<CatalogErrorPage>('/catalog/errors', { query: { limit, offset }, signal });
}

export function addLocation(location: { type: string; target: string }, dryRun: boolean): Promise<AddLocationResponse> {
  return apiFetch<AddLocationResponse>('/catalog/locations', {
    method: 'POST',
    query: { dryRun: dryRun ? 'true' : undefined },
    body: location,
  });
}

export async function getLocations(signal?: AbortSignal): Promise<LocationSpec[]> {
  const rows = await apiFetch<{ data: LocationSpec }[]>('/catalog/locations', { signal });
  return rows.map((r) => r.data);
}

export function refreshEntity(entityRef: string): Promise<void> {
  return apiFetch<void>('/catalog/refresh', { method: 'POST', body: { entityRef } });
}

export function whoami(signal?: AbortSignal): Promise<WhoAmI> {
  return apiFetch<WhoAmI>('/auth/whoami', { signal });
}

export function deleteLocation(id: string): Promise<void> {
  return apiFetch<void>(`/catalog/locations/${enc(id)}`, { method: 'DELETE' });
}

/** All processing errors, newest first (the server caps one page at 1,000). */
export function getAllCatalogErrors(signal?: AbortSignal): Promise<CatalogErrorPage> {
  return getCatalogErrors(1000, 0, signal);
}
