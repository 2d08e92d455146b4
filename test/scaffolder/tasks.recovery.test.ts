// A server killed (SIGKILL) in the middle of a task: after restart the job runs again, writes a
// `recovered` event, and — the template not opting in to resuming — fails the task cleanly: the
// catalog registration and the published repository are undone. A template with
// `EXPERIMENTAL_recovery: startOver` resumes from its checkpoint instead and completes.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PavedProcess } from '../helpers/startPaved';
import { PUBLISH_STEPS, WAIT_STEP, startScaffolderServer, until, writeTemplate, type ScaffolderServer } from './scaffolderFixtures';

interface Task { status: string; error?: string; steps: Array<{ id: string; status: string }> }
interface TaskEvent { type: string; body: { message: string } }

const tmp = mkdtempSync(join(tmpdir(), 'paved-scaffolder-crash-'));
let s: ScaffolderServer;
let live: PavedProcess;

const api = <T>(method: string, path: string, body?: unknown) => live.api<T>(method, path, body);
const task = async (id: string) => (await api<Task>('GET', `/api/scaffolder/v2/tasks/${id}`)).body;
const entityExists = async (name: string) => (await api('GET', `/api/catalog/entities/by-name/component/default/${name}`)).status === 200;

before(async () => {
  s = await startScaffolderServer();
  live = s.paved;
  for (const [name, extraSpec] of [['crash-default', ''], ['crash-resume', '  EXPERIMENTAL_recovery:\n    EXPERIMENTAL_strategy: startOver']] as const) {
    const r = await api('POST', '/api/catalog/locations', { type: 'file', target: writeTemplate(tmp, name, { steps: `${PUBLISH_STEPS}\n${WAIT_STEP}`, extraSpec }) });
    assert.equal(r.status, 201);
  }
});
after(async () => {
  await live?.stop();
  await s?.stop().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

async function startAndKill(templateRef: string, name: string, wait: number): Promise<string> {
  const r = await api<{ id: string }>('POST', '/api/scaffolder/v2/tasks', { templateRef, values: { name, wait } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  await until(async () => ((await task(id)).steps.find((x) => x.id === 'wait')?.status === 'processing' ? true : undefined), 60_000, 'the wait step');
  assert.ok(await entityExists(name), 'registered before the crash');
  await live.kill();
  live = await live.restart();
  s.paved = live;
  return id;
}

describe('scaffolder tasks across a crash (kill -9)', () => {
  it('fails the interrupted task with a recovered event and undoes its registration and repository', async () => {
    const id = await startAndKill('template:default/crash-default', 'crashed-svc', 300);
    await until(async () => ((await task(id)).status === 'failed' ? true : undefined), 120_000, 'failed after recovery');
    const t = await task(id);
    assert.match(t.error ?? '', /server stopped/);
    assert.equal(t.steps.find((x) => x.id === 'wait')?.status, 'failed');
    const events = (await api<TaskEvent[]>('GET', `/api/scaffolder/v2/tasks/${id}/events`)).body;
    assert.ok(events.some((e) => e.type === 'recovered'), JSON.stringify(events.map((e) => e.type)));
    assert.equal(events.at(-1)?.type, 'completion');
    assert.equal(await entityExists('crashed-svc'), false, 'no orphan registration');
    const locations = (await api<Array<{ data: { target: string } }>>('GET', '/api/catalog/locations')).body;
    assert.ok(!locations.some((l) => l.data.target.includes('crashed-svc')), JSON.stringify(locations));
    assert.equal(existsSync(join(live.dataDir, 'repos/team-a/crashed-svc.git')), false, 'published repository removed by compensation');
  });

  it('resumes from the checkpoint when the template opts in (startOver) and completes', async () => {
    const id = await startAndKill('template:default/crash-resume', 'resumed-svc', 4);
    await until(async () => ((await task(id)).status === 'completed' ? true : undefined), 120_000, 'completed after resuming');
    const events = (await api<TaskEvent[]>('GET', `/api/scaffolder/v2/tasks/${id}/events`)).body;
    assert.ok(events.some((e) => e.type === 'recovered'));
    assert.ok(events.some((e) => /completed before the restart/.test(e.body.message)), 'completed steps reused');
    assert.ok(await entityExists('resumed-svc'));
  });
});
