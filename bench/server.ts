// Spawns the real `paved serve` for a benchmark run and watches its memory from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_TOKEN = `bench-${randomBytes(16).toString('hex')}`;

export interface BenchServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn until the server printed its URL. */
  startMs: number;
  spawnedAt: number;
  output(): string;
  stop(): Promise<void>;
}

/** Resident and peak resident memory of a process, in MB, from /proc/<pid>/status. */
export function readMemory(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** The process and all its descendants (the server forks its ingestion process), from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const tid of readdirSync(`/proc/${out[i]}/task`)) {
        out.push(...readFileSync(`/proc/${out[i]}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Resident memory of a process and its descendants together, in MB: what the server costs the machine. */
export function readTreeMemory(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += readMemory(p).rssMb;
    } catch {
      // exited between listing and reading
    }
  }
  return total;
}

/**
 * Samples the resident memory of the server and its child processes every `everyMs`, so a short spike
 * between polls is still seen; the server's own VmHWM is a floor.
 */
export function sampleMemory(pid: number, everyMs = 100): { peakMb(): number; stop(): void } {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, readTreeMemory(pid));
  }, everyMs);
  return { peakMb: () => Math.max(peak, readMemory(pid).hwmMb), stop: () => clearInterval(timer) };
}

/**
 * Resolves with the URL a spawned `paved serve` prints ("Paved listening on …"); rejects when the
 * process exits first or `timeoutMs` passes. Shared by the benchmarks and the test helper.
 */
export function waitForListening(child: ChildProcess, output: () => string, exited: Promise<void>, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs / 1000} s:\n${output()}`)), timeoutMs);
    const check = () => {
      const m = /Paved listening on (http:\/\/\S+)/.exec(output());
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${child.exitCode}:\n${output()}`));
    });
  });
}

/** Node flags of `npm start` (package.json) and of the `paved` bin's shebang: benchmarks and tests run the server as users do. */
export const SERVE_NODE_ARGS = ['--max-semi-space-size=4'];

/** `location`: a file registered at start (PAVED_LOCATIONS); `env` overrides the defaults (e.g. PAVED_DEMO=1). */
export async function startServer(opts: { dataDir: string; location?: string; env: Record<string, string> }): Promise<BenchServer> {
  const spawnedAt = performance.now();
  // PAVED_BENCH_NODE_ARGS adds flags for this run only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server.
  const extra = (process.env.PAVED_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...SERVE_NODE_ARGS, ...extra, path.join(ROOT, 'bin/paved.mjs'), 'serve', '--port', '0', '--data-dir', opts.dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, PAVED_DEMO: '0', PAVED_ADMIN_TOKEN: BENCH_TOKEN, PAVED_LOCATIONS: opts.location ? `file:${opts.location}` : '',
      PAVED_LOG_LEVEL: 'info', PAVED_REFRESH_INTERVAL_SECONDS: '86400', ...opts.env,
    },
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await waitForListening(child, () => out, exited, 120_000);
  return {
    url,
    pid: child.pid ?? -1,
    startMs: performance.now() - spawnedAt,
    spawnedAt,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A fresh PostgreSQL database for one run, dropped afterwards. */
export async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `paved_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(query);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
