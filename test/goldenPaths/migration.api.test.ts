// The golden path migration diff through the HTTP API, on a real server (SQLite or PostgreSQL per
// PAVED_TEST_DB): a path at 1.0.0, a service created from it by the scaffolder, the path moved to
// 2.0.0 — the migration lists the service with the files that changed and their diff lines.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GoldenPathMigration, GoldenPathMigrationService } from '../../src/contracts';
import { startScaffolderServer, type ScaffolderServer } from '../scaffolder/scaffolderFixtures';
import { EXPECTED, PATH, SERVICE, setUpBillingMigration, type Call } from './migrationFixture';

describe('golden path migration diff (API)', () => {
  let s: ScaffolderServer;
  let dir: string;
  let call: Call;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paved-gp-migration-'));
    s = await startScaffolderServer();
    call = (method, path, body) => s.paved.api(method, path, body);
    await setUpBillingMigration(call, dir);
  });
  after(async () => {
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the service behind with the exact files that changed and their diff lines', async () => {
    const res = await call<GoldenPathMigration>('GET', `/api/golden-paths/default/${PATH}/migration`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const m = res.body;
    assert.equal(m.version, '2.0.0');
    assert.deepEqual(m.diff.snapshots, ['2.0.0', '1.0.0']);
    assert.equal(m.diff.available, true);
    assert.equal(m.totalBehind, 1);
    const svc = m.behind[0];
    assert.ok(svc);
    assert.deepEqual([svc.entityRef, svc.version, svc.status], [SERVICE, '1.0.0', 'older']);
    assert.equal(svc.diff.available, true, svc.diff.reason ?? '');
    assert.deepEqual([svc.diff.fromVersion, svc.diff.toVersion, svc.diff.changedFiles, svc.diff.unchangedFiles, svc.diff.truncated], ['1.0.0', '2.0.0', 2, 1, false]);
    assert.deepEqual(svc.diff.files.map((f) => [f.path, f.change]), EXPECTED.files);
    const readme = svc.diff.files.find((f) => f.path === 'README.md');
    assert.equal(readme?.diff, EXPECTED.readme);
    assert.deepEqual([readme?.additions, readme?.deletions, readme?.binary], [4, 0, false]);
    assert.match(svc.diff.files.find((f) => f.path === 'catalog-info.yaml')?.diff ?? '', EXPECTED.catalogInfo);
  });

  it('one service by entity ref gives the same diff; a service not behind is a 404', async () => {
    const one = await call<GoldenPathMigrationService>('GET', `/api/golden-paths/default/${PATH}/migration/diff?entityRef=${encodeURIComponent(SERVICE)}`);
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.deepEqual(one.body.diff.files.map((f) => [f.path, f.change]), EXPECTED.files);
    const none = await call<{ error: { message: string } }>('GET', `/api/golden-paths/default/${PATH}/migration/diff?entityRef=component:default/nope`);
    assert.equal(none.status, 404);
    assert.match(none.body.error.message, /is not behind the current version/);
  });

  it('the diff route is in the OpenAPI document with its zod contract', async () => {
    const doc = await call<{ paths: Record<string, { get?: { responses?: Record<string, unknown> } }> }>('GET', '/api/openapi.json');
    assert.ok(doc.body.paths['/api/golden-paths/{namespace}/{name}/migration/diff']?.get?.responses?.['200']);
  });

  it('storing versions is idempotent: another run of the snapshot job writes nothing new', async () => {
    const snapshots = () => s.sql('SELECT path_ref, version, hash, taken_at FROM golden_path_snapshots ORDER BY version');
    const runs = async () => Number((await s.sql("SELECT count(*) AS n FROM jobs WHERE type = 'golden-paths.snapshot' AND status = 'done'"))[0]?.n);
    const stored = await snapshots();
    assert.deepEqual(stored.map((r) => [r.path_ref, r.version]), [[`goldenpath:default/${PATH}`, '1.0.0'], [`goldenpath:default/${PATH}`, '2.0.0']]);
    const done = await runs();
    // Any catalog change sets the job off again.
    writeFileSync(join(dir, 'other.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: unrelated\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n');
    assert.equal((await call('POST', '/api/catalog/refresh', { entityRef: `goldenpath:default/${PATH}` })).status, 200);
    const end = Date.now() + 30_000;
    while ((await runs()) <= done && Date.now() < end) await new Promise((r) => setTimeout(r, 250));
    assert.ok((await runs()) > done, 'the snapshot job ran again');
    assert.deepEqual(await snapshots(), stored);
  });

  it('a reader sees the service behind with a reason instead of the diff; nothing of the task leaks', async () => {
    const reader = await s.addToken('user:default/rita', ['reader']);
    const res = await s.paved.api<GoldenPathMigration>('GET', `/api/golden-paths/default/${PATH}/migration`, undefined, { token: reader });
    assert.equal(res.status, 200);
    assert.equal(res.body.diff.canCompute, false);
    const svc = res.body.behind[0];
    assert.equal(svc?.diff.available, false);
    assert.match(svc?.diff.reason ?? '', /scaffolder\.task\.dry-run/);
    assert.deepEqual(svc?.diff.files, []);
    assert.ok(!JSON.stringify(res.body).includes('Sends invoices'), 'no parameter value reaches a reader');
  });

  it('an editor who did not create the service sees why there is no diff', async () => {
    const bob = await s.addToken('user:default/bob', ['editor']);
    const res = await s.paved.api<GoldenPathMigration>('GET', `/api/golden-paths/default/${PATH}/migration`, undefined, { token: bob });
    assert.match(res.body.behind[0]?.diff.reason ?? '', /another user's task.*manage-all/);
  });
});
