import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { TemplateStepError } from './errors';
import { echoAction, git, recordingCatalog, runRecorded, template, tempDir, testDeps, waitForAbortAction, writeFiles } from './engineTestKit';
import { createScaffolderEngine } from './scaffolderEngine';
import type { TemplateStepState } from './types';

const GOLDEN = fileURLToPath(new URL('../../../../../examples/golden-paths/typescript-http-service/', import.meta.url));

async function goldenTemplate(): Promise<Record<string, unknown>> {
  const t = parse(await readFile(join(GOLDEN, 'template.yaml'), 'utf8')) as { metadata: { annotations: Record<string, string> } };
  t.metadata.annotations['backstage.io/managed-by-location'] = `file:${join(GOLDEN, 'template.yaml')}`;
  return t as unknown as Record<string, unknown>;
}

const goldenValues = {
  name: 'orders-api',
  description: 'Takes "orders": fast',
  owner: 'group:default/platform-team',
  repoUrl: 'paved?owner=acme&repo=orders-api',
};

let root: { dir: string; cleanup(): Promise<void> };
let n = 0;
const fresh = async () => {
  const base = join(root.dir, `case-${++n}`);
  await writeFiles(base, { 'workspace/.keep': '' });
  return { data: join(base, 'data'), ws: join(base, 'workspace'), base };
};

before(async () => { root = await tempDir(); });
after(async () => { await root.cleanup(); });

describe('runTemplate: the typescript-http-service golden path', () => {
  it('renders the skeleton, publishes a local bare repository and registers it in the catalog', async () => {
    const { data, ws } = await fresh();
    const catalog = recordingCatalog();
    const engine = createScaffolderEngine(testDeps(data, catalog));
    const rec = await runRecorded(engine, { template: await goldenTemplate(), values: goldenValues, workspaceDir: ws, templateRef: 'template:default/typescript-http-service' });
    assert.equal(rec.error, undefined, String(rec.error));
    const bare = join(data, 'repos', 'acme', 'orders-api.git');
    const files = git(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n').filter(Boolean);
    for (const f of ['catalog-info.yaml', 'package.json', 'src/server.ts', '.github/workflows/ci.yml', 'Dockerfile']) assert.ok(files.includes(f), `${f} committed`);
    assert.ok(!files.some((f) => f.startsWith('.paved-fetch')), 'no scratch directory committed');
    const info = parse(git(bare, 'show', 'main:catalog-info.yaml')) as { metadata: { name: string; description: string }; spec: { owner: string } };
    assert.equal(info.metadata.name, 'orders-api');
    assert.equal(info.metadata.description, 'Takes "orders": fast');
    assert.equal(info.spec.owner, 'group:default/platform-team');
    assert.match(git(bare, 'show', 'main:README.md'), /^# orders-api/);
    assert.equal(git(bare, 'log', '-1', '--format=%an <%ae>|%s', 'main').trim(), 'Paved Scaffolder <scaffolder@paved.invalid>|Initial commit');

    assert.equal(catalog.registered.length, 1);
    assert.deepEqual(catalog.registered[0]?.location, { type: 'git', target: `${bare}#main:catalog-info.yaml` });
    assert.equal(catalog.registered[0]?.dryRun, false);
    const out = rec.result!.output as { links: Array<{ title: string; url?: string; entityRef?: string }> };
    assert.deepEqual(out.links, [
      { title: 'Repository', url: `file://${bare}` },
      { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/orders-api' },
    ]);
    assert.deepEqual(rec.result!.steps.map((s) => [s.id, s.status]), [['fetch', 'completed'], ['publish', 'completed'], ['register', 'completed']]);
    const publish = rec.result!.steps[1]!.output!;
    assert.match(String(publish.commitHash), /^[0-9a-f]{40}$/);
    assert.equal(publish.commitHash, git(bare, 'rev-parse', 'main').trim());
    assert.equal(rec.checkpoints.length, 3, 'a checkpoint after every step');
    assert.deepEqual(Object.keys(rec.checkpoints[2]!.completed), ['fetch', 'publish', 'register']);
    assert.deepEqual(rec.checkpoints[2]!.compensations.map((c) => c.action), ['publish:git', 'catalog:register']);
    assert.equal(rec.result!.files, undefined, 'files only in a dry run');
    assert.ok(rec.steps.some((s) => s.id === 'publish' && s.status === 'processing' && s.startedAt));
  });

  it('dry run: touches nothing outside the workspace, returns the files and shows what would be registered', async () => {
    const { data, ws } = await fresh();
    const catalog = recordingCatalog();
    const engine = createScaffolderEngine(testDeps(data, catalog));
    const rec = await runRecorded(engine, { template: await goldenTemplate(), values: goldenValues, workspaceDir: ws, dryRun: true });
    assert.equal(rec.error, undefined, String(rec.error));
    assert.equal(existsSync(data), false, 'the data directory was not created');
    const files = rec.result!.files!;
    const info = files.find((f) => f.path === 'catalog-info.yaml');
    assert.ok(info);
    assert.match(Buffer.from(info.base64Content, 'base64').toString('utf8'), /name: "orders-api"/);
    assert.ok(!files.some((f) => f.path.startsWith('.git/')));
    assert.equal(rec.result!.steps[1]!.output!.commitHash, 'dry-run');
    assert.equal(rec.result!.steps[1]!.output!.dryRun, true);
    assert.deepEqual(catalog.registered.map((r) => [r.dryRun, r.location.type, r.location.target]), [[true, 'file', join(ws, 'catalog-info.yaml')]]);
    assert.equal(rec.result!.steps[2]!.output!.entityRef, 'component:default/orders-api');
    assert.equal(existsSync(join(ws, '.git')), false, 'no git repository in the workspace');
  });
});

describe('runTemplate: expressions', () => {
  it('preserves types, skips on falsy `if`, runs `each` per item and masks secrets', async () => {
    const { data, ws } = await fresh();
    const engine = createScaffolderEngine(testDeps(data), { extraActions: [echoAction] });
    const t = template(ws, {
      parameters: { properties: { count: { type: 'number' }, enabled: { type: 'boolean' }, items: { type: 'array' }, empty: { type: 'array', default: [] }, label: { type: 'string', default: 'x' } } },
      steps: [
        { id: 'a', action: 'test:echo', input: { value: '${{ parameters.count }}', flag: '${{ parameters.enabled }}', list: '${{ parameters.items }}', text: 'n=${{ parameters.count }}', who: '${{ user.ref }}' } },
        { id: 'b', action: 'test:echo', if: '${{ not parameters.enabled }}', input: { x: 1 } },
        { id: 'c', action: 'test:echo', if: '${{ parameters.empty }}', input: { x: 1 } },
        { id: 'd', action: 'test:echo', if: false, input: { x: 1 } },
        { id: 'e', action: 'test:echo', each: '${{ parameters.items }}', input: { name: '${{ each.value.name }}', key: '${{ each.key }}', first: '${{ steps.a.output.value }}' } },
        { action: 'test:echo', input: { secret: 'Bearer ${{ secrets.apiToken }}' } },
        { action: 'debug:log', input: { message: 'token=${{ secrets.apiToken }} label=${{ parameters.label }}' } },
      ],
      output: {
        count: '${{ steps.a.output.value }}',
        names: '${{ steps.e.output.name }}',
        links: [{ title: 'shown', url: 'https://x', if: '${{ parameters.enabled }}' }, { title: 'hidden', url: 'https://y', if: '${{ parameters.empty }}' }],
      },
    });
    const rec = await runRecorded(engine, {
      template: t, workspaceDir: ws, secrets: { apiToken: 's3cr3t-value' }, user: { ref: 'user:default/ada' },
      values: { count: 3, enabled: true, items: [{ name: 'one' }, { name: 'two' }] },
    });
    assert.equal(rec.error, undefined, String(rec.error));
    const byId = Object.fromEntries(rec.result!.steps.map((s) => [s.id, s]));
    assert.deepEqual(byId.a!.output, { value: 3, flag: true, list: [{ name: 'one' }, { name: 'two' }], text: 'n=3', who: 'user:default/ada' });
    assert.deepEqual(['b', 'c', 'd'].map((id) => byId[id]!.status), ['skipped', 'skipped', 'skipped']);
    assert.deepEqual(byId.e!.output, { name: ['one', 'two'], key: ['0', '1'], first: [3, 3] });
    assert.equal(byId['step-6']!.name, 'test:echo');
    assert.deepEqual(byId['step-6']!.output, { secret: 'Bearer ***' });
    assert.deepEqual(rec.result!.output, { count: 3, names: ['one', 'two'], links: [{ title: 'shown', url: 'https://x' }] });
    const logText = JSON.stringify(rec.logs);
    assert.ok(logText.includes('token=*** label=x'), 'debug:log message logged, masked, with the default applied');
    assert.ok(!logText.includes('s3cr3t-value'));
    assert.ok(!JSON.stringify(rec.checkpoints).includes('s3cr3t-value'));
  });

  it('rejects invalid values before running anything', async () => {
    const { data, ws } = await fresh();
    const engine = createScaffolderEngine(testDeps(data));
    const rec = await runRecorded(engine, { template: await goldenTemplate(), workspaceDir: ws, values: { ...goldenValues, name: 'Bad Name', extra: 1 } });
    assert.equal((rec.error as Error).name, 'TemplateValuesError');
    assert.match((rec.error as Error).message, /name must match pattern/);
    assert.equal(rec.steps.length, 0);
  });
});

describe('runTemplate: failure, resume and cancel', () => {
  it('a failing step compensates earlier steps in reverse order and names the step and input', async () => {
    const { data, ws } = await fresh();
    const catalog = recordingCatalog();
    const engine = createScaffolderEngine(testDeps(data, catalog));
    const t = await goldenTemplate() as { spec: { steps: unknown[] } };
    t.spec.steps.push({ id: 'tidy', action: 'fs:rename', input: { files: [{ from: 'does-not-exist.txt', to: 'x.txt' }] } });
    const rec = await runRecorded(engine, { template: t, values: goldenValues, workspaceDir: ws });
    assert.ok(rec.error instanceof TemplateStepError, String(rec.error));
    assert.equal(rec.error.stepId, 'tidy');
    assert.equal(rec.error.action, 'fs:rename');
    assert.equal(rec.error.input, 'files[0].from');
    assert.match(rec.error.message, /Step "tidy" \(fs:rename, input "files\[0\]\.from"\) failed: does-not-exist\.txt does not exist/);
    assert.equal(existsSync(join(data, 'repos', 'acme', 'orders-api.git')), false, 'the published repository was deleted');
    assert.deepEqual(catalog.unregistered, [catalog.registered[0]!.locationId]);
    const messages = rec.logs.map((l) => l.message);
    const undoRegister = messages.findIndex((m) => m.includes('Compensating step "register"'));
    const undoPublish = messages.findIndex((m) => m.includes('Compensating step "publish"'));
    assert.ok(undoRegister !== -1 && undoPublish > undoRegister, 'newest first');
    assert.equal(rec.steps.at(-1)?.status, 'failed');
    assert.match(rec.steps.at(-1)?.error ?? '', /does not exist/);
    const last = rec.checkpoints.at(-1)!;
    assert.deepEqual(Object.keys(last.completed), ['fetch'], 'undone steps are no longer completed');
    assert.deepEqual(last.compensations, []);
  });

  it('resumes from a checkpoint without re-running completed steps', async () => {
    const { data, ws } = await fresh();
    const engine = createScaffolderEngine(testDeps(data), { extraActions: [echoAction] });
    const t = template(ws, {
      steps: [
        // Would fail if it ran again: the url does not exist.
        { id: 'fetch', action: 'fetch:plain', input: { url: './missing' } },
        { id: 'use', action: 'test:echo', input: { seen: '${{ steps.fetch.output.marker }}' } },
      ],
    });
    const rec = await runRecorded(engine, {
      template: t, workspaceDir: ws,
      checkpoint: { completed: { fetch: { output: { marker: 'from-before-restart' } } }, compensations: [] },
    });
    assert.equal(rec.error, undefined, String(rec.error));
    assert.deepEqual(rec.result!.steps.map((s) => [s.id, s.status]), [['fetch', 'completed'], ['use', 'completed']]);
    assert.deepEqual(rec.result!.steps[1]!.output, { seen: 'from-before-restart' });
    assert.ok(!rec.steps.some((s) => s.id === 'fetch' && s.status === 'processing'));
    assert.deepEqual(Object.keys(rec.checkpoints.at(-1)!.completed), ['fetch', 'use']);
  });

  it('cancel stops the run, compensates and throws an AbortError', async () => {
    const { data, ws } = await fresh();
    await writeFiles(ws, { 'README.md': 'hello' });
    const engine = createScaffolderEngine(testDeps(data), { extraActions: [waitForAbortAction, echoAction] });
    const controller = new AbortController();
    const seen: TemplateStepState[] = [];
    const t = template(ws, {
      steps: [
        { id: 'publish', action: 'publish:git', input: { repoUrl: 'paved?owner=acme&repo=cancelled' } },
        { id: 'wait', action: 'test:wait', input: {} },
        { id: 'never', action: 'test:echo', input: { x: 1 } },
      ],
    });
    const rec = await runRecorded(engine, {
      template: t, workspaceDir: ws, signal: controller.signal,
      onStep: (s) => {
        seen.push(s);
        if (s.id === 'wait' && s.status === 'processing') setTimeout(() => controller.abort(), 20);
      },
    });
    assert.equal((rec.error as Error).name, 'AbortError');
    assert.equal(existsSync(join(data, 'repos', 'acme', 'cancelled.git')), false);
    const final = new Map(seen.map((s) => [s.id, s.status]));
    assert.equal(final.get('wait'), 'cancelled');
    assert.equal(final.get('never'), 'open');
  });

  it('fails clearly when the workspace outgrows its bounds (files, then bytes)', async () => {
    const { data, ws, base } = await fresh();
    const engine = createScaffolderEngine({ ...testDeps(data), limits: { workspaceFiles: 20, workspaceBytes: 1000 } });
    const src = join(base, 'src');
    await writeFiles(src, {
      ...Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`many/${i}.txt`, ''])),
      'big/blob.bin': Buffer.alloc(1001),
    });
    const many = await runRecorded(engine, { template: template(src, { steps: [{ id: 'copy', action: 'fetch:plain', input: { url: './many' } }] }), workspaceDir: ws });
    assert.ok(many.error instanceof TemplateStepError);
    assert.match(many.error.message, /Step "copy" \(fetch:plain\) failed: The workspace holds more than 20 files/);
    const ws2 = join(base, 'ws2');
    await writeFiles(ws2, { '.keep': '' });
    const big = await runRecorded(engine, { template: template(src, { steps: [{ id: 'copy', action: 'fetch:plain', input: { url: './big' } }] }), workspaceDir: ws2 });
    assert.match((big.error as Error).message, /The workspace is larger than/);
    assert.deepEqual(await readdir(ws2), ['.keep', 'blob.bin'].sort(), 'no scratch directory left behind');
  });
});
