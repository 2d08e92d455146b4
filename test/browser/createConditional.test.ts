// Conditional parameters and lists of objects in the Create wizard, in Chromium against a real server:
// examples/templates/conditional-service (a `dependencies` oneOf on a checkbox, an if/then in allOf, a
// list of 1–3 maintainers). Ticking the trigger shows the database fields and unticking hides them; a
// public exposure asks for a hostname; maintainers are added and removed within minItems/maxItems; the
// review's dry run sends only the fields shown, and the server renders them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from '../helpers/startPaved';
import { expectText, shot, signIn, startHarness, type Harness } from './browserHarness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const TEMPLATE = join(ROOT, 'examples/templates/conditional-service/template.yaml');

describe('create: conditional parameters and lists of objects', () => {
  test('a dependent field appears and disappears with its trigger, list items are added and removed, the dry run gets what is shown', async () => {
    assert.ok(h.adminToken, 'needs the admin token of a server the test started');
    const reg = await h.api('/api/catalog/locations', { method: 'POST', body: { type: 'file', target: TEMPLATE }, token: h.adminToken });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const page = await h.newPage();
    await page.goto(`${h.url}/catalog`);
    await signIn(page, h.url, h.adminToken);
    await page.goto(`${h.url}/create/templates/default/conditional-service`);

    // Page 1: the database fields exist only while "Needs a database" is ticked.
    const dbName = page.getByRole('textbox', { name: /^Database name/ });
    await page.getByRole('textbox', { name: /^Name/ }).fill('orders');
    assert.equal(await dbName.count(), 0, 'no database field before the trigger');
    const needsDb = page.getByRole('checkbox', { name: 'Needs a database' });
    await needsDb.check();
    await dbName.waitFor();
    assert.equal(await page.locator('#field-databaseEngine').inputValue(), 'postgres', 'a field that appears starts with its default');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expectText(page.locator('[data-field="databaseName"] .mantine-InputWrapper-error'), 'Required');
    assert.equal(await page.locator('[data-field="needsDatabase"] .mantine-InputWrapper-error').count(), 0, 'no oneOf noise on the trigger');
    await dbName.fill('orders_db');
    await shot(page, 'create-conditional-db');
    await needsDb.uncheck();
    await dbName.waitFor({ state: 'detached' });
    assert.equal(await page.locator('#field-databaseEngine').count(), 0);

    // if/then: a public service needs a hostname.
    const hostname = page.getByRole('textbox', { name: /^Public hostname/ });
    assert.equal(await hostname.count(), 0);
    await page.locator('#field-exposure').click();
    await page.getByRole('option', { name: 'Public on the internet' }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expectText(page.locator('[data-field="hostname"] .mantine-InputWrapper-error'), 'Required');
    await hostname.fill('orders.example.com');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // Page 2: maintainers start with minItems (1) item, which cannot be removed; at most 3.
    const items = page.locator('[data-array-item]');
    await items.first().waitFor();
    assert.equal(await items.count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Remove maintainer 1' }).isDisabled(), true, 'minItems keeps the last item');
    const add = page.getByRole('button', { name: 'Add maintainer' });
    await add.click();
    await add.click();
    assert.equal(await items.count(), 3);
    assert.equal(await add.isDisabled(), true, 'maxItems reached');
    await page.locator('#field-maintainers-0--name').fill('Ada');
    await page.locator('#field-maintainers-0--email').fill('ada@example.com');
    await page.locator('#field-maintainers-0--role').click();
    await page.getByRole('option', { name: 'lead' }).click();
    await page.locator('#field-maintainers-1--name').fill('Bo');
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await expectText(page.locator('[data-field="maintainers[2].name"] .mantine-InputWrapper-error'), 'Required');
    await page.getByRole('button', { name: 'Remove maintainer 3' }).click();
    assert.equal(await items.count(), 2);
    assert.equal(await add.isDisabled(), false);
    await shot(page, 'create-conditional-maintainers');

    // Review: the dry run gets exactly the shown fields (no database name typed earlier), and renders them.
    const request = page.waitForRequest((r) => r.url().endsWith('/api/scaffolder/v2/dry-run') && r.method() === 'POST');
    const response = page.waitForResponse((r) => r.url().endsWith('/api/scaffolder/v2/dry-run'));
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    const sent = (await request).postDataJSON() as { templateRef: string; values: Record<string, unknown> };
    assert.equal(sent.templateRef, 'template:default/conditional-service');
    assert.deepEqual(sent.values, {
      name: 'orders', needsDatabase: false, exposure: 'public', hostname: 'orders.example.com',
      maintainers: [{ name: 'Ada', email: 'ada@example.com', role: 'lead' }, { name: 'Bo', role: 'member' }],
    });
    const answer = await response;
    assert.equal(answer.status(), 200, await answer.text());
    const files = ((await answer.json()) as { directoryContents: Array<{ path: string; base64Content: string }> }).directoryContents;
    const rendered = Buffer.from(files.find((f) => f.path === 'service.yaml')?.base64Content ?? '', 'base64').toString();
    assert.equal(rendered, [
      'name: orders', 'exposure: public', 'hostname: orders.example.com', 'maintainers:',
      '  - name: Ada', '    role: lead', '    email: ada@example.com', '  - name: Bo', '    role: member', '',
    ].join('\n'));
    await expectText(page.locator('[data-field="maintainers[1].name"] [data-testid="review-value"]'), 'Bo');
    assert.equal(await page.locator('[data-field="databaseName"]').count(), 0, 'the hidden field is not reviewed');
    await shot(page, 'create-conditional-review');
    assert.deepEqual(h.pageErrors, []);
  });
});
