import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVE_NODE_ARGS, waitForListening } from '../../bench/server';
import { createTestDatabase } from './testDatabase';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const PAVED_BIN = join(ROOT, 'bin/paved.mjs');
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface PavedProcess {
  url: string;
  adminToken: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Stops the server (SIGTERM), drops its database and data directory. */
  stop(): Promise<void>;
  /** SIGKILLs the server, keeping its data, for crash tests. */
  kill(): Promise<void>;
  /** Starts a new server process on the same data, optionally with some environment variables changed. */
  restart(env?: Record<string, string>): Promise<PavedProcess>;
  api<T = unknown>(method: string, path: string, body?: unknown, opts?: { token?: string | null }): Promise<{ status: number; body: T; headers: Headers }>;
}

/**
 * Spawns the real `paved serve` on a free port with its own data directory (and its own PostgreSQL
 * database when PAVED_TEST_DB=postgres), and waits until it answers /readyz.
 */
export async function startPaved(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<PavedProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paved-test-'));
  const db = await createTestDatabase();
  const env = { PAVED_FILE_ROOTS: `${tmpdir()},${ROOT}`, PAVED_DEMO: opts.demo ? '1' : '0', PAVED_ADMIN_TOKEN: TEST_ADMIN_TOKEN, PAVED_LOG_LEVEL: process.env.PAVED_TEST_LOG_LEVEL ?? 'warn', ...db.env, ...opts.env };
  const cleanup = async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return spawnServer(dataDir, env, cleanup);
}

async function spawnServer(dataDir: string, env: Record<string, string>, cleanup: () => Promise<void>): Promise<PavedProcess> {
  const child = spawn(process.execPath, [...SERVE_NODE_ARGS, PAVED_BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await waitForListening(child, () => out, exited, 60_000);
  const proc: PavedProcess = {
    url,
    adminToken: TEST_ADMIN_TOKEN,
    dataDir,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (process.env.PAVED_TEST_SHOW_OUTPUT) appendFileSync(process.env.PAVED_TEST_SHOW_OUTPUT, `--- server output (${dataDir})\n${out}\n`);
      await cleanup();
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    restart: (changed = {}) => spawnServer(dataDir, { ...env, ...changed }, cleanup),
    async api<T>(method: string, path: string, body?: unknown, o: { token?: string | null } = {}) {
      const token = o.token === undefined ? TEST_ADMIN_TOKEN : o.token;
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep text
      }
      return { status: res.status, body: parsed as T, headers: res.headers };
    },
  };
  return proc;
}
