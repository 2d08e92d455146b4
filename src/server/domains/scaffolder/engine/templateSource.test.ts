import assert from 'node:assert/strict';
import { symlink, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGitRepo } from '../../../../../test/helpers/gitRepo';
import { tempDir, writeFiles } from './engineTestKit';
import { createTemplateSource } from './templateSource';

let root: { dir: string; cleanup(): Promise<void> };
before(async () => { root = await tempDir(); });
after(async () => { await root.cleanup(); });

describe('createTemplateSource', () => {
  it('git: fetches a directory next to the template at the ref, and never leaves the repository', async () => {
    const repo = createGitRepo(join(root.dir, 'repo'));
    repo.commit('v1', { 'templates/svc/template.yaml': 'x', 'templates/svc/skeleton/a.txt': 'v1', 'templates/svc/skeleton/sub/b.txt': 'b', 'secret.txt': 's' });
    repo.commit('v2', { 'templates/svc/skeleton/a.txt': 'v2' });
    const source = createTemplateSource({ scratchDir: join(root.dir, 'scratch') });
    const target = join(root.dir, 'out-git');
    await source.fetchContents(`git:${repo.dir}#main:templates/svc/template.yaml`, './skeleton', target);
    assert.deepEqual((await readdir(target, { recursive: true })).sort(), ['a.txt', 'sub', 'sub/b.txt']);
    assert.equal(await readFile(join(target, 'a.txt'), 'utf8'), 'v2');
    await source.fetchContents(`git:${repo.dir}#main:templates/svc/template.yaml`, '../../secret.txt', join(root.dir, 'inside-repo'));
    await assert.rejects(source.fetchContents(`git:${repo.dir}#main:templates/svc/template.yaml`, '../../../etc', join(root.dir, 'x')), /outside the template's repository/);
    assert.deepEqual(await readdir(join(root.dir, 'scratch')), [], 'scratch checkouts are removed');
  });

  it('file: refuses paths outside the template directory, including through symbolic links', async () => {
    const dir = join(root.dir, 'tpl');
    await writeFiles(dir, { 'template.yaml': 'x', 'skeleton/ok.txt': 'ok', '../outside.txt': 'no' });
    await symlink(join(root.dir, 'outside.txt'), join(dir, 'skeleton', 'link.txt'));
    await symlink(root.dir, join(dir, 'up'));
    const source = createTemplateSource();
    await assert.rejects(source.fetchContents(`file:${dir}/template.yaml`, '../outside.txt', join(root.dir, 'a')), /outside the template's directory/);
    await assert.rejects(source.fetchContents(`file:${dir}/template.yaml`, './up/outside.txt', join(root.dir, 'b')), /outside the template's directory/);
    await assert.rejects(source.fetchContents(`file:${dir}/template.yaml`, './skeleton', join(root.dir, 'c')), /symbolic links are not supported/);
    await assert.rejects(source.fetchContents('url:https://example.com/t.yaml', './skeleton', join(root.dir, 'd')), /not supported/);
  });
});
