// The scorecard editor in Chromium against a real server with the demo organisation: paste a scorecard,
// preview it (the numbers the API computes for the same text), save it and find it in the catalog; then
// edit it and preview a change that loses levels. A guest sees no Save button.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectText, shot, signIn, startHarness, type Harness } from './browserHarness';

type Preview = { gained: { count: number }; lost: { count: number }; after: { distribution: Record<string, number> }; teams: Array<{ owner: string; gained: number; lost: number }> };

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const yaml = (extraBasicRule: boolean) => [
  'apiVersion: paved.dev/v1alpha1',
  'kind: Scorecard',
  'metadata:',
  '  name: browser-docs-ready',
  '  title: Docs ready (browser)',
  'spec:',
  '  owner: group:default/platform',
  '  filter:',
  '    kind: component',
  '  levels: [basic, documented]',
  '  rules:',
  '    - id: has-description',
  '      title: Says what it does',
  '      level: basic',
  '      check: { type: expression, expression: has(entity.metadata.description) }',
  ...(extraBasicRule ? ['    - id: has-docs-early', '      title: Docs from the start', '      level: basic', '      check: { type: hasDocs }'] : []),
  '    - id: has-docs',
  '      title: Publishes docs',
  '      level: documented',
  '      check: { type: hasDocs }',
  '',
].join('\n');

describe('scorecard editor', () => {
  test('paste, preview (gains per team as the API computes them), save, find it listed; edit and preview losses', async () => {
    assert.ok(h.adminToken, 'needs the admin token of a local server');
    const expected = (await h.api<Preview>('/api/scorecards/preview', { method: 'POST', body: { yaml: yaml(false) }, token: h.adminToken })).body;
    assert.ok(expected.gained.count > 0, 'the demo has components with a description');
    const page = await h.newPage();
    await page.goto(`${h.url}/scorecards/new`);
    await signIn(page, h.url, h.adminToken);
    await page.getByLabel('Scorecard (YAML)').fill(yaml(false));
    await page.getByRole('button', { name: 'Preview' }).click();
    const panel = page.getByTestId('scorecard-preview');
    await expectText(panel.getByTestId('preview-gained'), `${expected.gained.count} gain a level`);
    await expectText(panel.getByTestId('preview-lost'), '0 lose a level');
    const documented = panel.locator('table[aria-label="levels before and after"] tr[data-level="documented"] td');
    await expectText(documented.nth(1), '0');
    assert.match(await documented.nth(2).innerText(), new RegExp(`^${expected.after.distribution.documented}`));
    const firstTeam = expected.teams[0]!;
    const teamRow = panel.locator('table[aria-label="teams gaining and losing"] tbody tr').first();
    await expectText(teamRow.locator('td').nth(2), String(firstTeam.gained));
    await shot(page, 'scorecard-editor-preview');

    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(page.getByTestId('scorecard-saved').locator('.mantine-Alert-title'), 'Scorecard created');
    await page.getByRole('link', { name: 'Scorecards in the catalog' }).click();
    await page.getByRole('link', { name: 'Docs ready (browser)' }).first().waitFor();

    // The saved scorecard gets results; then an edit that makes the first level harder loses levels.
    const deadline = Date.now() + 30_000;
    while ((await h.api<{ entities?: number }>('/api/scorecards/default/browser-docs-ready')).body.entities !== expected.gained.count) {
      assert.ok(Date.now() < deadline, 'the saved scorecard was evaluated');
      await new Promise((r) => setTimeout(r, 300));
    }
    const change = (await h.api<Preview>('/api/scorecards/preview', { method: 'POST', body: { yaml: yaml(true) }, token: h.adminToken })).body;
    assert.ok(change.lost.count > 0);
    await page.goto(`${h.url}/scorecards/default/browser-docs-ready/edit`);
    const editor = page.getByLabel('Scorecard (YAML)');
    await page.waitForFunction(() => (document.querySelector('textarea')?.value ?? '').includes('browser-docs-ready'));
    assert.equal(await editor.inputValue(), yaml(false), 'the editor opens the saved text');
    await editor.fill(yaml(true));
    await page.getByRole('button', { name: 'Preview' }).click();
    await expectText(page.getByTestId('preview-lost'), `${change.lost.count} lose a level`);
    await shot(page, 'scorecard-editor-change');

    const guest = await h.newPage();
    await guest.goto(`${h.url}/scorecards/new`);
    await guest.getByLabel('Scorecard (YAML)').waitFor();
    assert.equal(await guest.getByRole('button', { name: 'Save' }).count(), 0, 'no Save without scorecards.write');
    assert.deepEqual(h.pageErrors, []);
  });
});
