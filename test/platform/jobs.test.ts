// The durable job queue on a real (embedded or PostgreSQL) database: a job enqueued inside a
// transaction runs once wake() is called after the commit, without waiting for the poll.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type DatabaseHandle } from '../../src/server/platform/db/database';
import { createJobQueue } from '../../src/server/platform/jobs';
import { createSecretBox } from '../../src/server/platform/secrets/secretBox';
import { createTestDatabase } from '../helpers/testDatabase';

describe('job queue', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paved-jobs-'));
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let handle: DatabaseHandle;
  before(async () => {
    testDb = await createTestDatabase();
    handle = await openDatabase({ dataDir, databaseUrl: testDb.env.DATABASE_URL, secrets: createSecretBox(Buffer.alloc(32, 7)) });
  });
  after(async () => {
    await handle?.close();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a job enqueued in a transaction as soon as wake() is called after the commit', async () => {
    // Never started, so nothing polls: only wake() can make it claim the job.
    const jobs = createJobQueue(handle.db, handle.dialect, () => undefined);
    const ran: unknown[] = [];
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    jobs.register('test.wake', async (ctx) => {
      ran.push(ctx.payload);
      done();
    });
    const id = await handle.db.transaction().execute((trx) => jobs.enqueue('test.wake', { n: 1 }, { trx }));
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(ran, [], 'not claimed before wake()');
    jobs.wake();
    await finished;
    await jobs.stop(); // waits for the running pass to record the outcome
    assert.deepEqual(ran, [{ n: 1 }]);
    assert.equal(await jobs.status(id), 'done');
  });
});
