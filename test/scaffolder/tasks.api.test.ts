// The scaffolder's task API against the real server: golden path end to end (SSE until completion, the
// bare repository, the new Component), dry run without side effects, validation, cancel, retry,
// secrets never shown, and who may do what.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GOLDEN_TEMPLATE, PUBLISH_STEPS, WAIT_STEP, readEventStream, startScaffolderServer, until, writeTemplate, type ScaffolderServer } from './scaffolderFixtures';

interface Task { id: string; status: string; createdBy: string; spec: { steps: Array<{ id: string }>; templateInfo: { entityRef: string } }; steps: Array<{ id: string; status: string }>; output?: Record<string, unknown>; error?: string; lastHeartbeatAt?: string; permissions: { cancel: boolean; retry: boolean } }
interface Envelope { error: { name: string; message: string; problems?: Array<{ field?: string; path?: string; message: string }> }; response: { statusCode: number } }
interface TaskEvent { id: number; type: string; body: { message: string; stepId?: string; status?: string } }

const SECRET = 'Sup3r-Secret-Token-value-42';
const tmp = mkdtempSync(join(tmpdir(), 'paved-scaffolder-'));
let s: ScaffolderServer;
let alice: string;
let bob: string;
let reader: string;

const api = <T>(method: string, path: string, body?: unknown, token?: string | null) => s.paved.api<T>(method, path, body, token === undefined ? {} : { token });
const register = async (target: string) => {
  const r = await api<{ entities: unknown[] }>('POST', '/api/catalog/locations', { type: 'file', target });
  assert.equal(r.status, 201, JSON.stringify(r.body));
};
const createTask = async (templateRef: string, values: Record<string, unknown>, token?: string, secrets?: Record<string, string>) => {
  const r = await api<{ id: string }>('POST', '/api/scaffolder/v2/tasks', { templateRef, values, ...(secrets ? { secrets } : {}) }, token);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
};
const task = async (id: string, token?: string) => (await api<Task>('GET', `/api/scaffolder/v2/tasks/${id}`, undefined, token)).body;
const events = async (id: string) => (await api<TaskEvent[]>('GET', `/api/scaffolder/v2/tasks/${id}/events`)).body;
const waitStatus = (id: string, status: string, ms = 90_000) => until(async () => ((await task(id)).status === status ? true : undefined), ms, `task ${id} ${status}`);
const entity = async (ref: string) => {
  const [kind, rest] = ref.split(':') as [string, string];
  const r = await api<{ metadata: { annotations: Record<string, string> } }>('GET', `/api/catalog/entities/by-name/${kind}/${rest.replace('/', '/')}`);
  return r.status === 200 ? r.body : undefined;
};

before(async () => {
  s = await startScaffolderServer();
  [alice, bob, reader] = await Promise.all([s.addToken('user:default/alice', ['editor']), s.addToken('user:default/bob', ['editor']), s.addToken('user:default/rita', ['reader'])]);
  await register(GOLDEN_TEMPLATE);
  await register(writeTemplate(tmp, 'slow-service', { steps: `${PUBLISH_STEPS}\n${WAIT_STEP}` }));
  await register(writeTemplate(tmp, 'needs-dep', {
    steps: ['    - id: dep', '      action: catalog:fetch', '      input:', '        entityRef: component:default/retry-dep',
      '    - id: log', '      action: debug:log', '      input:', '        message: "token is ${{ secrets.token }}"'].join('\n'),
  }));
  await register(writeTemplate(tmp, 'broken', { steps: ['    - id: nope', '      action: does:not-exist'].join('\n') }));
});
after(async () => {
  await s?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('scaffolder tasks API', () => {
  it('runs the TypeScript golden path: SSE to completion, bare repository, Component in the catalog', async () => {
    const id = await createTask('template:default/typescript-http-service', { name: 'orders-api', description: 'Takes orders', owner: 'group:default/team-a', repoUrl: 'paved?owner=team-a&repo=orders-api' }, alice);
    const stream = await readEventStream(`${s.paved.url}/api/scaffolder/v2/tasks/${id}/eventstream`, alice);
    const last = stream.at(-1);
    assert.equal(last?.event, 'completion', JSON.stringify(stream.map((e) => e.data.body)));
    assert.equal(last?.data.body.status, 'completed', JSON.stringify(last?.data.body));
    assert.ok(stream.some((e) => e.event === 'log' && e.data.body.stepId === 'publish' && e.data.body.status === 'completed'));
    const t = await task(id, alice);
    assert.equal(t.status, 'completed');
    assert.equal(t.createdBy, 'user:default/alice');
    assert.ok(t.lastHeartbeatAt);
    assert.deepEqual(t.steps.map((x) => `${x.id}:${x.status}`), ['fetch:completed', 'publish:completed', 'register:completed']);
    assert.deepEqual(t.spec.steps.map((x) => x.id), ['fetch', 'publish', 'register']);
    assert.equal(t.spec.templateInfo.entityRef, 'template:default/typescript-http-service');
    assert.match(JSON.stringify(t.output), /component:default\/orders-api/);
    const bare = join(s.paved.dataDir, 'repos/team-a/orders-api.git');
    assert.ok(existsSync(join(bare, 'HEAD')), 'bare repository exists');
    const files = execFileSync('git', ['--git-dir', bare, 'ls-tree', '-r', '--name-only', 'main'], { encoding: 'utf8' }).split('\n');
    for (const f of ['catalog-info.yaml', 'package.json', 'src/server.ts', '.github/workflows/ci.yml']) assert.ok(files.includes(f), `${f} in ${files.join(',')}`);
    assert.match(execFileSync('git', ['--git-dir', bare, 'show', 'main:catalog-info.yaml'], { encoding: 'utf8' }), /name: "orders-api"/);
    const component = await entity('component:default/orders-api');
    assert.ok(component, 'component registered');
    assert.equal(component.metadata.annotations['backstage.io/source-template'], 'template:default/typescript-http-service');
    assert.equal(component.metadata.annotations['paved.dev/golden-path-version'], '1.0.0');
    assert.equal(existsSync(join(s.paved.dataDir, 'scaffolder/workspaces', id)), false, 'workspace deleted after completion');
    const audit = await api<{ items: Array<{ action: string; target: string; actor: string }> }>('GET', '/api/audit?action=scaffolder.task.create');
    assert.ok(audit.body.items.some((e) => e.target === `task:${id}` && e.actor === 'user:default/alice'));
  });

  it('dry-runs without side effects and returns the files', async () => {
    const before = (await api<unknown[]>('GET', '/api/catalog/locations')).body.length;
    const r = await api<{ log: unknown[]; directoryContents: Array<{ path: string; base64Content: string }>; output: unknown; steps: unknown[] }>('POST', '/api/scaffolder/v2/dry-run', {
      templateRef: 'template:default/typescript-http-service', values: { name: 'dry-svc', owner: 'group:default/team-a', repoUrl: 'paved?owner=team-a&repo=dry-svc' },
    }, alice);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const info = r.body.directoryContents.find((f) => f.path === 'catalog-info.yaml');
    assert.ok(info, r.body.directoryContents.map((f) => f.path).join(','));
    assert.match(Buffer.from(info.base64Content, 'base64').toString(), /name: "dry-svc"/);
    assert.equal(r.body.steps.length, 3);
    assert.equal(existsSync(join(s.paved.dataDir, 'repos/team-a/dry-svc.git')), false, 'no repository');
    assert.equal(await entity('component:default/dry-svc'), undefined, 'no entity');
    assert.equal((await api<unknown[]>('GET', '/api/catalog/locations')).body.length, before, 'no location');
    assert.deepEqual(readdirSync(join(s.paved.dataDir, 'scaffolder/dry-runs')), [], 'scratch space removed');
  });

  it('dry-runs an inline template with directoryContents (Backstage shape)', async () => {
    const template = { apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 'inline' }, spec: { type: 'x', parameters: { properties: { who: { type: 'string' } } }, steps: [{ id: 'f', action: 'fetch:template', input: { url: './skel', values: { who: '${{ parameters.who }}' } } }] } };
    const r = await api<{ directoryContents: Array<{ path: string; base64Content: string }> }>('POST', '/api/scaffolder/v2/dry-run', {
      template, values: { who: 'world' }, directoryContents: [{ path: 'skel/hello.txt', base64Content: Buffer.from('hello ${{ values.who }}').toString('base64') }],
    }, alice);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(Buffer.from(r.body.directoryContents.find((f) => f.path === 'hello.txt')?.base64Content ?? '', 'base64').toString(), 'hello world');
  });

  it('rejects invalid values with 400 naming the field, unknown templates with 404, broken templates with their problems', async () => {
    const bad = await api<Envelope>('POST', '/api/scaffolder/v2/tasks', { templateRef: 'template:default/typescript-http-service', values: { name: 'Not Valid!', owner: 'group:default/team-a' } }, alice);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.name, 'InputError');
    assert.equal(bad.body.response.statusCode, 400);
    assert.match(bad.body.error.message, /name/);
    const fields = (bad.body.error.problems ?? []).map((p) => p.field);
    assert.ok(fields.includes('name') && fields.includes('repoUrl'), JSON.stringify(bad.body.error.problems));
    const missing = await api<Envelope>('POST', '/api/scaffolder/v2/tasks', { templateRef: 'template:default/nope', values: {} }, alice);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.name, 'NotFoundError');
    const broken = await api<Envelope>('POST', '/api/scaffolder/v2/tasks', { templateRef: 'template:default/broken', values: { name: 'x' } }, alice);
    assert.equal(broken.status, 400);
    assert.match(JSON.stringify(broken.body.error.problems), /does:not-exist/);
    const problems = await api<{ valid: boolean; problems: Array<{ path: string; message: string }> }>('GET', '/api/scaffolder/v2/templates/default/template/broken/problems', undefined, null);
    assert.equal(problems.status, 200);
    assert.equal(problems.body.valid, false);
    assert.match(JSON.stringify(problems.body.problems), /does:not-exist/);
  });

  it('serves the parameter schema, the actions and the OpenAPI document', async () => {
    const schema = await api<{ title: string; steps: Array<{ title: string; schema: { properties: Record<string, unknown> } }> }>('GET', '/api/scaffolder/v2/templates/default/template/typescript-http-service/parameter-schema', undefined, null);
    assert.equal(schema.status, 200);
    assert.equal(schema.body.title, 'TypeScript HTTP service');
    assert.deepEqual(schema.body.steps.map((x) => x.title), ['Service details', 'Repository']);
    assert.ok(schema.body.steps[0]?.schema.properties.name);
    const actions = await api<Array<{ id: string }>>('GET', '/api/scaffolder/v2/actions');
    for (const a of ['fetch:template', 'publish:git', 'catalog:register', 'debug:wait']) assert.ok(actions.body.some((x) => x.id === a), a);
    const openapi = await api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    for (const p of ['/api/scaffolder/v2/tasks', '/api/scaffolder/v2/tasks/{taskId}/cancel', '/api/scaffolder/v2/dry-run']) assert.ok(openapi.body.paths[p], p);
  });

  it('cancels a running task: cancelled event, registration undone, repository removed', async () => {
    const id = await createTask('template:default/slow-service', { name: 'cancel-me', wait: 120 }, alice);
    await until(async () => ((await task(id, alice)).steps.find((x) => x.id === 'wait')?.status === 'processing' ? true : undefined), 60_000, 'wait step');
    assert.ok(await entity('component:default/cancel-me'), 'registered before the wait');
    const r = await api<{ status: string }>('POST', `/api/scaffolder/v2/tasks/${id}/cancel`, undefined, alice);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { status: 'cancelled' });
    await waitStatus(id, 'cancelled', 30_000);
    const ev = await events(id);
    assert.equal(ev.at(-1)?.type, 'cancelled');
    assert.equal(await entity('component:default/cancel-me'), undefined, 'registration undone');
    assert.equal(existsSync(join(s.paved.dataDir, 'repos/team-a/cancel-me.git')), false, 'repository removed');
    const again = await api<Envelope>('POST', `/api/scaffolder/v2/tasks/${id}/cancel`, undefined, alice);
    assert.equal(again.status, 409);
  });

  it('retries a failed task from scratch; secrets never appear in responses, events or logs', async () => {
    const id = await createTask('template:default/needs-dep', { name: 'x' }, alice, { token: SECRET });
    await waitStatus(id, 'failed');
    const failed = await task(id, alice);
    assert.match(failed.error ?? '', /retry-dep/);
    assert.equal(failed.permissions.retry, true);
    const depFile = join(tmp, 'retry-dep.yaml');
    writeFileSync(depFile, 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: retry-dep\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/team-a\n');
    await register(depFile);
    const retry = await api<{ id: string }>('POST', `/api/scaffolder/v2/tasks/${id}/retry`, undefined, alice);
    assert.equal(retry.status, 201, JSON.stringify(retry.body));
    await waitStatus(id, 'completed');
    const done = await task(id, alice);
    assert.equal((done as unknown as { runs: number }).runs, 2);
    const ev = await events(id);
    assert.ok(ev.some((e) => /token is \*\*\*/.test(e.body.message)), JSON.stringify(ev.map((e) => e.body.message)));
    const everything = JSON.stringify([done, ev, (await api('GET', '/api/scaffolder/v2/tasks')).body, (await api('GET', '/api/audit')).body]);
    assert.ok(!everything.includes(SECRET), 'secret in an API response');
    assert.ok(!s.paved.output().includes(SECRET), 'secret in the server log');
    const rows = await s.sql('SELECT encrypted_secrets FROM scaffolder_tasks WHERE id = ?', [id]);
    assert.match(String(rows[0]?.encrypted_secrets), /^enc:v1:/);
    assert.ok(!String(rows[0]?.encrypted_secrets).includes(SECRET));
  });

  it('authorizes: guests and readers cannot run templates; users see only their own tasks', async () => {
    const body = { templateRef: 'template:default/slow-service', values: { name: 'authz-svc', wait: 0 } };
    assert.equal((await api('POST', '/api/scaffolder/v2/tasks', body, null)).status, 401);
    assert.equal((await api('POST', '/api/scaffolder/v2/tasks', body, reader)).status, 403);
    assert.equal((await api('POST', '/api/scaffolder/v2/dry-run', body, null)).status, 401);
    const id = await createTask(body.templateRef, body.values, alice);
    assert.equal((await api('GET', `/api/scaffolder/v2/tasks/${id}`, undefined, bob)).status, 404);
    assert.equal((await api('GET', `/api/scaffolder/v2/tasks/${id}/events`, undefined, bob)).status, 404);
    assert.equal((await api('POST', `/api/scaffolder/v2/tasks/${id}/cancel`, undefined, bob)).status, 404);
    const bobs = await api<{ tasks: Task[]; totalTasks: number }>('GET', '/api/scaffolder/v2/tasks', undefined, bob);
    assert.equal(bobs.body.totalTasks, 0);
    const forced = await api<{ tasks: Task[] }>('GET', '/api/scaffolder/v2/tasks?createdBy=user:default/alice', undefined, bob);
    assert.equal(forced.body.tasks.length, 0);
    const alices = await api<{ tasks: Task[]; totalTasks: number }>('GET', '/api/scaffolder/v2/tasks?limit=2', undefined, alice);
    assert.ok(alices.body.totalTasks >= 3);
    assert.equal(alices.body.tasks.length, 2);
    assert.ok(alices.body.tasks.every((t) => t.createdBy === 'user:default/alice'));
    assert.equal((await api('GET', `/api/scaffolder/v2/tasks/${id}`)).status, 200, 'admin reads anyone\'s task');
    const filtered = await api<{ tasks: Task[] }>('GET', '/api/scaffolder/v2/tasks?status=completed', undefined, alice);
    assert.ok(filtered.body.tasks.every((t) => t.status === 'completed'));
    await waitStatus(id, 'completed');
  });
});
