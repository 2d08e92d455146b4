// Registered locations as the UI needs them: the annotation that ties an entity to the location it
// came from, and which location an ingestion error belongs to.
import type { CatalogError, LocationSpec } from '../api/types';

export const ORIGIN_ANNOTATION = 'backstage.io/managed-by-origin-location';

/** `type:target`, the value of the origin annotation on every entity read through the location. */
export const locationKey = (l: Pick<LocationSpec, 'type' | 'target'>): string => `${l.type}:${l.target}`;

/**
 * A catalog filter selecting the entities of one location. Null when the key contains a comma,
 * which the filter syntax cannot express.
 */
export function originFilter(l: Pick<LocationSpec, 'type' | 'target'>, extra?: string): string | null {
  const key = locationKey(l);
  if (key.includes(',')) return null;
  return [`metadata.annotations.${ORIGIN_ANNOTATION}=${key}`, ...(extra ? [extra] : [])].join(',');
}

/** Error counts per registered location id: each error records the location whose refresh produced it. */
export function errorCountsByLocation(locations: LocationSpec[], errors: CatalogError[]): Map<string, number> {
  const counts = new Map<string, number>(locations.map((l) => [l.id, 0]));
  for (const e of errors) if (counts.has(e.locationId)) counts.set(e.locationId, (counts.get(e.locationId) ?? 0) + 1);
  return counts;
}
