import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateEntity } from '../validateEntity';
import { analyzeRepository, type AnalysisField } from './suggestComponent';
import type { RepoView } from './repoView';

const view = (dirName: string, files: Record<string, string | null>, remoteUrl?: string): RepoView =>
  ({ path: dirName, dirName, files: new Map(Object.entries(files)), ...(remoteUrl ? { remoteUrl } : {}) });

type Expect = { name?: string; type: string; owner?: string; tags?: string[]; description?: string; states?: Record<string, AnalysisField['state']> };

const CASES: Array<[string, RepoView, Expect]> = [
  ['node service with Dockerfile and CODEOWNERS', view('checkout', {
    'package.json': JSON.stringify({ name: '@acme/checkout-api', description: 'Checkout HTTP API', private: true, scripts: { start: 'node .' }, dependencies: { fastify: '^5' }, devDependencies: { typescript: '^5' } }),
    Dockerfile: 'FROM node:20', '.github/': null, '.github/CODEOWNERS': '* @acme/payments\n',
  }, 'git@github.com:acme/checkout.git'), { name: 'checkout-api', type: 'service', owner: 'group:default/payments', tags: ['typescript', 'fastify'], description: 'Checkout HTTP API' }],
  ['react app is a website', view('storefront', { 'package.json': JSON.stringify({ name: 'storefront', private: true, dependencies: { react: '19', next: '15' } }), Dockerfile: 'FROM nginx' }),
    { name: 'storefront', type: 'website', tags: ['javascript', 'react', 'nextjs'], states: { 'spec.owner': 'needsUserInput', 'metadata.description': 'analysisSuggestedNoValue' } }],
  ['published React component kit is a library', view('ui-kit', { 'package.json': JSON.stringify({ name: '@acme/ui-kit', main: 'dist/index.js', peerDependencies: { react: '*' } }) }),
    { name: 'ui-kit', type: 'library', tags: ['javascript', 'react'] }],
  ['go service with cmd/', view('orders', { 'go.mod': 'module github.com/acme/orders/v2\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n)\n', 'cmd/': null, 'README.md': '# orders\n\nTakes orders.\n' }),
    { name: 'orders', type: 'service', tags: ['go', 'chi'], description: 'Takes orders.' }],
  ['go library', view('retry', { 'go.mod': 'module github.com/acme/retry\n', CODEOWNERS: '* @alice' }), { name: 'retry', type: 'library', owner: 'user:default/alice', tags: ['go'] }],
  ['python library from pyproject', view('billing-lib', { 'pyproject.toml': '[project]\nname = "acme_billing"\ndescription = "Invoices and credit notes"\ndependencies = ["pydantic>=2", "requests"]\n' }),
    { name: 'acme_billing', type: 'library', tags: ['python'], description: 'Invoices and credit notes' }],
  ['python fastapi service via poetry', view('quotes', { 'pyproject.toml': '[tool.poetry]\nname = "quotes"\ndescription = "Built with flask in mind"\n[tool.poetry.dependencies]\npython = "^3.12"\nfastapi = "*"\n' }),
    { name: 'quotes', type: 'service', tags: ['python', 'fastapi'] }],
  ['spring boot from pom.xml', view('ledger', { 'pom.xml': '<project><parent><artifactId>spring-boot-starter-parent</artifactId></parent><artifactId>ledger-service</artifactId><description>General ledger</description><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>' }),
    { name: 'ledger-service', type: 'service', tags: ['java', 'spring-boot'], description: 'General ledger' }],
  ['nothing recognisable', view('misc stuff', { 'notes.txt': null }),
    { name: 'misc-stuff', type: 'other', states: { 'spec.type': 'needsUserInput', 'metadata.tags': 'analysisSuggestedNoValue', 'spec.owner': 'needsUserInput' } }],
];

test('analyzeRepository suggests name, type, owner, tags and description', () => {
  for (const [label, repo, expected] of CASES) {
    const r = analyzeRepository(repo);
    assert.equal(r.entity.metadata.name, expected.name, `${label}: name`);
    assert.equal(r.entity.spec.type, expected.type, `${label}: type`);
    assert.equal(r.entity.spec.owner, expected.owner, `${label}: owner`);
    assert.equal(r.entity.spec.lifecycle, 'experimental', `${label}: lifecycle`);
    if (expected.tags) assert.deepEqual(r.entity.metadata.tags, expected.tags, `${label}: tags`);
    if (expected.description) assert.equal(r.entity.metadata.description, expected.description, `${label}: description`);
    for (const [field, state] of Object.entries(expected.states ?? {})) assert.equal(r.fields.find((f) => f.field === field)?.state, state, `${label}: ${field}`);
    for (const f of r.fields) assert.ok(f.description.length > 10, `${label}: ${f.field} explains itself`);
  }
});

test('a suggestion with an owner is a valid entity', () => {
  for (const [label, repo] of CASES) {
    const r = analyzeRepository(repo, { fallbackOwner: { ref: 'group:default/platform', source: '--owner' } });
    const v = validateEntity(r.entity);
    assert.ok(v.ok, `${label}: ${JSON.stringify(v)}`);
  }
});

test('annotations: project slug from a GitHub remote, techdocs-ref from mkdocs.yml', () => {
  const r = analyzeRepository(view('docs', { 'package.json': '{"name":"docs"}', 'mkdocs.yml': 'site_name: x' }, 'https://github.com/acme/docs.git'));
  assert.deepEqual(r.entity.metadata.annotations, { 'github.com/project-slug': 'acme/docs', 'backstage.io/techdocs-ref': 'dir:.' });
  const slug = r.fields.find((f) => f.field === 'metadata.annotations["github.com/project-slug"]');
  assert.equal(slug?.value, 'acme/docs');
  assert.equal(analyzeRepository(view('x', { 'go.mod': 'module x' }, '/srv/git/x')).entity.metadata.annotations, undefined);
});

test('owner: explains a CODEOWNERS without a root rule, and uses the fallback', () => {
  const repo = view('svc', { 'go.mod': 'module svc', CODEOWNERS: '/docs/ @acme/docs\n' });
  const plain = analyzeRepository(repo).fields.find((f) => f.field === 'spec.owner');
  assert.equal(plain?.state, 'needsUserInput');
  assert.match(plain?.description ?? '', /CODEOWNERS has no rule with an owner for the whole repository/);
  const filled = analyzeRepository(repo, { fallbackOwner: { ref: 'group:default/x', source: '--owner' } }).fields.find((f) => f.field === 'spec.owner');
  assert.deepEqual([filled?.state, filled?.value], ['analysisSuggestedValue', 'group:default/x']);
});

test('hostile files at the size limit are analysed in linear time', () => {
  const n = 256 * 1024;
  const hostile: Array<[string, string]> = [
    ['pom.xml', `<project>${'<build>'.repeat(n / 7)}`],
    ['pom.xml', `<!--${'<!--'.repeat(n / 4)}`],
    ['pom.xml', `<description>${' '.repeat(n)}x`],
    ['pyproject.toml', `[${' '.repeat(n)}x`],
    ['README.md', '['.repeat(n)],
    ['go.mod', `module ${'a.'.repeat(n / 2)}`],
    ['CODEOWNERS', `* ${'@a/b '.repeat(n / 5)}`],
  ];
  for (const [file, contents] of hostile) {
    const started = performance.now();
    analyzeRepository(view('x', { [file]: contents }));
    const ms = performance.now() - started;
    assert.ok(ms < 1_000, `${file}: ${Math.round(ms)} ms`);
  }
});
