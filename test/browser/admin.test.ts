// Sorting the catalog, the locations page and the audit log, in Chromium against a real server with
// the demo organisation. Expected values come from the API; the test checks the UI shows them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page as BrowserPage } from 'playwright-core';
import { expectText, expectUrl, fmt, shot, signIn, SHOTS, startHarness, type Harness } from './browserHarness';

type Entity = { kind: string; metadata: { name: string; namespace?: string; title?: string }; spec?: Record<string, unknown> };
type EntityPage = { items: Entity[]; totalItems: number; pageInfo: { nextCursor?: string } };
type Location = { id: string; type: string; target: string };
type AuditEvent = { id: number; action: string; actor: string; target: string };

let h: Harness;
let dir: string;

before(async () => {
  h = await startHarness();
  // Under the repository: the server only reads file locations below its file roots (its cwd by default).
  dir = mkdtempSync(join(SHOTS, 'admin-locations-'));
});

after(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the name column shows for an entity: title, display name, or (namespace/)name. */
function shownName(e: Entity): string {
  const profile = e.spec?.profile as { displayName?: string } | undefined;
  const ns = e.metadata.namespace ?? 'default';
  return e.metadata.title ?? profile?.displayName ?? (ns === 'default' ? e.metadata.name : `${ns}/${e.metadata.name}`);
}

const FIELDS = 'kind,metadata.name,metadata.namespace,metadata.title,spec.profile.displayName';
const firstCell = (page: BrowserPage) => page.locator('table[aria-label="entities list"] tbody tr').first().locator('td').first().locator('a').first();

/** Registers a one-component location from a fresh file, as the admin; returns it. */
async function registerProbe(name: string): Promise<Location> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  owner: platform-team\n  lifecycle: experimental\n`);
  const res = await h.api<{ location: Location }>('/api/catalog/locations', { method: 'POST', body: { type: 'file', target: file }, token: h.adminToken });
  assert.equal(res.status, 201, `registering ${file}`);
  return res.body.location;
}

describe('admin pages', () => {
  test('sorting by a column orders the list, and paging follows the order', async () => {
    const page = await h.newPage();
    await page.goto(`${h.url}/catalog`);
    const asc = (await h.api<EntityPage>(`/api/catalog/entities/by-query?limit=1&orderField=metadata.name,asc&fields=${FIELDS}`)).body;
    await expectText(firstCell(page), shownName(asc.items[0] as Entity));

    // Name is the default order; clicking its header flips it to descending.
    await page.getByRole('button', { name: 'Sort by name, descending' }).click();
    await expectUrl(page, (u) => u.searchParams.get('sort') === 'name' && u.searchParams.get('dir') === 'desc', 'with sort=name&dir=desc');
    const desc = (await h.api<EntityPage>(`/api/catalog/entities/by-query?limit=50&orderField=metadata.name,desc&fields=${FIELDS}`)).body;
    const firstDesc = desc.items[0] as Entity;
    assert.notEqual(firstDesc.metadata.name, asc.items[0]?.metadata.name);
    await expectText(firstCell(page), shownName(firstDesc));
    assert.equal(await page.locator('th[aria-sort="descending"]').textContent(), 'Name▼');
    await shot(page, 'catalog-sorted-name-desc');

    // The next page continues the descending order (the cursor carries it).
    assert.ok(desc.pageInfo.nextCursor, 'the demo catalog has more than one page');
    const second = (await h.api<EntityPage>(`/api/catalog/entities/by-query?limit=50&fields=${FIELDS}&cursor=${desc.pageInfo.nextCursor}`)).body;
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expectText(page.getByTestId('pager-summary'), `51–${50 + second.items.length} of ${fmt(desc.totalItems)} entities`);
    await expectText(firstCell(page), shownName(second.items[0] as Entity));
    assert.equal(new URL(page.url()).searchParams.get('dir'), 'desc');

    // Another column starts ascending and restarts paging.
    await page.getByRole('button', { name: 'Sort by kind, ascending' }).click();
    const byKind = (await h.api<EntityPage>(`/api/catalog/entities/by-query?limit=1&orderField=kind,asc&fields=${FIELDS}`)).body;
    await expectText(page.getByTestId('pager-summary'), `1–50 of ${fmt(byKind.totalItems)} entities`);
    await expectText(firstCell(page), shownName(byKind.items[0] as Entity));
    await page.close();
    assert.deepEqual(h.pageErrors, []);
  });

  test('the locations page lists each location with its entity count, refresh and delete', async () => {
    const locations = (await h.api<{ data: Location }[]>('/api/catalog/locations')).body.map((r) => r.data);
    const demo = locations.find((l) => l.target.endsWith('examples/catalog-info.yaml'));
    assert.ok(demo, 'the demo location is registered');
    const filter = `metadata.annotations.backstage.io/managed-by-origin-location=${demo.type}:${demo.target}`;
    const count = (await h.api<EntityPage>(`/api/catalog/entities/by-query?limit=0&filter=${encodeURIComponent(filter)}`)).body.totalItems;
    assert.ok(count > 50, 'the demo location produced the demo organisation');

    const page = await h.newPage();
    await page.goto(`${h.url}/catalog`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Locations' }).click();
    await expectUrl(page, (u) => u.pathname === '/locations', 'of the locations page');
    const row = page.locator(`tr[data-location="${demo.id}"]`);
    await expectText(row.getByTestId('location-target'), demo.target);
    await expectText(row.getByTestId('location-entities'), fmt(count));
    const errors = (await h.api<{ totalItems: number }>('/api/catalog/errors?limit=1')).body.totalItems;
    await expectText(row.getByTestId('location-errors'), fmt(errors));
    // A guest sees the list but not the actions.
    assert.equal(await page.getByRole('button', { name: /^Refresh / }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Delete / }).count(), 0);
    if (!h.adminToken) return;

    const probe = await registerProbe('delete-probe');
    await signIn(page, h.url, h.adminToken);
    const probeRow = page.locator(`tr[data-location="${probe.id}"]`);
    await expectText(probeRow.getByTestId('location-entities'), '2'); // the component and the generated Location
    await row.getByRole('button', { name: `Refresh ${demo.target}`, exact: true }).click();
    await row.getByTestId('refresh-done').waitFor();
    await shot(page, 'locations');

    await probeRow.getByRole('button', { name: `Delete ${probe.target}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete location' });
    await dialog.getByText('2 entities').waitFor();
    await page.waitForTimeout(300); // the modal's fade-in, for the screenshot only
    await shot(page, 'locations-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete location' }).click();
    await probeRow.waitFor({ state: 'detached' });
    const after = (await h.api<{ data: Location }[]>('/api/catalog/locations')).body.map((r) => r.data.id);
    assert.equal(after.includes(probe.id), false);
    assert.equal((await h.api('/api/catalog/entities/by-name/component/default/delete-probe')).status, 404);
    await page.close();
    assert.deepEqual(h.pageErrors, []);
  });

  test('the audit log shows events to the admin, with filters and older pages', async (t) => {
    if (!h.adminToken) return t.skip('needs the admin token of a server started by the test');
    const token = h.adminToken;
    const probe = await registerProbe('audit-probe');
    // Enough events for a second page of 50.
    for (let i = 0; i < 52; i++) {
      const r = await h.api('/api/catalog/refresh', { method: 'POST', body: { entityRef: 'component:default/audit-probe' }, token });
      assert.ok(r.status >= 200 && r.status < 300, `refresh answered ${r.status}`);
    }
    const audit = async (q: string) => (await h.api<{ items: AuditEvent[] }>(`/api/audit?${q}`, { token })).body.items;

    const page = await h.newPage();
    await page.goto(`${h.url}/catalog`);
    assert.equal(await page.getByRole('link', { name: 'Audit log' }).count(), 0, 'hidden from a guest');
    await signIn(page, h.url, token);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await expectUrl(page, (u) => u.pathname === '/audit', 'of the audit page');

    const rows = page.locator('table[aria-label="audit events"] tbody tr');
    const newest = await audit('limit=50');
    await expectText(rows.first().locator('[data-col="action"]'), newest[0]?.action ?? '');
    assert.equal(await rows.first().getAttribute('data-audit-id'), String(newest[0]?.id));
    assert.equal(await rows.count(), 50);

    // Older: the page before the last id shown.
    const lastId = newest.at(-1)?.id ?? 0;
    const older = await audit(`limit=50&before=${lastId}`);
    await page.getByRole('button', { name: 'Older', exact: true }).click();
    await expectUrl(page, (u) => u.searchParams.get('before') === String(lastId), `with before=${lastId}`);
    await expectText(page.getByTestId('audit-summary'), `#${older[0]?.id} – #${older.at(-1)?.id}, older than #${lastId}`);

    // Filter by action: the registration of the probe is there, by the admin token.
    await page.getByRole('button', { name: 'Newest', exact: true }).click();
    await page.getByPlaceholder('All actions').click();
    await page.getByRole('option', { name: 'catalog.location.create' }).click();
    await expectUrl(page, (u) => u.searchParams.get('action') === 'catalog.location.create', 'with action=catalog.location.create');
    const creates = await audit('limit=50&action=catalog.location.create');
    const event = creates.find((e) => e.target === `location:${probe.id}`);
    assert.ok(event, 'the API recorded the registration');
    const row = page.locator(`tr[data-audit-id="${event.id}"]`);
    await expectText(row.locator('[data-col="target"]'), `location:${probe.id}`);
    await expectText(row.locator('[data-col="actor"]'), event.actor);
    await expectText(page.getByTestId('audit-summary'), `#${creates[0]?.id} – #${creates.at(-1)?.id}, newest first`);
    assert.deepEqual([...new Set(await rows.locator('[data-col="action"]').allTextContents())], ['catalog.location.create']);

    // And by actor, by clicking it.
    await row.locator('[data-col="actor"]').click();
    await expectUrl(page, (u) => u.searchParams.get('actor') === event.actor, `with actor=${event.actor}`);
    const mine = await audit(`limit=50&action=catalog.location.create&actor=${encodeURIComponent(event.actor)}`);
    await expectText(page.getByTestId('audit-summary'), `#${mine[0]?.id} – #${mine.at(-1)?.id}, newest first`);
    assert.deepEqual([...new Set(await rows.locator('[data-col="actor"]').allTextContents())], [event.actor]);
    await shot(page, 'audit');
    await page.close();
    assert.deepEqual(h.pageErrors, []);
  });
});
