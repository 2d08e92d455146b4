// Scorecards authored through the API (ADR 0031) on the database PAVED_TEST_DB names: saved into the
// managed location (so they are catalog entities) and evaluated promptly; a preview before saving that
// matches the real evaluation after it; file-sourced scorecards read-only; errors with line and field;
// authorization and audit.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { docsReadyYaml } from './scorecardAuthoringFixtures';
import { writeScoredOrganisation } from './scorecardFixtures';

interface Preview {
  exists: boolean; complete: boolean; scanned: number;
  before: { entities: number; distribution: Record<string, number> }; after: { entities: number; distribution: Record<string, number> };
  gained: { count: number; sample: Array<{ entityRef: string; before: string | null; after: string }> };
  lost: { count: number; sample: Array<{ entityRef: string; before: string | null; after: string }> };
  entered: number; left: number;
  teams: Array<{ owner: string; entities: number; gained: number; lost: number }>;
  rulePassRates: Array<{ ruleId: string; passed: number; failed: number; errors: number }>;
}
interface Detail { entities: number; distribution: Record<string, number> }

const tmp = mkdtempSync(join(tmpdir(), 'paved-scorecard-authoring-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('scorecard authoring API', () => {
  let server: PavedProcess;
  const put = (yaml: string, name = 'docs-ready', query = '') => server.api<Preview & { entityRef: string; created: boolean; location: string }>('PUT', `/api/scorecards/default/${name}${query}`, { yaml });
  const preview = (yaml: string) => server.api<Preview>('POST', '/api/scorecards/preview', { yaml });
  const detail = async (name = 'docs-ready') => server.api<Detail>('GET', `/api/scorecards/default/${name}`);

  before(async () => {
    writeScoredOrganisation(join(tmp, 'catalog'));
    server = await startPaved({ env: { PAVED_LOCATIONS: `file:${join(tmp, 'catalog')}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
    await until('the file scorecard evaluated', async () => (await detail('production-readiness')).body.entities === 4, 60_000);
  });
  after(async () => server?.stop());

  it('previews a new scorecard: every entity in scope gains its level, per team', async () => {
    const r = await preview(docsReadyYaml());
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const p = r.body;
    assert.equal(p.exists, false);
    assert.equal(p.complete, true);
    assert.deepEqual(p.before, { entities: 0, distribution: { basic: 0, documented: 0, none: 0 } });
    assert.deepEqual(p.after, { entities: 4, distribution: { basic: 1, documented: 3, none: 0 } });
    assert.equal(p.gained.count, 4);
    assert.equal(p.lost.count, 0);
    assert.equal(p.entered, 4);
    assert.deepEqual(p.gained.sample.find((c) => c.entityRef === 'component:default/bronze-svc'), { entityRef: 'component:default/bronze-svc', owner: 'group:default/team-a', before: null, after: 'basic' });
    assert.deepEqual(p.teams, [{ owner: 'group:default/team-a', entities: 3, gained: 3, lost: 0 }, { owner: 'user:default/jane', entities: 1, gained: 1, lost: 0 }]);
    assert.deepEqual(p.rulePassRates, [{ ruleId: 'has-description', level: 'basic', passed: 4, failed: 0, errors: 0 }, { ruleId: 'has-docs', level: 'documented', passed: 3, failed: 1, errors: 0 }]);
  });

  it('saves it as a catalog entity of the managed location, audited, and its results appear as previewed', async () => {
    const before = (await preview(docsReadyYaml())).body;
    const r = await put(docsReadyYaml());
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.created, true);
    assert.equal(r.body.location, 'managed:scorecard:default/docs-ready');
    const entity = await server.api<{ kind: string; metadata: { annotations: Record<string, string> }; relations: Array<{ type: string; targetRef: string }> }>('GET', '/api/catalog/entities/by-name/scorecard/default/docs-ready');
    assert.equal(entity.status, 200);
    assert.equal(entity.body.metadata.annotations['backstage.io/managed-by-location'], 'managed:scorecard:default/docs-ready');
    assert.equal(entity.body.metadata.annotations['backstage.io/managed-by-origin-location'], 'managed:paved');
    assert.ok(entity.body.relations.some((x) => x.type === 'ownedBy' && x.targetRef === 'group:default/platform'));
    const evaluated = await until('the new scorecard evaluated', async () => {
      const d = await detail();
      return d.status === 200 && d.body.entities === 4 && d.body;
    }, 30_000);
    assert.deepEqual(evaluated.distribution, before.after.distribution, 'the preview said what the evaluation found');
    const audit = await server.api<{ items: Array<{ action: string; target: string }> }>('GET', '/api/audit?action=scorecards.create');
    assert.deepEqual(audit.body.items.map((a) => a.target), ['scorecard:default/docs-ready']);
    const source = await server.api<{ yaml: string; editable: boolean }>('GET', '/api/scorecards/default/docs-ready/source');
    assert.deepEqual(source.body, { ...source.body, yaml: docsReadyYaml(), editable: true });
    // The managed location is refreshed like any location: from its documents in the database, nothing lost.
    const locations = (await server.api<Array<{ type: string; target: string }>>('GET', '/api/catalog/locations')).body;
    assert.ok(JSON.stringify(locations).includes('"type":"managed","target":"paved"'), JSON.stringify(locations));
    const refreshed = await server.api('POST', '/api/catalog/refresh', { entityRef: 'scorecard:default/docs-ready' });
    assert.ok(refreshed.status < 300, String(refreshed.status));
    const again = await server.api<{ metadata: { etag: string } }>('GET', '/api/catalog/entities/by-name/scorecard/default/docs-ready');
    assert.equal(again.status, 200);
    assert.equal(again.body.metadata.etag, (entity.body as unknown as { metadata: { etag: string } }).metadata.etag, 'an unchanged document leaves the entity unchanged');
  });

  it('previews an update against the stored results, then saves it; the evaluation agrees', async () => {
    const candidate = docsReadyYaml({ onCallAtBasic: true });
    const dry = await put(candidate, 'docs-ready', '?dryRun=true');
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    const p = dry.body;
    assert.equal(p.exists, true);
    assert.deepEqual(p.before.distribution, { basic: 1, documented: 3, none: 0 });
    assert.deepEqual(p.after.distribution, { basic: 0, documented: 1, none: 3 });
    assert.equal(p.gained.count, 0);
    assert.deepEqual(p.lost.sample.map((c) => `${c.entityRef} ${c.before}→${c.after}`).sort(), [
      'component:default/bronze-svc basic→none', 'component:default/jane-svc documented→none', 'component:default/silver-svc documented→none',
    ]);
    assert.deepEqual(p.teams.map((t) => [t.owner, t.gained, t.lost]), [['group:default/team-a', 0, 2], ['user:default/jane', 0, 1]]);
    assert.equal((await detail()).body.distribution.documented, 3, 'a dry run saves nothing');
    const saved = await put(candidate);
    assert.equal(saved.body.created, false);
    const d = await until('the update evaluated', async () => ((await detail()).body.distribution.none === 3 ? (await detail()).body : false), 30_000);
    assert.deepEqual(d.distribution, p.after.distribution);
    assert.equal((await server.api<{ items: unknown[] }>('GET', '/api/audit?action=scorecards.update')).body.items.length, 1);
  });

  it('previews deleting a rule', async () => {
    const p = (await preview(docsReadyYaml({ onCallAtBasic: true, withoutDocsRule: true }))).body;
    assert.deepEqual(p.after.distribution, { basic: 0, documented: 1, none: 3 }, 'gold-svc passes both basic rules and documented has none left');
    assert.equal(p.gained.count + p.lost.count, 0);
    const p2 = (await preview(docsReadyYaml({ withoutDocsRule: true }))).body;
    assert.deepEqual(p2.after.distribution, { basic: 0, documented: 4, none: 0 });
    assert.equal(p2.gained.count, 3);
  });

  it('keeps a scorecard from a file read-only, naming the file to edit', async () => {
    const yaml = docsReadyYaml({ name: 'production-readiness' });
    const r = await server.api<{ error: { message: string } }>('PUT', '/api/scorecards/default/production-readiness', { yaml });
    assert.equal(r.status, 409);
    assert.match(r.body.error.message, /scorecard:default\/production-readiness is defined as code in file:.*scorecards\/catalog-info\.yaml: edit the file there/);
    assert.equal((await server.api('DELETE', '/api/scorecards/default/production-readiness')).status, 409);
    const src = await server.api<{ editable: boolean; yaml: string }>('GET', '/api/scorecards/default/production-readiness/source');
    assert.equal(src.body.editable, false);
    assert.match(src.body.yaml, /name: production-readiness/);
    // A preview of a change to it is fine (POST /preview): that is how one checks an edit before committing the file.
    // A dry run of the PUT says what the PUT would: 409.
    assert.equal((await preview(yaml)).status, 200);
    assert.equal((await put(yaml, 'production-readiness', '?dryRun=true')).status, 409);
  });

  it('rejects a broken scorecard with the line and field of each problem, and saves nothing', async () => {
    const broken = docsReadyYaml({ name: 'broken' }).replace('size(entity.metadata.description) >= 10', 'size(entity.metadata.description) >=').replace('level: documented', 'level: platinum');
    const r = await server.api<{ error: { message: string } }>('PUT', '/api/scorecards/default/broken', { yaml: broken });
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /line 19: spec\.rules\.0\.check\.expression: invalid CEL expression/);
    assert.match(r.body.error.message, /line 22: spec\.rules\.1\.level: expected one of the levels basic, documented, but found "platinum"/);
    const misnamed = await server.api<{ error: { message: string } }>('PUT', '/api/scorecards/default/other', { yaml: docsReadyYaml() });
    assert.equal(misnamed.status, 400);
    assert.match(misnamed.body.error.message, /the document names scorecard:default\/docs-ready, but the URL names scorecard:default\/other/);
    const notYaml = await preview('kind: [unclosed');
    assert.equal(notYaml.status, 400);
    assert.equal((await server.api('GET', '/api/catalog/entities/by-name/scorecard/default/broken')).status, 404);
  });

  it('asks for scorecards.write to save and delete, and for scorecards.preview to preview', async () => {
    for (const [method, path] of [['PUT', '/api/scorecards/default/docs-ready'], ['DELETE', '/api/scorecards/default/docs-ready'], ['POST', '/api/scorecards/preview']] as const) {
      const r = await server.api(method, path, method === 'DELETE' ? undefined : { yaml: docsReadyYaml() }, { token: null });
      assert.equal(r.status, 401, `${method} ${path}`);
    }
    const me = await server.api<{ permissions: string[] }>('GET', '/api/auth/whoami');
    for (const verb of ['scorecards.write', 'scorecards.preview']) assert.ok(me.body.permissions.includes(verb), verb);
  });

  it('deletes a saved scorecard: the entity and its results go, audited', async () => {
    const r = await server.api('DELETE', '/api/scorecards/default/docs-ready');
    assert.equal(r.status, 204);
    assert.equal((await server.api('GET', '/api/catalog/entities/by-name/scorecard/default/docs-ready')).status, 404);
    await until('its results removed', async () => (await server.api<{ items: Array<{ name: string }> }>('GET', '/api/scorecards')).body.items.every((s) => s.name !== 'docs-ready'), 30_000);
    assert.equal((await server.api('DELETE', '/api/scorecards/default/docs-ready')).status, 404);
    assert.equal((await server.api<{ items: unknown[] }>('GET', '/api/audit?action=scorecards.delete')).body.items.length, 1);
    const spec = await server.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    for (const p of ['/api/scorecards/preview', '/api/scorecards/{namespace}/{name}/source']) assert.ok(spec.body.paths[p], p);
  });
});
