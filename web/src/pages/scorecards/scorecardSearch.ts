// The scorecard page's URL search: the entities list's level and owner filters and page.
export type ScorecardSearch = { level?: string; owner?: string; page?: number };

export function parseScorecardSearch(raw: Record<string, unknown>): ScorecardSearch {
  const text = (v: unknown, max: number) => (typeof v === 'string' && v && v.length <= max ? v : undefined);
  const page = Number(raw.page);
  const level = text(raw.level, 63);
  const owner = text(raw.owner, 1024);
  return { ...(level ? { level } : {}), ...(owner ? { owner } : {}), ...(Number.isInteger(page) && page > 1 ? { page } : {}) };
}
