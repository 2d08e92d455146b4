// Templates that cannot run are reported in the catalog's errors, not only at …/problems: through
// GET /api/catalog/errors (with file and line), the health totals, the entity's status, and `paved
// errors`; fixing the file clears them. Runs on the database PAVED_TEST_DB names.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PAVED_BIN } from '../helpers/startPaved';
import { ROOT, startScaffolderServer, until, type ScaffolderServer } from './scaffolderFixtures';

interface ErrorItem { id: string; locationId: string; locationKey: string; entityRef: string | null; kind: string; message: string; path: string | null; line: number | null }
interface ErrorPage { items: ErrorItem[]; totalItems: number }

const tmp = mkdtempSync(join(tmpdir(), 'paved-template-errors-'));
const dir = join(tmp, 'templates');
let s: ScaffolderServer;
let locationId = '';

// Line numbers below are of this file as written (the comment is line 1).
const BROKEN = `# A template with three problems the catalog accepts but the scaffolder cannot run.
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: broken-service
spec:
  owner: group:default/team-a
  type: service
  parameters:
    - title: Details
      properties:
        name:
          type: strin
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
    - id: announce
      action: chat:post
      input:
        message: \${{ steps.publish.output.remoteUrl }}
`;
const FIXED = BROKEN.replace('type: strin', 'type: string').replace('chat:post', 'debug:log').replace('steps.publish.output.remoteUrl', 'parameters.name');
const GOOD = FIXED.replace('broken-service', 'good-service');

function paved(args: string[]) {
  const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, PAVED_URL: s.paved.url, PAVED_TOKEN: s.paved.adminToken }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const errors = async (query = '') => (await s.paved.api<ErrorPage>('GET', `/api/catalog/errors${query}`)).body;
const templateErrors = async () => (await errors()).items.filter((e) => e.kind === 'template');

before(async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'broken.yaml'), BROKEN);
  writeFileSync(join(dir, 'good.yaml'), GOOD);
  s = await startScaffolderServer();
  const r = await s.paved.api<{ location: { id: string } }>('POST', '/api/catalog/locations', { type: 'file', target: `${dir}/*.yaml` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  locationId = r.body.location.id;
});
after(async () => {
  await s?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('template problems in the catalog errors', () => {
  it('lists each problem of the broken template with its file, line, path and entity; the good one has none', async () => {
    const items = await templateErrors();
    const shown = items.map((e) => `${e.line} ${e.path}: ${e.message}`).sort();
    assert.deepEqual(shown, [
      '10 spec.parameters[0]: invalid JSON Schema: schema is invalid: data/properties/name/type must be equal to one of the allowed values, '
        + 'data/properties/name/type must be array, data/properties/name/type must match a schema in anyOf',
      '22 spec.steps[1].action: unknown action "chat:post"',
      '24 spec.steps[1].input.message: refers to the output of step "publish", which does not exist',
    ]);
    for (const e of items) {
      assert.equal(e.entityRef, 'template:default/broken-service');
      assert.equal(e.locationId, locationId);
      assert.equal(e.locationKey, `file:${join(dir, 'broken.yaml')}`);
    }
    const byEntity = await errors('?entityRef=template:default/good-service');
    assert.deepEqual(byEntity, { items: [], totalItems: 0 });
    const byLocation = await errors(`?locationId=${locationId}`);
    assert.equal(byLocation.totalItems, 3);
  });

  it('counts them in the catalog health and shows them on the entity', async () => {
    const health = (await s.paved.api<{ totals: { errors: number }; withErrors: Array<{ entityRef: string }> }>('GET', '/api/catalog/health')).body;
    assert.equal(health.totals.errors, 3);
    assert.deepEqual(health.withErrors.map((e) => e.entityRef), ['template:default/broken-service']);
    const entity = (await s.paved.api<{ status?: { items: Array<{ level: string; message: string }> } }>('GET', '/api/catalog/entities/by-name/template/default/broken-service')).body;
    assert.ok(entity.status?.items.some((i) => i.level === 'error' && i.message === 'spec.steps[1].action: unknown action "chat:post"'), JSON.stringify(entity.status));
  });

  it('`paved errors` prints them as file:line: path: message [entity]', () => {
    const r = paved(['errors']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes(`${join(dir, 'broken.yaml')}:22: spec.steps[1].action: unknown action "chat:post" [template:default/broken-service]`), r.stdout);
    assert.match(r.stdout, /^3 error\(s\)$/m);
  });

  it('clears them once the file is fixed and refreshed, and drops them with the location', async () => {
    writeFileSync(join(dir, 'broken.yaml'), FIXED);
    assert.equal((await s.paved.api('POST', '/api/catalog/refresh', { entityRef: 'template:default/broken-service' })).status, 200);
    assert.deepEqual(await templateErrors(), []);
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    assert.equal((await s.paved.api('POST', '/api/catalog/refresh', { entityRef: 'template:default/broken-service' })).status, 200);
    assert.equal((await templateErrors()).length, 3);
    // Without anyone reading the errors list, the background check updates the entity page too.
    writeFileSync(join(dir, 'broken.yaml'), FIXED);
    assert.equal((await s.paved.api('POST', '/api/catalog/refresh', { entityRef: 'template:default/broken-service' })).status, 200);
    await until(async () => {
      const e = (await s.paved.api<{ status?: { items: unknown[] } }>('GET', '/api/catalog/entities/by-name/template/default/broken-service')).body;
      return (e.status?.items.length ?? 0) === 0 ? true : undefined;
    }, 20_000, 'entity status cleared');
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    assert.equal((await s.paved.api('POST', '/api/catalog/refresh', { entityRef: 'template:default/broken-service' })).status, 200);
    assert.equal((await templateErrors()).length, 3);
    assert.equal((await s.paved.api('DELETE', `/api/catalog/locations/${locationId}`)).status, 204);
    assert.deepEqual(await errors(), { items: [], totalItems: 0 });
  });
});
