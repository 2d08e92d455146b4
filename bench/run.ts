// `npm run bench -- [--sizes 10000,100000] [--db sqlite|postgres] [--repeat 3] [--iterations 200]`
// `npm run bench -- --only scaffolder [--repeat 10] [--remotes paved,http]` — submit → registered entity
// for the TypeScript service golden path (bench/scaffolder.ts); `--repeat` is the number of tasks per remote.
// `npm run bench -- --only scorecards [--sizes 100000] [--repeat 3]` — a 20-rule scorecard over every entity:
// full pass, unchanged pass, one pushed fact → new score (bench/scorecards.ts).
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
import { formatScaffolderTable, REMOTES, runScaffolderBench } from './scaffolder';
import { measureScorecards, type ScorecardRun } from './scorecards';
import { BENCH_TOKEN, createPgDatabase, readTreeMemory, sampleMemory, startServer, type BenchServer } from './server';

const Options = z.object({
  sizes: z.string().max(200).default('10000,100000').transform((s) => s.split(',').map((n) => z.coerce.number().int().min(20).max(1_000_000).parse(n))),
  db: z.enum(['sqlite', 'postgres']).default('sqlite'),
  repeat: z.coerce.number().int().min(1).max(20).default(3),
  iterations: z.coerce.number().int().min(10).max(10_000).default(200),
  warmup: z.coerce.number().int().min(0).max(1000).default(20),
  pgUrl: z.string().max(1000).default(process.env.PAVED_BENCH_PG_URL ?? 'postgres://paved:paved@127.0.0.1:5432/postgres'),
  idleWaitMs: z.coerce.number().int().min(0).max(120_000).default(5000),
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

interface Ingested {
  server: BenchServer;
  orgDir: string;
  samples: ReturnType<typeof collectSamples>;
  count: number;
  ingestS: number;
  jobS: number;
  searchS: number;
  factsS: number;
  peakMb(): number;
}

/**
 * Generates an organisation of `n` entities, starts the real server with it as a configured location and
 * waits until the catalog, then the search index and the facts (the followers) have caught up; then runs `measure`.
 */
async function withIngestedServer<T>(n: number, opts: Options, measure: (ingested: Ingested) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-bench-'));
  const pgDb = opts.db === 'postgres' ? await createPgDatabase(opts.pgUrl) : undefined;
  try {
    const org = generateOrganisation({ n });
    const orgDir = path.join(dir, 'org');
    mkdirSync(orgDir);
    for (const f of org.files) writeFileSync(path.join(orgDir, f.path), f.text);
    const samples = collectSamples(org.files, org.manifest.sample.term);
    const expected = n + 2; // + the root Location in all.yaml and the generated location entity

    const server = await startServer({ dataDir: path.join(dir, 'data'), location: path.join(orgDir, ROOT_FILE), env: { PAVED_FILE_ROOTS: dir, ...(pgDb ? { DATABASE_URL: pgDb.url } : {}) } });
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
      return await measure({ server, orgDir, samples, count, ingestS, jobS: jobMs / 1000, searchS, factsS, peakMb: () => memory.peakMb() });
    } finally {
      memory.stop();
      await server.stop();
    }
  } finally {
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runOnce(n: number, opts: Options): Promise<RunResult> {
  return withIngestedServer(n, opts, async ({ server, samples, count, ingestS, jobS, searchS, factsS, peakMb }) => {
    await sleep(opts.idleWaitMs);
    const idleAfterIngestMb = readTreeMemory(server.pid);
    const queries = createQueries(createApi(server.url, BENCH_TOKEN), samples);
    const latencies = {} as Record<QueryName, Latency>;
    for (const q of QUERY_NAMES) latencies[q] = await measure(queries[q], opts.iterations, opts.warmup);
    await sleep(opts.idleWaitMs);
    const idleMb = readTreeMemory(server.pid);
    // Peak over the whole run: ingestion, the search sync after it, and the queries.
    return { entities: count, ingestS, jobS, searchS, factsS, entitiesPerS: n / ingestS, peakMb: peakMb(), idleMb, idleAfterIngestMb, queries: latencies };
  });
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

const ScaffolderOptions = z.object({
  repeat: z.coerce.number().int().min(1).max(200).default(10),
  remotes: z.string().max(100).default(REMOTES.join(',')).transform((s) => s.split(',').map((r) => z.enum(REMOTES).parse(r))),
});

async function scaffolderMain(values: Record<string, string | undefined>, outDir: string): Promise<void> {
  const opts = ScaffolderOptions.parse(values);
  const results = await runScaffolderBench({
    runs: opts.repeat, remotes: opts.remotes,
    onRun: (remote, i, r) => process.stderr.write(`scaffolder ${remote} run ${i + 1}/${opts.repeat}: ${r.totalMs.toFixed(0)} ms `
      + `(queue ${r.queueMs}, ${Object.entries(r.steps).map(([k, v]) => `${k} ${v}`).join(', ')}, tail ${r.tailMs.toFixed(0)})\n`),
  });
  process.stdout.write(`${formatScaffolderTable(results)}\n`);
  const file = path.join(outDir, `${new Date().toISOString().slice(0, 10)}-scaffolder.json`);
  writeFileSync(file, `${JSON.stringify({
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), options: opts, target: 'submit → entity ≤ 2000 ms (p50)',
    machine: { cpus: os.cpus().length, node: process.version, totalMemMb: Math.round(os.totalmem() / 2 ** 20) },
    at: new Date().toISOString(), results,
  }, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

async function scorecardsMain(values: Record<string, string | undefined>, outDir: string): Promise<void> {
  const opts = Options.parse({ ...values, sizes: values.sizes ?? '100000', pgUrl: values['pg-url'] });
  const results: Array<{ n: number; median: ScorecardRun; runs: ScorecardRun[] }> = [];
  for (const n of opts.sizes) {
    const runs: ScorecardRun[] = [];
    for (let i = 0; i < opts.repeat; i++) {
      const r = await withIngestedServer(n, opts, ({ server, orgDir, samples, count }) => {
        const sample = samples.names.find((s) => s.kind === 'Component') ?? samples.names[0];
        if (!sample) throw new Error('no entity to push a fact for');
        return measureScorecards(server, orgDir, count, sample);
      });
      process.stderr.write(`scorecards ${opts.db} n=${n} run ${i + 1}/${opts.repeat}: full ${r.fullS.toFixed(1)} s (${r.fullEvaluated} pairs), unchanged ${r.unchangedS.toFixed(1)} s, `
        + `pushed fact → score ${r.incrementalS.toFixed(2)} s (pass ${r.incrementalPassS.toFixed(2)} s)\n`);
      runs.push(r);
    }
    const m = (f: (r: ScorecardRun) => number) => median(runs.map(f));
    results.push({ n, runs, median: { entities: runs[0]?.entities ?? n, fullS: m((r) => r.fullS), fullEvaluated: m((r) => r.fullEvaluated), unchangedS: m((r) => r.unchangedS), incrementalS: m((r) => r.incrementalS), incrementalPassS: m((r) => r.incrementalPassS) } });
  }
  for (const { n, median: r } of results) {
    process.stdout.write(`scorecards ${opts.db} n=${n} (medians of ${opts.repeat}): full pass ${r.fullS.toFixed(1)} s, unchanged pass ${r.unchangedS.toFixed(1)} s, pushed fact → score ${r.incrementalS.toFixed(2)} s (pass ${r.incrementalPassS.toFixed(2)} s)\n`);
  }
  const file = path.join(outDir, `${new Date().toISOString().slice(0, 10)}-scorecards-${opts.db}.json`);
  writeFileSync(file, `${JSON.stringify({
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), target: '100k entities × 20 rules, full pass ≤ 60 s',
    machine: { cpus: os.cpus().length, node: process.version, totalMemMb: Math.round(os.totalmem() / 2 ** 20) },
    at: new Date().toISOString(), results,
  }, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: Object.fromEntries(['only', 'sizes', 'db', 'repeat', 'iterations', 'warmup', 'pg-url', 'idle-wait-ms', 'remotes'].map((k) => [k, { type: 'string' as const }])),
  });
  const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(outDir, { recursive: true });
  const only = z.enum(['catalog', 'scaffolder', 'scorecards']).default('catalog').parse(values.only);
  if (only === 'scaffolder') return scaffolderMain(values, outDir);
  if (only === 'scorecards') return scorecardsMain(values, outDir);
  const opts = Options.parse({ ...values, pgUrl: values['pg-url'], idleWaitMs: values['idle-wait-ms'] });
  const results: Array<{ n: number; r: RunResult; runs: RunResult[] }> = [];
  for (const n of opts.sizes) {
    const runs: RunResult[] = [];
    for (let i = 0; i < opts.repeat; i++) {
      const r = await runOnce(n, opts);
      process.stderr.write(`${opts.db} n=${n} run ${i + 1}/${opts.repeat}: ingest ${r.ingestS.toFixed(1)} s, search index ${r.searchS.toFixed(1)} s, facts ${r.factsS.toFixed(1)} s, peak ${r.peakMb.toFixed(0)} MB, idle ${r.idleMb.toFixed(0)} MB, `
        + `${QUERY_NAMES.map((q) => `${q} p95 ${r.queries[q].p95.toFixed(1)}`).join(', ')}\n`);
      runs.push(r);
    }
    results.push({ n, r: medianOf(runs), runs });
  }
  process.stdout.write(`${formatTable(opts.db, results)}\n`);
  const file = path.join(outDir, `${new Date().toISOString().slice(0, 10)}-${opts.db}.json`);
  const { pgUrl: _pgUrl, ...shown } = opts;
  writeFileSync(file, `${JSON.stringify({
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), options: shown,
    machine: { cpus: os.cpus().length, node: process.version, totalMemMb: Math.round(os.totalmem() / 2 ** 20) },
    at: new Date().toISOString(), results,
  }, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
