// The scaffolder commands of the real `paved` binary against a running server: templates, create
// (dry run, --follow, typed --set), tasks, cancel and retry.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PAVED_BIN } from '../helpers/startPaved';
import { GOLDEN_TEMPLATE, PUBLISH_STEPS, ROOT, WAIT_STEP, startScaffolderServer, until, writeTemplate, type ScaffolderServer } from './scaffolderFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'paved-scaffolder-cli-'));
let s: ScaffolderServer;
let env: Record<string, string>;

function paved(args: string[]) {
  const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  s = await startScaffolderServer();
  env = { PAVED_URL: s.paved.url, PAVED_TOKEN: s.paved.adminToken };
  for (const target of [GOLDEN_TEMPLATE, writeTemplate(tmp, 'slow-cli', { steps: `${PUBLISH_STEPS}\n${WAIT_STEP}` })]) {
    assert.equal((await s.paved.api('POST', '/api/catalog/locations', { type: 'file', target })).status, 201);
  }
});
after(async () => {
  await s?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('paved create / templates / tasks (the real binary)', () => {
  const values = ['--set', 'name=cli-svc', '--set', 'description=Made by the CLI test', '--set', 'owner=group:default/team-a', '--set', 'repoUrl=paved?owner=team-a&repo=cli-svc'];

  it('lists templates', () => {
    const r = paved(['templates']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^REF\s+TYPE/m);
    assert.match(r.stdout, /template:default\/typescript-http-service\s+service\s+group:default\/platform-team/);
  });

  it('dry-runs: files with sizes and the entity, nothing created', () => {
    const r = paved(['create', 'typescript-http-service', ...values, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /nothing was created/);
    assert.match(r.stdout, /^catalog-info\.yaml\s+\d+$/m);
    assert.match(r.stdout, /name: "cli-svc"/);
    const json = JSON.parse(paved(['create', 'typescript-http-service', ...values, '--dry-run', '-o', 'json']).stdout) as { directoryContents: Array<{ path: string; base64Content: string }> };
    assert.ok(json.directoryContents.some((f) => f.path === 'package.json' && f.base64Content.length > 0));
    assert.equal(existsSync(join(s.paved.dataDir, 'repos/team-a/cli-svc.git')), false);
  });

  it('creates and follows a task to completion; bad values exit non-zero naming the field', () => {
    const r = paved(['create', 'template:default/typescript-http-service', ...values, '--follow']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\[publish\] Finished step/);
    assert.match(r.stdout, /completion/);
    assert.match(r.stdout, /Status:\s+completed/);
    assert.ok(existsSync(join(s.paved.dataDir, 'repos/team-a/cli-svc.git/HEAD')));
    const bad = paved(['create', 'typescript-http-service', '--set', 'name=Bad Name', '--set', 'owner=x', '--set', 'repoUrl=paved?owner=a&repo=b']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /400.*name/);
    const list = paved(['tasks']);
    assert.match(list.stdout, /template:default\/typescript-http-service\s+completed\s+token:admin/);
  });

  it('types --set by the schema, cancels and retries; a cancelled --follow exits non-zero', async () => {
    writeFileSync(join(tmp, 'values.yaml'), 'name: cli-slow\n');
    const created = paved(['create', 'slow-cli', '--values', join(tmp, 'values.yaml'), '--set', 'wait=60', '-o', 'json']);
    assert.equal(created.code, 0, created.stderr);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const shown = JSON.parse(paved(['tasks', id, '-o', 'json']).stdout) as { spec: { parameters: { wait: unknown; name: string } } };
    assert.equal(shown.spec.parameters.wait, 60, 'a number, as the schema says');
    assert.equal(shown.spec.parameters.name, 'cli-slow');
    await until(async () => ((JSON.parse(paved(['tasks', id, '-o', 'json']).stdout) as { steps: Array<{ id: string; status: string }> }).steps.find((x) => x.id === 'wait')?.status === 'processing' ? true : undefined), 60_000, 'wait step');
    const cancel = paved(['tasks', 'cancel', id]);
    assert.equal(cancel.code, 0, cancel.stderr);
    const followed = paved(['tasks', id, '--follow']);
    assert.equal(followed.code, 1);
    assert.match(followed.stdout, /cancelled/);
    // Retry with the same values would wait a minute again; a retry of a cancelled task is accepted, then cancelled.
    const retry = paved(['tasks', 'retry', id]);
    assert.equal(retry.code, 0, retry.stderr);
    assert.match(retry.stdout, /queued again/);
    assert.equal(paved(['tasks', 'cancel', id]).code, 0);
    await until(async () => ((JSON.parse(paved(['tasks', id, '-o', 'json']).stdout) as { status: string }).status === 'cancelled' ? true : undefined), 60_000, 'cancelled again');
  });
});
