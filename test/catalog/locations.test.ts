import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiYaml, componentYaml, createShopRepo, locationYaml, startFileServer, until } from '../helpers/catalogFixtures';
import { createGitRepo } from '../helpers/gitRepo';
import { startGitHttpServer, type GitHttpServer } from '../helpers/gitHttpServer';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

interface E { kind: string; metadata: { name: string; description?: string; etag: string; annotations: Record<string, string> }; spec?: Record<string, unknown> }
interface CatalogErr { locationKey: string; entityRef: string | null; kind: string; message: string; path: string | null }

const PASSWORD = 'S3cret-Pa55word-xyzzy';
const ML = 'backstage.io/managed-by-location';

/** Everything the tests touch lives here; one server serves the git, url and file suites. */
const tmp = mkdtempSync(join(tmpdir(), 'paved-loc-'));
let paved: PavedProcess;

const entity = async (kind: string, name: string) => {
  const r = await paved.api<E>('GET', `/api/catalog/entities/by-name/${kind}/default/${name}`);
  return r.status === 200 ? r.body : undefined;
};
const errors = async () => (await paved.api<{ items: CatalogErr[] }>('GET', '/api/catalog/errors?limit=1000')).body.items;
const register = async (type: string, target: string) => {
  const r = await paved.api<{ location: { id: string; target: string }; entities: E[] }>('POST', '/api/catalog/locations', { type, target });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
};
const refresh = async (entityRef: string) => assert.equal((await paved.api('POST', '/api/catalog/refresh', { entityRef })).status, 200);

before(async () => {
  paved = await startPaved({ env: { PAVED_LOG_LEVEL: 'info' } });
});
after(async () => {
  await paved?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('git location, local path', () => {
  const repo = createShopRepo(join(tmp, 'shop'));
  const key = (ref: string, path: string) => `git:${repo.dir}#${ref}:${path}`;

  it('follows a root Location to relative targets and resolves $text inside the repository', async () => {
    const res = await register('git', `${repo.dir}#main:catalog-info.yaml`);
    assert.deepEqual(res.entities.map((e) => e.metadata.name).filter((n) => !n.startsWith('generated-')).sort(), ['cart', 'cart-api', 'pay', 'shop']);
    assert.equal((await entity('location', 'shop'))?.metadata.annotations[ML], key('main', 'catalog-info.yaml'));
    assert.equal((await entity('component', 'cart'))?.metadata.annotations[ML], key('main', 'services/cart/catalog-info.yaml'));
    assert.equal((await entity('component', 'pay'))?.metadata.annotations['backstage.io/managed-by-origin-location'], `git:${repo.dir}#main:catalog-info.yaml`);
    assert.equal((await entity('api', 'cart-api'))?.spec?.definition, 'openapi: 3.0.0\ninfo:\n  title: Cart\n  version: "1"\n');
  });

  it('refuses a placeholder that climbs out of the repository, naming the field', async () => {
    assert.equal(await entity('api', 'escapee'), undefined);
    const err = (await errors()).find((e) => e.entityRef === 'api:default/escapee');
    assert.ok(err, JSON.stringify(await errors()));
    assert.equal(err.path, 'spec.definition');
    assert.match(err.message, /\.\.\/\.\.\/x/);
    assert.match(err.message, /outside/);
  });

  it('sees a new commit on refresh, including a changed $text target', async () => {
    repo.commit('cart v2', {
      'services/cart/catalog-info.yaml': `${componentYaml('cart', { description: 'Cart v2' })}---\n${apiYaml('cart-api', './openapi.yaml')}`,
      'services/cart/openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: Cart\n  version: "2"\n',
    });
    await refresh('component:default/cart');
    assert.equal((await entity('component', 'cart'))?.metadata.description, 'Cart v2');
    assert.match(String((await entity('api', 'cart-api'))?.spec?.definition), /version: "2"/);
  });

  it('reads another branch', async () => {
    await register('git', `${repo.dir}#release:catalog-info.yaml`);
    assert.equal((await entity('component', 'legacy'))?.metadata.annotations[ML], key('release', 'services/legacy/catalog-info.yaml'));
    assert.equal((await entity('component', 'cart'))?.metadata.description, 'Cart v2', 'main is untouched');
  });

  it('reads every file a glob matches, at any depth including the root', async () => {
    const other = createGitRepo(join(tmp, 'globbed'));
    other.commit('three', {
      'catalog-info.yaml': componentYaml('g-root'),
      'a/catalog-info.yaml': componentYaml('g-a'),
      'a/b/c/catalog-info.yaml': componentYaml('g-deep'),
      'a/not-a-catalog.yaml': componentYaml('g-ignored'),
    });
    const res = await register('git', `${other.dir}#main:**/catalog-info.yaml`);
    assert.deepEqual(res.entities.filter((e) => e.kind === 'Component').map((e) => e.metadata.name).sort(), ['g-a', 'g-deep', 'g-root']);
    assert.equal((await entity('component', 'g-deep'))?.metadata.annotations[ML], `git:${other.dir}#main:a/b/c/catalog-info.yaml`);
  });

  it('reads the default branch for a target without a ref, after a named ref of the same repository was read', async () => {
    const trunk = createGitRepo(join(tmp, 'trunk'), 'trunk');
    trunk.commit('on trunk', { 'catalog-info.yaml': componentYaml('on-trunk') });
    trunk.git('checkout', '--quiet', '-b', 'feature');
    trunk.commit('on feature', { 'catalog-info.yaml': componentYaml('on-feature') });
    trunk.git('checkout', '--quiet', 'trunk');
    await register('git', `${trunk.dir}#feature:catalog-info.yaml`);
    assert.ok(await entity('component', 'on-feature'));
    const res = await register('git', trunk.dir);
    assert.deepEqual(res.entities.filter((e) => e.kind === 'Component').map((e) => e.metadata.name), ['on-trunk']);
  });
});

describe('git location, remote over HTTP with credentials', () => {
  let server: GitHttpServer;
  const projectRoot = join(tmp, 'served');
  before(async () => {
    const repo = createGitRepo(join(tmp, 'remote-src'));
    repo.commit('remote', {
      'catalog-info.yaml': locationYaml('remote-root', ['./team/catalog-info.yaml']),
      'team/catalog-info.yaml': `${componentYaml('remote-svc')}---\n${apiYaml('remote-api', './openapi.yaml')}`,
      'team/openapi.yaml': 'openapi: 3.0.0\n',
    });
    mkdirSync(projectRoot);
    execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, join(projectRoot, 'repo.git')]);
    server = await startGitHttpServer(projectRoot, { user: 'user', password: PASSWORD });
  });
  after(() => server?.close());

  it('clones with the credentials in the URL and follows relative targets with them', async () => {
    const target = `http://user:${PASSWORD}@127.0.0.1:${new URL(server.url).port}/repo.git#main:catalog-info.yaml`;
    await register('git', target);
    const svc = await entity('component', 'remote-svc');
    assert.ok(svc, JSON.stringify(await errors()));
    assert.equal(svc.metadata.annotations[ML], `git:http://***@127.0.0.1:${new URL(server.url).port}/repo.git#main:team/catalog-info.yaml`);
    assert.equal((await entity('api', 'remote-api'))?.spec?.definition, 'openapi: 3.0.0\n');
  });

  it('fails fast with a clear error on a wrong password, without prompting', async () => {
    const started = Date.now();
    await register('git', `http://user:wrong-${PASSWORD.slice(0, 4)}x@127.0.0.1:${new URL(server.url).port}/repo.git#main:catalog-info.yaml`);
    assert.ok(Date.now() - started < 20_000, 'registration must not hang on a credential prompt');
    const err = (await errors()).find((e) => e.locationKey === `git:http://***@127.0.0.1:${new URL(server.url).port}/repo.git#main:catalog-info.yaml`);
    assert.ok(err, JSON.stringify(await errors()));
    assert.match(err.message, /Authentication failed|401/);
  });

  it('never shows the password in an API response or the server output', async () => {
    for (const path of ['/api/catalog/locations', '/api/catalog/entities', '/api/catalog/errors?limit=1000', '/api/catalog/health', '/api/audit?limit=100']) {
      const body = JSON.stringify((await paved.api('GET', path)).body);
      assert.ok(!body.includes(PASSWORD), `${path} leaks the password: ${body.slice(0, 2000)}`);
      assert.ok(!body.includes('wrong-'), `${path} leaks the wrong password`);
    }
    const ancestry = JSON.stringify((await paved.api('GET', '/api/catalog/entities/by-name/component/default/remote-svc/ancestry')).body);
    assert.ok(!ancestry.includes(PASSWORD), ancestry);
    assert.ok(!paved.output().includes(PASSWORD), 'server output leaks the password');
    assert.ok(!paved.output().includes('wrong-'), 'server output leaks the wrong password');
    const onDisk = spawnSync('grep', ['-rl', '--binary-files=text', PASSWORD, join(paved.dataDir, 'git-cache')], { encoding: 'utf8' }).stdout.trim();
    assert.equal(onDisk.split('\n').filter((f) => f.includes('git-cache')).join(', '), '', 'the git mirror stores the password');
  });
});

describe('url location', () => {
  let files: Awaited<ReturnType<typeof startFileServer>>;
  let other: string;
  before(async () => {
    const routes: Parameters<typeof startFileServer>[0] = {
      '/catalog-info.yaml': locationYaml('web-root', ['./team/catalog-info.yaml']),
      '/team/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web-svc\nspec:\n  $yaml: ./spec.yaml\n`,
      '/team/spec.yaml': 'type: website\nlifecycle: experimental\nowner: team-web\n',
      '/moved/catalog-info.yaml': apiYaml('moved-api', './openapi.yaml'),
      '/moved/openapi.yaml': (res) => res.writeHead(302, { location: `${other}/openapi.yaml` }).end(),
      '/openapi.yaml': 'openapi: 3.0.0\n',
      '/big.yaml': (res) => {
        // Chunked, with no content-length, so only the streaming limit can catch it.
        res.writeHead(200, { 'content-type': 'text/yaml' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        for (let i = 0; i < 9; i++) res.write(chunk);
        res.end();
      },
    };
    files = await startFileServer(routes);
    // Same loopback server, different origin: `localhost` instead of `127.0.0.1`.
    other = files.url.replace('127.0.0.1', 'localhost');
    routes['/cross.yaml'] = apiYaml('cross-api', `${other}/openapi.yaml`);
  });
  after(() => files?.close());

  it('follows a relative Location target and resolves $yaml', async () => {
    await register('url', `${files.url}/catalog-info.yaml`);
    const svc = await entity('component', 'web-svc');
    assert.ok(svc, JSON.stringify(await errors()));
    assert.equal(svc.metadata.annotations[ML], `url:${files.url}/team/catalog-info.yaml`);
    assert.deepEqual(svc.spec, { type: 'website', lifecycle: 'experimental', owner: 'team-web' });
  });

  it('reports oversize and missing documents clearly', async () => {
    await register('url', `${files.url}/big.yaml`);
    await register('url', `${files.url}/missing.yaml`);
    const all = await errors();
    assert.match(all.find((e) => e.locationKey === `url:${files.url}/big.yaml`)?.message ?? '', /larger than the 8388608-byte limit/);
    assert.match(all.find((e) => e.locationKey === `url:${files.url}/missing.yaml`)?.message ?? '', /HTTP 404/);
  });

  it('refuses a placeholder on another origin, directly or through a redirect', async () => {
    await register('url', `${files.url}/cross.yaml`);
    const cross = (await errors()).find((e) => e.entityRef === 'api:default/cross-api');
    assert.ok(cross, JSON.stringify(await errors()));
    assert.equal(cross.path, 'spec.definition');
    assert.match(cross.message, /another origin/);
    await register('url', `${files.url}/moved/catalog-info.yaml`);
    const err = (await errors()).find((e) => e.entityRef === 'api:default/moved-api');
    assert.ok(err, 'a same-origin URL redirecting elsewhere must not be followed');
    assert.equal(err.path, 'spec.definition');
    assert.match(err.message, /origin/);
    assert.equal(await entity('api', 'moved-api'), undefined);
  });
});

describe('file location: directory and glob', () => {
  const dir = join(tmp, 'files');
  const globDir = join(tmp, 'globbed-files');
  before(() => {
    for (const d of ['a', 'b', 'node_modules/dep']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, 'a/catalog-info.yaml'), componentYaml('dir-a'));
    writeFileSync(join(dir, 'b/catalog-info.yaml'), componentYaml('dir-b'));
    writeFileSync(join(dir, 'b/other.yaml'), componentYaml('dir-not-matched'));
    writeFileSync(join(dir, 'node_modules/dep/catalog-info.yaml'), componentYaml('dir-in-node-modules'));
    mkdirSync(join(globDir, 'x'), { recursive: true });
    writeFileSync(join(globDir, 'one.entity.yaml'), componentYaml('glob-one'));
    writeFileSync(join(globDir, 'x/two.entity.yaml'), componentYaml('glob-two'));
  });

  it('reads every catalog-info.yaml below a directory, skipping node_modules, and picks up new files on refresh', async () => {
    await register('file', dir);
    const all = (await paved.api<E[]>('GET', '/api/catalog/entities?filter=kind=component')).body.map((e) => e.metadata.name).filter((n) => n.startsWith('dir-')).sort();
    assert.deepEqual(all, ['dir-a', 'dir-b']);
    assert.equal((await entity('component', 'dir-a'))?.metadata.annotations[ML], `file:${join(dir, 'a/catalog-info.yaml')}`);
    mkdirSync(join(dir, 'c'));
    writeFileSync(join(dir, 'c/catalog-info.yaml'), componentYaml('dir-c'));
    await refresh('component:default/dir-a');
    assert.ok(await entity('component', 'dir-c'));
  });

  it('orphans the entities of a file that no longer matches a glob', async () => {
    await register('file', join(globDir, '**/*.entity.yaml'));
    assert.ok(await entity('component', 'glob-one'));
    assert.ok(await entity('component', 'glob-two'));
    renameSync(join(globDir, 'x/two.entity.yaml'), join(globDir, 'x/two.yaml.bak'));
    await refresh('component:default/glob-one');
    assert.equal((await entity('component', 'glob-two'))?.metadata.annotations['backstage.io/orphan'], 'true');
    assert.equal((await entity('component', 'glob-one'))?.metadata.annotations['backstage.io/orphan'], undefined);
  });
});

describe('locations from config at start, refreshed on an interval', () => {
  let server: PavedProcess;
  const repo = createShopRepo(join(tmp, 'config-shop'), 'cfg-');
  const dir = join(tmp, 'config-files');
  before(async () => {
    mkdirSync(join(dir, 'svc'), { recursive: true });
    writeFileSync(join(dir, 'svc/catalog-info.yaml'), componentYaml('cfg-file-svc'));
    server = await startPaved({
      env: { PAVED_LOG_LEVEL: 'info', PAVED_REFRESH_INTERVAL_SECONDS: '1', PAVED_LOCATIONS: `git:${repo.dir}#main:catalog-info.yaml,file:${dir}` },
    });
  });
  after(() => server?.stop());

  const get = async (kind: string, name: string) => {
    const r = await server.api<E>('GET', `/api/catalog/entities/by-name/${kind}/default/${name}`);
    return r.status === 200 ? r.body : undefined;
  };
  /** The ingestion summaries the server logged (`refreshed <location> in N ms`), as parsed JSON lines. */
  const summaries = () => server.output().split('\n').filter((l) => l.includes('"refreshed ')).map((l) => JSON.parse(l) as { msg: string; skipped: number; sources: number; updated: number; inserted: number });

  it('registers both locations at start', async () => {
    await until('config locations to be ingested', async () => (await get('component', 'cfg-cart')) && (await get('component', 'cfg-file-svc')));
    const locations = (await server.api<Array<{ data: { type: string; target: string } }>>('GET', '/api/catalog/locations')).body.map((l) => `${l.data.type}:${l.data.target}`);
    assert.deepEqual(locations.sort(), [`file:${dir}`, `git:${repo.dir}#main:catalog-info.yaml`].sort());
  });

  it('skips unchanged sources on the interval, keeping etags, and picks up a commit', async () => {
    const before = (await get('component', 'cfg-cart'))?.metadata.etag;
    const seen = summaries().length;
    const skipped = await until('an interval refresh that skips everything', async () =>
      summaries().slice(seen).find((s) => s.msg.startsWith('refreshed git:') && s.sources > 1 && s.skipped === s.sources), 10_000);
    assert.equal(skipped.updated + skipped.inserted, 0);
    assert.equal((await get('component', 'cfg-cart'))?.metadata.etag, before);
    repo.commit('cart v2', { 'services/cart/catalog-info.yaml': componentYaml('cfg-cart', { description: 'changed' }) });
    const changed = await until('the interval refresh to see the commit', async () => (await get('component', 'cfg-cart'))?.metadata.description === 'changed' && (await get('component', 'cfg-cart')));
    assert.notEqual(changed.metadata.etag, before);
  });
});
