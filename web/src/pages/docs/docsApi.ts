// Typed calls to /api/docs and /api/search, and the React Query hooks the docs and search pages share.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DocsPageDto, DocsSiteDto, DocsSiteSummary, SearchResponseDto } from '../../../../src/contracts/docs';
import { apiFetch } from '../../api/client';

export type DocsRef = { namespace: string; kind: string; name: string };

const enc = encodeURIComponent;
const sitePath = (r: DocsRef) => `/docs/${enc(r.namespace)}/${enc(r.kind.toLowerCase())}/${enc(r.name)}`;
const key = (r: DocsRef) => [r.namespace.toLowerCase(), r.kind.toLowerCase(), r.name.toLowerCase()];

export function useDocsSites() {
  return useQuery({ queryKey: ['docs-sites'], queryFn: ({ signal }) => apiFetch<{ items: DocsSiteSummary[] }>('/docs', { signal }) });
}

export function useDocsSite(r: DocsRef, enabled = true) {
  return useQuery({ queryKey: ['docs-site', ...key(r)], queryFn: ({ signal }) => apiFetch<DocsSiteDto>(sitePath(r), { signal }), enabled });
}

export function useDocsPage(r: DocsRef, slug: string, enabled = true) {
  return useQuery({
    queryKey: ['docs-page', ...key(r), slug],
    queryFn: ({ signal }) => apiFetch<DocsPageDto>(`${sitePath(r)}/pages/${slug.split('/').map(enc).join('/')}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useBuildDocs(r: DocsRef) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ outcome: 'built' | 'unchanged' }>(`${sitePath(r)}/build`, { method: 'POST' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['docs-site', ...key(r)] });
      void client.invalidateQueries({ queryKey: ['docs-page', ...key(r)] });
      void client.invalidateQueries({ queryKey: ['docs-sites'] });
    },
  });
}

export function useSearch(q: string, types: string | undefined) {
  return useQuery({
    queryKey: ['search', q, types],
    queryFn: ({ signal }) => apiFetch<SearchResponseDto>('/search', { query: { q, types, limit: 50 }, signal }),
    enabled: q.trim() !== '',
    placeholderData: keepPreviousData,
  });
}
