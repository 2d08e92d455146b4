import { createServer, type Server } from 'node:http';
import type { WorkerStatus } from './worker.js';

/**
 * Liveness fails when the poll loop has not come round for `stallAfterMs` (a stuck handler or a hung
 * queue client), so the orchestrator restarts the container. Readiness is true while the worker runs.
 */
export function createHealthServer(status: () => WorkerStatus, stallAfterMs: number, now: () => number = Date.now): Server {
  return createServer((req, res) => {
    const s = status();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let code = 404;
    let body: unknown = { error: 'not found' };
    if (path === '/healthz') {
      const stalled = s.state === 'running' && s.lastPollAt !== null && now() - s.lastPollAt > stallAfterMs;
      code = stalled ? 503 : 200;
      body = { status: stalled ? 'stalled' : 'ok', lastPollAt: s.lastPollAt };
    } else if (path === '/readyz') {
      code = s.state === 'running' ? 200 : 503;
      body = { status: s.state };
    } else if (path === '/status') {
      code = 200;
      body = s;
    }
    const text = JSON.stringify(body);
    res.writeHead(code, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
}
