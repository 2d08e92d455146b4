// The scorecard authoring API (ADR 0031) as the editor calls it; shapes from the server's contracts.
import type { z } from 'zod';
import { apiFetch } from '../../../api/client';
import type { ScorecardPreview, ScorecardSaveResponse, ScorecardSourceResponse } from '../../../../../src/contracts/scorecardAuthoring';

export type { ScorecardPreview };
export type ScorecardSaved = z.infer<typeof ScorecardSaveResponse>;
export type ScorecardSource = z.infer<typeof ScorecardSourceResponse>;

const path = (namespace: string, name: string) => `/scorecards/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

export const previewScorecard = (yaml: string) => apiFetch<ScorecardPreview>('/scorecards/preview', { method: 'POST', body: { yaml } });
export const saveScorecard = (namespace: string, name: string, yaml: string) => apiFetch<ScorecardSaved>(path(namespace, name), { method: 'PUT', body: { yaml } });
export const getScorecardSource = (namespace: string, name: string, signal?: AbortSignal) => apiFetch<ScorecardSource>(`${path(namespace, name)}/source`, { signal });
