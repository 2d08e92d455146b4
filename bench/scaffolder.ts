// The scaffolder benchmark: time from submitting a task for the TypeScript service golden path to its
// Component answering in the catalog, against the real server with the demo organisation, publishing with
// `publish:git` to a bare repository on this machine (Paved's own host). Issue 3's target: ≤ 2 s.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_TOKEN, startServer } from './server';

const TEMPLATE = 'template:default/typescript-http-service';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ScaffolderResult {
  runs: number;
  /** Submit (POST /tasks) until GET /entities/by-name of the new Component answers 200, ms. */
  p50: number;
  p95: number;
  /** Submit until the task reports `completed`, ms (median). */
  taskP50: number;
  samples: number[];
}

async function call<T>(base: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${url}`, {
    method, headers: { authorization: `Bearer ${BENCH_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function createOne(base: string, name: string, owner: string): Promise<{ totalMs: number; taskMs: number }> {
  const started = performance.now();
  const task = await call<{ id: string }>(base, 'POST', '/api/scaffolder/v2/tasks', {
    templateRef: TEMPLATE, values: { name, description: 'Created by the benchmark', owner, repoUrl: `paved?owner=bench&repo=${name}` },
  });
  if (task.status !== 201) throw new Error(`POST /tasks: HTTP ${task.status} ${JSON.stringify(task.body)}`);
  let taskMs = NaN;
  for (;;) {
    const entity = await call(base, 'GET', `/api/catalog/entities/by-name/component/default/${name}`);
    if (entity.status === 200) break;
    if (Number.isNaN(taskMs)) {
      const t = await call<{ status: string }>(base, 'GET', `/api/scaffolder/v2/tasks/${task.body.id}`);
      if (t.body.status === 'failed' || t.body.status === 'cancelled') throw new Error(`task ${task.body.id} ${t.body.status}`);
      if (t.body.status === 'completed') taskMs = performance.now() - started;
    }
    if (performance.now() - started > 60_000) throw new Error(`${name} was not registered in 60 s`);
    await sleep(10);
  }
  const totalMs = performance.now() - started;
  return { totalMs, taskMs: Number.isNaN(taskMs) ? totalMs : taskMs };
}

/** Starts the server with the demo organisation, creates one service to warm up, then `runs` measured ones. */
export async function benchScaffolder(runs: number): Promise<ScaffolderResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-bench-scaffolder-'));
  const server = await startServer({ dataDir: path.join(dir, 'data'), env: { PAVED_DEMO: '1', PAVED_LOG_LEVEL: 'warn' } });
  try {
    let owner = '';
    for (let i = 0; i < 600 && !owner; i++) {
      const template = await call(server.url, 'GET', `/api/catalog/entities/by-name/template/default/typescript-http-service`);
      const groups = await call<{ items: Array<{ metadata: { name: string } }> }>(server.url, 'GET', '/api/catalog/entities/by-query?filter=kind=group&limit=1');
      const first = groups.body.items?.[0];
      if (template.status === 200 && first) owner = `group:default/${first.metadata.name}`;
      else await sleep(100);
    }
    if (!owner) throw new Error('the demo template and groups did not load');
    await createOne(server.url, 'bench-warmup', owner);
    const samples: number[] = [];
    const tasks: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await createOne(server.url, `bench-svc-${i}`, owner);
      samples.push(r.totalMs);
      tasks.push(r.taskMs);
    }
    return { runs, p50: percentile(samples, 50), p95: percentile(samples, 95), taskP50: percentile(tasks, 50), samples };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
