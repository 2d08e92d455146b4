// The catalog queries the benchmark times, over HTTP, as the web UI and Backstage clients issue them.
import type { GeneratedFile } from './generate';

export interface Samples {
  /** `kind/name` pairs (namespace default) of entities that exist. */
  names: Array<{ kind: string; name: string }>;
  /** Full-text terms that match some entities. */
  terms: string[];
  /** Entities per lowercase kind, and Components per `spec.lifecycle`: the queries pick filters that fill their pages. */
  kinds: Record<string, number>;
  lifecycles: Record<string, number>;
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
  const lifecycles: Record<string, number> = {};
  const re = /^kind: (\w+)\nmetadata:\n {2}name: (\S+)$/gm;
  for (const f of files) for (const m of f.text.matchAll(re)) if (m[1] !== 'Location' && m[2]) names.push({ kind: m[1] ?? '', name: m[2] });
  for (const f of files) {
    for (const doc of f.text.split(/^---$/m)) {
      const lifecycle = /^kind: Component$[\s\S]*^ {2}lifecycle: (\S+)$/m.exec(doc)?.[1];
      if (lifecycle) lifecycles[lifecycle] = (lifecycles[lifecycle] ?? 0) + 1;
    }
  }
  const kinds: Record<string, number> = {};
  for (const n of names) kinds[n.kind.toLowerCase()] = (kinds[n.kind.toLowerCase()] ?? 0) + 1;
  const words = new Set(names.filter((n) => n.kind === 'Component').map((n) => n.name.split('-')[0] ?? ''));
  return { names, terms: [term, ...[...words].filter((w) => w && w !== term).sort()], kinds, lifecycles };
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

/**
 * The filters a paged query uses: those matching more than a page, so every first page is full and has a
 * next cursor. A small organisation may have none (a few dozen entities), then every non-empty one serves.
 */
export function fillingFilters(counts: Record<string, number>, candidates: readonly string[], page: number): string[] {
  const filling = candidates.filter((c) => (counts[c] ?? 0) > page);
  return filling.length > 0 ? filling : candidates.filter((c) => (counts[c] ?? 0) > 0);
}

/** One request per call, varied by the iteration number; throws when an answer looks wrong. */
export function createQueries(get: Get, samples: Samples): Record<QueryName, (i: number) => Promise<void>> {
  const cursors = new Map<number, string>();
  const kinds = fillingFilters(samples.kinds, KINDS, 50);
  const lifecycles = fillingFilters(samples.lifecycles, LIFECYCLES, 100);
  if (kinds.length === 0 || lifecycles.length === 0) throw new Error('the organisation has no Components or no entities of the queried kinds');
  const kindAt = (i: number) => kinds[i % kinds.length] ?? '';
  const firstPage = (i: number) => `/api/catalog/entities/by-query?filter=kind=${kindAt(i)}&orderField=metadata.name,asc&limit=50`;
  return {
    async list100(i) {
      const lifecycle = lifecycles[i % lifecycles.length] ?? '';
      const expected = Math.min(100, samples.lifecycles[lifecycle] ?? 0);
      const items = await get<unknown[]>(`/api/catalog/entities?filter=kind=component,spec.lifecycle=${lifecycle}&limit=100`);
      if (items.length !== expected) throw new Error(`list100: expected ${expected} items, got ${items.length}`);
    },
    async byQuery50(i) {
      const total = samples.kinds[kindAt(i)] ?? 0;
      const page = await get<Page>(firstPage(i));
      if (page.items.length !== Math.min(50, total) || Boolean(page.pageInfo.nextCursor) !== total > 50 || page.totalItems !== total) {
        throw new Error(`byQuery50 ${kindAt(i)}: expected ${Math.min(50, total)} of ${total} items${total > 50 ? ' and a next cursor' : ''}, got ${page.items.length} of ${page.totalItems}`);
      }
    },
    async byQueryNext(i) {
      // Walks forward through each kind's pages; a chain restarts at its first page when it runs out.
      const chain = i % kinds.length;
      if ((samples.kinds[kindAt(chain)] ?? 0) <= 50) throw new Error(`byQueryNext: no kind has more than one page at this size`);
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
