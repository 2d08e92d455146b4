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

/** The folder a location's relative targets resolve against: everything up to the last `/`. */
function keyBase(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash === -1 ? key : key.slice(0, slash + 1);
}

/**
 * Error counts per location id. An error names the file it was found in (its `locationKey`),
 * not the registered location, so it is credited to the location whose key it equals or, failing
 * that, whose folder is the longest prefix of it. An approximation until errors carry the
 * location id; errors matching no location are not counted.
 */
export function errorCountsByLocation(locations: LocationSpec[], errors: CatalogError[]): Map<string, number> {
  const counts = new Map<string, number>(locations.map((l) => [l.id, 0]));
  const keyed = locations.map((l) => ({ id: l.id, key: locationKey(l), base: keyBase(locationKey(l)) }));
  for (const e of errors) {
    const exact = keyed.find((l) => l.key === e.locationKey);
    const best = exact ?? keyed
      .filter((l) => e.locationKey.startsWith(l.base))
      .sort((a, b) => b.base.length - a.base.length)[0];
    if (best) counts.set(best.id, (counts.get(best.id) ?? 0) + 1);
  }
  return counts;
}
