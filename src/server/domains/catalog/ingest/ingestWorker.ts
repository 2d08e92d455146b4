import { parentPort, workerData } from 'node:worker_threads';
import { toWire, type FromWorker, type ToWorker, type WorkerInput } from './workerProtocol';
import { walkSources, type StoredSource } from './walkSources';
import { createSourceReaders } from './sourceReaders';

/**
 * Runs one refresh's reading and processing (walkSources) off the main thread and streams each source
 * to it. The main thread acknowledges what it has written; past MAX_IN_FLIGHT unacknowledged entities
 * this thread waits, so a fast reader never piles up a whole catalog in memory.
 */
const port = parentPort;
if (!port) throw new Error('ingestWorker must run in a worker thread');
const input = workerData as WorkerInput;
const credentials = new Map(input.gitCredentials);
const readers = createSourceReaders(input.gitCacheDir, credentials);
const stored = new Map<string, StoredSource | undefined>(input.stored);
const elsewhere = new Set(input.elsewhere);
const lookups = new Map<number, (row: StoredSource | undefined) => void>();
let nextLookup = 0;
let inFlight = 0;
let wake: (() => void) | undefined;
const post = (msg: FromWorker) => port.postMessage(msg);

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'ack') {
    inFlight -= msg.weight;
    wake?.();
  } else {
    lookups.get(msg.id)?.(msg.row);
    lookups.delete(msg.id);
  }
});

async function lookup(key: string): Promise<StoredSource | undefined> {
  // Sources of this location were sent along; anything else (a source another location registered) is asked for.
  if (stored.has(key)) return stored.get(key);
  if (!elsewhere.has(key)) return undefined;
  const id = nextLookup++;
  const row = await new Promise<StoredSource | undefined>((resolve) => {
    lookups.set(id, resolve);
    post({ type: 'lookup', id, key });
  });
  stored.set(key, row);
  return row;
}

try {
  const walk = walkSources(input.walk, readers, lookup, (key, parent) => post({ type: 'start', key, parent }));
  for (;;) {
    const next = await walk.next();
    if (next.done) break;
    const source = next.value;
    const weight = (source.outcome?.entities.length ?? 0) + 1;
    while (inFlight >= input.maxInFlight) await new Promise<void>((resolve) => (wake = resolve));
    inFlight += weight;
    post({ type: 'source', source: toWire(source), weight });
  }
  post({ type: 'done', gitCredentials: [...credentials] });
} catch (err) {
  post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
}
port.unref();
