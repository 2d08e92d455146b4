// How the web UI feels on a large catalog, measured in Chromium against the real server.
//
//   node --import tsx bench/ui.ts --n 100000 [--n 10000] [--runs 10] [--seed 42] [--no-build]
//
// For each N: generate a synthetic organisation (bench/generate.ts), start `paved serve` on it,
// wait until ingestion has settled, then time four things a user does, each in a fresh browser
// context (cold React Query and HTTP caches) after one discarded warm-up:
//   catalog  — navigation to /catalog until the first table row is visible
//   facet    — ticking kind = Component until the count and the first row show the filter
//   next     — "Next" until the second page's rows are shown
//   entity   — navigation to a component's page until its relations graph has rendered nodes
// Prints a table of medians (min–max) and writes bench/results/ui-<date>.json.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { z } from 'zod';
import { writeOrganisation, type OrganisationManifest } from './generate';
import { waitForListening } from './server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOKEN = `bench-${randomBytes(16).toString('hex')}`;
const STEPS = ['catalog', 'facet', 'next', 'entity'] as const;
type Step = (typeof STEPS)[number];

const Args = z.object({
  n: z.array(z.coerce.number().int().min(20).max(10_000_000)).min(1).max(5),
  runs: z.coerce.number().int().min(1).max(100).default(10),
  seed: z.coerce.number().int().min(0).default(42),
  build: z.boolean().default(true),
  ingestTimeoutMin: z.coerce.number().min(1).max(600).default(90),
});
type BenchArgs = z.infer<typeof Args>;

function parseCli(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', multiple: true }, runs: { type: 'string' }, seed: { type: 'string' },
      'no-build': { type: 'boolean' }, 'ingest-timeout-min': { type: 'string' },
    },
  });
  const parsed = Args.safeParse({
    n: values.n ?? ['10000'], runs: values.runs, seed: values.seed, build: !values['no-build'],
    ingestTimeoutMin: values['ingest-timeout-min'],
  });
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${why}\nusage: node --import tsx bench/ui.ts --n N [--n N2] [--runs R] [--seed S] [--no-build]`);
  }
  return parsed.data;
}

type Server = { url: string; child: ChildProcess; output(): string; stop(): Promise<void> };

async function startServer(dataDir: string, location: string): Promise<Server> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/paved.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, PAVED_DEMO: '0', PAVED_ADMIN_TOKEN: TOKEN, PAVED_LOCATIONS: `file:${location}`,
      PAVED_LOG_LEVEL: 'warn', PAVED_REFRESH_INTERVAL_SECONDS: '86400',
    },
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-100_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await waitForListening(child, () => out, exited, 120_000);
  return {
    url, child, output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const totalItems = async (base: string, filter?: string): Promise<number> => {
  const q = new URLSearchParams({ limit: '0' });
  if (filter) q.set('filter', filter);
  return (await getJson<{ totalItems: number }>(`${base}/api/catalog/entities/by-query?${q}`)).totalItems;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until at least `n` entities are in the catalog and the count has stopped moving. */
async function waitForIngestion(base: string, n: number, timeoutMin: number): Promise<{ ms: number; total: number }> {
  const t0 = performance.now();
  let last = -1;
  let stable = 0;
  let lastLog = 0;
  while (performance.now() - t0 < timeoutMin * 60_000) {
    const total = await totalItems(base).catch(() => -1);
    stable = total === last ? stable + 1 : 0;
    last = total;
    if (total >= n && stable >= 2) return { ms: performance.now() - t0, total };
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      process.stderr.write(`  ingesting: ${Math.max(total, 0).toLocaleString('en-US')} / ${n.toLocaleString('en-US')} after ${Math.round((performance.now() - t0) / 1000)} s\n`);
    }
    await sleep(1000);
  }
  throw new Error(`ingestion did not reach ${n} entities in ${timeoutMin} min (last count ${last})`);
}

const ROWS = 'table[aria-label="entities list"] tbody tr';
const fmt = (n: number) => n.toLocaleString('en-US');

/** Times one user journey step by step; every timing starts right before the user's action. */
async function measureOnce(browser: Browser, base: string, m: OrganisationManifest, componentCount: number): Promise<Record<Step, number>> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page: Page = await context.newPage();
  page.setDefaultTimeout(120_000);
  try {
    let t = performance.now();
    await page.goto(`${base}/catalog`, { waitUntil: 'commit' });
    await page.locator(ROWS).first().waitFor({ state: 'visible' });
    const catalog = performance.now() - t;
    // Let the facet counts arrive so the checkbox exists, outside the timings.
    const checkbox = page.locator('[data-facet="kind"]').getByLabel('Component', { exact: true });
    await checkbox.waitFor();

    t = performance.now();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByTestId('pager-summary').filter({ hasText: /^51–100/ }).waitFor();
    const next = performance.now() - t;

    t = performance.now();
    await checkbox.check();
    await page.getByTestId('result-count').filter({ hasText: `${fmt(componentCount)} entities` }).waitFor();
    await page.locator(`${ROWS} td:nth-child(2)`).first().filter({ hasText: 'Component' }).waitFor();
    await page.getByTestId('pager-summary').filter({ hasText: /^1–50 of/ }).waitFor();
    const facet = performance.now() - t;

    t = performance.now();
    await page.goto(`${base}/catalog/default/component/${m.sample.component}`, { waitUntil: 'commit' });
    await page.getByTestId('relations-graph').locator('.react-flow__node').nth(1).waitFor({ state: 'visible' });
    const entity = performance.now() - t;
    return { catalog, facet, next, entity };
  } finally {
    await context.close();
  }
}

type Summary = { median: number; min: number; max: number; runs: number[] };

function summarise(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const r = (x: number) => Math.round(x);
  return { median: r(median), min: r(sorted[0] ?? 0), max: r(sorted.at(-1) ?? 0), runs: values.map(r) };
}

type SizeResult = {
  n: number;
  entities: number;
  generateMs: number;
  ingestMs: number;
  steps: Record<Step, Summary>;
};

async function benchSize(browser: Browser, args: BenchArgs, n: number): Promise<SizeResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'paved-bench-ui-'));
  let server: Server | undefined;
  try {
    let t = performance.now();
    const manifest = writeOrganisation({ n, out: path.join(dir, 'org'), seed: args.seed, chunk: 500 });
    const generateMs = performance.now() - t;
    process.stderr.write(`n=${fmt(n)}: generated in ${Math.round(generateMs)} ms; starting the server\n`);
    t = performance.now();
    server = await startServer(path.join(dir, 'data'), path.join(dir, 'org', 'all.yaml'));
    const ingest = await waitForIngestion(server.url, n, args.ingestTimeoutMin);
    const ingestMs = performance.now() - t;
    process.stderr.write(`n=${fmt(n)}: ${fmt(ingest.total)} entities ingested in ${(ingestMs / 1000).toFixed(1)} s; measuring\n`);
    const componentCount = await totalItems(server.url, 'kind=component');

    await measureOnce(browser, server.url, manifest, componentCount); // warm-up, discarded
    const samples: Record<Step, number[]> = { catalog: [], facet: [], next: [], entity: [] };
    for (let i = 0; i < args.runs; i++) {
      const one = await measureOnce(browser, server.url, manifest, componentCount);
      for (const s of STEPS) samples[s].push(one[s]);
    }
    const steps = Object.fromEntries(STEPS.map((s) => [s, summarise(samples[s])])) as Record<Step, Summary>;
    return { n, entities: ingest.total, generateMs: Math.round(generateMs), ingestMs: Math.round(ingestMs), steps };
  } catch (err) {
    if (server) process.stderr.write(`--- server output\n${server.output().slice(-4000)}\n`);
    throw err;
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const LABELS: Record<Step, string> = {
  catalog: '/catalog → first row',
  facet: 'kind facet applied',
  next: 'next page',
  entity: 'entity → relations graph',
};

function printTable(results: SizeResult[], runs: number): void {
  const cols = results.map((r) => `n=${fmt(r.n)}`);
  const cell = (s: Summary) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
  const rows = [
    ['ms, median of ' + runs + ' (min–max)', ...cols],
    ['ingestion (s)', ...results.map((r) => (r.ingestMs / 1000).toFixed(1))],
    ...STEPS.map((s) => [LABELS[s], ...results.map((r) => cell(r.steps[s]))]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  for (const [i, row] of rows.entries()) {
    process.stdout.write(`${row.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  ')}\n`);
    if (i === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}

function gitCommit(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() ? '+dirty' : '';
  return `${r.stdout.trim()}${dirty}`;
}

async function main(): Promise<void> {
  const args = parseCli(process.argv.slice(2));
  if (args.build) {
    const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('web build failed');
  }
  const browser = await chromium.launch({
    executablePath: process.env.PAVED_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const results: SizeResult[] = [];
  try {
    for (const n of args.n) results.push(await benchSize(browser, args, n));
  } finally {
    await browser.close();
  }
  printTable(results, args.runs);
  const date = new Date().toISOString().slice(0, 10);
  const out = path.join(ROOT, 'bench/results', `ui-${date}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  const database = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), commit: gitCommit(), database, machine, runs: args.runs, seed: args.seed, results }, null, 2)}\n`);
  process.stdout.write(`\nwrote ${path.relative(ROOT, out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
