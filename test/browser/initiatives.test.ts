// Initiatives as a user sees them, in Chromium against a real server with the demo organisation and its
// built-in production-readiness scorecard: an admin creates one with the form, publishes it; the list shows its
// status, progress and target date; its page shows the brief (Markdown), the progress chart, the
// per-team table and the to-fix list with fix texts. Expected values come from the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { z } from 'zod';
import type { InitiativeProgressResponse, InitiativeTodoResponse } from '../../src/contracts';
import { until } from '../helpers/catalogFixtures';
import { expectText, expectUrl, shot, signIn, startHarness, type Harness } from './browserHarness';

let h: Harness;
before(async () => {
  h = await startHarness();
  await until('the scorecard evaluated', async () => {
    await h.api('/api/scorecards/evaluate', { method: 'POST', token: h.adminToken });
    const list = await h.api<{ items: Array<{ name: string; entities: number }> }>('/api/scorecards');
    return (list.body.items.find((s) => s.name === 'production-readiness')?.entities ?? 0) > 0 ? true : undefined;
  }, 60_000, 1000);
});
after(async () => h?.close());

describe('initiatives', () => {
  test('create with the form → publish → list → page with brief, chart, teams and to-fix list', async () => {
    const page = await h.newPage();
    await page.goto(`${h.url}/initiatives`);
    assert.ok(h.adminToken);
    await signIn(page, h.url, h.adminToken);

    // 1. An admin creates a draft with the form and lands on its page.
    await page.getByRole('navigation', { name: 'Main' }).getByText('Initiatives', { exact: true }).click();
    await expectUrl(page, (u) => u.pathname === '/initiatives', '/initiatives');
    await page.getByRole('button', { name: 'New initiative' }).click();
    const form = page.getByRole('form', { name: 'New initiative' });
    await form.getByLabel('Name').fill('runbooks-everywhere');
    await form.getByLabel('Title').fill('Runbooks everywhere');
    await form.getByLabel('Owner').fill('group:engineering');
    await form.getByLabel('Scorecard').fill('production-readiness');
    await form.getByLabel('Level').fill('silver');
    await form.getByLabel('Brief').fill('## Why runbooks\n\nOn-call needs a **runbook** for every service.');
    await form.getByRole('button', { name: 'Create draft' }).click();
    await expectUrl(page, (u) => u.pathname === '/initiatives/runbooks-everywhere', 'the initiative page');
    await expectText(page.getByTestId('initiative-status'), 'draft');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expectText(page.getByTestId('initiative-status'), 'active');

    // 2. The brief is rendered from Markdown.
    await expectText(page.getByTestId('initiative-brief').locator('h2'), 'Why runbooks');
    await expectText(page.getByTestId('initiative-brief').locator('strong'), 'runbook');

    // 3. The chart, the per-team table and the to-fix list show what the API says.
    const progress = (await h.api<z.infer<typeof InitiativeProgressResponse>>('/api/initiatives/runbooks-everywhere/progress')).body;
    const todo = (await h.api<z.infer<typeof InitiativeTodoResponse>>('/api/initiatives/runbooks-everywhere/todo')).body;
    assert.ok(progress.teams.length > 1 && todo.teams.length > 0, 'the demo organisation has teams with work left');
    await page.getByTestId('progress-chart').locator('svg.recharts-surface').first().waitFor();
    assert.ok(await page.getByTestId('progress-chart').locator('.recharts-line').count() > 0, 'a line is drawn');
    const rows = page.getByTestId('team-progress').locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), progress.teams.length);
    const team = progress.teams[0];
    assert.ok(team);
    await expectText(page.locator(`[data-testid="team-progress"] tr[data-owner="${team.owner}"] [data-testid="initiative-progress"] p`), `${team.percent}% (${team.met}/${team.total})`);
    const todoTeams = page.getByTestId('todo-team');
    await todoTeams.first().waitFor();
    assert.equal(await todoTeams.count(), todo.teams.length);
    const firstFix = todo.teams[0]?.entities[0]?.rules.find((r) => r.fix)?.fix;
    assert.ok(firstFix);
    await expectText(page.locator(`[data-testid="todo-team"][data-owner="${todo.teams[0]?.owner}"] [data-testid="todo-fix"]`), `Fix: ${firstFix}`);
    await shot(page, 'initiative');

    // 4. Narrowing the to-fix list to one team.
    const narrowed = todo.teams[todo.teams.length - 1];
    assert.ok(narrowed);
    await page.locator(`[data-testid="team-progress"] tr[data-owner="${narrowed.owner}"]`).getByRole('button', { name: 'To fix' }).click();
    await until('only that team left', async () => ((await todoTeams.count()) === 1 ? true : undefined), 15_000);
    assert.equal(await todoTeams.first().getAttribute('data-owner'), narrowed.owner);
    await until('the team\'s line next to all teams\' line', async () => ((await page.getByTestId('progress-chart').locator('.recharts-line').count()) === 2 ? true : undefined), 15_000);

    // 5. The list shows its status, progress and target date.
    await page.getByRole('navigation', { name: 'Main' }).getByText('Initiatives', { exact: true }).click();
    const row = page.locator('[data-testid="initiatives-table"] tr[data-name="runbooks-everywhere"]');
    await expectText(row.getByTestId('initiative-status'), 'active');
    await expectText(row.getByTestId('initiative-progress').locator('p'), `${progress.overall.percent}% (${progress.overall.met}/${progress.overall.total})`);
    await shot(page, 'initiatives');
    assert.deepEqual(h.pageErrors, []);
  });
});
