// React Query hooks shared by several pages.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { getEntitiesByRefs, getEntityByName, getFacets, queryEntities, type EntityQuery } from './catalog';
import type { Entity, FacetCount } from './types';
import { buildFilter, FACETS, type CatalogSearch, type FacetKey } from '../lib/catalogSearch';

export function useEntityQuery(q: EntityQuery, enabled = true) {
  return useQuery({
    queryKey: ['entities', q],
    queryFn: ({ signal }) => queryEntities(q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEntity(kind: string, namespace: string, name: string) {
  return useQuery({
    queryKey: ['entity', kind.toLowerCase(), namespace.toLowerCase(), name.toLowerCase()],
    queryFn: ({ signal }) => getEntityByName(kind, namespace, name, signal),
  });
}

/** Entities for a list of refs (in order, null where missing), projected to `fields`. */
export function useEntitiesByRefs(refs: string[], fields?: string[]) {
  return useQuery({
    queryKey: ['by-refs', refs, fields],
    queryFn: () => getEntitiesByRefs(refs, fields),
    enabled: refs.length > 0,
    placeholderData: keepPreviousData,
  });
}

export type FacetState = {
  counts: Partial<Record<FacetKey, FacetCount[]>>;
  isLoading: boolean;
  error: Error | null;
};

/**
 * Facet counts for the filter panel. A facet with a selection is counted without its own filter
 * (so the other values stay visible with their counts); all others share one request with the
 * full filter. Typically one to three small requests, all computed by the server.
 */
export function useCatalogFacets(search: CatalogSearch, opts: { fixed?: string[]; hidden?: FacetKey[] } = {}): FacetState {
  const visible = FACETS.filter((f) => !opts.hidden?.includes(f.key));
  const selected = visible.filter((f) => (search[f.key]?.length ?? 0) > 0);
  const plain = visible.filter((f) => !selected.includes(f));
  const groups = [
    ...(plain.length ? [{ keys: plain, filter: buildFilter(search, { fixed: opts.fixed }) }] : []),
    ...selected.map((f) => ({ keys: [f], filter: buildFilter(search, { except: f.key, fixed: opts.fixed }) })),
  ];
  const results = useQueries({
    queries: groups.map((g) => ({
      queryKey: ['facets', g.keys.map((k) => k.field), g.filter],
      queryFn: ({ signal }: { signal: AbortSignal }) => getFacets(g.keys.map((k) => k.field), g.filter, signal),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    })),
  });
  const counts: FacetState['counts'] = {};
  groups.forEach((g, i) => {
    const data = results[i]?.data;
    for (const k of g.keys) if (data) counts[k.key] = data.facets[k.field] ?? [];
  });
  return {
    counts,
    isLoading: results.some((r) => r.isLoading),
    error: results.find((r) => r.error)?.error ?? null,
  };
}

export const notNull = (e: Entity | null): e is Entity => e !== null;
