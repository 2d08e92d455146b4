import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp, type App } from './server.js';

describe('${{ values.name }} HTTP API', () => {
  let app: App;
  let base: string;
  const logs: Record<string, unknown>[] = [];

  before(async () => {
    app = createApp({ serviceName: 'test-service', version: '9.9.9', log: (entry) => logs.push(entry) });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    base = 'http://127.0.0.1:' + (app.server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => app.server.close(() => resolve())));

  it('answers liveness and readiness probes', async () => {
    assert.equal((await fetch(base + '/healthz')).status, 200);
    const ready = await fetch(base + '/readyz');
    assert.deepEqual(await ready.json(), { status: 'ready' });
  });

  it('greets by name and reports its version', async () => {
    const hello = await fetch(base + '/v1/hello?name=Ada');
    assert.deepEqual(await hello.json(), { message: 'Hello, Ada!' });
    const info = await fetch(base + '/v1/info');
    assert.deepEqual(await info.json(), { service: 'test-service', version: '9.9.9' });
    assert.ok(logs.some((entry) => entry.path === '/v1/hello' && entry.status === 200));
  });

  it('answers 404 for unknown paths and 405 for writes', async () => {
    assert.equal((await fetch(base + '/nope')).status, 404);
    assert.equal((await fetch(base + '/v1/hello', { method: 'POST' })).status, 405);
  });

  it('fails readiness once shutdown begins', async () => {
    app.markNotReady();
    assert.equal((await fetch(base + '/readyz')).status, 503);
    assert.equal((await fetch(base + '/healthz')).status, 200);
  });
});
