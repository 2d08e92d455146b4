// Golden paths as a user sees them, in Chromium against a real server with the demo organisation:
// the golden paths page (cards with tier, version, owner, adoption) → one path (standards with their
// fix, services current/older, per-team shares, template and docs links) → its entity page.
// Expected values come from the API; the test checks that the UI shows them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { GoldenPathDetail, GoldenPathList, GoldenPathMigrationService } from '../../src/contracts';
import { EXPECTED, PATH, SERVICE, setUpBillingMigration } from '../goldenPaths/migrationFixture';
import { expectText, expectUrl, shot, signIn, startHarness, type Harness } from './browserHarness';

let h: Harness;
const dir = mkdtempSync(join(tmpdir(), 'paved-gp-browser-'));
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('golden paths', () => {
  test('list → one path: standards, services on it, team shares → entity page', async () => {
    const list = (await h.api<GoldenPathList>('/api/golden-paths')).body;
    const page = await h.newPage();

    // 1. The page is in the navigation and shows one card per golden path.
    await page.goto(`${h.url}/catalog`);
    await page.getByRole('navigation', { name: 'Main' }).getByText('Golden paths', { exact: true }).click();
    await expectUrl(page, (u) => u.pathname === '/golden-paths', '/golden-paths');
    const cards = page.getByTestId('golden-path-card');
    await cards.first().waitFor();
    assert.equal(await cards.count(), list.items.length);
    for (const p of list.items) {
      const card = page.locator(`[data-testid="golden-path-card"][data-name="${p.name}"]`);
      await expectText(card.getByTestId('tier-badge'), p.supportTier);
      await expectText(card.getByTestId('version-badge'), `v${p.version}`);
      const a = p.adoption;
      await expectText(card.getByTestId('adoption-text'), a.total === 0 ? 'No services yet'
        : `${a.total} service${a.total === 1 ? '' : 's'} · ${a.current} current · ${a.older} older${a.unknownVersion ? ` · ${a.unknownVersion} unknown` : ''}`);
    }
    const teams = page.getByTestId('team-share');
    assert.equal(await teams.count(), list.teams.length);
    const storefront = list.teams.find((t) => t.owner === 'group:default/storefront-team');
    assert.ok(storefront);
    await expectText(page.locator('[data-testid="team-share"][data-owner="group:default/storefront-team"]').locator('p').last(), `${storefront.onPath}/${storefront.components} · ${Math.round(storefront.share * 100)}%`);
    await shot(page, 'golden-paths');

    // 2. Open one: its standards with their fix text, and the services on it (current and older).
    const detail = (await h.api<GoldenPathDetail>('/api/golden-paths/default/typescript-http-service')).body;
    await page.locator('[data-testid="golden-path-card"][data-name="typescript-http-service"]').getByRole('link', { name: detail.title ?? detail.name }).click();
    await expectUrl(page, (u) => u.pathname === '/golden-paths/default/typescript-http-service', 'the golden path page');
    const standards = page.getByTestId('standard');
    await standards.first().waitFor();
    assert.equal(await standards.count(), detail.standards.length);
    const ci = detail.standards.find((s) => s.id === 'has-ci');
    assert.ok(ci?.fix);
    await expectText(page.locator('[data-testid="standard"][data-id="has-ci"] td').last(), ci.fix);
    const services = page.getByTestId('service');
    assert.equal(await services.count(), detail.services.length);
    for (const s of detail.services) {
      const row = page.locator(`[data-testid="service"][data-name="${s.name}"]`);
      assert.equal(await row.getAttribute('data-status'), s.status);
      await expectText(row.locator('td').nth(2), s.version ?? '—');
    }
    assert.deepEqual(detail.services.map((s) => s.status).sort(), ['current', 'older']);
    assert.equal(await page.getByTestId('team-share').count(), detail.teams.length);
    const templateHref = await page.getByTestId('template-link').getByRole('link').getAttribute('href');
    assert.equal(templateHref, '/catalog/default/template/typescript-http-service');
    const docsHref = await page.getByTestId('docs-link').getByRole('link').getAttribute('href');
    assert.equal(docsHref, '/catalog/default/goldenpath/typescript-http-service?tab=docs');
    await shot(page, 'golden-path-detail');

    // 3. The GoldenPath's entity page shows its spec.
    await page.getByRole('link', { name: 'Entity page' }).click();
    await expectUrl(page, (u) => u.pathname === '/catalog/default/goldenpath/typescript-http-service', 'the entity page');
    const spec = page.getByTestId('golden-path-spec');
    await expectText(spec.getByTestId('version-badge'), `v${detail.version}`);
    await spec.getByText('Runs CI on every push').waitFor();
    await shot(page, 'golden-path-entity');
    assert.deepEqual(h.pageErrors, []);
  });

  test('a path whose version moved: each service behind opens to the diff of its template output', async () => {
    assert.ok(h.adminToken, 'needs the harness\'s own server');
    await setUpBillingMigration(async (method, path, body) => h.api(path, { method, body, token: h.adminToken }), dir);
    const expected = (await h.api<GoldenPathMigrationService>(`/api/golden-paths/default/${PATH}/migration/diff?entityRef=${encodeURIComponent(SERVICE)}`, { token: h.adminToken })).body;
    assert.deepEqual(expected.diff.files.map((f) => [f.path, f.change]), EXPECTED.files);

    const page = await h.newPage();
    await page.goto(`${h.url}/golden-paths/default/${PATH}`);
    await signIn(page, h.url, h.adminToken);
    const row = page.locator(`[data-testid="service-behind"][data-name="invoices-api"]`);
    await row.waitFor();
    await expectText(page.getByTestId('services-behind').getByRole('heading'), 'Services behind 2.0.0 (1)');
    await row.getByRole('button').first().click();
    await expectText(row.getByTestId('diff-summary'), '2 files change from 1.0.0 to 2.0.0 (1 unchanged)', 60_000);
    const files = row.getByTestId('file-diff');
    assert.deepEqual(await files.evaluateAll((els) => els.map((e) => [e.getAttribute('data-path'), e.getAttribute('data-change')])), EXPECTED.files);
    const readme = row.locator('[data-testid="file-diff"][data-path="README.md"]');
    const lines = await readme.getByTestId('diff-text').locator('span').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind'), e.textContent]));
    assert.deepEqual(lines, EXPECTED.readme.trimEnd().split('\n').map((l) => [
      l.startsWith('+++') || l.startsWith('---') ? 'paved-diff-file' : l.startsWith('@@') ? 'paved-diff-hunk' : l.startsWith('+') ? 'paved-diff-add' : l.startsWith('-') ? 'paved-diff-del' : 'context',
      l || ' ',
    ]));
    // Added lines are coloured: their background is not the page's.
    const added = readme.locator('span[data-kind="paved-diff-add"]').first();
    assert.notEqual(await added.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgba(0, 0, 0, 0)');
    await shot(page, 'golden-path-migration-diff');
    assert.deepEqual(h.pageErrors, []);
  });
});
