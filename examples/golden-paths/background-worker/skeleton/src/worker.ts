import type { Message, Queue } from './queue.js';

export type Handler = (body: unknown, message: Message) => Promise<void>;

export interface WorkerOptions {
  queue: Queue;
  handle: Handler;
  /** Messages processed at the same time. */
  concurrency?: number;
  /** Pause between polls of an empty queue. */
  pollIntervalMs?: number;
  /** Deliveries before a message goes to the dead-letter queue. */
  maxAttempts?: number;
  log?: (entry: Record<string, unknown>) => void;
}

export type WorkerState = 'idle' | 'running' | 'stopping' | 'stopped';

export interface WorkerStatus {
  state: WorkerState;
  lastPollAt: number | null;
  inFlight: number;
  processed: number;
  retried: number;
  deadLettered: number;
}

export interface Worker {
  start(): void;
  /** Stops polling and waits for messages in flight; resolves false if they outlive the timeout. */
  stop(timeoutMs?: number): Promise<boolean>;
  status(): WorkerStatus;
}

export function createWorker(options: WorkerOptions): Worker {
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 3;
  const log = options.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const status: WorkerStatus = { state: 'idle', lastPollAt: null, inFlight: 0, processed: 0, retried: 0, deadLettered: 0 };
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });

  async function processOne(message: Message): Promise<void> {
    status.inFlight++;
    try {
      await options.handle(message.body, message);
      await options.queue.ack(message);
      status.processed++;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (message.attempts + 1 >= maxAttempts) {
        await options.queue.deadLetter(message, reason);
        status.deadLettered++;
        log({ level: 'error', msg: 'dead-lettered', id: message.id, attempts: message.attempts + 1, reason });
      } else {
        await options.queue.retry(message);
        status.retried++;
        log({ level: 'warn', msg: 'will retry', id: message.id, attempts: message.attempts + 1, reason });
      }
    } finally {
      status.inFlight--;
    }
  }

  async function run(): Promise<void> {
    while (status.state === 'running') {
      status.lastPollAt = Date.now();
      let batch: Message[] = [];
      try {
        batch = await options.queue.receive(concurrency);
      } catch (err) {
        log({ level: 'error', msg: 'receive failed', reason: err instanceof Error ? err.message : String(err) });
      }
      if (batch.length === 0) await sleep(pollIntervalMs);
      else await Promise.all(batch.map(processOne));
    }
  }

  return {
    start() {
      if (status.state !== 'idle') return;
      status.state = 'running';
      loop = run();
    },
    async stop(timeoutMs = 25_000) {
      if (status.state === 'running') status.state = 'stopping';
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
      const finished = await Promise.race([(loop ?? Promise.resolve()).then(() => true), timedOut]);
      clearTimeout(timer);
      status.state = 'stopped';
      return finished;
    },
    status: () => ({ ...status }),
  };
}
