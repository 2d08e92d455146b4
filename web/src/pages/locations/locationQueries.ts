// Per-location reads: how many entities a location produced and the entity to refresh it through.
import { useQuery } from '@tanstack/react-query';
import { queryEntities } from '../../api/catalog';
import type { LocationSpec } from '../../api/types';
import { refOfEntity, stringifyEntityRef } from '../../lib/entityRef';
import { originFilter } from '../../lib/locations';

/** Entities whose origin is this location (`limit=0`: only the total is read). */
export function useLocationEntityCount(location: LocationSpec) {
  const filter = originFilter(location);
  return useQuery({
    queryKey: ['location-count', location.type, location.target],
    queryFn: ({ signal }) => queryEntities({ filter: filter ? [filter] : undefined, limit: 0 }, signal).then((p) => p.totalItems),
    enabled: filter !== null,
    staleTime: 30_000,
  });
}

/**
 * The ref to refresh a location through: its generated `location:default/generated-…` entity, or
 * any Location entity it produced (refreshing one entity re-reads its whole location).
 */
export function useLocationRefreshRef(location: LocationSpec, enabled: boolean) {
  const filter = originFilter(location, 'kind=location');
  return useQuery({
    queryKey: ['location-entity', location.type, location.target],
    queryFn: async ({ signal }) => {
      const page = await queryEntities({ filter: filter ? [filter] : undefined, limit: 20, fields: ['kind', 'metadata.name', 'metadata.namespace'] }, signal);
      const chosen = page.items.find((e) => e.metadata.name.startsWith('generated-')) ?? page.items[0];
      return chosen ? stringifyEntityRef(refOfEntity(chosen)) : null;
    },
    enabled: enabled && filter !== null,
    staleTime: 60_000,
  });
}
