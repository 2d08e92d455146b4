// Scorecards as a user sees them, in Chromium against a real server (demo organisation plus a scorecard
// and a team of our own): the overview → one scorecard (levels, trend chart, per team, rules, entities)
// → an entity's Scorecards tab (why a rule fails, how to fix it) → the team's page with its scores.
// Expected values come from the API; the test checks that the UI shows them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { z } from 'zod';
import type { EntityLevelChangesResponse, EntityScoresResponse, OwnerScoresResponse, ScorecardDetailResponse, ScorecardListResponse } from '../../src/contracts';
import { until } from '../helpers/catalogFixtures';
import { ROOT } from '../helpers/startPaved';
import { serviceYaml } from '../scorecards/scorecardFixtures';
import { expectText, expectUrl, shot, startHarness, type Harness } from './browserHarness';

type Detail = z.infer<typeof ScorecardDetailResponse>;
const CARD = 'ui-readiness';
const TEAM = 'group:default/ui-team';

/** production-readiness under our own name, for our own service type (other scorecards may score the demo). */
function writeOrganisation(dir: string, opts: { noneDescribed?: boolean } = {}): string {
  const card = readFileSync(join(ROOT, 'test/scorecards/fixtures/production-readiness.yaml'), 'utf8')
    .replace('name: production-readiness', `name: ${CARD}`).replace('title: Production readiness', 'title: UI readiness')
    .replace('spec.type: [service, website]', 'spec.type: ui-scored');
  assert.match(card, /spec.type: ui-scored/);
  const full = { description: 'Takes payments from the shop', docs: true, runbook: true, type: 'ui-scored' };
  const docs = [
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ui-team\nspec:\n  type: team\n  children: []\n',
    'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: ui-shop\nspec:\n  owner: ui-team\n',
    serviceYaml('ui-gold', { ...full, owner: 'ui-team', pagerduty: true, system: 'ui-shop' }),
    serviceYaml('ui-silver', { ...full, owner: 'ui-team' }),
    serviceYaml('ui-silver-2', { ...full, owner: 'ui-team' }),
    serviceYaml('ui-bronze', { description: 'Sends the invoices out', owner: 'ui-team', type: 'ui-scored' }),
    serviceYaml('ui-none', { owner: 'ui-team', type: 'ui-scored', ...(opts.noneDescribed ? { description: 'Now says what it does' } : {}) }),
    serviceYaml('ui-other', { ...full, owner: 'platform-team' }),
    card,
  ];
  const file = join(dir, 'catalog-info.yaml');
  writeFileSync(file, docs.join('---\n'));
  return file;
}

/** "no level: 2", as the distribution shows each level. */
const countText = (level: string, n: number) => `${level === 'none' ? 'no level' : level}: ${n}`;
/** The fix text as shown: `code` spans lose their backticks. */
const shownFix = (fix: string | null) => (fix ?? '').replace(/`/g, '');

let h: Harness;
const dir = mkdtempSync(join(tmpdir(), 'paved-scorecards-browser-'));
before(async () => {
  h = await startHarness();
  assert.ok(h.adminToken, 'needs the harness\'s own server');
  const reg = await h.api('/api/catalog/locations', { method: 'POST', body: { type: 'file', target: writeOrganisation(dir) }, token: h.adminToken });
  assert.ok(reg.status < 300, `register: ${reg.status} ${JSON.stringify(reg.body)}`);
  await until('the scorecard scored our six services', async () => {
    const list = (await h.api<z.infer<typeof ScorecardListResponse>>('/api/scorecards')).body;
    const d = (await h.api<Detail>(`/api/scorecards/default/${CARD}`)).body;
    return list.items?.find((s) => s.name === CARD)?.entities === 6 && d.history?.length > 0;
  }, 90_000, 500);
});
after(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scorecards', () => {
  test('overview → scorecard → entity tab → team page', async () => {
    const list = (await h.api<z.infer<typeof ScorecardListResponse>>('/api/scorecards')).body;
    const detail = (await h.api<Detail>(`/api/scorecards/default/${CARD}`)).body;
    assert.deepEqual(detail.distribution, { bronze: 1, silver: 3, gold: 1, none: 1 }, 'the fixture');
    const page = await h.newPage();

    // 1. The overview, from the navigation: one card per scorecard, ours with its numbers.
    await page.goto(`${h.url}/catalog`);
    await page.getByRole('navigation', { name: 'Main' }).getByText('Scorecards', { exact: true }).click();
    await expectUrl(page, (u) => u.pathname === '/scorecards', '/scorecards');
    const cards = page.getByTestId('scorecard-card');
    await cards.first().waitFor();
    assert.equal(await cards.count(), list.items.length);
    const card = page.locator(`[data-testid="scorecard-card"][data-name="${CARD}"]`);
    await expectText(card.getByTestId('scorecard-meta'), '· 6 entities · 7 rules · bronze → silver → gold');
    for (const [level, n] of Object.entries(detail.distribution)) await expectText(card.locator(`[data-testid="distribution-count"][data-level="${level}"]`), countText(level, n));
    assert.equal(await page.getByTestId('new-scorecard').getAttribute('href'), '/scorecards/new');
    await shot(page, 'scorecards');

    // 2. One scorecard: levels, a drawn trend chart, per team, rules with pass rates and fix, entities.
    await card.getByRole('link', { name: 'UI readiness' }).click();
    await expectUrl(page, (u) => u.pathname === `/scorecards/default/${CARD}`, 'the scorecard page');
    const dist = page.getByTestId('scorecard-distribution');
    for (const [level, n] of Object.entries(detail.distribution)) await expectText(dist.locator(`[data-testid="distribution-count"][data-level="${level}"]`), countText(level, n));
    const trend = page.getByTestId('scorecard-trend').getByTestId('level-trend');
    assert.equal(await trend.getAttribute('data-days'), String(detail.history.length));
    await trend.locator('svg.recharts-surface').first().waitFor();
    assert.ok(await trend.locator('.recharts-area').count() >= 4, 'one area per level and "none"');
    assert.equal(await page.getByTestId('team-row').count(), detail.byOwner.length);
    const team = detail.byOwner.find((o) => o.owner === TEAM);
    assert.deepEqual(team, { owner: TEAM, entities: 5, distribution: { bronze: 1, silver: 2, gold: 1, none: 1 } });
    const teamRow = page.locator(`[data-testid="team-row"][data-owner="${TEAM}"]`);
    for (const [level, n] of Object.entries(team.distribution)) await expectText(teamRow.locator(`td[data-level="${level}"]`), String(n));
    assert.equal(await teamRow.getByRole('link', { name: 'ui-team' }).getAttribute('href'), '/catalog/default/group/ui-team');
    assert.equal(await page.getByTestId('rule-row').count(), detail.ruleDetails.length);
    const onCall = detail.rulePassRates.find((r) => r.ruleId === 'on-call')!;
    const onCallRow = page.locator('[data-testid="rule-row"][data-id="on-call"]');
    await expectText(onCallRow.getByTestId('rule-rate'), `${onCall.passed}/${onCall.passed + onCall.failed + onCall.errors} pass`);
    await expectText(onCallRow.getByTestId('rule-fix'), shownFix(detail.ruleDetails.find((r) => r.id === 'on-call')!.fix));
    assert.equal(await page.getByTestId('edit-scorecard').getAttribute('href'), `/scorecards/default/${CARD}/edit`);
    const rows = page.getByTestId('entity-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 6);
    // Filter by level: only the silver ones; then the team's count shows its entities only.
    await page.getByTestId('level-filter').click();
    await page.getByRole('option', { name: 'silver', exact: true }).click();
    await expectUrl(page, (u) => u.searchParams.get('level') === 'silver', 'the level in the URL');
    await until('three silver rows', async () => (await rows.count()) === 3 || undefined);
    assert.deepEqual((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')))).sort(),
      ['component:default/ui-other', 'component:default/ui-silver', 'component:default/ui-silver-2']);
    await page.locator('[data-testid="team-row"][data-owner="group:default/platform-team"] td').nth(1).locator('span').click();
    await expectUrl(page, (u) => u.searchParams.get('owner') === 'group:default/platform-team' && !u.searchParams.get('level'), 'the owner in the URL');
    await until('one row of platform-team', async () => (await rows.count()) === 1 || undefined);
    assert.equal(await rows.first().getAttribute('data-ref'), 'component:default/ui-other');
    await shot(page, 'scorecard-detail');

    // 3. An entity's Scorecards tab: its level, what blocks the next one, why each rule fails and how to fix it.
    await page.goto(`${h.url}/scorecards/default/${CARD}?level=silver&owner=${encodeURIComponent(TEAM)}`);
    await page.locator('[data-testid="entity-row"][data-ref="component:default/ui-silver"]').getByRole('link').first().click();
    await expectUrl(page, (u) => u.pathname === '/catalog/default/component/ui-silver', 'the entity page');
    await page.getByRole('tab', { name: 'Scorecards' }).click();
    await expectUrl(page, (u) => u.searchParams.get('tab') === 'scorecards', 'the tab in the URL');
    const scores = (await h.api<z.infer<typeof EntityScoresResponse>>('/api/scorecards/entities/component/default/ui-silver')).body;
    const mine = scores.scores.find((s) => s.scorecard.name === CARD)!;
    assert.deepEqual(mine.next, { level: 'gold', blocking: ['on-call', 'part-of-system'] });
    const tab = page.locator(`[data-testid="entity-scorecard"][data-name="${CARD}"]`);
    assert.equal(await tab.locator('[data-testid="level-badge"]').first().getAttribute('data-level'), 'silver');
    await expectText(tab.getByTestId('next-level'), 'Next: gold — blocked by Has an on-call rotation, Belongs to a system');
    assert.equal(await tab.getByTestId('entity-rule').count(), mine.rules.length);
    for (const r of mine.rules) {
      const row = tab.locator(`[data-testid="entity-rule"][data-id="${r.ruleId}"]`);
      assert.equal(await row.getByTestId('rule-status').getAttribute('data-status'), r.status);
      await expectText(row.getByTestId('rule-message'), r.message);
      await expectText(row.getByTestId('rule-fix'), r.status === 'pass' ? '' : shownFix(r.fix));
    }
    await expectText(tab.locator('[data-testid="entity-rule"][data-id="on-call"] [data-testid="rule-message"]'), 'annotation pagerduty.com/service-id is missing');
    await tab.getByTestId('level-changes-empty').waitFor();
    await shot(page, 'scorecard-entity-tab');

    // 4. The team's page: its scores per scorecard, and the trend.
    const owner = (await h.api<z.infer<typeof OwnerScoresResponse>>('/api/scorecards/owners/group/default/ui-team')).body;
    const ours = owner.items.find((i) => i.scorecard.name === CARD)!;
    assert.deepEqual(ours.distribution, team.distribution);
    await page.goto(`${h.url}/scorecards/default/${CARD}`);
    await teamRow.getByRole('link', { name: 'ui-team' }).click();
    await expectUrl(page, (u) => u.pathname === '/catalog/default/group/ui-team', 'the team page');
    const teamCard = page.locator(`[data-testid="team-scorecard"][data-name="${CARD}"]`);
    await expectText(teamCard.getByTestId('team-scorecard-entities'), '5 owned entities scored');
    for (const [level, n] of Object.entries(ours.distribution)) await expectText(teamCard.locator(`[data-testid="distribution-count"][data-level="${level}"]`), countText(level, n));
    assert.equal(await page.getByTestId('team-scorecard').count(), owner.items.length);
    await teamCard.locator('[data-testid="level-trend"] svg.recharts-surface').first().waitFor();
    await shot(page, 'scorecard-team');

    // 5. An entity whose level changes: the change shows in its tab's level history.
    writeOrganisation(dir, { noneDescribed: true });
    const refresh = await h.api('/api/catalog/refresh', { method: 'POST', body: { entityRef: 'component:default/ui-none' }, token: h.adminToken });
    assert.ok(refresh.status < 300, `refresh: ${refresh.status}`);
    const changed = await until('ui-none reached bronze', async () => {
      const c = (await h.api<z.infer<typeof EntityLevelChangesResponse>>('/api/scorecards/entities/component/default/ui-none/changes')).body;
      // The built-in scorecards of the demo (catalog data quality) may score the same entity: only ours counts here.
      const ours = c.items.filter((i) => i.scorecardRef === `scorecard:default/${CARD}`);
      return ours.length > 0 ? ours : undefined;
    }, 60_000, 500);
    assert.deepEqual(changed.map((c) => [c.scorecardRef, c.from, c.to]), [[`scorecard:default/${CARD}`, null, 'bronze']]);
    await page.goto(`${h.url}/catalog/default/component/ui-none?tab=scorecards`);
    const change = page.locator(`[data-testid="entity-scorecard"][data-name="${CARD}"] [data-testid="level-change"]`);
    await change.waitFor();
    assert.equal(await change.count(), 1);
    assert.deepEqual([await change.getAttribute('data-from'), await change.getAttribute('data-to')], ['none', 'bronze']);
    await shot(page, 'scorecard-entity-history');
    assert.deepEqual(h.pageErrors, []);
  });
});
