// Docs and search as a user sees them, in Chromium against a real server: an entity's Docs tab
// (nav, page, table of contents, a link to another page), the docs index, and a search whose result
// opens the docs page it found.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { until } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { docsComponentYaml, siteFiles, writeFiles } from '../docs/docsFixtures';
import { SHOTS, expectText, expectUrl, shot } from './browserHarness';

// A 2×1 PNG: the page must show it at that natural size.
const MAP_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000020000000108020000007b40e8dd0000000f49444154789c63f8cfc0c0f09f010007ff01ff017f89a70000000049454e44ae426082', 'hex');
const tmp = mkdtempSync(join(tmpdir(), 'paved-docs-browser-'));
let server: PavedProcess;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  writeFiles(join(tmp, 'payouts'), siteFiles('payouts'));
  writeFiles(join(tmp, 'atlas'), {
    'catalog-info.yaml': docsComponentYaml('atlas'), 'mkdocs.yml': 'site_name: Atlas\n',
    'docs/index.md': '# Atlas\n\n![Map of the services](img/map.png)\n', 'docs/img/map.png': MAP_PNG,
  });
  server = await startPaved({ env: { PAVED_LOCATIONS: `file:${tmp}` } });
  await until('the docs to be built', async () => (await server.api<{ pageCount: number }>('GET', '/api/docs/default/component/payouts')).body?.pageCount === 3, 60_000);
  await until('the atlas docs to be built', async () => (await server.api<{ pageCount: number }>('GET', '/api/docs/default/component/atlas')).body?.pageCount === 1, 60_000);
  await until('the entity in the search index', async () => (await server.api<{ results: unknown[] }>('GET', '/api/search?q=payouts&types=entity')).body?.results?.length, 30_000);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function newPage(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

describe('docs in the UI', () => {
  test('entity Docs tab: nav, page, TOC, a link to another page', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/catalog/default/component/payouts`);
    await page.getByRole('tab', { name: 'Docs' }).click();
    await expectUrl(page, (u) => u.searchParams.get('tab') === 'docs', 'with tab=docs');
    const content = page.getByTestId('docs-content');
    await expectText(content.locator('h1'), 'Welcome to payouts');
    await page.getByRole('navigation', { name: 'Docs navigation' }).getByText('Reference').waitFor();
    await page.getByRole('navigation', { name: 'Table of contents' }).getByText('Architecture').waitFor();

    // A link inside the page opens the other page in the tab, at its section.
    await content.getByRole('link', { name: 'setup guide' }).click();
    await expectUrl(page, (u) => u.searchParams.get('page') === 'guide/setup' && u.hash === '#install', 'of the setup page at #install');
    await expectText(content.locator('h1'), 'Setup guide');
    await shot(page, 'docs-entity-tab');

    // The nav opens a page with a table, code and an admonition.
    await page.getByRole('navigation', { name: 'Docs navigation' }).getByText('Reference').click();
    await expectText(content.locator('h1'), 'Reference');
    await content.locator('table').waitFor();
    await content.locator('.admonition.warning').waitFor();
    // And back through a link to the home page.
    await page.getByRole('navigation', { name: 'Docs navigation' }).getByText('Guide').click();
    await content.getByRole('link', { name: 'home' }).click();
    await expectText(content.locator('h1'), 'Welcome to payouts');
  });

  test('docs index, and a dark-mode docs page with its admonition styled', async () => {
    const page = await newPage('dark');
    await page.goto(`${server.url}/docs`);
    await page.getByRole('link', { name: 'payouts handbook' }).click();
    await expectUrl(page, (u) => u.pathname === '/docs/default/component/payouts', 'of the site page');
    await page.getByRole('navigation', { name: 'Docs navigation' }).getByText('Reference').click();
    await expectUrl(page, (u) => u.pathname === '/docs/default/component/payouts/reference', 'of the reference page');
    const admonition = page.getByTestId('docs-content').locator('.admonition.warning');
    await admonition.waitFor();
    const bg = await admonition.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'admonitions have a background');
    await shot(page, 'docs-site-dark');
  });

  test('a docs page shows the image of its docs folder', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/docs/default/component/atlas`);
    const img = page.getByTestId('docs-content').getByRole('img', { name: 'Map of the services' });
    await img.waitFor();
    await until('the image to load', async () => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0), 10_000);
    assert.equal(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth), 2);
    assert.match(await img.getAttribute('src') ?? '', /^\/api\/docs\/default\/component\/atlas\/assets\/img\/map\.png$/);
  });

  test('search: type, see docs and entity results, open one with the keyboard', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/search`);
    await page.getByLabel('Search docs and catalog').fill('installer');
    await expectUrl(page, (u) => u.searchParams.get('q') === 'installer', 'with q=installer');
    const first = page.getByTestId('search-result').first();
    await expectText(first.getByTestId('search-result-title'), 'Guide › Install');
    await first.locator('mark').first().waitFor();
    await page.getByLabel('Search docs and catalog').fill('payouts');
    await page.getByTestId('search-result').filter({ hasText: 'Component' }).first().waitFor();
    await shot(page, 'docs-search');
    await page.getByLabel('Search docs and catalog').fill('installer');
    await expectText(page.getByTestId('search-result').first().getByTestId('search-result-title'), 'Guide › Install');
    await page.getByLabel('Search docs and catalog').press('Enter');
    await expectUrl(page, (u) => u.pathname === '/docs/default/component/payouts/guide/setup', 'of the found page');
    await expectText(page.getByTestId('docs-content').locator('h1'), 'Setup guide');
    assert.deepEqual(pageErrors, []);
  });

  test('header search: "/" then Enter on any page lands on /search with docs sections and entities', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/catalog`);
    const header = page.getByRole('search').getByLabel('Site search');
    await header.waitFor();
    await page.getByRole('link', { name: 'payouts', exact: true }).first().waitFor();
    await page.keyboard.press('/');
    assert.equal(await header.evaluate((el) => el === document.activeElement), true, '"/" focuses the header search');
    await page.keyboard.type('payouts');
    await page.keyboard.press('Enter');
    await expectUrl(page, (u) => u.pathname === '/search' && u.searchParams.get('q') === 'payouts', 'of /search?q=payouts');
    // The search page takes the query over: its own box shows it, and both kinds of result are listed.
    assert.equal(await page.getByLabel('Search docs and catalog').inputValue(), 'payouts');
    const results = page.getByTestId('search-result');
    await results.filter({ hasText: 'Docs' }).filter({ hasText: 'payouts handbook' }).first().waitFor();
    await results.filter({ hasText: 'Component' }).filter({ hasText: 'component:default/payouts' }).first().waitFor();
    await shot(page, 'header-search');
    assert.deepEqual(pageErrors, []);
  });
});
