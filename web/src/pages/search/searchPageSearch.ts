// The URL state of /search, parsed without loading the page's code.
export type SearchPageSearch = { q?: string; type?: 'docs' | 'entity' };

export function parseSearchPageSearch(raw: Record<string, unknown>): SearchPageSearch {
  const q = typeof raw.q === 'string' && raw.q ? raw.q.slice(0, 200) : undefined;
  const type = raw.type === 'docs' || raw.type === 'entity' ? raw.type : undefined;
  return { ...(q ? { q } : {}), ...(type ? { type } : {}) };
}
