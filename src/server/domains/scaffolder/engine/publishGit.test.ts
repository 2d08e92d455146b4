import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGitHttpServer, type GitHttpServer } from '../../../../../test/helpers/gitHttpServer';
import { TemplateStepError } from './errors';
import { git, runRecorded, template, tempDir, testDeps, writeFiles } from './engineTestKit';
import { createScaffolderEngine } from './scaffolderEngine';
import type { ScaffolderEngine } from './types';

const TOKEN = 'tok-Zq81LmX0pre';
let root: { dir: string; cleanup(): Promise<void> };
let server: GitHttpServer;
let engine: ScaffolderEngine;
let n = 0;

before(async () => {
  root = await tempDir();
  for (const name of ['svc', 'anon', 'undo']) execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', join(root.dir, 'remote', `${name}.git`)]);
  server = await startGitHttpServer(join(root.dir, 'remote'), { user: 'x-access-token', password: TOKEN });
  engine = createScaffolderEngine(testDeps(join(root.dir, 'data')));
});
after(async () => {
  await server.close();
  await root.cleanup();
});

async function publish(input: Record<string, unknown>, extraSteps: unknown[] = []) {
  const ws = join(root.dir, `ws-${++n}`);
  await writeFiles(ws, { 'README.md': '# svc\n', 'src/index.ts': 'export {};\n' });
  const rec = await runRecorded(engine, {
    template: template(ws, { steps: [{ id: 'publish', action: 'publish:git', input }, ...extraSteps] }),
    workspaceDir: ws,
    secrets: { gitToken: TOKEN },
  });
  return { ws, rec };
}

/** Every file under `dir`, concatenated: the token must appear in none of them. */
async function allText(dir: string): Promise<string> {
  let out = '';
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out += await readFile(join(e.parentPath, e.name), 'latin1');
  }
  return out;
}

describe('publish:git to a remote over HTTP', () => {
  it('pushes with a token that never reaches logs, outputs, checkpoints or the workspace repository', async () => {
    const remoteUrl = `${server.url}/svc.git`;
    const { ws, rec } = await publish({ repoUrl: 'git.example.com?owner=acme&repo=svc', remoteUrl, token: '${{ secrets.gitToken }}', gitCommitMessage: 'Scaffold svc' });
    assert.equal(rec.error, undefined, String(rec.error));
    const bare = join(root.dir, 'remote', 'svc.git');
    assert.deepEqual(git(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n').filter(Boolean), ['README.md', 'src/index.ts']);
    assert.equal(git(bare, 'log', '-1', '--format=%s', 'main').trim(), 'Scaffold svc');
    const output = rec.result!.steps[0]!.output!;
    assert.equal(output.remoteUrl, remoteUrl);
    assert.equal(output.repoContentsUrl, `git:${remoteUrl}#main:`);
    assert.equal(output.commitHash, git(bare, 'rev-parse', 'main').trim());
    for (const [what, text] of [
      ['logs', JSON.stringify(rec.logs)], ['result', JSON.stringify(rec.result)], ['checkpoints', JSON.stringify(rec.checkpoints)],
      ['workspace .git/config', await readFile(join(ws, '.git', 'config'), 'utf8')], ['workspace .git', await allText(join(ws, '.git'))],
    ] as const) assert.ok(!text.includes(TOKEN), `token in ${what}`);
    assert.ok(rec.logs.some((l) => /cannot be undone automatically/.test(l.message)));
  });

  it('without a token the push fails clearly instead of prompting', async () => {
    const { rec } = await publish({ repoUrl: 'git.example.com?owner=acme&repo=anon', remoteUrl: `${server.url}/anon.git` });
    assert.ok(rec.error instanceof TemplateStepError, String(rec.error));
    assert.equal(rec.error.stepId, 'publish');
    assert.match(rec.error.message, /git ls-remote failed: .*(Authentication failed|could not read Username|401)/s);
    assert.equal(git(join(root.dir, 'remote', 'anon.git'), 'for-each-ref').trim(), '', 'nothing was pushed');
  });

  it('refuses to push to a repository that is not empty', async () => {
    const { rec } = await publish({ repoUrl: 'git.example.com?owner=acme&repo=svc', remoteUrl: `${server.url}/svc.git`, token: '${{ secrets.gitToken }}' });
    assert.ok(rec.error instanceof TemplateStepError);
    assert.equal(rec.error.input, 'remoteUrl');
    assert.match(rec.error.message, /is not empty/);
  });

  it('refuses credentials inside remoteUrl', async () => {
    const { rec } = await publish({ repoUrl: 'git.example.com?owner=acme&repo=x', remoteUrl: `http://x-access-token:${TOKEN}@127.0.0.1:1/x.git` });
    assert.equal((rec.error as TemplateStepError).input, 'remoteUrl');
    assert.ok(!(rec.error as Error).message.includes(TOKEN));
  });

  it('a later failure cannot undo a remote push and says so', async () => {
    const { rec } = await publish(
      { repoUrl: 'git.example.com?owner=acme&repo=undo', remoteUrl: `${server.url}/undo.git`, token: '${{ secrets.gitToken }}' },
      [{ id: 'boom', action: 'fs:rename', input: { files: [{ from: 'missing', to: 'x' }] } }],
    );
    assert.equal((rec.error as TemplateStepError).stepId, 'boom');
    assert.ok(rec.logs.some((l) => l.level === 'warn' && /Cannot undo the push to/.test(l.message)));
  });
});

describe('publish:git to a Paved-hosted repository', () => {
  it('refuses an existing non-empty repository and leaves it alone', async () => {
    const first = await publish({ repoUrl: 'paved?owner=team&repo=dup' });
    assert.equal(first.rec.error, undefined, String(first.rec.error));
    const bare = join(root.dir, 'data', 'repos', 'team', 'dup.git');
    const head = git(bare, 'rev-parse', 'main').trim();
    const second = await publish({ repoUrl: 'local?owner=team&repo=dup' });
    assert.equal((second.rec.error as TemplateStepError).input, 'repoUrl');
    assert.match((second.rec.error as Error).message, /team\/dup already exists and is not empty/);
    assert.equal(git(bare, 'rev-parse', 'main').trim(), head);
  });

  it('rejects a repoUrl without owner or repo', async () => {
    const { rec } = await publish({ repoUrl: 'paved?owner=../x&repo=y' });
    assert.equal((rec.error as TemplateStepError).input, 'repoUrl');
    assert.equal(existsSync(join(root.dir, 'x')), false);
  });
});
