// One team's scores through the API (the team page), on the database PAVED_TEST_DB names: per scorecard
// its owned entities per level today and per day, the same numbers as the scorecard's per-team rows.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import type { OwnerScoresResponse, ScorecardDetailResponse } from '../../src/contracts';
import { until } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { writeScoredOrganisation } from './scorecardFixtures';

type OwnerScores = z.infer<typeof OwnerScoresResponse>;
type Detail = z.infer<typeof ScorecardDetailResponse>;

const tmp = mkdtempSync(join(tmpdir(), 'paved-scorecards-owners-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('scorecards of one owner', () => {
  let server: PavedProcess;
  const ownerScores = async (ref: string) => server.api<OwnerScores>('GET', `/api/scorecards/owners/${ref}`);

  before(async () => {
    writeScoredOrganisation(join(tmp, 'catalog'));
    server = await startPaved({ env: { PAVED_LOCATIONS: `file:${join(tmp, 'catalog')}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
    await until('the scorecard evaluated', async () => ((await ownerScores('group/default/team-a')).body.items ?? []).length > 0, 60_000);
  });
  after(async () => {
    await server?.stop();
  });

  it("gives a team's entities per level in each scorecard, today and per day", async () => {
    const { status, body } = await ownerScores('group/default/team-a');
    assert.equal(status, 200);
    assert.equal(body.owner, 'group:default/team-a');
    assert.equal(body.items.length, 1);
    const pr = body.items[0]!;
    assert.deepEqual(pr.scorecard, { entityRef: 'scorecard:default/production-readiness', namespace: 'default', name: 'production-readiness', title: 'Production readiness', levels: ['bronze', 'silver', 'gold'] });
    assert.equal(pr.entities, 3);
    assert.deepEqual(pr.distribution, { bronze: 1, silver: 1, gold: 1, none: 0 });
    assert.deepEqual(pr.history.map((h) => [h.day, h.distribution]), [[new Date().toISOString().slice(0, 10), { bronze: 1, silver: 1, gold: 1, none: 0 }]]);
  });

  it('agrees with the per-team rows of the scorecard', async () => {
    const detail = (await server.api<Detail>('GET', '/api/scorecards/default/production-readiness')).body;
    for (const row of detail.byOwner) {
      const [kind, rest] = row.owner.split(':') as [string, string];
      const mine = (await ownerScores(`${kind}/${rest}`)).body.items.find((i) => i.scorecard.name === 'production-readiness');
      assert.deepEqual(mine && [mine.entities, mine.distribution], [row.entities, row.distribution], row.owner);
    }
    assert.deepEqual((await ownerScores('user/default/jane')).body.items[0]?.distribution, { bronze: 0, silver: 0, gold: 0, none: 1 });
  });

  it('is empty for an owner of nothing scored, and rejects a bad ref', async () => {
    assert.deepEqual((await ownerScores('group/default/platform')).body, { owner: 'group:default/platform', items: [] });
    assert.deepEqual((await ownerScores('group/default/no-such-team')).body.items, []);
    assert.equal((await ownerScores(`group/default/${'x'.repeat(300)}`)).status, 400);
  });
});
