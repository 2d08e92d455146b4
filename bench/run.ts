// `npm run bench -- [--sizes 10000,100000] [--db sqlite|postgres] [--repeat 3] [--iterations 200] [--scaffolder-runs 10] [--scaffolder-only]`
//
// For each size and repeat: generates an organisation into a temp dir, starts the real server on an
// empty catalog with that organisation as a configured location, times ingestion until every entity
// is queryable, samples the server's memory from /proc, then times each catalog query over HTTP.
// Prints medians over the repeats and writes them to bench/results/<date>-<db>.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateOrganisation, ROOT_FILE } from './generate';
import { collectSamples, createApi, createQueries, measure, QUERY_NAMES, type Latency, type QueryName } from './queries';
import { benchScaffolder, type ScaffolderResult } from './scaffolder';
import { BENCH_TOKEN, createPgDatabase, readTreeMemory, sampleMemory, startServer } from './server';

const Options = z.object({
  sizes: z.string().max(200).default('10000,100000').transform((s) => s.split(',').map((n) => z.coerce.number().int().min(20).max(1_000_000).parse(n))),
  db: z.enum(['sqlite', 'postgres']).default('sqlite'),
  repeat: z.coerce.number().int().min(1).max(20).default(3),
  iterations: z.coerce.number().int().min(10).max(10_000).default(200),
  warmup: z.coerce.number().int().min(0).max(1000).default(20),
  pgUrl: z.string().max(1000).default(process.env.PAVED_BENCH_PG_URL ?? 'postgres://paved:paved@127.0.0.1:5432/postgres'),
  idleWaitMs: z.coerce.number().int().min(0).max(120_000).default(5000),
  /** Services the scaffolder benchmark creates per repeat (0 skips it); `--sizes 0`… is not allowed, so `--scaffolder-only` skips the catalog. */
  scaffolderRuns: z.coerce.number().int().min(0).max(200).default(10),
  scaffolderOnly: z.boolean().default(false),
});
type Options = z.infer<typeof Options>;

export interface RunResult {
  entities: number;
  /** Spawn of the server process until every entity answers a query and the refresh job has finished (includes the ~1 s process start). */
  ingestS: number;
  /** What the ingestion job itself logged. */
  jobS: number;
  /** Spawn until the search index (which follows the catalog once a refresh ends) holds every entity. */
  searchS: number;
  /** Spawn until the facts of every entity were collected: the last follower; queries and idle are measured after it. */
  factsS: number;
  entitiesPerS: number;
  peakMb: number;
  idleMb: number;
  idleAfterIngestMb: number;
  queries: Record<QueryName, Latency>;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runOnce(n: number, opts: Options): Promise<RunResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-bench-'));
  const pgDb = opts.db === 'postgres' ? await createPgDatabase(opts.pgUrl) : undefined;
  try {
    const org = generateOrganisation({ n });
    const orgDir = path.join(dir, 'org');
    mkdirSync(orgDir);
    for (const f of org.files) writeFileSync(path.join(orgDir, f.path), f.text);
    const samples = collectSamples(org.files, org.manifest.sample.term);
    const expected = n + 2; // + the root Location in all.yaml and the generated location entity

    const server = await startServer({ dataDir: path.join(dir, 'data'), location: path.join(orgDir, ROOT_FILE), env: pgDb ? { DATABASE_URL: pgDb.url } : {} });
    const memory = sampleMemory(server.pid);
    try {
      const get = createApi(server.url, BENCH_TOKEN);
      let count = 0;
      // Done means every entity answers AND the refresh job has finished: a load into an empty catalog builds
      // its filter indexes after the last entity is written (ADR 0012), and that time counts.
      const finished = /refreshed file:\S+ in (\d+) ms/;
      for (;;) {
        count = (await get<{ totalItems: number }>('/api/catalog/entities/by-query?limit=0')).totalItems;
        if (count >= expected && finished.test(server.output())) break;
        if (/"level":50|refresh-location.*failed/.test(server.output())) throw new Error(`ingestion failed:\n${server.output().slice(-3000)}`);
        await sleep(200);
      }
      const ingestS = (performance.now() - server.spawnedAt) / 1000;
      const jobMs = Number(finished.exec(server.output())?.[1] ?? NaN);
      const searchS = await waitForLogCount(server, /"read":(\d+)[^\n]*"msg":"search: entity index synced/g, count, 'the search index');
      const factsS = await waitForLogCount(server, /"msg":"facts: (\d+) entities collected/g, count, 'the facts');
      await sleep(opts.idleWaitMs);
      const idleAfterIngestMb = readTreeMemory(server.pid);

      const queries = createQueries(get, samples);
      const latencies = {} as Record<QueryName, Latency>;
      for (const q of QUERY_NAMES) latencies[q] = await measure(queries[q], opts.iterations, opts.warmup);
      await sleep(opts.idleWaitMs);
      const idleMb = readTreeMemory(server.pid);
      // Peak over the whole run: ingestion, the search sync after it, and the queries.
      const peakMb = memory.peakMb();
      return { entities: count, ingestS, jobS: jobMs / 1000, searchS, factsS, entitiesPerS: n / ingestS, peakMb, idleMb, idleAfterIngestMb, queries: latencies };
    } finally {
      memory.stop();
      await server.stop();
    }
  } finally {
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds from spawn until the server logged a line whose first capture (a count of entities) reached `entities`. */
async function waitForLogCount(server: { output(): string; spawnedAt: number }, line: RegExp, entities: number, what: string): Promise<number> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const counts = [...server.output().matchAll(line)].map((m) => Number(m[1]));
    if (counts.some((r) => r >= entities)) return (performance.now() - server.spawnedAt) / 1000;
    await sleep(200);
  }
  throw new Error(`${what} did not catch up with the catalog in 600 s`);
}

export function medianOf(runs: RunResult[]): RunResult {
  const first = runs[0];
  if (!first) throw new Error('no runs');
  const m = (f: (r: RunResult) => number) => median(runs.map(f));
  const queries = Object.fromEntries(QUERY_NAMES.map((q) => [q, { p50: m((r) => r.queries[q].p50), p95: m((r) => r.queries[q].p95), n: first.queries[q].n }])) as Record<QueryName, Latency>;
  return {
    entities: first.entities, ingestS: m((r) => r.ingestS), jobS: m((r) => r.jobS), entitiesPerS: m((r) => r.entitiesPerS),
    searchS: m((r) => r.searchS), factsS: m((r) => r.factsS), peakMb: m((r) => r.peakMb), idleMb: m((r) => r.idleMb), idleAfterIngestMb: m((r) => r.idleAfterIngestMb), queries,
  };
}

export function formatTable(db: string, rows: Array<{ n: number; r: RunResult }>): string {
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const head = ['entities', 'ingest s', 'job s', 'search s', 'facts s', 'ent/s', 'peak MB', 'idle MB', ...QUERY_NAMES.map((q) => `${q} p50/p95 ms`)];
  const lines = rows.map(({ n, r }) => [String(n), f(r.ingestS), f(r.jobS), f(r.searchS), f(r.factsS), f(r.entitiesPerS, 0), f(r.peakMb, 0), f(r.idleMb, 0),
    ...QUERY_NAMES.map((q) => `${f(r.queries[q].p50)} / ${f(r.queries[q].p95)}`)]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ');
  return [`${db}:`, fmt(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(fmt)].join('\n');
}

/** Submit → registered for the TypeScript golden path, `repeat` times `runs` services; medians of the p50/p95. */
async function runScaffolder(repeat: number, runs: number) {
  const all: ScaffolderResult[] = [];
  for (let i = 0; i < repeat; i++) {
    const r = await benchScaffolder(runs);
    process.stderr.write(`scaffolder run ${i + 1}/${repeat}: submit → registered p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms over ${runs} services\n`);
    all.push(r);
  }
  const summary = { runs, repeat, p50Ms: median(all.map((r) => r.p50)), p95Ms: median(all.map((r) => r.p95)), all };
  process.stdout.write(`scaffolder (TypeScript golden path, publish:git to a local bare repository): submit → registered p50 ${summary.p50Ms.toFixed(0)} ms, p95 ${summary.p95Ms.toFixed(0)} ms (median of ${repeat} × ${runs})\n`);
  return summary;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      sizes: { type: 'string' }, db: { type: 'string' }, repeat: { type: 'string' }, iterations: { type: 'string' }, warmup: { type: 'string' },
      'pg-url': { type: 'string' }, 'idle-wait-ms': { type: 'string' }, 'scaffolder-runs': { type: 'string' }, 'scaffolder-only': { type: 'boolean' },
    },
  });
  const opts = Options.parse({ ...values, pgUrl: values['pg-url'], idleWaitMs: values['idle-wait-ms'], scaffolderRuns: values['scaffolder-runs'], scaffolderOnly: values['scaffolder-only'] });
  const results: Array<{ n: number; r: RunResult; runs: RunResult[] }> = [];
  for (const n of opts.scaffolderOnly ? [] : opts.sizes) {
    const runs: RunResult[] = [];
    for (let i = 0; i < opts.repeat; i++) {
      const r = await runOnce(n, opts);
      process.stderr.write(`${opts.db} n=${n} run ${i + 1}/${opts.repeat}: ingest ${r.ingestS.toFixed(1)} s, search index ${r.searchS.toFixed(1)} s, facts ${r.factsS.toFixed(1)} s, peak ${r.peakMb.toFixed(0)} MB, idle ${r.idleMb.toFixed(0)} MB, `
        + `${QUERY_NAMES.map((q) => `${q} p95 ${r.queries[q].p95.toFixed(1)}`).join(', ')}\n`);
      runs.push(r);
    }
    results.push({ n, r: medianOf(runs), runs });
  }
  if (results.length > 0) process.stdout.write(`${formatTable(opts.db, results)}\n`);
  const scaffolder = opts.scaffolderRuns > 0 ? await runScaffolder(opts.repeat, opts.scaffolderRuns) : undefined;
  const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${new Date().toISOString().slice(0, 10)}-${opts.db}.json`);
  const { pgUrl: _pgUrl, ...shown } = opts;
  writeFileSync(file, `${JSON.stringify({
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), options: shown,
    machine: { cpus: os.cpus().length, node: process.version, totalMemMb: Math.round(os.totalmem() / 2 ** 20) },
    at: new Date().toISOString(), results, scaffolder,
  }, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
