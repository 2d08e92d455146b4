// Time from "Create" to a registered entity for the TypeScript service golden path, against the real
// server with the demo organisation: POST /api/scaffolder/v2/tasks, then poll the new Component at
// /api/catalog/entities/by-name until it answers. Two remotes:
//   paved — publish:git's default, a bare repository under the data directory;
//   http  — a push with a token to `git http-backend` on 127.0.0.1 (test/helpers/gitHttpServer.ts), which
//           the catalog then reads back over HTTP (anonymous reads, as for a public repository).
// Each run's breakdown comes from the task's own step timestamps: queue (created → started), each step,
// and the tail from the task's end until by-name answered (seen by the poller).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { startGitHttpServer, type GitHttpServer } from '../test/helpers/gitHttpServer';
import { BENCH_TOKEN, startServer, type BenchServer } from './server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOLDEN = path.join(ROOT, 'examples/golden-paths/typescript-http-service');
const TEMPLATE = 'typescript-http-service';
const HTTP_TEMPLATE = 'typescript-http-service-http-remote';
const GIT_AUTH = { user: 'bench', password: 'bench-push-token' };
export const REMOTES = ['paved', 'http'] as const;
export type Remote = (typeof REMOTES)[number];

export interface ScaffolderRun {
  /** POST until by-name answered 200. */
  totalMs: number;
  /** created → started, as the task records it (the job queue's pickup). */
  queueMs: number;
  /** Per step, startedAt → endedAt. */
  steps: Record<string, number>;
  /** The task's finishedAt until the poller saw the entity (poll interval, HTTP). */
  tailMs: number;
}
export interface Stats { p50: number; p95: number; min: number; max: number }
export interface ScaffolderSummary { remote: Remote; runs: number; firstMs: number; total: Stats; queue: Stats; tail: Stats; steps: Record<string, Stats> }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
export const stats = (xs: number[]): Stats => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), min: Math.min(...xs), max: Math.max(...xs) });

export function summarize(remote: Remote, runs: ScaffolderRun[]): ScaffolderSummary {
  const stepIds = [...new Set(runs.flatMap((r) => Object.keys(r.steps)))];
  return {
    remote, runs: runs.length, firstMs: runs[0]?.totalMs ?? NaN,
    total: stats(runs.map((r) => r.totalMs)), queue: stats(runs.map((r) => r.queueMs)), tail: stats(runs.map((r) => r.tailMs)),
    steps: Object.fromEntries(stepIds.map((id) => [id, stats(runs.map((r) => r.steps[id] ?? 0))])),
  };
}

interface Task { status: string; createdAt: string; startedAt?: string; finishedAt?: string; error?: string; steps: Array<{ id: string; startedAt?: string; endedAt?: string }> }

async function call<T>(server: BenchServer, method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${urlPath}`, {
    method, headers: { authorization: `Bearer ${BENCH_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** The golden path with its publish step pointed at `remoteUrl` with a token from the secrets. */
function writeHttpTemplate(dir: string): string {
  cpSync(GOLDEN, dir, { recursive: true });
  const file = path.join(dir, 'template.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(['metadata', 'name'], HTTP_TEMPLATE);
  doc.deleteIn(['metadata', 'annotations']);
  doc.setIn(['spec', 'parameters', 1, 'properties', 'remoteUrl'], doc.createNode({ type: 'string' }));
  const steps = doc.getIn(['spec', 'steps']) as { items: Array<{ get(k: string): unknown; setIn(p: string[], v: unknown): void }> };
  const publish = steps.items.find((s) => s.get('id') === 'publish');
  if (!publish) throw new Error('the golden path has no publish step');
  publish.setIn(['input', 'remoteUrl'], '${{ parameters.remoteUrl }}');
  publish.setIn(['input', 'token'], '${{ secrets.gitToken }}');
  publish.setIn(['input', 'tokenUsername'], GIT_AUTH.user);
  writeFileSync(file, doc.toString());
  return file;
}

async function waitForEntity(server: BenchServer, ref: string, timeoutMs: number, pollMs = 25): Promise<void> {
  const [kind, rest] = ref.split(':') as [string, string];
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    const res = await fetch(`${server.url}/api/catalog/entities/by-name/${kind}/${rest}`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
    await res.arrayBuffer();
    if (res.status === 200) return;
    await sleep(pollMs);
  }
  throw new Error(`${ref} did not appear in ${timeoutMs} ms:\n${server.output().slice(-3000)}`);
}

async function runOne(server: BenchServer, remote: Remote, name: string, git: GitHttpServer, servedDir: string): Promise<ScaffolderRun> {
  const values: Record<string, string> = { name, description: 'Benchmark service', owner: 'group:default/platform-team', repoUrl: `paved?owner=bench&repo=${name}` };
  let secrets: Record<string, string> | undefined;
  if (remote === 'http') {
    execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', path.join(servedDir, `${name}.git`)]);
    Object.assign(values, { repoUrl: `127.0.0.1?owner=bench&repo=${name}`, remoteUrl: `${git.url}/${name}.git` });
    secrets = { gitToken: GIT_AUTH.password };
  }
  const templateRef = `template:default/${remote === 'http' ? HTTP_TEMPLATE : TEMPLATE}`;
  const t0 = performance.now();
  const t0Wall = Date.now();
  const created = await call<{ id: string }>(server, 'POST', '/api/scaffolder/v2/tasks', { templateRef, values, ...(secrets ? { secrets } : {}) });
  if (created.status !== 201) throw new Error(`POST /tasks answered ${created.status}: ${JSON.stringify(created.body)}`);
  // The entity answering is what a user waits for; a failed task would never get there, so watch both.
  const failed = (async () => {
    for (;;) {
      const t = (await call<Task>(server, 'GET', `/api/scaffolder/v2/tasks/${created.body.id}`)).body;
      if (t.status === 'failed' || t.status === 'cancelled') throw new Error(`task ${t.status}: ${t.error ?? ''}`);
      if (t.status === 'completed') return;
      await sleep(100);
    }
  })();
  await Promise.race([waitForEntity(server, `component:default/${name}`, 60_000), failed]);
  const totalMs = performance.now() - t0;
  await failed;
  const task = (await call<Task>(server, 'GET', `/api/scaffolder/v2/tasks/${created.body.id}`)).body;
  const ms = (a?: string, b?: string) => (a && b ? Date.parse(b) - Date.parse(a) : NaN);
  return {
    totalMs,
    queueMs: ms(task.createdAt, task.startedAt),
    steps: Object.fromEntries(task.steps.map((s) => [s.id, ms(s.startedAt, s.endedAt)])),
    // The server runs on this machine's clock: the poller saw the entity at t0Wall + totalMs.
    tailMs: t0Wall + totalMs - Date.parse(task.finishedAt ?? task.createdAt),
  };
}

/** One server start: the demo organisation, then `runs` tasks for each remote, one after another. */
export async function runScaffolderBench(opts: { runs: number; remotes: readonly Remote[]; onRun?: (remote: Remote, i: number, r: ScaffolderRun) => void }): Promise<ScaffolderSummary[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-bench-scaffolder-'));
  const servedDir = path.join(dir, 'served');
  mkdirSync(servedDir);
  const git = await startGitHttpServer(servedDir, GIT_AUTH, { anonymousRead: true });
  let server: BenchServer | undefined;
  try {
    const httpTemplate = writeHttpTemplate(path.join(dir, 'template'));
    server = await startServer({ dataDir: path.join(dir, 'data'), env: { PAVED_DEMO: '1', PAVED_FILE_ROOTS: dir, PAVED_LOG_LEVEL: process.env.PAVED_LOG_LEVEL ?? 'warn' } });
    await waitForEntity(server, `template:default/${TEMPLATE}`, 60_000, 100);
    if (opts.remotes.includes('http')) {
      const reg = await call(server, 'POST', '/api/catalog/locations', { type: 'file', target: httpTemplate });
      if (reg.status !== 201) throw new Error(`registering the http-remote template answered ${reg.status}: ${JSON.stringify(reg.body)}`);
    }
    // Let the start-up jobs (docs builds, search sync) finish so the first task measures a settled server.
    await sleep(2000);
    const out: ScaffolderSummary[] = [];
    for (const remote of opts.remotes) {
      const runs: ScaffolderRun[] = [];
      for (let i = 0; i < opts.runs; i++) {
        const r = await runOne(server, remote, `bench-${remote}-${i}-${Math.random().toString(36).slice(2, 8)}`, git, servedDir);
        opts.onRun?.(remote, i, r);
        runs.push(r);
      }
      out.push(summarize(remote, runs));
    }
    return out;
  } finally {
    if (process.env.BENCH_SERVER_LOG && server) writeFileSync(process.env.BENCH_SERVER_LOG, server.output());
    await server?.stop();
    await git.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatScaffolderTable(rows: ScaffolderSummary[]): string {
  const f = (s: Stats) => `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)}`;
  const stepIds = [...new Set(rows.flatMap((r) => Object.keys(r.steps)))];
  const head = ['remote', 'runs', 'first ms', 'submit→entity p50/p95 ms', 'queue', ...stepIds, 'tail'];
  const lines = rows.map((r) => [r.remote, String(r.runs), r.firstMs.toFixed(0), f(r.total), f(r.queue), ...stepIds.map((id) => (r.steps[id] ? f(r.steps[id]) : '-')), f(r.tail)]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ');
  return ['scaffolder (TypeScript HTTP service golden path):', fmt(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(fmt)].join('\n');
}
