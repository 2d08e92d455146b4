// The URL state of /search, parsed without loading the page's code.
import { toSearchQuery } from '../../components/SearchBox';

export type SearchPageSearch = { q?: string; type?: 'docs' | 'entity' };

export function parseSearchPageSearch(raw: Record<string, unknown>): SearchPageSearch {
  const q = typeof raw.q === 'string' ? toSearchQuery(raw.q) : undefined;
  const type = raw.type === 'docs' || raw.type === 'entity' ? raw.type : undefined;
  return { ...(q ? { q } : {}), ...(type ? { type } : {}) };
}
