// The exemptions page's state in the URL: the status filter.
import type { ExemptionStatusValue } from './exemptionsApi';

export type ExemptionsSearch = { status?: ExemptionStatusValue };

export const STATUSES: ExemptionStatusValue[] = ['requested', 'approved', 'rejected', 'revoked', 'expired'];

export function parseExemptionsSearch(raw: Record<string, unknown>): ExemptionsSearch {
  return STATUSES.includes(raw.status as ExemptionStatusValue) ? { status: raw.status as ExemptionStatusValue } : {};
}
