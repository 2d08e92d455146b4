// The catalog queries the benchmark times, over HTTP, as the web UI and Backstage clients issue them.
import type { GeneratedFile } from './generate';

export interface Samples {
  /** `kind/name` pairs (namespace default) of entities that exist. */
  names: Array<{ kind: string; name: string }>;
  /** Full-text terms that match some entities. */
  terms: string[];
}

export interface Latency {
  p50: number;
  p95: number;
  n: number;
}

export type QueryName = 'list100' | 'byQuery50' | 'byQueryNext' | 'byName' | 'facets' | 'fullText';
export const QUERY_NAMES: readonly QueryName[] = ['list100', 'byQuery50', 'byQueryNext', 'byName', 'facets', 'fullText'];

/** Names and terms drawn from the generated files, so lookups hit real entities of every kind. */
export function collectSamples(files: readonly GeneratedFile[], term: string): Samples {
  const names: Samples['names'] = [];
  const re = /^kind: (\w+)\nmetadata:\n {2}name: (\S+)$/gm;
  for (const f of files) for (const m of f.text.matchAll(re)) if (m[1] !== 'Location' && m[2]) names.push({ kind: m[1] ?? '', name: m[2] });
  const words = new Set(names.filter((n) => n.kind === 'Component').map((n) => n.name.split('-')[0] ?? ''));
  return { names, terms: [term, ...[...words].filter((w) => w && w !== term).sort()] };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

export function createApi(baseUrl: string, token: string) {
  return async function get<T>(pathAndQuery: string): Promise<T> {
    const res = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${pathAndQuery}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
}
type Get = ReturnType<typeof createApi>;

interface Page {
  items: unknown[];
  totalItems: number;
  pageInfo: { nextCursor?: string };
}

const LIFECYCLES = ['production', 'experimental', 'deprecated'];
const KINDS = ['component', 'api', 'system', 'user', 'group'];
const FULL_TEXT_FIELDS = 'metadata.name,metadata.title,metadata.description';

/** One request per call, varied by the iteration number; throws when an answer looks wrong. */
export function createQueries(get: Get, samples: Samples): Record<QueryName, (i: number) => Promise<void>> {
  const cursors = new Map<number, string>();
  const firstPage = (i: number) => `/api/catalog/entities/by-query?filter=kind=${KINDS[i % KINDS.length]}&orderField=metadata.name,asc&limit=50`;
  return {
    async list100(i) {
      const items = await get<unknown[]>(`/api/catalog/entities?filter=kind=component,spec.lifecycle=${LIFECYCLES[i % LIFECYCLES.length]}&limit=100`);
      if (items.length !== 100) throw new Error(`list100: expected 100 items, got ${items.length}`);
    },
    async byQuery50(i) {
      const page = await get<Page>(firstPage(i));
      if (page.items.length !== 50 || !page.pageInfo.nextCursor) throw new Error(`byQuery50: expected 50 items and a next cursor`);
    },
    async byQueryNext(i) {
      // Walks forward through each kind's pages; a chain restarts at its first page when it runs out.
      const chain = i % KINDS.length;
      let cursor = cursors.get(chain);
      if (!cursor) cursor = (await get<Page>(firstPage(chain))).pageInfo.nextCursor;
      if (!cursor) throw new Error('byQueryNext: first page has no next cursor');
      const page = await timedSection(() => get<Page>(`/api/catalog/entities/by-query?cursor=${encodeURIComponent(cursor as string)}`));
      if (page.items.length === 0) throw new Error('byQueryNext: empty page');
      if (page.pageInfo.nextCursor) cursors.set(chain, page.pageInfo.nextCursor);
      else cursors.delete(chain);
    },
    async byName(i) {
      const s = samples.names[(i * 7919) % samples.names.length];
      if (!s) throw new Error('byName: no samples');
      const e = await get<{ metadata: { name: string } }>(`/api/catalog/entities/by-name/${s.kind.toLowerCase()}/default/${s.name}`);
      if (e.metadata.name !== s.name) throw new Error(`byName: got ${e.metadata.name} for ${s.name}`);
    },
    async facets(i) {
      const kind = i % 2 === 0 ? 'component' : 'api';
      const r = await get<{ facets: Record<string, unknown[]> }>(`/api/catalog/entity-facets?facet=kind&facet=spec.type&facet=spec.lifecycle&filter=kind=${kind}`);
      if (!r.facets['spec.type']?.length) throw new Error('facets: no spec.type values');
    },
    async fullText(i) {
      const term = samples.terms[i % samples.terms.length] ?? '';
      const page = await get<Page>(`/api/catalog/entities/by-query?fullTextFilterTerm=${encodeURIComponent(term)}&fullTextFilterFields=${FULL_TEXT_FIELDS}&limit=20`);
      if (page.totalItems === 0) throw new Error(`fullText: nothing matches "${term}"`);
    },
  };
}

// byQueryNext may need an untimed first page; it reports its own timed section through this hook.
let sectionMs: number | undefined;
async function timedSection<T>(fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    sectionMs = performance.now() - t0;
  }
}

/** Runs `warmup` untimed then `n` timed calls, one at a time, and returns p50/p95 in ms. */
export async function measure(run: (i: number) => Promise<void>, n: number, warmup: number): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    sectionMs = undefined;
    const t0 = performance.now();
    await run(warmup + i);
    times.push(sectionMs ?? performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), n };
}
