// Docs-as-code through the API, on the database PAVED_TEST_DB names: sites built from file and git
// locations, rebuilt only when their source changes, errors listed per site, pages served after a
// restart without a rebuild, and one ranked search over docs and catalog entities.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFileServer, until } from '../helpers/catalogFixtures';
import { createGitRepo } from '../helpers/gitRepo';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { docsComponentYaml, siteFiles, writeFiles, type PageDto, type SearchDto, type SiteDto } from './docsFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'paved-docs-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('docs API', () => {
  let server: PavedProcess;
  let files: Awaited<ReturnType<typeof startFileServer>>;
  const fileDir = join(tmp, 'files');
  const repo = createGitRepo(join(tmp, 'repo'));

  before(async () => {
    writeFiles(join(fileDir, 'payouts'), siteFiles('payouts'));
    writeFiles(join(fileDir, 'broken'), {
      'catalog-info.yaml': docsComponentYaml('broken-docs'),
      'mkdocs.yml': 'site_name: [unclosed\nnav: {\n',
      'docs/index.md': '# Still served\n\nThe pages build with defaults.\n',
    });
    writeFiles(join(fileDir, 'plain'), { 'catalog-info.yaml': docsComponentYaml('zebra-service', { title: 'Zebra service', description: 'Owns nothing about docs' }).replace(/ {2}annotations:\n.*\n/, '') });
    repo.commit('initial', siteFiles('ledger', { guideText: 'Clone the ledger first.' }));
    files = await startFileServer({ '/catalog-info.yaml': docsComponentYaml('remote-docs') });
    server = await startPaved({ env: { PAVED_REFRESH_INTERVAL_SECONDS: '3' } });
    for (const body of [{ type: 'file', target: fileDir }, { type: 'git', target: `${repo.dir}#main:catalog-info.yaml` }, { type: 'url', target: `${files.url}/catalog-info.yaml` }]) {
      const r = await server.api('POST', '/api/catalog/locations', body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
  });
  after(async () => {
    await server?.stop();
    await files?.close();
  });

  const site = async (name: string) => server.api<SiteDto>('GET', `/api/docs/default/component/${name}`);
  const page = async (name: string, slug: string) => server.api<PageDto>('GET', `/api/docs/default/component/${name}/pages/${slug}`);
  const build = async (name: string, force = false) => server.api<{ outcome: string; site: { pageCount: number } }>('POST', `/api/docs/default/component/${name}/build${force ? '?force=true' : ''}`);
  const search = async (q: string, types?: string) => server.api<SearchDto>('GET', `/api/search?${new URLSearchParams({ q, ...(types ? { types } : {}) })}`);

  it('builds a file location\'s docs: nav, pages, headings, links rewritten to the UI routes', async () => {
    const r = await build('payouts');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const s = (await site('payouts')).body;
    assert.equal(s.title, 'payouts handbook');
    assert.deepEqual(s.pages.map((p) => p.slug).sort(), ['', 'guide/setup', 'reference']);
    assert.deepEqual(s.nav.map((n) => [n.title, n.slug]), [['Home', ''], ['Guide', 'guide/setup'], ['Reference', 'reference']]);
    assert.equal(s.errorCount, 0, JSON.stringify(s.errors));
    assert.match(s.source, /^file:.*payouts$/);
    assert.deepEqual(s.allowedActions, ['build']);
    const guide = (await page('payouts', 'guide/setup')).body;
    assert.equal(guide.title, 'Guide');
    assert.deepEqual(guide.headings.map((h) => h.text), ['Setup guide', 'Install', 'Configure']);
    assert.match(guide.html, /href="\/docs\/default\/component\/payouts"[^>]*data-docs-slug=""/);
    const home = (await page('payouts', '')).body;
    assert.match(home.html, /href="\/docs\/default\/component\/payouts\/guide\/setup#install"/);
    const ref = (await page('payouts', 'reference')).body.html;
    assert.match(ref, /<table>/);
    assert.match(ref, /class="admonition warning"/);
    assert.match(ref, /class="language-ts"/);
    const list = await server.api<{ items: Array<{ entityRef: string; pageCount: number; errorCount: number; builtAt: string }> }>('GET', '/api/docs');
    const item = list.body.items.find((i) => i.entityRef === 'component:default/payouts');
    assert.equal(item?.pageCount, 3);
    assert.ok(item?.builtAt);
    assert.equal((await page('payouts', 'nope')).status, 404);
    assert.equal((await site('zebra-service')).status, 404);
  });

  it('does not rebuild unchanged docs; rebuilds when a page changes on disk', async () => {
    await until('the first build', async () => (await site('payouts')).body.buildCount >= 1);
    const before = (await site('payouts')).body;
    const again = await build('payouts');
    assert.equal(again.body.outcome, 'unchanged');
    assert.equal((await site('payouts')).body.buildCount, before.buildCount);
    assert.equal((await site('payouts')).body.builtAt, before.builtAt);
    writeFileSync(join(fileDir, 'payouts/docs/reference.md'), '# Reference\n\nNow with a quokka section.\n');
    const changed = await build('payouts');
    assert.equal(changed.body.outcome, 'built');
    assert.match((await page('payouts', 'reference')).body.html, /quokka/);
    assert.equal((await build('payouts', true)).body.outcome, 'built');
  });

  it('lists a broken mkdocs.yml as an error and still serves the pages', async () => {
    await build('broken-docs');
    const s = (await site('broken-docs')).body;
    assert.ok(s.errorCount >= 1);
    assert.ok(s.errors.some((e) => e.file === 'mkdocs.yml'), JSON.stringify(s.errors));
    assert.match((await page('broken-docs', '')).body.html, /Still served/);
    const list = await server.api<{ items: Array<{ entityRef: string; errorCount: number }> }>('GET', '/api/docs');
    assert.ok(list.body.items.find((i) => i.entityRef === 'component:default/broken-docs')!.errorCount >= 1);
  });

  it('says url locations are not supported yet', async () => {
    await until('the url entity', async () => (await server.api('GET', '/api/catalog/entities/by-name/component/default/remote-docs')).status === 200);
    await build('remote-docs');
    const s = (await site('remote-docs')).body;
    assert.equal(s.pageCount, 0);
    assert.match(s.errors[0]!.message, /url: locations are not supported yet/);
  });

  it('builds a git location from the catalog\'s mirror; a new commit shows after refresh', async () => {
    await build('ledger');
    assert.match((await page('ledger', 'guide/setup')).body.html, /Clone the ledger first/);
    assert.match((await site('ledger')).body.source, /^git:.*#[0-9a-f]{12}:\.$/);
    const builds = (await site('ledger')).body.buildCount;
    repo.commit('edit the guide', { 'docs/guide/setup.md': '# Setup guide\n\n## Install\n\nUse the new ledger installer.\n' });
    const refresh = await server.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/ledger' });
    assert.equal(refresh.status, 200);
    // The scheduled scan may have rebuilt it already; either way it was rebuilt once more.
    await build('ledger');
    assert.ok((await site('ledger')).body.buildCount > builds);
    assert.match((await page('ledger', 'guide/setup')).body.html, /new ledger installer/);
    // And without asking: the scheduled catalog refresh fetches the commit, the docs scan rebuilds.
    repo.commit('edit again', { 'docs/guide/setup.md': '# Setup guide\n\nThe scheduled build picked this up.\n' });
    await until('the scheduled docs build', async () => /scheduled build picked this up/.test((await page('ledger', 'guide/setup')).body.html ?? ''), 30_000);
  });

  it('searches docs and entities together, a title match above a body match', async () => {
    await until('entities in the index', async () => (await search('zebra', 'entity')).body.results?.length);
    await until('payouts docs in the index', async () => (await search('payouts', 'docs')).body.results?.length);
    writeFileSync(join(fileDir, 'payouts/docs/zebra.md'), '# Zebra crossings\n\nHow we cross.\n');
    writeFileSync(join(fileDir, 'payouts/docs/other.md'), '# Other\n\nA zebra appears once in this body text among many other words about payments.\n');
    await build('payouts');
    const r = await search('zebra', 'docs');
    assert.equal(r.status, 200);
    const titles = r.body.results.map((x) => x.pageTitle);
    assert.equal(titles[0], 'Zebra crossings', JSON.stringify(titles));
    assert.ok(titles.includes('Other'));
    assert.ok(r.body.results.some((x) => x.snippet.some((s) => s.match && /zebra/i.test(s.text))), JSON.stringify(r.body.results[0]?.snippet));
    const mixed = (await search('zebra')).body.results;
    assert.ok(mixed.some((x) => x.type === 'entity' && x.name === 'zebra-service'), JSON.stringify(mixed.map((x) => x.entityRef)));
    assert.ok(mixed.some((x) => x.type === 'docs'));
    const entity = mixed.find((x) => x.type === 'entity')!;
    assert.equal(entity.link, '/catalog/default/component/zebra-service');
    const doc = mixed.find((x) => x.pageTitle === 'Zebra crossings')!;
    assert.equal(doc.link, '/docs/default/component/payouts/zebra');
    // Prefix match while typing, by description and owner too.
    assert.ok((await search('payo', 'entity')).body.results.some((x) => x.name === 'payouts'));
    assert.ok((await search('merchants', 'entity')).body.results.some((x) => x.name === 'payouts'));
  });

  it('answers bad queries with a 400 or safe results, never a 500', async () => {
    for (const q of ['"unbalanced', 'zebra*', 'NEAR(zebra crossing)', 'a:b', '(x OR', '-zebra', 'zebra AND NOT', "'; DROP TABLE x; --", '^zebra', 'col:zebra', '!&|']) {
      const r = await search(q);
      assert.ok(r.status === 200 || r.status === 400, `${q}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    assert.equal((await search('')).status, 400);
    assert.equal((await search('***')).status, 400);
    assert.equal((await search('x'.repeat(201))).status, 400);
    assert.equal((await search('zebra', 'docs,bogus')).status, 400);
    assert.equal((await search('"zebra')).status, 200);
  });

  it('requires authentication to build, records the build in the audit log, documents the API', async () => {
    const guest = await server.api('POST', '/api/docs/default/component/payouts/build', undefined, { token: null });
    assert.ok(guest.status === 401 || guest.status === 403, String(guest.status));
    const audit = await server.api<{ items: Array<{ action: string; target: string }> }>('GET', '/api/audit?action=docs.site.build');
    assert.ok(audit.body.items.some((e) => e.target === 'component:default/payouts'));
    const spec = await server.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    for (const p of ['/api/docs', '/api/docs/{namespace}/{kind}/{name}', '/api/docs/{namespace}/{kind}/{name}/build', '/api/search']) assert.ok(spec.body.paths[p], p);
  });

  it('serves docs after a restart without rebuilding them', async () => {
    const before = (await site('payouts')).body.buildCount;
    await server.kill();
    server = await server.restart({ PAVED_REFRESH_INTERVAL_SECONDS: '3600' });
    assert.match((await page('payouts', 'guide/setup')).body.html, /Run the installer once/);
    assert.equal((await site('payouts')).body.buildCount, before);
    assert.ok((await search('installer', 'docs')).body.results.length > 0);
  });
});
