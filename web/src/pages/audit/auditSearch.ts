// The audit page's state in the URL: filters and the id to page back from.

export type AuditSearch = { action?: string; actor?: string; before?: number };

export const AUDIT_PAGE_SIZE = 50;

/** Actions the server records today; the filter also accepts any other value from the URL. */
export const KNOWN_ACTIONS = [
  'catalog.location.create',
  'catalog.location.delete',
  'catalog.entity.refresh',
  'catalog.entity.delete',
  'token.create',
];

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() && v.length <= 200 ? v.trim() : undefined);

export function parseAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const out: AuditSearch = {};
  const action = text(raw.action);
  const actor = text(raw.actor);
  const before = Number(raw.before);
  if (action) out.action = action;
  if (actor) out.actor = actor;
  if (Number.isInteger(before) && before > 0) out.before = before;
  return out;
}
