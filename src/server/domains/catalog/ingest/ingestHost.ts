import { connectDatabase, type DatabaseHandle } from '../../../platform/db/database';
import { createIngestion, type Ingestion } from '../catalog.ingestion';
import type { FromHost, ToHost } from './ingestProcessProtocol';
import { createSourceReaders } from './sourceReaders';

/**
 * The ingestion process (ADR 0012): runs refreshes for the server — reading, processing (in its own
 * worker thread) and writing through its own database connection — and exits when the server
 * disconnects, so everything a large refresh allocated goes back to the system.
 */
if (!process.send) throw new Error('ingestHost must be started by the Paved server (child_process.fork)');
const send = (msg: FromHost) => process.send?.(msg);
let handle: DatabaseHandle | undefined;
let ingestion: Ingestion | undefined;
const gitCredentials = new Map<string, string>();

process.on('message', (msg: ToHost) => {
  if (msg.type === 'init') {
    handle = connectDatabase(msg.database, { rewritable: true });
    const gitCacheDir = msg.gitCacheDir;
    const readers = createSourceReaders(gitCacheDir, gitCredentials);
    ingestion = createIngestion(handle.db, readers, msg.useWorker ? { gitCacheDir, gitCredentials } : undefined);
    return;
  }
  const running = ingestion;
  if (!running) return send({ type: 'failed', id: msg.id, message: 'the ingestion process was not initialised' });
  for (const [k, v] of msg.gitCredentials) gitCredentials.set(k, v);
  running.refreshLocation(msg.loc, { force: msg.force }).then(
    (summary) => send({ type: 'refreshed', id: msg.id, summary, gitCredentials: [...gitCredentials] }),
    (err: unknown) => send({ type: 'failed', id: msg.id, message: err instanceof Error ? err.message : String(err) }),
  );
});

process.on('disconnect', () => {
  void (handle?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
