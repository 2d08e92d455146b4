import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findRepositories, type TreeEntry, type TreeReader } from './findRepositories';

/** An in-memory tree: file path → contents; directories are implied by the paths. */
function memoryTree(files: Record<string, string>): TreeReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async list(dir) {
      const prefix = dir ? `${dir}/` : '';
      const entries = new Map<string, TreeEntry['kind']>();
      for (const path of Object.keys(files)) {
        if (!path.startsWith(prefix)) continue;
        const [name, ...rest] = path.slice(prefix.length).split('/');
        if (name) entries.set(name, rest.length ? 'dir' : 'file');
      }
      return [...entries].map(([name, kind]) => ({ name, kind }));
    },
    async read(path, maxBytes) {
      reads.push(path);
      const text = files[path];
      if (text === undefined) return undefined;
      return text.length > maxBytes ? null : text;
    },
  };
}

test('findRepositories: a folder of repositories, skipping dependencies; inside a repository only packages are looked for', async () => {
  const tree = memoryTree({
    'a/.git/config': '[remote "origin"]\n url = https://github.com/acme/a\n',
    'a/README.md': '# a',
    'a/packages/inner/package.json': '{}',
    'a/packages/inner/src/deep/package.json': '{}',
    'group/b/go.mod': 'module b',
    'group/node_modules/x/package.json': '{}',
    'c/catalog-info.yaml': 'kind: Component',
    'notes/todo.txt': 'x',
    'deep/1/2/3/package.json': '{}',
  });
  const { repos, truncated } = await findRepositories(tree, { rootName: 'root' });
  assert.equal(truncated, false);
  assert.deepEqual(repos.map((r) => r.path), ['a', 'a/packages/inner', 'c', 'group/b']);
  const a = repos[0];
  assert.equal(a?.remoteUrl, 'https://github.com/acme/a');
  assert.equal(a?.files.get('README.md'), '# a');
  assert.ok(a?.files.has('packages/'), 'entries are recorded by presence');
  assert.deepEqual(a?.monorepo, { packages: ['packages/inner'], declaredBy: undefined });
  assert.deepEqual(repos[1]?.partOf, { packagePath: 'packages/inner' });
  assert.equal(repos[1]?.remoteUrl, 'https://github.com/acme/a', 'a package shares its repository remote');
  // Neither dependencies nor the inside of a package are read.
  assert.ok(!tree.reads.some((p) => p.includes('node_modules') || p.startsWith('a/packages/inner/src')), tree.reads.join());
});

test('findRepositories: the location itself is a repository; bounds stop the walk', async () => {
  const single = await findRepositories(memoryTree({ 'package.json': '{"name":"x"}', 'sub/go.mod': 'module y' }), { rootName: 'x' });
  assert.deepEqual(single.repos.map((r) => [r.path, r.dirName]), [['.', 'x'], ['sub', 'sub']]);
  const many = memoryTree(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`r${i}/go.mod`, 'module r'])));
  const bounded = await findRepositories(many, { rootName: 'x', limits: { maxRepos: 3 } });
  assert.equal(bounded.repos.length, 3);
  assert.equal(bounded.truncated, true);
  const big = await findRepositories(memoryTree({ 'package.json': 'x'.repeat(100) }), { rootName: 'x', limits: { maxFileBytes: 10 } });
  assert.equal(big.repos[0]?.files.get('package.json'), null);
});
