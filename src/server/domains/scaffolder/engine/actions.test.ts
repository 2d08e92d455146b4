import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { TemplateStepError } from './errors';
import { recordingCatalog, runRecorded, template, tempDir, testDeps, writeFiles, type RecordingCatalog } from './engineTestKit';
import { createScaffolderEngine } from './scaffolderEngine';
import type { ScaffolderEngine } from './types';

let root: { dir: string; cleanup(): Promise<void> };
let engine: ScaffolderEngine;
let catalog: RecordingCatalog;
let tpl: string;
let n = 0;
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x24, 0x7b, 0x7b, 0x20, 0x78, 0x20, 0x7d, 0x7d, 0xff]);

before(async () => {
  root = await tempDir();
  tpl = join(root.dir, 'template');
  await writeFiles(tpl, {
    'template.yaml': '# not read by the engine',
    'skeleton/${{ values.name }}.md': '# ${{ values.name }}\n{% if values.withDocs %}docs{% endif %}\n',
    'skeleton/static/raw.txt': 'keep ${{ values.name }} as is',
    'skeleton/bin/logo.png': BINARY,
    'skeleton/run.sh': '#!/bin/sh\necho ${{ values.name }}\n',
    'skeleton/{% if values.withDocs %}docs{% endif %}/index.md': 'docs for ${{ values.name }}',
    'skeleton/keep.md': 'from the skeleton',
    'partial/a.txt.njk': 'a=${{ values.x }}',
    'partial/b.txt': 'b=${{ values.x }}',
    'cookie/{{ cookiecutter.name }}.txt': '{{ cookiecutter.name | upper }}',
    'single/note.txt': 'note for ${{ values.name }}',
    'plain/dir/file.txt': 'plain ${{ not rendered }}',
  });
  await chmod(join(tpl, 'skeleton/run.sh'), 0o755);
  catalog = recordingCatalog();
  catalog.entities.set('group:default/platform', { kind: 'Group', metadata: { name: 'platform' } });
  engine = createScaffolderEngine(testDeps(join(root.dir, 'data'), catalog));
});
after(async () => { await root.cleanup(); });

async function runSteps(steps: unknown[], extra: { values?: Record<string, unknown>; parameters?: unknown; prepare?: Record<string, string> } = {}) {
  const ws = join(root.dir, `ws-${++n}`);
  await writeFiles(ws, { '.keep': '', ...extra.prepare });
  const rec = await runRecorded(engine, { template: template(tpl, { steps, ...(extra.parameters ? { parameters: extra.parameters } : {}) }), workspaceDir: ws, values: extra.values ?? {} });
  return { ws, rec, read: (p: string) => readFile(join(ws, p), 'utf8') };
}

describe('fetch actions', () => {
  it('fetch:template renders contents and paths, skips empty paths and existing files, copies binaries and copyWithoutTemplating files', async () => {
    const { rec, ws, read } = await runSteps([{
      action: 'fetch:template',
      input: { url: './skeleton', targetPath: 'out', values: { name: 'orders', withDocs: false }, copyWithoutTemplating: ['static/**'] },
    }], { prepare: { 'out/keep.md': 'already here' } });
    assert.equal(rec.error, undefined, String(rec.error));
    assert.equal(await read('out/orders.md'), '# orders\n\n');
    assert.equal(await read('out/static/raw.txt'), 'keep ${{ values.name }} as is');
    assert.deepEqual(await readFile(join(ws, 'out/bin/logo.png')), BINARY);
    assert.equal(await read('out/run.sh'), '#!/bin/sh\necho orders\n');
    assert.ok(((await stat(join(ws, 'out/run.sh'))).mode & 0o111) !== 0, 'executable bit kept');
    assert.equal(existsSync(join(ws, 'out/docs')), false, 'path rendered empty → skipped');
    assert.equal(await read('out/keep.md'), 'already here', 'existing file kept without replace');
  });

  it('fetch:template with replace, templateFileExtension and cookiecutterCompat', async () => {
    const { rec, read } = await runSteps([
      { action: 'fetch:template', input: { url: './skeleton', values: { name: 'x', withDocs: true }, replace: true } },
      { action: 'fetch:template', input: { url: './partial', targetPath: 'partial', values: { x: 42 }, templateFileExtension: true } },
      { action: 'fetch:template', input: { url: './cookie', targetPath: 'cookie', values: { name: 'svc' }, cookiecutterCompat: true } },
    ], { prepare: { 'keep.md': 'already here' } });
    assert.equal(rec.error, undefined, String(rec.error));
    assert.equal(await read('keep.md'), 'from the skeleton');
    assert.equal(await read('docs/index.md'), 'docs for x');
    assert.equal(await read('partial/a.txt'), 'a=42');
    assert.equal(await read('partial/b.txt'), 'b=${{ values.x }}');
    assert.equal(await read('cookie/svc.txt'), 'SVC');
  });

  it('fetch:template:file, fetch:plain and fetch:plain:file', async () => {
    const { rec, read } = await runSteps([
      { action: 'fetch:template:file', input: { url: './single/note.txt', targetPath: 'docs/NOTE.md', values: { name: 'orders' } } },
      { action: 'fetch:plain', input: { url: './plain', targetPath: 'vendor' } },
      { action: 'fetch:plain:file', input: { url: './single/note.txt', targetPath: 'raw/note.txt' } },
    ]);
    assert.equal(rec.error, undefined, String(rec.error));
    assert.equal(await read('docs/NOTE.md'), 'note for orders');
    assert.equal(await read('vendor/dir/file.txt'), 'plain ${{ not rendered }}');
    assert.equal(await read('raw/note.txt'), 'note for ${{ values.name }}');
  });

  it('refuses urls outside the template directory and targets outside the workspace, naming the input', async () => {
    const a = await runSteps([{ id: 'f', action: 'fetch:plain', input: { url: '../../etc' } }]);
    assert.ok(a.rec.error instanceof TemplateStepError);
    assert.equal(a.rec.error.input, 'url');
    assert.match(a.rec.error.message, /outside the template's directory/);
    const b = await runSteps([{ id: 'f', action: 'fetch:plain', input: { url: './plain', targetPath: '../escape' } }]);
    assert.equal((b.rec.error as TemplateStepError).input, 'targetPath');
    assert.match((b.rec.error as Error).message, /outside the workspace/);
    const c = await runSteps([{ id: 'f', action: 'fetch:template', input: { url: './skeleton' } }]);
    assert.equal((c.rec.error as TemplateStepError).input, 'values');
    assert.match((c.rec.error as Error).message, /Step "f" \(fetch:template, input "values"\)/);
  });
});

describe('fs and debug actions', () => {
  it('fs:rename moves files and refuses to overwrite unless asked', async () => {
    const ok = await runSteps([{ action: 'fs:rename', input: { files: [{ from: 'a.txt', to: 'moved/b.txt' }, { from: 'c.txt', to: 'd.txt', overwrite: true }] } }],
      { prepare: { 'a.txt': 'A', 'c.txt': 'C', 'd.txt': 'old' } });
    assert.equal(ok.rec.error, undefined, String(ok.rec.error));
    assert.equal(await ok.read('moved/b.txt'), 'A');
    assert.equal(await ok.read('d.txt'), 'C');
    const refused = await runSteps([{ id: 'mv', action: 'fs:rename', input: { files: [{ from: 'a.txt', to: 'b.txt' }] } }], { prepare: { 'a.txt': 'A', 'b.txt': 'B' } });
    assert.equal((refused.rec.error as TemplateStepError).input, 'files[0].to');
    assert.match((refused.rec.error as Error).message, /already exists/);
  });

  it('fs:delete removes globs and directories', async () => {
    const { rec, ws } = await runSteps([{ action: 'fs:delete', input: { files: ['**/*.log', 'tmp'] } }],
      { prepare: { 'a.log': '', 'deep/b.log': '', 'deep/keep.txt': '', 'tmp/x': '' } });
    assert.equal(rec.error, undefined, String(rec.error));
    assert.equal(existsSync(join(ws, 'a.log')), false);
    assert.equal(existsSync(join(ws, 'deep/b.log')), false);
    assert.equal(existsSync(join(ws, 'deep/keep.txt')), true);
    assert.equal(existsSync(join(ws, 'tmp')), false);
  });

  it('debug:log logs the message, extra and the workspace listing', async () => {
    const { rec } = await runSteps([
      { id: 'log', action: 'debug:log', input: { message: 'hello ${{ parameters.who }}', extra: { n: 1 }, listWorkspace: 'with-contents' } },
    ], { values: { who: 'world' }, parameters: { properties: { who: { type: 'string' } } }, prepare: { 'src/a.txt': 'content-a' } });
    assert.equal(rec.error, undefined, String(rec.error));
    const messages = rec.logs.filter((l) => l.stepId === 'log').map((l) => l.message);
    assert.ok(messages.includes('hello world'));
    assert.ok(messages.includes('extra: {"n":1}'));
    assert.ok(messages.some((m) => m.includes('src/a.txt:\ncontent-a')));
  });
});

describe('catalog actions', () => {
  it('catalog:write writes the entity with the source-template annotation', async () => {
    const { rec, read } = await runSteps([{ action: 'catalog:write', input: { filePath: 'meta/catalog-info.yaml', entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x', annotations: { a: 'b' } }, spec: { type: 'service' } } } }]);
    assert.equal(rec.error, undefined, String(rec.error));
    const written = parse(await read('meta/catalog-info.yaml')) as { metadata: { annotations: Record<string, string> } };
    assert.deepEqual(written.metadata.annotations, { a: 'b', 'backstage.io/source-template': 'template:default/test' });
  });

  it('catalog:fetch returns entities, null for optional misses, and fails on a required miss', async () => {
    const { rec } = await runSteps([
      { id: 'one', action: 'catalog:fetch', input: { entityRef: 'platform', defaultKind: 'Group' } },
      { id: 'many', action: 'catalog:fetch', input: { entityRefs: ['group:platform', 'group:default/ghost'], optional: true } },
    ]);
    assert.equal(rec.error, undefined, String(rec.error));
    assert.deepEqual(rec.result!.steps[0]!.output, { entity: { kind: 'Group', metadata: { name: 'platform' } } });
    assert.deepEqual(rec.result!.steps[1]!.output, { entities: [{ kind: 'Group', metadata: { name: 'platform' } }, null] });
    const missing = await runSteps([{ id: 'one', action: 'catalog:fetch', input: { entityRef: 'group:default/ghost' } }]);
    assert.equal((missing.rec.error as TemplateStepError).input, 'entityRef');
    assert.match((missing.rec.error as Error).message, /group:default\/ghost not found/);
  });

  it('catalog:register registers a file location and returns the first non-Location entity; optional failures only warn', async () => {
    const { rec, ws } = await runSteps([
      { action: 'catalog:write', input: { entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'reg' }, spec: {} } } },
      { id: 'reg', action: 'catalog:register', input: { catalogInfoUrl: 'file:${{ parameters.dir }}/catalog-info.yaml' } },
      { id: 'opt', action: 'catalog:register', input: { catalogInfoUrl: 'https://nowhere.invalid/x.yaml', optional: true } },
    ], { values: { dir: join(root.dir, `ws-${n + 1}`) }, parameters: { properties: { dir: { type: 'string' } } } });
    assert.equal(rec.error, undefined, String(rec.error));
    assert.deepEqual(rec.result!.steps[1]!.output, { entityRef: 'component:default/reg', catalogInfoUrl: `file:${ws}/catalog-info.yaml` });
    assert.deepEqual(rec.result!.steps[2]!.output, { catalogInfoUrl: 'https://nowhere.invalid/x.yaml' });
    assert.ok(rec.logs.some((l) => l.level === 'warn' && l.stepId === 'opt'));
  });
});

describe('listActions', () => {
  it('lists every built-in action with a JSON Schema of its input', () => {
    const actions = engine.listActions();
    assert.deepEqual(actions.map((a) => a.id).sort(), [
      'catalog:fetch', 'catalog:register', 'catalog:write', 'debug:log', 'fetch:plain', 'fetch:plain:file',
      'fetch:template', 'fetch:template:file', 'fs:delete', 'fs:rename', 'publish:git',
    ]);
    const publish = actions.find((a) => a.id === 'publish:git')!;
    const input = publish.schema.input as { type: string; properties: Record<string, unknown>; required: string[] };
    assert.equal(input.type, 'object');
    assert.ok('repoUrl' in input.properties && 'token' in input.properties);
    assert.deepEqual(input.required, ['repoUrl']);
    assert.ok(publish.schema.output);
  });
});
