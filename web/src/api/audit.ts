// The audit log (Paved-only): who did what, newest first, paged backwards by id.
import { apiFetch } from './client';
import type { AuditPage } from './types';

export type AuditQuery = { limit: number; before?: number; action?: string; actor?: string };

export function getAuditEvents(q: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return apiFetch<AuditPage>('/audit', { query: { limit: q.limit, before: q.before, action: q.action, actor: q.actor }, signal });
}
