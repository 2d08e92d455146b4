// Reading the scorecards API; the shapes are the server's zod contracts (types only).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  EntityLevelChangesResponse, EntityScoresResponse, OwnerScoresResponse, ScorecardDetailResponse, ScorecardEntitiesResponse, ScorecardListResponse,
} from '../../../../src/contracts/scorecards';
import { apiFetch } from '../../api/client';

export type ScorecardList = z.infer<typeof ScorecardListResponse>;
export type ScorecardSummary = ScorecardList['items'][number];
export type ScorecardDetail = z.infer<typeof ScorecardDetailResponse>;
export type ScorecardEntities = z.infer<typeof ScorecardEntitiesResponse>;
export type EntityScores = z.infer<typeof EntityScoresResponse>;
export type EntityScore = EntityScores['scores'][number];
export type OwnerScores = z.infer<typeof OwnerScoresResponse>;
export type Distribution = Record<string, number>;
export type DayDistribution = { day: string; distribution: Distribution };

const seg = encodeURIComponent;

export function useScorecards() {
  return useQuery({ queryKey: ['scorecards'], queryFn: ({ signal }) => apiFetch<ScorecardList>('/scorecards', { signal }) });
}

export function useScorecard(namespace: string, name: string) {
  return useQuery({
    queryKey: ['scorecard', namespace.toLowerCase(), name.toLowerCase()],
    queryFn: ({ signal }) => apiFetch<ScorecardDetail>(`/scorecards/${seg(namespace)}/${seg(name)}`, { signal }),
  });
}

export type EntitiesFilter = { level?: string; owner?: string; limit: number; offset: number };

export function useScorecardEntities(namespace: string, name: string, f: EntitiesFilter) {
  return useQuery({
    queryKey: ['scorecard-entities', namespace.toLowerCase(), name.toLowerCase(), f],
    queryFn: ({ signal }) => apiFetch<ScorecardEntities>(`/scorecards/${seg(namespace)}/${seg(name)}/entities`, { signal, query: f }),
    placeholderData: keepPreviousData,
  });
}

export function useEntityScores(kind: string, namespace: string, name: string) {
  return useQuery({
    queryKey: ['entity-scores', kind.toLowerCase(), namespace.toLowerCase(), name.toLowerCase()],
    queryFn: ({ signal }) => apiFetch<EntityScores>(`/scorecards/entities/${seg(kind)}/${seg(namespace)}/${seg(name)}`, { signal }),
  });
}

export function useOwnerScores(kind: string, namespace: string, name: string) {
  return useQuery({
    queryKey: ['owner-scores', kind.toLowerCase(), namespace.toLowerCase(), name.toLowerCase()],
    queryFn: ({ signal }) => apiFetch<OwnerScores>(`/scorecards/owners/${seg(kind)}/${seg(namespace)}/${seg(name)}`, { signal }),
  });
}

export type EntityLevelChanges = z.infer<typeof EntityLevelChangesResponse>;

export function useEntityLevelChanges(kind: string, namespace: string, name: string) {
  return useQuery({
    queryKey: ['entity-level-changes', kind.toLowerCase(), namespace.toLowerCase(), name.toLowerCase()],
    queryFn: ({ signal }) => apiFetch<EntityLevelChanges>(`/scorecards/entities/${seg(kind)}/${seg(namespace)}/${seg(name)}/changes`, { signal }),
  });
}
