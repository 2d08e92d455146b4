import { fork, type ChildProcess } from 'node:child_process';
import type { DatabaseLocation } from '../../../platform/db/database';
import type { LocationRow, RefreshSummary } from '../catalog.ingestion';
import type { FromHost, ToHost } from './ingestProcessProtocol';
import { redactCredentials } from './redactCredentials';

/**
 * A 4 MB young generation (instead of 16 MB per semi-space) keeps the process's peak ~40 MB lower at
 * 100k entities with no measurable cost in time. No loader flags: from sources, ingestHost.mjs registers tsx.
 */
const HOST_EXEC_ARGV = ['--max-semi-space-size=4'];

export interface IngestProcess {
  refreshLocation(loc: LocationRow, opts?: { force?: boolean }): Promise<RefreshSummary>;
  /** Stops the process; refreshes in flight fail (their jobs run again after a restart). */
  close(): void;
}

/**
 * Runs refreshes in a child process (ingestHost.ts), started on demand and stopped when idle (ADR 0012).
 * A large refresh allocates hundreds of MB that a long-lived server would keep; a process that exits
 * returns all of it, and a crash while parsing hostile input cannot take the API down.
 */
export function createIngestProcess(opts: { database: DatabaseLocation; gitCacheDir: string; gitCredentials: Map<string, string>; useWorker: boolean;
  /** How long the process stays after its last refresh, so a burst of refreshes shares one process. */
  idleExitMs: number;
}): IngestProcess {
  let child: ChildProcess | undefined;
  let nextId = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  const pending = new Map<number, { resolve(s: RefreshSummary): void; reject(e: Error): void }>();

  const start = (): ChildProcess => {
    // The bundle (dist/server) has ingestHost.mjs beside it; from sources, ingestHost.mjs registers tsx first.
    const proc = fork(new URL('./ingestHost.mjs', import.meta.url), [], { serialization: 'advanced', execArgv: HOST_EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    proc.on('message', (msg: FromHost) => {
      const waiter = pending.get(msg.id);
      if (!waiter) return;
      pending.delete(msg.id);
      if (msg.type === 'refreshed') {
        for (const [k, v] of msg.gitCredentials) opts.gitCredentials.set(k, v);
        waiter.resolve(msg.summary);
      } else waiter.reject(new Error(msg.message));
      scheduleIdleExit();
    });
    proc.on('exit', (code, signal) => {
      if (child === proc) child = undefined;
      for (const [id, waiter] of pending) {
        pending.delete(id);
        waiter.reject(new Error(`the ingestion process exited (${signal ?? `code ${code}`}) during the refresh`));
      }
    });
    const init: ToHost = { type: 'init', database: opts.database, gitCacheDir: opts.gitCacheDir, useWorker: opts.useWorker };
    proc.send(init);
    return proc;
  };

  const scheduleIdleExit = () => {
    clearTimeout(idleTimer);
    if (pending.size > 0) return;
    idleTimer = setTimeout(() => {
      if (pending.size === 0 && child?.connected) child.disconnect();
    }, opts.idleExitMs);
    idleTimer.unref();
  };

  return {
    refreshLocation(loc, refreshOpts = {}) {
      clearTimeout(idleTimer);
      if (!child?.connected) child = start();
      const proc = child;
      const id = nextId++;
      return new Promise<RefreshSummary>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const msg: ToHost = { type: 'refresh', id, loc, force: refreshOpts.force ?? false, gitCredentials: [...opts.gitCredentials] };
        proc.send(msg, (err) => {
          if (!err || !pending.delete(id)) return;
          reject(new Error(`could not reach the ingestion process for ${loc.type}:${redactCredentials(loc.target)}: ${err.message}`));
        });
      });
    },
    close() {
      clearTimeout(idleTimer);
      if (child?.connected) child.disconnect();
      child?.kill('SIGTERM');
    },
  };
}
