import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateEntity } from '../validateEntity';
import { findRepositories } from './findRepositories';
import { createMemoryTree } from './memoryTree';
import { suggestEntity, workspaceRootReason } from './suggestLocation';
import type { RepoView } from './repoView';

const tree = (files: Record<string, string>) => createMemoryTree(new Map(Object.entries(files)));
const pkg = (json: Record<string, unknown>) => JSON.stringify(json);
const CODEOWNERS = [
  '*                     @acme/platform',
  '/packages/api/        @acme/payments',
  '/packages/ui/src/     @acme/design   # part of a package: not its owner',
  'apps/*                @acme/nobody   # files directly in apps/: no package',
  'docs/**               @acme/writers',
].join('\n');

/** A private npm workspace with CODEOWNERS, a pnpm-less declaration and noise that is not a package. */
const WORKSPACE = {
  '.git/config': '[remote "origin"]\n url = git@github.com:acme/shop.git\n',
  'package.json': pkg({ name: '@acme/shop', private: true, workspaces: ['packages/*', 'apps/*', '!packages/legacy'] }),
  '.github/CODEOWNERS': CODEOWNERS,
  'packages/api/package.json': pkg({ name: '@acme/api', private: true, dependencies: { fastify: '5' } }),
  'packages/api/Dockerfile': 'FROM node:20',
  'packages/ui/package.json': pkg({ name: '@acme/ui', main: 'dist/index.js', peerDependencies: { react: '*' } }),
  'packages/legacy/package.json': pkg({ name: 'legacy' }),
  'apps/web/package.json': pkg({ name: 'web', private: true, dependencies: { next: '15' } }),
  'apps/web/catalog-info.yaml': 'kind: Component',
  'docs/site/package.json': pkg({ name: 'docs-site', private: true, dependencies: { docusaurus: '3' } }),
  'packages/api/test/fixtures/app/package.json': pkg({ name: 'fixture' }),
  'test/fixtures/other/package.json': pkg({ name: 'fixture-2' }),
  'node_modules/left-pad/package.json': pkg({ name: 'left-pad' }),
};

test('a workspace: each package is its own repository view, owned by the CODEOWNERS rule for its folder', async () => {
  const { repos, truncated } = await findRepositories(tree(WORKSPACE), { rootName: 'shop' });
  assert.equal(truncated, false);
  // `packages/legacy` is excluded by the declaration but still has a manifest, so it is a package too.
  assert.deepEqual(repos.map((r) => r.path), ['.', 'apps/web', 'docs/site', 'packages/api', 'packages/legacy', 'packages/ui']);
  const [root] = repos;
  assert.deepEqual(root?.monorepo, { packages: ['apps/web', 'docs/site', 'packages/api', 'packages/legacy', 'packages/ui'], declaredBy: 'package.json' });
  const byPath = new Map(repos.map((r) => [r.path, r]));
  const suggest = (path: string) => suggestEntity(byPath.get(path) as RepoView, { catalogFilename: 'catalog-info.yaml' });

  const api = suggest('packages/api');
  assert.equal(api.entity.kind, 'Component');
  assert.deepEqual([api.entity.metadata.name, api.entity.kind === 'Component' && api.entity.spec], ['api', { type: 'service', lifecycle: 'experimental', owner: 'group:default/payments' }]);
  assert.equal(api.fields.find((f) => f.field === 'spec.owner')?.description, '.github/CODEOWNERS:2 assigns packages/api to @acme/payments.');
  assert.deepEqual(api.entity.metadata.annotations, { 'github.com/project-slug': 'acme/shop' }, 'packages share the repository remote');

  const ui = suggest('packages/ui');
  assert.deepEqual([ui.entity.metadata.name, ui.entity.kind === 'Component' && ui.entity.spec.type, ui.entity.kind === 'Component' && ui.entity.spec.owner], ['ui', 'library', 'group:default/platform']);
  const docs = suggest('docs/site');
  assert.equal(docs.entity.kind === 'Component' && docs.entity.spec.owner, 'group:default/writers');
  assert.equal(byPath.get('apps/web')?.files.get('catalog-info.yaml'), 'kind: Component', 'an existing descriptor is read so it can be reported');

  const rootSuggestion = suggest('.');
  assert.deepEqual(rootSuggestion.entity, {
    apiVersion: 'backstage.io/v1alpha1', kind: 'Location',
    metadata: { name: 'shop', description: 'Catalog files of the 5 packages in shop' },
    spec: { targets: ['./apps/web/catalog-info.yaml', './docs/site/catalog-info.yaml', './packages/api/catalog-info.yaml', './packages/legacy/catalog-info.yaml', './packages/ui/catalog-info.yaml'] },
  });
  assert.match(rootSuggestion.fields.find((f) => f.field === 'kind')?.description ?? '', /private workspace root \(package\.json declares the packages\)/);
  assert.ok(validateEntity(rootSuggestion.entity).ok);
});

test('pnpm-workspace.yaml declares packages; undeclared nested projects of other languages are found too', async () => {
  const { repos } = await findRepositories(tree({
    'package.json': pkg({ name: 'mono', private: true }),
    'pnpm-workspace.yaml': "packages:\n  - 'tools/**'\n  - 'examples/*'\n",
    'tools/gen/cli/package.json': pkg({ name: 'gen-cli', bin: { gen: 'x' } }),
    'examples/demo/package.json': pkg({ name: 'demo' }),
    'examples/nested/deeper/package.json': pkg({ name: 'not-declared' }),
    'services/orders/go.mod': 'module github.com/acme/orders\n',
    'services/orders/main.go': 'package main',
    'services/billing/pyproject.toml': '[project]\nname = "billing"\n',
    'libs/ledger/pom.xml': '<project><artifactId>ledger</artifactId></project>',
  }), { rootName: 'mono' });
  assert.deepEqual(repos.map((r) => r.path), ['.', 'examples/demo', 'libs/ledger', 'services/billing', 'services/orders', 'tools/gen/cli']);
  assert.equal(repos[0]?.monorepo?.declaredBy, 'pnpm-workspace.yaml');
  const orders = suggestEntity(repos.find((r) => r.path === 'services/orders') as RepoView, { catalogFilename: 'catalog-info.yaml' });
  assert.deepEqual([orders.entity.metadata.name, orders.entity.kind === 'Component' && orders.entity.spec.type], ['orders', 'service']);
  assert.equal(orders.fields.find((f) => f.field === 'spec.owner')?.state, 'needsUserInput');
});

test('which roots are only workspace roots', async () => {
  const rootOf = async (files: Record<string, string>) => (await findRepositories(tree(files), { rootName: 'r' })).repos[0] as RepoView;
  const cases: Array<[string, Record<string, string>, RegExp | undefined]> = [
    ['private workspace', { 'package.json': pkg({ private: true, workspaces: { packages: ['p/*'] } }), 'p/a/package.json': '{}' }, /private workspace root/],
    ['published root package with workspaces is a project too', { 'package.json': pkg({ name: 'x', main: 'i.js', workspaces: ['p/*'] }), 'p/a/package.json': '{}' }, undefined],
    ['root with a Dockerfile is deployed itself', { 'package.json': pkg({ private: true, workspaces: ['p/*'] }), Dockerfile: 'FROM x', 'p/a/package.json': '{}' }, undefined],
    ['Go module with nested modules is a project too', { 'go.mod': 'module x', 'svc/a/go.mod': 'module a' }, undefined],
    ['Maven aggregator', { 'pom.xml': '<project><artifactId>parent</artifactId><packaging>pom</packaging></project>', 'a/pom.xml': '<project/>' }, /Maven aggregator/],
    ['folder of projects without a manifest', { '.git/HEAD': 'ref', 'a/go.mod': 'module a', 'b/package.json': '{}' }, /no manifest of its own/],
    ['workspace declaring nothing that exists', { 'package.json': pkg({ private: true, workspaces: ['p/*'] }) }, undefined],
  ];
  for (const [label, files, expected] of cases) {
    const reason = workspaceRootReason(await rootOf(files));
    if (expected) assert.match(reason ?? '', expected, label);
    else assert.equal(reason, undefined, label);
  }
});

test('the package walk is bounded by depth, package count and the shared directory budget', async () => {
  const deep = await findRepositories(tree({ 'package.json': '{}', 'a/b/c/package.json': '{}', 'a/b/c/d/package.json': '{}', 'w/x/y/z/package.json': '{}' }), { rootName: 'r' });
  assert.deepEqual(deep.repos.map((r) => r.path), ['.', 'a/b/c']);
  const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p/${String(i).padStart(2, '0')}/package.json`, '{}']));
  const capped = await findRepositories(tree({ 'package.json': '{}', ...many }), { rootName: 'r', limits: { maxPackagesPerRepo: 10 } });
  assert.deepEqual([capped.repos.length, capped.truncated], [11, true]);
  const total = await findRepositories(tree({ 'package.json': '{}', ...many }), { rootName: 'r', limits: { maxRepos: 5 } });
  assert.deepEqual([total.repos.length, total.truncated], [5, true]);
  const dirs = await findRepositories(tree({ 'package.json': '{}', ...many }), { rootName: 'r', limits: { maxDirs: 8 } });
  assert.equal(dirs.truncated, true);
  assert.ok(dirs.repos.length < 8, String(dirs.repos.length));
});

test('a folder inside a repository: owners come from the repository CODEOWNERS for the real path', async () => {
  const { repos } = await findRepositories(tree({ 'go.mod': 'module pay', 'workers/go.mod': 'module w' }), {
    rootName: 'payments', rootIsRepository: true,
    inRepository: { path: 'services/payments', codeowners: { file: 'CODEOWNERS', text: '* @acme/platform\n/services/payments/workers/ @acme/jobs\n' } },
  });
  const owners = repos.map((r) => [r.path, r.partOf?.packagePath, suggestEntity(r, { catalogFilename: 'catalog-info.yaml' }).fields.find((f) => f.field === 'spec.owner')?.value]);
  assert.deepEqual(owners, [['.', 'services/payments', 'group:default/platform'], ['workers', 'services/payments/workers', 'group:default/jobs']]);
  const bare = await findRepositories(tree({ 'README.md': '# x' }), { rootName: 'x', rootIsRepository: true });
  assert.deepEqual(bare.repos.map((r) => r.path), ['.']);
});
