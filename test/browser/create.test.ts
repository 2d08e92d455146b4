// Creating a service from a golden-path template, as a user does it in Chromium against a real server
// with the demo organisation: /create (gallery, filter) → the TypeScript HTTP service wizard (a wrong
// name is refused under the field, then page 2: the repository) → review with the dry-run file tree and
// catalog-info.yaml → Create → the task page streams its log to completion (and again after a reload)
// → the link to the new catalog entity.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Entity } from '../../src/model/entity';
import { expectText, expectUrl, shot, signIn, startHarness, type Harness } from './browserHarness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const TEMPLATE = 'typescript-http-service';

describe('create (scaffolder)', () => {
  test('gallery → wizard with field errors → dry-run preview → task completes → new entity', async () => {
    assert.ok(h.adminToken, 'needs the admin token of a server the test started');
    const templates = (await h.api<Entity[]>('/api/catalog/entities?filter=kind=template')).body;
    const golden = templates.filter((t) => t.metadata.annotations?.['paved.dev/golden-path']);
    assert.ok(templates.some((t) => t.metadata.name === TEMPLATE), 'the demo catalog has the TypeScript golden path template');
    const name = `orders-${Date.now().toString(36)}`;
    const page = await h.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });

    // 1. Signed in, "Create" in the navigation opens the gallery: one card per template, golden paths badged.
    await page.goto(`${h.url}/catalog`);
    await signIn(page, h.url, h.adminToken);
    await page.getByRole('navigation', { name: 'Main' }).getByText('Create', { exact: true }).click();
    await expectUrl(page, (u) => u.pathname === '/create', '/create');
    const cards = page.getByTestId('template-card');
    await cards.first().waitFor();
    assert.equal(await cards.count(), templates.length);
    assert.equal(await page.getByTestId('golden-path-badge').count(), golden.length);
    await shot(page, 'create-gallery');

    // Filter by text: only the TypeScript template is left.
    await page.getByRole('textbox', { name: 'Filter templates' }).fill('typescript http');
    await expectText(page.getByTestId('template-card').first().locator('p').first(), 'TypeScript HTTP service');
    assert.equal(await cards.count(), 1);
    const card = page.locator(`[data-testid="template-card"][data-name="${TEMPLATE}"]`);
    await card.getByTestId('golden-path-badge').waitFor();
    await card.getByRole('link', { name: 'Choose TypeScript HTTP service' }).click();
    await expectUrl(page, (u) => u.pathname === `/create/templates/default/${TEMPLATE}`, 'the wizard');

    // 2. Page 1: a wrong name and no owner are refused under their fields; the name field had focus (ui:autofocus).
    const nameInput = page.getByRole('textbox', { name: /^Name/ });
    await nameInput.waitFor();
    assert.equal(await nameInput.evaluate((el) => el === document.activeElement), true, 'ui:autofocus puts the cursor in Name');
    await nameInput.fill('Orders Service!');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expectText(page.locator('[data-field="name"] .mantine-InputWrapper-error'), 'Must match the pattern ^[a-z][a-z0-9-]{1,62}$');
    await expectText(page.locator('[data-field="owner"] .mantine-InputWrapper-error'), 'Required');
    assert.equal(await nameInput.getAttribute('aria-invalid'), 'true');
    await shot(page, 'create-wizard-errors');

    await nameInput.fill(name);
    assert.equal(await page.locator('[data-field="name"] .mantine-InputWrapper-error').count(), 0, 'editing clears the problem');
    await page.getByRole('textbox', { name: /^Description/ }).fill('Takes and tracks orders.');
    const owner = page.locator('#field-owner');
    await owner.click();
    await owner.fill('platform');
    await page.getByRole('option', { name: /group:default\/platform-team/ }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // 3. Page 2: the repository (host "paved", owner, repository) written as host?owner=&repo=.
    await page.getByRole('textbox', { name: 'Owner', exact: true }).fill('platform-team');
    await page.getByRole('textbox', { name: 'Repository', exact: true }).fill(name);
    await expectText(page.getByTestId('repo-url-value').locator('code'), `paved?owner=platform-team&repo=${name}`);
    await shot(page, 'create-wizard-repo');
    await page.getByRole('button', { name: 'Review', exact: true }).click();

    // 4. Review: the values, and the dry run's file tree; open catalog-info.yaml.
    const values = page.getByTestId('review-values');
    await expectText(values.locator('[data-field="name"] td'), name);
    await expectText(values.locator('[data-field="owner"] td'), 'group:default/platform-team');
    const tree = page.getByTestId('dry-run-tree');
    await tree.waitFor({ timeout: 60_000 });
    assert.ok(await page.getByTestId('dry-run-file').count() >= 3, 'the skeleton writes several files');
    await page.locator('[data-testid="dry-run-file"][data-path="package.json"]').click();
    await page.locator('[data-testid="dry-run-content"][data-path="package.json"]').waitFor();
    await page.locator('[data-testid="dry-run-file"][data-path="catalog-info.yaml"]').click();
    const content = page.locator('[data-testid="dry-run-content"][data-path="catalog-info.yaml"]');
    await content.waitFor();
    assert.match((await content.locator('pre').textContent()) ?? '', new RegExp(`name: "?${name}"?\\n`));
    await expectText(page.getByTestId('dry-run-entity-kind'), 'Component');
    await expectText(page.getByTestId('dry-run-entity-name'), name);
    await shot(page, 'create-review-dry-run');

    // 5. Create → the task page streams its log and reaches "completed" with every step done.
    const started = Date.now();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expectUrl(page, (u) => /^\/create\/tasks\/[^/]+$/.test(u.pathname), 'the task page');
    const taskId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.locator('[data-testid="task-status"][data-status="completed"]').waitFor({ timeout: 120_000 });
    console.log(`# task ${taskId} completed in the UI after ${Date.now() - started} ms`);
    const steps = page.getByTestId('task-step');
    assert.equal(await steps.count(), 3);
    assert.equal(await page.locator('[data-testid="task-step"][data-status="completed"]').count(), 3);
    const log = page.getByTestId('task-log').locator('div');
    await log.first().waitFor();
    const lines = await log.count();
    assert.ok(lines >= 3, `expected log lines, got ${lines}`);
    await shot(page, 'create-task-completed');

    // The log survives a reload (read again from the event stream).
    await page.reload();
    await page.locator('[data-testid="task-status"][data-status="completed"]').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="task-log"] div').length >= n, lines);

    // 6. The tasks list shows it; the output links to the new catalog entity.
    const entityLink = page.locator('[data-testid="output-link"][data-kind="entity"]').getByRole('link');
    await expectText(entityLink, `component:${name}`);
    await entityLink.click();
    await expectUrl(page, (u) => u.pathname === `/catalog/default/component/${name}`, 'the new entity page');
    await page.getByText('Takes and tracks orders.').first().waitFor();
    await shot(page, 'create-new-entity');

    await page.goto(`${h.url}/create/tasks`);
    await page.locator(`[data-testid="task-row"][data-id="${taskId}"]`).waitFor();
    await expectText(page.locator(`[data-testid="task-row"][data-id="${taskId}"] [data-testid="task-status"]`), 'completed');
    await shot(page, 'create-tasks');

    assert.deepEqual(h.pageErrors, []);
    assert.deepEqual(consoleErrors, []);
  });

  test('a task that fails shows the failing step and why, with Retry', async () => {
    assert.ok(h.adminToken);
    // The same repository twice: the second run fails in publish:git.
    const name = `dup-${Date.now().toString(36)}`;
    const values = { name, owner: 'group:default/platform-team', repoUrl: `paved?owner=platform-team&repo=${name}` };
    const body = { templateRef: `template:default/${TEMPLATE}`, values };
    const first = await h.api<{ id: string }>('/api/scaffolder/v2/tasks', { method: 'POST', body, token: h.adminToken });
    assert.equal(first.status, 201);
    // One after the other: the second must find the repository the first published.
    for (let i = 0; i < 240; i++) {
      const t = await h.api<{ status: string }>(`/api/scaffolder/v2/tasks/${first.body.id}`, { token: h.adminToken });
      if (['completed', 'failed', 'cancelled'].includes(t.body.status)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const second = await h.api<{ id: string }>('/api/scaffolder/v2/tasks', { method: 'POST', body, token: h.adminToken });
    assert.equal(second.status, 201);
    const page = await h.newPage();
    await page.goto(`${h.url}/catalog`);
    await signIn(page, h.url, h.adminToken);
    await page.goto(`${h.url}/create/tasks/${second.body.id}`);
    await page.locator('[data-testid="task-status"][data-status="failed"]').waitFor({ timeout: 60_000 });
    await expectText(page.getByTestId('task-error').locator('.mantine-Alert-title'), 'Step "Publish the repository" failed');
    assert.match((await page.getByTestId('task-error').textContent()) ?? '', /already exists/);
    assert.equal(await page.locator('[data-testid="task-step"][data-id="publish"]').getAttribute('data-status'), 'failed');
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Cancel' }).count(), 0);
    await shot(page, 'create-task-failed');
    assert.deepEqual(h.pageErrors, []);
  });

  test('field problems from the server (400) are shown under their fields', async () => {
    assert.ok(h.adminToken);
    const page = await h.newPage();
    await page.goto(`${h.url}/catalog`);
    await signIn(page, h.url, h.adminToken);
    // The browser's checks pass; the request is changed on its way so the real server rejects the name.
    await page.route('**/api/scaffolder/v2/dry-run', async (route) => {
      const sent = JSON.parse(route.request().postData() ?? '{}') as { values: Record<string, unknown> };
      await route.continue({ postData: JSON.stringify({ ...sent, values: { ...sent.values, name: 'Not A Name' } }) });
    });
    await page.goto(`${h.url}/create/templates/default/${TEMPLATE}`);
    await page.getByRole('textbox', { name: /^Name/ }).fill('fine-name');
    const owner = page.locator('#field-owner');
    await owner.click();
    await owner.fill('platform');
    await page.getByRole('option', { name: /group:default\/platform-team/ }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('textbox', { name: 'Owner', exact: true }).fill('platform-team');
    await page.getByRole('textbox', { name: 'Repository', exact: true }).fill('fine-name');
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    // Back on page 1, the server's message under Name.
    await expectText(page.locator('[data-field="name"] .mantine-InputWrapper-error'), 'Must match pattern "^[a-z][a-z0-9-]{1,62}$"');
    await page.getByRole('alert').filter({ hasText: 'The server rejected a value' }).waitFor();
    await shot(page, 'create-server-problems');
    assert.deepEqual(h.pageErrors, []);
  });

  test('dark mode: the wizard and its review render', async () => {
    const page = await h.newPage({ colorScheme: 'dark' });
    await page.goto(`${h.url}/create/templates/default/${TEMPLATE}`);
    await page.getByRole('textbox', { name: /^Name/ }).waitFor();
    await shot(page, 'create-wizard-dark');
    assert.deepEqual(h.pageErrors, []);
  });
});
