import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { catalogGeneration } from './catalog.readRepo';

const MAX_ENTRIES = 1000;

/**
 * Memoises aggregates (counts, facets) while the catalog is unchanged. Every catalog write changes the
 * `catalog_generation` row in its own transaction, so one primary-key read per request tells whether
 * anything — on this instance or another sharing the database — changed since a value was computed.
 */
export function createQueryCache(db: Kysely<Database>) {
  const entries = new Map<string, { generation: string; value: unknown }>();
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const generation = await catalogGeneration(db);
      if (generation === undefined) return compute();
      const hit = entries.get(key);
      if (hit && hit.generation === generation) {
        // Refresh its position: Map iteration order makes the first entry the least recently used.
        entries.delete(key);
        entries.set(key, hit);
        return hit.value as T;
      }
      const value = await compute();
      entries.delete(key);
      entries.set(key, { generation, value });
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}
