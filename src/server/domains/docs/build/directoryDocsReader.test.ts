import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildDocsSite } from './buildDocsSite.js';
import { createDirectoryDocsReader, DocsPathError } from './directoryDocsReader.js';

describe('createDirectoryDocsReader', () => {
  let base: string;
  let root: string;
  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'paved-docs-'));
    root = join(base, 'repo');
    await mkdir(join(root, 'docs', 'guide'), { recursive: true });
    await mkdir(join(root, 'docs', '.hidden'), { recursive: true });
    await writeFile(join(base, 'secret.txt'), 'TOP SECRET');
    await mkdir(join(base, 'outside-dir'));
    await writeFile(join(base, 'outside-dir', 'x.md'), 'outside');
    await writeFile(join(root, 'mkdocs.yml'), 'site_name: Disk\n');
    await writeFile(join(root, 'docs', 'index.md'), '# Disk home\n\n[g](guide/a.md)\n');
    await writeFile(join(root, 'docs', 'guide', 'a.md'), '# A\n');
    await writeFile(join(root, 'docs', '.hidden', 'h.md'), 'hidden');
    await writeFile(join(root, 'docs', 'big.md'), 'x'.repeat(5000));
    await symlink(join(base, 'secret.txt'), join(root, 'docs', 'leak.md'));
    await symlink(join(base, 'outside-dir'), join(root, 'docs', 'linked-dir'));
    await symlink(join(root, 'docs', 'guide', 'a.md'), join(root, 'docs', 'alias.md'));
  });
  after(async () => rm(base, { recursive: true, force: true }));

  it('reads files and lists the tree as root paths, without dot files or links that leave the root', async () => {
    const reader = createDirectoryDocsReader(root);
    assert.equal(await reader.readFile('docs/guide/a.md'), '# A\n');
    assert.equal(await reader.readFile('./docs//guide/./a.md'), '# A\n');
    assert.equal(await reader.readFile('docs/none.md'), undefined);
    assert.equal(await reader.readFile('docs/guide'), undefined, 'a folder is not a file');
    assert.equal(await reader.readFile('docs/alias.md'), '# A\n', 'a symlink inside the root is fine');
    assert.deepEqual(await reader.listFiles('docs'), ['docs/alias.md', 'docs/big.md', 'docs/guide/a.md', 'docs/index.md']);
    assert.deepEqual(await reader.listFiles('nope'), []);
    assert.deepEqual(await reader.listFiles(''), ['docs/alias.md', 'docs/big.md', 'docs/guide/a.md', 'docs/index.md', 'mkdocs.yml']);
  });

  const refused: Array<[string, RegExp]> = [
    ['../secret.txt', /contains "\.\."/],
    ['docs/../../secret.txt', /contains "\.\."/],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/win.ini', /absolute/],
    ['docs\\..\\..\\secret.txt', /not a POSIX path/],
    ['docs/index.md\0.png', /not a POSIX path/],
    ['docs/leak.md', /leads outside the docs root/],
    ['docs/linked-dir/x.md', /leads outside the docs root/],
  ];
  for (const [path, message] of refused) {
    it(`refuses ${JSON.stringify(path)}`, async () => {
      const reader = createDirectoryDocsReader(root);
      await assert.rejects(reader.readFile(path), (err: Error) => err instanceof DocsPathError && message.test(err.message));
    });
  }

  it('refuses to list outside the root', async () => {
    const reader = createDirectoryDocsReader(root);
    await assert.rejects(reader.listFiles('..'), DocsPathError);
    await assert.rejects(reader.listFiles('docs/linked-dir'), DocsPathError);
  });

  it('bounds file size and listing length', async () => {
    const reader = createDirectoryDocsReader(root, { maxFileBytes: 1000, maxFiles: 2 });
    await assert.rejects(reader.readFile('docs/big.md'), /over the reader's limit of 1000/);
    assert.equal((await reader.listFiles('docs')).length, 2);
  });

  it('feeds buildDocsSite; a leaking symlink is never listed, so never rendered', async () => {
    const site = await buildDocsSite(createDirectoryDocsReader(root));
    assert.deepEqual(site.errors, []);
    assert.equal(site.siteName, 'Disk');
    assert.deepEqual(site.pages.map((p) => p.path), ['index.md', 'alias.md', 'big.md', 'guide/a.md']);
    assert.ok(site.pages.every((p) => !p.html.includes('TOP SECRET')));
  });
});
