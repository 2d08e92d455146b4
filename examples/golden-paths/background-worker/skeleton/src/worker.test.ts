import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { countWords, createHandler } from './handler.js';
import { createHealthServer } from './health.js';
import { createSpoolQueue } from './queue.js';
import { createWorker, type Worker } from './worker.js';

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within ' + timeoutMs + ' ms');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('${{ values.name }} worker', () => {
  let dir: string;
  let worker: Worker | undefined;

  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'worker-test-')); });
  afterEach(async () => {
    await worker?.stop(1000);
    await rm(dir, { recursive: true, force: true });
  });

  it('counts words', () => {
    assert.equal(countWords('  the quick\nbrown   fox '), 4);
    assert.equal(countWords(''), 0);
  });

  it('processes every message once and dead-letters poison messages after the last attempt', async () => {
    const queue = await createSpoolQueue(dir);
    await queue.enqueue({ id: 'a', text: 'one two three' });
    await queue.enqueue({ id: 'b', text: 'four' });
    await queue.enqueue({ nonsense: true });
    const results: { id: string; words: number }[] = [];
    worker = createWorker({ queue, handle: createHandler((r) => { results.push(r); }), pollIntervalMs: 5, maxAttempts: 2, log: () => {} });
    worker.start();
    await waitFor(() => worker!.status().deadLettered === 1 && worker!.status().processed === 2);

    assert.deepEqual(results.sort((x, y) => x.id.localeCompare(y.id)), [{ id: 'a', words: 3 }, { id: 'b', words: 1 }]);
    assert.equal(worker.status().retried, 1);
    assert.deepEqual(await readdir(join(dir, 'incoming')), []);
    assert.deepEqual(await readdir(join(dir, 'processing')), []);
    const [deadFile] = await readdir(join(dir, 'dead'));
    const dead = JSON.parse(await readFile(join(dir, 'dead', deadFile!), 'utf8')) as { reason: string; attempts: number };
    assert.equal(dead.attempts, 2);
    assert.match(dead.reason, /^id: expected a string/);
  });

  it('finishes the message in flight before stopping', async () => {
    const queue = await createSpoolQueue(dir);
    await queue.enqueue({ id: 'slow', text: 'x' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let finished = false;
    worker = createWorker({ queue, handle: async () => { await gate; finished = true; }, pollIntervalMs: 5, log: () => {} });
    worker.start();
    await waitFor(() => worker!.status().inFlight === 1);

    const stopping = worker.stop(2000);
    assert.equal(worker.status().state, 'stopping');
    setTimeout(release, 50);
    assert.equal(await stopping, true);
    assert.equal(finished, true);
    assert.equal(worker.status().processed, 1);
    assert.equal(worker.status().state, 'stopped');
  });

  it('puts back messages a crashed worker had claimed', async () => {
    const queue = await createSpoolQueue(dir);
    await queue.enqueue({ id: 'c', text: 'y' });
    assert.equal((await queue.receive(10)).length, 1);
    assert.equal(await queue.recover(), 1);
    assert.deepEqual((await queue.receive(10)).map((m) => m.body), [{ id: 'c', text: 'y' }]);
  });

  it('reports liveness, readiness and a stalled loop over HTTP', async () => {
    const queue = await createSpoolQueue(dir);
    worker = createWorker({ queue, handle: async () => {}, pollIntervalMs: 5, log: () => {} });
    let clock = Date.now();
    const server = createHealthServer(worker.status, 1000, () => clock);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = 'http://127.0.0.1:' + (server.address() as AddressInfo).port;
    try {
      assert.equal((await fetch(base + '/readyz')).status, 503);
      worker.start();
      await waitFor(() => worker!.status().lastPollAt !== null);
      assert.equal((await fetch(base + '/readyz')).status, 200);
      assert.equal((await fetch(base + '/healthz')).status, 200);
      clock += 60_000;
      assert.equal((await fetch(base + '/healthz')).status, 503);
      assert.equal(((await (await fetch(base + '/status')).json()) as { state: string }).state, 'running');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
