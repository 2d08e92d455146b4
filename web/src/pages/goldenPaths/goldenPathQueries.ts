// Reading the golden paths API; the shapes are the server's zod contracts (types only).
import { useQuery } from '@tanstack/react-query';
import type { GoldenPathDetail, GoldenPathList } from '../../../../src/contracts/goldenPaths';
import { apiFetch } from '../../api/client';

export type { GoldenPathDetail, GoldenPathList };
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
