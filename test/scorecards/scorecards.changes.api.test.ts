// One entity's score history through the API, on the database PAVED_TEST_DB names: a row each time its
// level in a scorecard changes (from, to, score), none for a first result or an unchanged level.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import type { EntityLevelChangesResponse, EntityScoresResponse } from '../../src/contracts';
import { until } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { serviceYaml, writeScoredOrganisation } from './scorecardFixtures';

type Changes = z.infer<typeof EntityLevelChangesResponse>;
type Scores = z.infer<typeof EntityScoresResponse>;

const tmp = mkdtempSync(join(tmpdir(), 'paved-scorecards-changes-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('level changes of one entity', () => {
  let server: PavedProcess;
  const dir = join(tmp, 'catalog');
  const changesOf = async (name: string) => server.api<Changes>('GET', `/api/scorecards/entities/component/default/${name}/changes`);
  const levelOf = async (name: string) => (await server.api<Scores>('GET', `/api/scorecards/entities/component/default/${name}`)).body.scores?.[0]?.level;
  const rewrite = async (name: string, opts: Parameters<typeof serviceYaml>[1]) => {
    writeFileSync(join(dir, `${name}/catalog-info.yaml`), serviceYaml(name, opts));
    const r = await server.api('POST', '/api/catalog/refresh', { entityRef: `component:default/${name}` });
    assert.ok(r.status < 300, String(r.status));
  };

  before(async () => {
    writeScoredOrganisation(dir);
    server = await startPaved({ env: { PAVED_LOCATIONS: `file:${dir}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
    await until('the scorecard evaluated', async () => (await levelOf('silver-svc')) === 'silver', 60_000);
  });
  after(async () => {
    await server?.stop();
  });

  it('has no change for a first result', async () => {
    assert.deepEqual((await changesOf('silver-svc')).body, { entityRef: 'component:default/silver-svc', items: [] });
  });

  it('records each level change, newest first, and not an edit that keeps the level', async () => {
    const full = { description: 'Takes payments from the shop', docs: true, runbook: true };
    await rewrite('silver-svc', { ...full, pagerduty: true, system: 'shop' });
    await until('silver-svc reaches gold', async () => (await levelOf('silver-svc')) === 'gold', 30_000);
    await rewrite('silver-svc', { description: 'Takes payments from the shop' });
    await until('silver-svc drops to bronze', async () => (await levelOf('silver-svc')) === 'bronze', 30_000);
    await rewrite('silver-svc', { description: 'Takes payments from the shop, now in euros' });
    await until('the catalog has the edit', async () => (await server.api<{ items: Array<{ metadata: { description?: string } }> }>('GET', '/api/catalog/entities/by-query?filter=metadata.name=silver-svc')).body.items[0]?.metadata.description?.includes('euros'), 30_000);
    assert.equal((await server.api('POST', '/api/scorecards/evaluate')).status, 200, 'evaluates the edit now');
    const { status, body } = await changesOf('silver-svc');
    assert.equal(status, 200);
    assert.deepEqual(body.items.map((c) => [c.scorecardRef, c.from, c.to, c.score]), [
      ['scorecard:default/production-readiness', 'gold', 'bronze', 45.5],
      ['scorecard:default/production-readiness', 'silver', 'gold', 100],
    ]);
    assert.ok(body.items[0]!.at > body.items[1]!.at);
    assert.deepEqual((await changesOf('gold-svc')).body.items, []);
  });

  it('answers 404 for an entity that is not in the catalog', async () => {
    assert.equal((await changesOf('no-such-svc')).status, 404);
  });
});
