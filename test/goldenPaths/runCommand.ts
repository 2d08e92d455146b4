// Runs a generated repository's own commands, and starts its process to probe it over HTTP.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface CommandResult { code: number | null; output: string; ms: number }

export function runCommand(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status === status) return;
      last = 'HTTP ' + res.status;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(url + ': expected ' + status + ' within ' + timeoutMs + ' ms, last saw ' + last);
}

/**
 * Starts the generated service, waits until `readyPath` answers 200, runs `interact`, then sends
 * SIGTERM and returns the exit code and output — the graceful-shutdown contract of every path.
 */
export async function startProbeAndStop(opts: {
  cmd: string; args: string[]; cwd: string; env: Record<string, string>; port: number; readyPath: string;
  interact?: (base: string) => Promise<void>;
}): Promise<{ code: number | null; output: string }> {
  const child = spawn(opts.cmd, opts.args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const base = 'http://127.0.0.1:' + opts.port;
  try {
    await waitForStatus(base + opts.readyPath, 200, 15_000);
    await opts.interact?.(base);
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw new Error((err as Error).message + '\n--- process output ---\n' + output);
  }
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, output };
}
