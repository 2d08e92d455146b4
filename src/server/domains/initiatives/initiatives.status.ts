import type { InitiativeStatus } from '../../../contracts';

/**
 * An initiative's status, derived and never stored: `state` is what people decided (draft, published,
 * closed); done and overdue follow from the progress and today's date (UTC).
 */
export function deriveStatus(state: string, progress: { met: number; total: number }, targetDate: string, today: string): InitiativeStatus {
  if (state === 'closed') return 'closed';
  if (state === 'draft') return 'draft';
  if (progress.total > 0 && progress.met === progress.total) return 'done';
  if (today > targetDate) return 'overdue';
  return 'active';
}

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);
