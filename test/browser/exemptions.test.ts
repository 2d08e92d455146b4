// Exemptions in Chromium against a real server: an owner asks through the RequestExemptionButton (from the
// exemptions page's "New request"), sees no decision buttons, and a platform engineer approves it there;
// the entity's level follows. Expected values come from the API.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { until } from '../helpers/catalogFixtures';
import { startExemptionServer, type ExemptionServer } from '../scorecards/exemptionFixtures';
import { expectText, shot, signIn, SHOTS } from './browserHarness';

let s: ExemptionServer;
let browser: Browser;
let dir: string;
const pageErrors: string[] = [];

const level = async () => (await s.paved.api<{ scores?: Array<{ level: string | null; rules: Array<{ ruleId: string; exempt?: boolean }> }> }>('GET', '/api/scorecards/entities/component/default/ui-svc')).body.scores?.[0];

async function newPage(token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.paved.url}/scorecards/exemptions`);
  await signIn(page, s.paved.url, token);
  return page;
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(SHOTS, 'exemptions-'));
  s = await startExemptionServer(join(dir, 'catalog'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  await until('the scorecard evaluated', async () => (await level())?.level === 'silver', 60_000);
});

after(async () => {
  await browser?.close();
  await s?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('exemptions page', () => {
  test('an owner requests an exemption through the button, a platform engineer approves it', async () => {
    const jane = await newPage(s.tokens.jane);
    await jane.getByRole('button', { name: 'New request' }).click();
    await jane.getByLabel('Scorecard', { exact: true }).first().click();
    await jane.getByRole('option', { name: 'Production readiness' }).click();
    await jane.getByLabel('Rule', { exact: true }).first().click();
    await jane.getByRole('option', { name: 'Has an on-call rotation (gold)' }).click();
    await jane.getByLabel('Entity', { exact: true }).fill('component:default/ui-svc');
    await jane.getByRole('button', { name: 'Request an exemption of Has an on-call rotation' }).click();
    const dialog = jane.getByRole('dialog', { name: 'Request an exemption' });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('The rotation is set up next sprint');
    await shot(jane, 'exemption-request-modal');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await expectText(dialog.getByText('Requested', { exact: true }), 'Requested');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const listed = (await s.paved.api<{ items: Array<{ id: string; status: string; expiresAt: string; requestedBy: string }> }>('GET', '/api/scorecards/exemptions?entityRef=ui-svc')).body.items;
    assert.equal(listed.length, 1);
    const [ex] = listed as [{ id: string; status: string; expiresAt: string; requestedBy: string }];
    assert.deepEqual([ex.status, ex.requestedBy], ['requested', 'user:default/jane']);
    const days = (Date.parse(ex.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 30 && days <= 31, `expires in ${days} days (the default: the end of the day 30 days ahead)`);
    const row = jane.getByTestId(`exemption-${ex.id}`);
    await expectText(row.getByTestId('exemption-status'), 'requested');
    assert.equal(await row.getByRole('button', { name: 'Approve' }).count(), 0, 'an editor sees no approve button');
    assert.equal((await level())?.level, 'silver');

    const admin = await newPage(s.tokens.admin);
    await admin.locator('label[for$="-requested"]').click();
    await admin.waitForURL((u) => u.searchParams.get('status') === 'requested');
    const adminRow = admin.getByTestId(`exemption-${ex.id}`);
    await adminRow.getByRole('textbox', { name: 'Decision comment' }).fill('OK until the rotation exists');
    await shot(admin, 'exemptions-requested');
    await adminRow.getByRole('button', { name: 'Approve' }).click();
    // Approved requests leave the "requested" filter; the list of all shows it approved.
    await admin.locator('label[for$="-all"]').click();
    await expectText(admin.getByTestId(`exemption-${ex.id}`).getByTestId('exemption-status'), 'approved');
    await expectText(admin.getByTestId(`exemption-${ex.id}`).getByText(/^approved by token:admin/), 'approved by token:admin: OK until the rotation exists');
    assert.equal(await admin.getByTestId(`exemption-${ex.id}`).getByRole('button', { name: 'Revoke' }).count(), 1);
    await shot(admin, 'exemptions-approved');

    const after = await level();
    assert.equal(after?.level, 'gold');
    assert.equal(after?.rules.find((r) => r.ruleId === 'on-call')?.exempt, true);
    assert.deepEqual(pageErrors, []);
  });
});
