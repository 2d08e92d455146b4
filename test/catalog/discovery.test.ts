import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { AnalyzeLocationResponse } from '../../src/contracts/discovery';
import { startGitHttpServer, type GitHttpServer } from '../helpers/gitHttpServer';
import { PAVED_BIN, ROOT, startPaved, type PavedProcess } from '../helpers/startPaved';

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };

/** Writes files into a fresh `git init` repository and commits them (the git location reads commits). */
function repo(dir: string, files: Record<string, string>, remote?: string): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Paved Test', '-c', 'user.email=test@paved.invalid', ...args], { env: GIT_ENV });
  git('init', '--quiet', '--initial-branch=main');
  if (remote) git('remote', 'add', 'origin', remote);
  git('add', '--all');
  git('commit', '--quiet', '-m', 'initial');
}

/** A folder of realistic repositories, most without a descriptor. */
function createOrg(root: string): void {
  repo(join(root, 'checkout'), {
    'package.json': JSON.stringify({ name: '@acme/checkout', description: 'Checkout HTTP API for the web shop', private: true, scripts: { start: 'node server.js' }, dependencies: { express: '^4.19.0' } }, null, 2),
    'server.js': "require('express')().listen(8080);\n",
    Dockerfile: 'FROM node:20-alpine\nCOPY . .\nCMD ["node", "server.js"]\n',
    '.github/CODEOWNERS': '# Payments owns the service\n*       @acme/payments\n/docs/  @acme/tech-writers\n',
    'node_modules/left-pad/package.json': '{"name":"left-pad"}',
  }, 'git@github.com:acme/checkout.git');
  repo(join(root, 'orders'), {
    'go.mod': 'module github.com/acme/orders\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
    'main.go': 'package main\n\nfunc main() {}\n',
    'README.md': '# Orders\n\n[![CI](https://ci.example/badge.svg)](https://ci.example)\n\nAccepts and tracks customer orders.\n',
    CODEOWNERS: '* @alice\n',
    'mkdocs.yml': 'site_name: Orders\n',
  });
  repo(join(root, 'billing-lib'), {
    'pyproject.toml': '[project]\nname = "acme-billing"\ndescription = "Invoice and credit note arithmetic"\ndependencies = ["pydantic>=2"]\n',
    'acme_billing/__init__.py': '',
  });
  repo(join(root, 'ledger'), {
    'pom.xml': '<project>\n  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId></parent>\n  <artifactId>ledger-service</artifactId>\n  <description>General ledger</description>\n  <dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies>\n</project>\n',
    'CODEOWNERS': '* @acme/finance\n',
  });
  repo(join(root, 'legacy-portal'), {
    'package.json': '{"name":"legacy-portal"}',
    'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: legacy-portal\nspec:\n  type: website\n  lifecycle: deprecated\n  owner: group:default/web\n',
  });
  repo(join(root, 'scratch'), { 'notes.txt': 'ideas\n' });
}

/** A private npm workspace: two packages with per-folder CODEOWNERS rules, a Go service outside the declaration, test data. */
function createMonorepo(dir: string): void {
  repo(dir, {
    'package.json': JSON.stringify({ name: '@acme/shop', private: true, workspaces: ['packages/*'] }),
    '.github/CODEOWNERS': '*  @acme/platform\n/packages/api/  @acme/payments\n',
    'packages/api/package.json': JSON.stringify({ name: '@acme/shop-api', description: 'Shop API', private: true, dependencies: { fastify: '^5' } }),
    'packages/ui/package.json': JSON.stringify({ name: '@acme/ui', main: 'dist/index.js', peerDependencies: { react: '*' } }),
    'services/stock/go.mod': 'module github.com/acme/shop/services/stock\n',
    'services/stock/main.go': 'package main\n',
    'services/stock/README.md': '# Stock\n\nKeeps the stock levels.\n',
    'packages/api/test/fixtures/app/package.json': '{"name":"fixture"}',
  }, 'git@github.com:acme/shop.git');
}

function paved(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Generated = AnalyzeLocationResponse['generateEntities'][number];
const byName = (res: AnalyzeLocationResponse, name: string): Generated => {
  const g = res.generateEntities.find((e) => e.entity.metadata.name === name);
  assert.ok(g, `a suggestion named ${name} in ${JSON.stringify(res.generateEntities.map((e) => e.entity.metadata.name))}`);
  return g;
};
const field = (g: Generated, name: string) => g.fields.find((f) => f.field === name);

describe('discovery: POST /analyze-location and paved discover', () => {
  let server: PavedProcess;
  let root: string;
  let mono: string;
  let gitServer: GitHttpServer;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'paved-discovery-'));
    createOrg(root);
    mono = mkdtempSync(join(tmpdir(), 'paved-mono-'));
    createMonorepo(join(mono, 'shop'));
    execFileSync('git', ['clone', '--quiet', '--bare', join(mono, 'shop'), join(mono, 'served', 'shop.git')], { env: GIT_ENV });
    gitServer = await startGitHttpServer(join(mono, 'served'), { user: 'user', password: 'pa55word' });
    server = await startPaved();
  });
  after(async () => {
    await server?.stop();
    await gitServer?.close();
    for (const dir of [root, mono]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('analyzes a folder of repositories: existing descriptors and suggested Components', async () => {
    const res = await server.api<AnalyzeLocationResponse>('POST', '/api/catalog/analyze-location', { location: { type: 'file', target: root } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.existingEntityFiles.map((f) => [f.entity.metadata.name, f.isRegistered, f.location]),
      [['legacy-portal', false, { type: 'file', target: join(root, 'legacy-portal', 'catalog-info.yaml') }]]);
    assert.deepEqual(res.body.generateEntities.map((g) => g.repository.path), ['billing-lib', 'checkout', 'ledger', 'orders', 'scratch']);

    const checkout = byName(res.body, 'checkout');
    assert.deepEqual(checkout.entity, {
      apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
      metadata: { name: 'checkout', description: 'Checkout HTTP API for the web shop', tags: ['javascript', 'express'], annotations: { 'github.com/project-slug': 'acme/checkout' } },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'group:default/payments' },
    });
    assert.deepEqual(field(checkout, 'spec.owner'), { field: 'spec.owner', state: 'analysisSuggestedValue', value: 'group:default/payments', description: '.github/CODEOWNERS:2 assigns the repository to @acme/payments.' });
    assert.match(field(checkout, 'metadata.name')?.description ?? '', /"@acme\/checkout" adjusted/);
    assert.match(field(checkout, 'spec.type')?.description ?? '', /express/);

    const orders = byName(res.body, 'orders');
    assert.equal(orders.entity.spec?.type, 'service');
    assert.equal(orders.entity.spec?.owner, 'user:default/alice');
    assert.equal(orders.entity.metadata.description, 'Accepts and tracks customer orders.');
    assert.deepEqual(orders.entity.metadata.annotations, { 'backstage.io/techdocs-ref': 'dir:.' });
    assert.deepEqual(orders.repository, { path: 'orders', language: 'go', frameworks: ['chi'] });

    const billing = byName(res.body, 'acme-billing');
    assert.equal(billing.entity.spec?.type, 'library');
    assert.equal(billing.entity.spec?.owner, undefined);
    assert.deepEqual(field(billing, 'spec.owner'), { field: 'spec.owner', state: 'needsUserInput', value: null, description: 'No CODEOWNERS file was found. Choose the owning group or user.' });

    const ledger = byName(res.body, 'ledger-service');
    assert.deepEqual([ledger.entity.spec?.type, ledger.entity.spec?.owner, ledger.entity.metadata.tags], ['service', 'group:default/finance', ['java', 'spring-boot']]);

    const scratch = byName(res.body, 'scratch');
    assert.deepEqual(field(scratch, 'spec.type'), { field: 'spec.type', state: 'needsUserInput', value: 'other', description: 'No manifest or Dockerfile was recognised; choose a type.' });
    assert.equal(field(scratch, 'metadata.description')?.state, 'analysisSuggestedNoValue');
  });

  it('analyzes a git repository through the catalog git reader', async () => {
    const res = await server.api<AnalyzeLocationResponse>('POST', '/api/catalog/analyze-location', { location: { type: 'git', target: join(root, 'checkout') } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.generateEntities.map((g) => [g.entity.metadata.name, g.entity.spec?.type, g.entity.spec?.owner]), [['checkout', 'service', 'group:default/payments']]);
    const legacy = await server.api<AnalyzeLocationResponse>('POST', '/api/catalog/analyze-location', { location: { type: 'git', target: join(root, 'legacy-portal') } });
    assert.equal(legacy.status, 200, JSON.stringify(legacy.body));
    assert.deepEqual(legacy.body.generateEntities, []);
    assert.deepEqual(legacy.body.existingEntityFiles.map((f) => [f.entity.metadata.name, f.location]), [['legacy-portal', { type: 'git', target: `${join(root, 'legacy-portal')}#HEAD:catalog-info.yaml` }]]);
  });

  it('suggests one Component per monorepo package, in its own folder, and a Location for a workspace root', async () => {
    const shop = join(mono, 'shop');
    const res = await server.api<AnalyzeLocationResponse>('POST', '/api/catalog/analyze-location', { location: { type: 'file', target: shop } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.generateEntities.map((g) => [g.repository.path, g.entity.kind, g.entity.metadata.name, g.entity.spec?.type, g.entity.spec?.owner, g.location?.target]), [
      ['.', 'Location', 'shop', undefined, undefined, join(shop, 'catalog-info.yaml')],
      ['packages/api', 'Component', 'shop-api', 'service', 'group:default/payments', join(shop, 'packages/api/catalog-info.yaml')],
      ['packages/ui', 'Component', 'ui', 'library', 'group:default/platform', join(shop, 'packages/ui/catalog-info.yaml')],
      ['services/stock', 'Component', 'stock', 'service', 'group:default/platform', join(shop, 'services/stock/catalog-info.yaml')],
    ]);
    assert.deepEqual(res.body.generateEntities[0]?.entity.spec, { targets: ['./packages/api/catalog-info.yaml', './packages/ui/catalog-info.yaml', './services/stock/catalog-info.yaml'] });
    assert.equal(field(byName(res.body, 'shop-api'), 'spec.owner')?.description, '.github/CODEOWNERS:2 assigns packages/api to @acme/payments.');
    assert.deepEqual(byName(res.body, 'ui').entity.metadata.annotations, { 'github.com/project-slug': 'acme/shop' });
  });

  it('analyzes a /tree/<ref>/<path> URL by cloning the repository over HTTP and reading that folder', async () => {
    const port = new URL(gitServer.url).port;
    const base = `http://user:pa55word@127.0.0.1:${port}/shop.git`;
    const res = await server.api<AnalyzeLocationResponse>('POST', '/api/catalog/analyze-location', { location: { type: 'url', target: `${base}/tree/main/packages` } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const safe = `http://***@127.0.0.1:${port}/shop.git`;
    assert.deepEqual(res.body.generateEntities.map((g) => [g.repository.path, g.entity.metadata.name, g.entity.spec?.owner, g.location]), [
      ['.', 'packages', undefined, { type: 'git', target: `${safe}#main:packages/catalog-info.yaml` }],
      ['api', 'shop-api', 'group:default/payments', { type: 'git', target: `${safe}#main:packages/api/catalog-info.yaml` }],
      ['ui', 'ui', 'group:default/platform', { type: 'git', target: `${safe}#main:packages/ui/catalog-info.yaml` }],
    ]);
    assert.doesNotMatch(JSON.stringify(res.body), /pa55word/);

    const blob = await server.api<AnalyzeLocationResponse>('POST', '/api/catalog/analyze-location', { location: { type: 'url', target: `${base}/blob/main/services/stock/go.mod` } });
    assert.equal(blob.status, 200, JSON.stringify(blob.body));
    assert.deepEqual(blob.body.generateEntities.map((g) => [g.entity.metadata.name, g.entity.spec?.type, g.entity.metadata.description]), [['stock', 'service', 'Keeps the stock levels.']]);

    const whole = await server.api<AnalyzeLocationResponse>('POST', '/api/catalog/analyze-location', { location: { type: 'git', target: base } });
    assert.equal(whole.status, 200, JSON.stringify(whole.body));
    assert.deepEqual(whole.body.generateEntities.map((g) => g.repository.path), ['.', 'packages/api', 'packages/ui', 'services/stock']);

    const malformed = await server.api<{ error: { message: string } }>('POST', '/api/catalog/analyze-location', { location: { type: 'url', target: `${base}/tree/` } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.message, `http://127.0.0.1:${port}/shop.git/tree/: /tree/ must be followed by a branch, tag or commit`);
    const github = await server.api<{ error: { message: string } }>('POST', '/api/catalog/analyze-location', { location: { type: 'url', target: 'https://github.com/acme/shop/pulls' } });
    assert.equal(github.status, 400);
    assert.match(github.body.error.message, /expected \/tree\/<ref>\/<path> or \/blob\/<ref>\/<path> after the repository, but found \/pulls/);
    const noRef = await server.api<{ error: { message: string } }>('POST', '/api/catalog/analyze-location', { location: { type: 'url', target: `${base}/tree/no-such-branch/packages` } });
    assert.equal(noRef.status, 400);
    assert.match(noRef.body.error.message, /^Unable to read repository http:\/\/\*\*\*@127\.0\.0\.1:\d+\/shop\.git at "no-such-branch": git rev-parse failed/);
    assert.doesNotMatch(noRef.body.error.message, /pa55word/);
  });

  it('rejects bad input and unauthenticated callers', async () => {
    const traversal = await server.api('POST', '/api/catalog/analyze-location', { location: { type: 'file', target: root }, catalogFilename: '../../etc/passwd' });
    assert.equal(traversal.status, 400);
    const missing = await server.api<{ error: { message: string } }>('POST', '/api/catalog/analyze-location', { location: { type: 'file', target: join(root, 'nope') } });
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /does not exist/);
    const kind = await server.api('POST', '/api/catalog/analyze-location', { location: { type: 'ftp', target: 'x' } });
    assert.equal(kind.status, 400);
    const badToken = await server.api('POST', '/api/catalog/analyze-location', { location: { type: 'file', target: root } }, { token: 'not-a-token' });
    assert.equal(badToken.status, 401);
  });

  it('paved discover suggests offline, --write creates valid descriptors that register and never overwrites', async () => {
    const dry = paved(['discover', root], { PAVED_URL: 'http://127.0.0.1:1' });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^REPO\s+NAME\s+TYPE\s+OWNER\s+LANGUAGE\s+STATUS$/m);
    assert.match(dry.stdout, /^checkout\s+checkout\s+service\s+group:default\/payments\s+javascript, express\s+suggested$/m);
    assert.match(dry.stdout, /^billing-lib\s+acme-billing\s+library\s+<needs input>\s+python\s+suggested$/m);
    assert.match(dry.stdout, /^legacy-portal\s+legacy-portal\s+website\s+group:default\/web\s+-\s+has catalog-info\.yaml$/m);
    assert.match(dry.stdout, /2 suggestion\(s\) have no owner/);

    const bad = paved(['discover', root, '--owner', 'component:x']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--owner: expected a group or user reference/);

    const legacyBefore = readFileSync(join(root, 'legacy-portal', 'catalog-info.yaml'), 'utf8');
    const write = paved(['discover', root, '--write', '--owner', 'group:default/platform']);
    assert.equal(write.code, 0, write.stderr);
    assert.match(write.stdout, /^billing-lib\s+acme-billing\s+library\s+group:default\/platform\s+python\s+written$/m);
    assert.match(write.stdout, /^checkout\s+checkout\s+service\s+group:default\/payments\s+.*written$/m);
    assert.equal(readFileSync(join(root, 'legacy-portal', 'catalog-info.yaml'), 'utf8'), legacyBefore);
    const written = parse(readFileSync(join(root, 'orders', 'catalog-info.yaml'), 'utf8')) as { metadata: { annotations: Record<string, string> }; spec: Record<string, string> };
    assert.deepEqual(written.spec, { type: 'service', lifecycle: 'experimental', owner: 'user:default/alice' });
    assert.equal(written.metadata.annotations['backstage.io/techdocs-ref'], 'dir:.');

    // `validate <dir>` would also read mkdocs.yml, which is not a descriptor; validate the catalog files.
    const files = ['billing-lib', 'checkout', 'ledger', 'orders', 'scratch', 'legacy-portal'].map((r) => join(root, r, 'catalog-info.yaml'));
    const valid = paved(['validate', ...files]);
    assert.equal(valid.code, 0, valid.stdout + valid.stderr);
    assert.match(valid.stdout, /6 file\(s\), 6 valid entities, 0 error\(s\)/);

    const again = paved(['discover', root, '--write']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal((again.stdout.match(/has catalog-info\.yaml/g) ?? []).length, 6);

    const env = { PAVED_URL: server.url, PAVED_TOKEN: server.adminToken };
    const reg = paved(['register', root], env);
    assert.equal(reg.code, 0, reg.stderr);
    const list = await server.api<Array<{ metadata: { name: string }; spec: { owner: string } }>>('GET', '/api/catalog/entities?filter=kind=component');
    assert.deepEqual(list.body.map((e) => e.metadata.name).sort(), ['acme-billing', 'checkout', 'ledger-service', 'legacy-portal', 'orders', 'scratch'], reg.stdout + JSON.stringify((await server.api('GET', '/api/catalog/errors')).body));

    const after = await server.api<AnalyzeLocationResponse>('POST', '/api/catalog/analyze-location', { location: { type: 'file', target: root } });
    assert.deepEqual(after.body.generateEntities, []);
    assert.equal(after.body.existingEntityFiles.length, 6);
    assert.ok(after.body.existingEntityFiles.every((f) => f.isRegistered), JSON.stringify(after.body.existingEntityFiles.map((f) => [f.entity.metadata.name, f.isRegistered])));
  });

  // Last: it registers entities, and the test above asserts the exact set of components it registered.
  it('paved discover lists monorepo packages and --write puts a descriptor in each package folder', async () => {
    const shop = join(mono, 'shop');
    const dry = paved(['discover', shop]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^\.\s+shop\s+Location\s+-\s+-\s+suggested$/m);
    assert.match(dry.stdout, /^packages\/api\s+shop-api\s+service\s+group:default\/payments\s+javascript, fastify\s+suggested$/m);
    assert.match(dry.stdout, /^services\/stock\s+stock\s+service\s+group:default\/platform\s+go\s+suggested$/m);
    assert.doesNotMatch(dry.stdout, /fixture/);

    const write = paved(['discover', shop, '--write']);
    assert.equal(write.code, 0, write.stderr);
    assert.equal((write.stdout.match(/written$/gm) ?? []).length, 4, write.stdout);
    const location = parse(readFileSync(join(shop, 'catalog-info.yaml'), 'utf8')) as { kind: string; spec: { targets: string[] } };
    assert.deepEqual([location.kind, location.spec.targets], ['Location', ['./packages/api/catalog-info.yaml', './packages/ui/catalog-info.yaml', './services/stock/catalog-info.yaml']]);
    const api = parse(readFileSync(join(shop, 'packages/api/catalog-info.yaml'), 'utf8')) as { metadata: { name: string }; spec: Record<string, string> };
    assert.deepEqual([api.metadata.name, api.spec.owner], ['shop-api', 'group:default/payments']);

    // Registering the root Location registers every package through it.
    const env = { PAVED_URL: server.url, PAVED_TOKEN: server.adminToken };
    const reg = paved(['register', join(shop, 'catalog-info.yaml')], env);
    assert.equal(reg.code, 0, reg.stdout + reg.stderr);
    const list = await server.api<Array<{ metadata: { name: string } }>>('GET', '/api/catalog/entities?filter=kind=component');
    const names = list.body.map((e) => e.metadata.name);
    assert.ok(['shop-api', 'stock', 'ui'].every((n) => names.includes(n)), `${names.join()} ${JSON.stringify((await server.api('GET', '/api/catalog/errors')).body)}`);
  });
});
