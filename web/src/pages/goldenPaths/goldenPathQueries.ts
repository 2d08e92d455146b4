// Reading the golden paths API; the shapes are the server's zod contracts (types only).
import { useQuery } from '@tanstack/react-query';
import type { GoldenPathDetail, GoldenPathList, GoldenPathMigration, GoldenPathMigrationService } from '../../../../src/contracts/goldenPaths';
import { apiFetch } from '../../api/client';

export type { GoldenPathDetail, GoldenPathList, GoldenPathMigration, GoldenPathMigrationService };
export type GoldenPathSummary = GoldenPathList['items'][number];
export type TeamConformance = GoldenPathList['teams'][number];

export function useGoldenPaths() {
  return useQuery({ queryKey: ['golden-paths'], queryFn: ({ signal }) => apiFetch<GoldenPathList>('/golden-paths', { signal }), staleTime: 15_000 });
}

export function useGoldenPath(namespace: string, name: string, enabled = true) {
  return useQuery({
    queryKey: ['golden-path', namespace.toLowerCase(), name.toLowerCase()],
    queryFn: ({ signal }) => apiFetch<GoldenPathDetail>(`/golden-paths/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`, { signal, query: { limit: 500 } }),
    enabled,
    staleTime: 15_000,
  });
}

/** The services behind the path's current version (no diffs: each one is loaded when its row is opened). */
export function useGoldenPathMigration(namespace: string, name: string) {
  return useQuery({
    queryKey: ['golden-path-migration', namespace.toLowerCase(), name.toLowerCase()],
    queryFn: ({ signal }) => apiFetch<GoldenPathMigration>(`/golden-paths/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/migration`, { signal, query: { limit: 200, diffs: 0 } }),
    staleTime: 15_000,
  });
}

/** One service's diff between its version and the current one: two dry runs on the server, so only on demand. */
export function useServiceDiff(namespace: string, name: string, entityRef: string, enabled: boolean) {
  return useQuery({
    queryKey: ['golden-path-diff', namespace.toLowerCase(), name.toLowerCase(), entityRef],
    queryFn: ({ signal }) => apiFetch<GoldenPathMigrationService>(`/golden-paths/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/migration/diff`, { signal, query: { entityRef } }),
    enabled,
    staleTime: 60_000,
  });
}
