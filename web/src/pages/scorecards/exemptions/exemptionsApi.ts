// Scorecard exemptions API (ADR 0028); the shapes are the server's zod contracts (types only).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExemptionDto, ExemptionListResponse, ExemptionRequest, ExemptionStatusValue } from '../../../../../src/contracts/scorecardExemptions';
import type { ScorecardDetailResponse, ScorecardListResponse } from '../../../../../src/contracts/scorecards';
import { apiFetch } from '../../../api/client';
import type { z } from 'zod';

export type { ExemptionDto, ExemptionRequest, ExemptionStatusValue };
export type ExemptionDecision = 'approve' | 'reject' | 'revoke';
type ExemptionList = z.infer<typeof ExemptionListResponse>;
type ScorecardList = z.infer<typeof ScorecardListResponse>;
type ScorecardDetail = z.infer<typeof ScorecardDetailResponse>;

export function useExemptions(q: { status?: ExemptionStatusValue; entityRef?: string; scorecardRef?: string }) {
  return useQuery({
    queryKey: ['scorecard-exemptions', q],
    queryFn: ({ signal }) => apiFetch<ExemptionList>('/scorecards/exemptions', { signal, query: { ...q, limit: 500 } }),
  });
}

/** After a request or a decision, exemption lists and every score shown may have changed. */
function useInvalidate() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['scorecard-exemptions'] });
    void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('scorecard') });
  };
}

export function useRequestExemption() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ExemptionRequest) => apiFetch<ExemptionDto>('/scorecards/exemptions', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useDecideExemption() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; decision: ExemptionDecision; comment?: string }) =>
      apiFetch<ExemptionDto>(`/scorecards/exemptions/${encodeURIComponent(v.id)}/${v.decision}`, { method: 'POST', body: v.comment ? { comment: v.comment } : {} }),
    onSuccess: invalidate,
  });
}

export function useScorecardList() {
  return useQuery({ queryKey: ['scorecards-for-exemptions'], queryFn: ({ signal }) => apiFetch<ScorecardList>('/scorecards', { signal }), staleTime: 30_000 });
}

/** One scorecard's rules, for choosing which to exempt. */
export function useScorecardRules(scorecardRef: string | null) {
  const [, namespace = 'default', name = ''] = /^scorecard:([^/]+)\/(.+)$/.exec(scorecardRef ?? '') ?? [];
  return useQuery({
    queryKey: ['scorecard-rules-for-exemptions', scorecardRef],
    queryFn: ({ signal }) => apiFetch<ScorecardDetail>(`/scorecards/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`, { signal }),
    enabled: Boolean(name),
    staleTime: 30_000,
  });
}
