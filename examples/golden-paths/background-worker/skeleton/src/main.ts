import { createHandler } from './handler.js';
import { createHealthServer } from './health.js';
import { createSpoolQueue } from './queue.js';
import { createWorker } from './worker.js';

const log = (entry: Record<string, unknown>) => console.log(JSON.stringify({ service: '${{ values.name }}', ...entry }));

const spoolDir = process.env.SPOOL_DIR ?? './spool';
const healthPort = Number(process.env.HEALTH_PORT ?? 8080);
const pollIntervalMs = Number(process.env.POLL_INTERVAL_MS ?? 1000);

const queue = await createSpoolQueue(spoolDir);
const recovered = await queue.recover();
if (recovered > 0) log({ level: 'warn', msg: 'recovered unfinished messages', count: recovered });

const worker = createWorker({
  queue,
  handle: createHandler((result) => log({ level: 'info', msg: 'counted words', ...result })),
  concurrency: Number(process.env.CONCURRENCY ?? 4),
  pollIntervalMs,
  log,
});
const health = createHealthServer(worker.status, Math.max(30_000, pollIntervalMs * 10));

health.listen(healthPort, () => log({ level: 'info', msg: 'health endpoint listening', port: healthPort }));
worker.start();
log({ level: 'info', msg: 'worker started', spoolDir });

// Kubernetes sends SIGTERM and waits 30 s before SIGKILL: stop taking messages, finish those in
// flight (25 s at most), then exit. Unfinished messages stay claimed and are recovered on restart.
async function shutdown(signal: string): Promise<void> {
  log({ level: 'info', msg: 'shutting down', signal });
  const drained = await worker.stop(25_000);
  health.close();
  log({ level: drained ? 'info' : 'warn', msg: drained ? 'stopped cleanly' : 'stopped with messages in flight', ...worker.status() });
  process.exit(drained ? 0 : 1);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
