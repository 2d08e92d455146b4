import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

describe('spine: tokens, guest access, probes, restart', () => {
  const running: PavedProcess[] = [];
  after(async () => {
    for (const p of running.reverse()) await p.stop().catch(() => undefined);
  });

  it('prints a bootstrap admin token once, stores only its hash, and keeps data across a restart', async () => {
    const first = await startPaved({ demo: true, env: { PAVED_ADMIN_TOKEN: '' } });
    running.push(first);
    const m = /Paved admin token \(shown once, store it now\): (pvd_\S+)/.exec(first.output());
    assert.ok(m?.[1], first.output());
    const token = m[1];
    const who = await first.api<{ actor: { ref: string }; permissions: string[] }>('GET', '/api/auth/whoami', undefined, { token });
    assert.equal(who.body.actor.ref, 'token:admin');
    assert.ok(who.body.permissions.includes('catalog.location.create'));
    const before = await first.api<{ totalItems: number }>('GET', '/api/catalog/entities/by-query?limit=0', undefined, { token: null });
    assert.ok(before.body.totalItems > 100);

    first.child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => first.child.once('exit', (c) => r(c)));
    assert.equal(code, 0, 'graceful shutdown exits 0');
    if (process.env.PAVED_TEST_DB !== 'postgres') {
      const files = readdirSync(first.dataDir).filter((f) => f.startsWith('paved.sqlite'));
      for (const f of files) assert.equal(readFileSync(join(first.dataDir, f)).includes(token), false, `${f} holds the token in clear text`);
    }

    const second = await first.restart();
    running.push(second);
    assert.doesNotMatch(second.output(), /Paved admin token/);
    const after = await second.api<{ totalItems: number }>('GET', '/api/catalog/entities/by-query?limit=0', undefined, { token: null });
    assert.equal(after.body.totalItems, before.body.totalItems, 'same catalog after restart, demo not loaded twice');
    assert.equal((await second.api('GET', '/api/auth/whoami', undefined, { token })).status, 200);
  });

  it('turns guest access off with PAVED_GUEST_ACCESS=0', async () => {
    const p = await startPaved({ env: { PAVED_GUEST_ACCESS: '0' } });
    running.push(p);
    const anon = await p.api<{ error: { name: string; message: string } }>('GET', '/api/catalog/entities', undefined, { token: null });
    assert.equal(anon.status, 401);
    assert.equal(anon.body.error.name, 'AuthenticationError');
    assert.equal((await p.api('GET', '/api/catalog/entities')).status, 200);
  });

  it('answers /healthz, /readyz and /metrics', async () => {
    const p = await startPaved();
    running.push(p);
    assert.deepEqual((await p.api('GET', '/healthz', undefined, { token: null })).body, { status: 'ok' });
    assert.deepEqual((await p.api('GET', '/readyz', undefined, { token: null })).body, { status: 'ready' });
    await p.api('GET', '/api/catalog/entities');
    const metrics = await fetch(`${p.url}/metrics`).then((r) => r.text());
    assert.match(metrics, /paved_http_request_duration_seconds_count\{method="GET",route="\/api\/catalog\/entities",status="200"\} \d+/);
    assert.match(metrics, /paved_process_resident_memory_bytes \d+/);
  });
});
