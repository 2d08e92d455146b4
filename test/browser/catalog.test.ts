// The catalog as a user walks it, in Chromium against a real server with the demo organisation:
// list → filter → search → entity → owner (About card) → group members and owned entities →
// relations graph. Expected numbers come from the API, so the test checks that the UI shows them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { expectText, expectUrl, fmt, shot, startHarness, type Harness } from './browserHarness';

type Entity = {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string };
  spec?: Record<string, unknown>;
  relations?: { type: string; targetRef: string }[];
};
type Page = { items: Entity[]; totalItems: number };
type Facets = { facets: Record<string, { value: string; count: number }[]> };

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h?.close();
});

async function facetCount(field: string, value: string, filter?: string): Promise<number> {
  const q = new URLSearchParams({ facet: field });
  if (filter) q.set('filter', filter);
  const res = await h.api<Facets>(`/api/catalog/entity-facets?${q}`);
  return res.body.facets[field]?.find((f) => f.value === value)?.count ?? 0;
}

async function total(filter?: string): Promise<number> {
  const q = new URLSearchParams({ limit: '1' });
  if (filter) q.set('filter', filter);
  return (await h.api<Page>(`/api/catalog/entities/by-query?${q}`)).body.totalItems;
}

describe('catalog walk', () => {
  test('list → filter → entity → owner group → members, owned entities, graph', async () => {
    const page = await h.newPage();

    // 1. The list shows the catalog's total.
    await page.goto(`${h.url}/catalog`);
    const count = page.getByTestId('result-count');
    await expectText(count, `${fmt(await total())} entities`);

    // 2. Filter kind = Component: the count and every row follow; the filter is in the URL.
    await page.locator('[data-facet="kind"]').getByLabel('Component', { exact: true }).check();
    await expectUrl(page, (u) => u.searchParams.getAll('kind').includes('Component'), 'with kind=Component');
    await expectText(count, `${fmt(await facetCount('kind', 'Component'))} entities`);

    // 3. And lifecycle = production (its count is computed with the kind filter applied).
    const productionCount = await facetCount('spec.lifecycle', 'production', 'kind=component');
    assert.ok(productionCount > 0, 'the demo organisation has production components');
    await page.locator('[data-facet="lifecycle"]').getByLabel('production', { exact: true }).check();
    await expectText(count, `${fmt(await total('kind=component,spec.lifecycle=production'))} entities`);
    const rows = page.locator('table[aria-label="entities list"] tbody tr');
    const kinds = await rows.locator('td:nth-child(2)').allTextContents();
    const lifecycles = await rows.locator('td:nth-child(6)').allTextContents();
    assert.equal(kinds.length, Math.min(50, productionCount));
    assert.deepEqual([...new Set(kinds)], ['Component']);
    assert.deepEqual([...new Set(lifecycles)], ['production']);

    // 4. Text search narrows further, and a shared link reproduces the same view.
    await page.getByLabel('Search entities').fill('storefront');
    await expectUrl(page, (u) => u.searchParams.get('q') === 'storefront', 'with q=storefront');
    await page.getByRole('link', { name: 'Web storefront', exact: true }).waitFor();
    const shared = page.url();
    await shot(page, 'catalog-list');
    await page.goto(shared);
    await page.getByRole('link', { name: 'Web storefront', exact: true }).waitFor();
    assert.equal(await page.locator('[data-facet="kind"]').getByLabel('Component', { exact: true }).isChecked(), true);

    // 5. The entity page: title, owner and system in the About card, the relations graph.
    await page.getByRole('link', { name: 'Web storefront', exact: true }).click();
    await expectUrl(page, (u) => u.pathname === '/catalog/default/component/web-storefront', 'of the entity page');
    await expectText(page.getByTestId('entity-title'), 'Web storefront');
    const about = page.getByTestId('about-card');
    await about.getByRole('link', { name: 'storefront-team', exact: true }).waitFor();
    await about.getByRole('link', { name: 'storefront', exact: true }).waitFor();
    await page.getByTestId('relations-graph').locator('.react-flow__node').filter({ hasText: 'Storefront' }).first().waitFor();
    await shot(page, 'entity-component');

    // 6. Follow the owner to the group page.
    await about.getByRole('link', { name: 'storefront-team', exact: true }).click();
    await expectUrl(page, (u) => u.pathname === '/catalog/default/group/storefront-team', 'of the owner group');
    await expectText(page.getByTestId('entity-title'), 'Storefront');

    const group = (await h.api<Entity>('/api/catalog/entities/by-name/group/default/storefront-team')).body;
    const memberRefs = (group.relations ?? []).filter((r) => r.type === 'hasMember').map((r) => r.targetRef);
    assert.ok(memberRefs.length >= 2, 'storefront-team has members in the demo organisation');
    const users = (await h.api<{ items: (Entity | null)[] }>('/api/catalog/entities/by-refs', { method: 'POST', body: { entityRefs: memberRefs } })).body.items;
    const expectedMembers = users.map((u) => {
      const profile = u?.spec?.profile as { displayName?: string } | undefined;
      return profile?.displayName ?? u?.metadata.title ?? u?.metadata.name ?? '';
    }).sort();
    const members = page.getByTestId('members');
    await members.locator('[data-member]').first().waitFor();
    const shownMembers = (await members.locator('[data-member] a').allTextContents()).map((s) => s.trim()).sort();
    assert.deepEqual(shownMembers, expectedMembers);

    const owned = await total('relations.ownedby=group:default/storefront-team');
    assert.ok(owned > 0, 'storefront-team owns entities');
    await expectText(page.getByTestId('owned-count'), `${owned} total`);
    await page.getByTestId('owned-entities').getByRole('link', { name: 'Web storefront', exact: true }).waitFor();
    await shot(page, 'entity-group');

    // 7. Clicking a node of the relations graph opens that entity (the parent group).
    const parentRef = (group.relations ?? []).find((r) => r.type === 'childOf')?.targetRef;
    assert.equal(parentRef, 'group:default/engineering');
    await page.getByTestId('relations-graph').locator('.react-flow__node').filter({ hasText: 'Engineering' }).first().click();
    await expectUrl(page, (u) => u.pathname === '/catalog/default/group/engineering', 'of the parent group');
    await expectText(page.getByTestId('entity-title'), 'Engineering');
    await page.getByTestId('child-groups').getByRole('link', { name: 'Storefront', exact: true }).waitFor();
    await page.close();
    assert.deepEqual(h.pageErrors, []);
  });

  test('an OpenAPI definition is rendered operation by operation', async () => {
    const res = await h.api<Page>('/api/catalog/entities/by-query?filter=kind=api,spec.type=openapi&limit=50');
    const api = res.body.items.find((e) => typeof e.spec?.definition === 'string' && String(e.spec.definition).includes('paths'));
    assert.ok(api, 'the catalog has an OpenAPI API with a definition');
    const doc = parse(String(api.spec?.definition)) as { paths?: Record<string, Record<string, unknown>> };
    const methods = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
    const ops = Object.values(doc.paths ?? {}).flatMap((item) => Object.keys(item).filter((k) => methods.includes(k)));

    const page = await h.newPage({ colorScheme: 'dark' });
    await page.goto(`${h.url}/catalog/${api.metadata.namespace ?? 'default'}/api/${api.metadata.name}?tab=api`);
    await page.getByTestId('openapi').waitFor();
    await expectText(page.getByText(/^Operations \(\d+\)$/), `Operations (${ops.length})`);
    await shot(page, 'entity-api-definition-dark');
    await page.close();
    assert.deepEqual(h.pageErrors, []);
  });

  test('catalog health and register pages show the server’s answer', async () => {
    const page = await h.newPage();
    const health = await h.api<{ totals: { entities: number; errors: number } }>('/api/catalog/health');
    await page.goto(`${h.url}/catalog-health`);
    if (health.status === 200) {
      await expectText(page.getByTestId('total-entities').locator('p').last(), fmt(health.body.totals.entities));
      await expectText(page.getByTestId('total-errors').locator('p').last(), fmt(health.body.totals.errors));
    } else {
      await page.getByText('Not available on this server').waitFor();
    }
    await shot(page, 'catalog-health');

    await page.goto(`${h.url}/catalog-import`);
    await page.getByRole('heading', { name: 'Register an existing component' }).waitFor();
    if (h.adminToken) {
      // A guest cannot register: the action is hidden. Signing in with the admin token reveals it.
      assert.equal(await page.getByRole('button', { name: 'Register', exact: true }).count(), 0);
      await page.getByTestId('actor').click();
      await page.getByRole('menuitem', { name: 'Sign in with a token…' }).click();
      await page.getByPlaceholder('pvd_…').fill(h.adminToken);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const me = await fetch(`${h.url}/api/auth/whoami`, { headers: { authorization: `Bearer ${h.adminToken}` } });
      const { actor } = (await me.json()) as { actor: { displayName: string } };
      await expectText(page.getByTestId('actor-name'), actor.displayName);
      await page.getByRole('button', { name: 'Register', exact: true }).waitFor();

      // Analyse (dry run) shows what would be added, without adding it.
      const target = `${process.cwd()}/examples/org/domains.yaml`;
      const dry = await h.api<{ entities: unknown[] }>('/api/catalog/locations?dryRun=true', { method: 'POST', body: { type: 'file', target }, token: h.adminToken });
      assert.equal(dry.status, 201);
      await page.getByText('File on the server', { exact: true }).click();
      await page.getByRole('textbox', { name: 'Target' }).fill(target);
      await page.getByRole('button', { name: 'Analyse' }).click();
      const n = dry.body.entities.length;
      await expectText(page.getByTestId('dry-run-result').locator('p').first(), `${n} entit${n === 1 ? 'y' : 'ies'} would be added`);
    }
    await shot(page, 'catalog-import');
    await page.close();
    assert.deepEqual(h.pageErrors, []);
  });
});
