// Initiatives over the API, on a real server and database: validation, authz, audit, progress per team
// and entity from the stored scorecard results, the status derived from progress and dates, the to-fix
// list with fix texts, and progress that moves when a pushed fact makes a rule pass.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import type { PavedProcess } from '../helpers/startPaved';
import { startScaffolderServer, type ScaffolderServer } from '../scaffolder/scaffolderFixtures';
import { serviceYaml } from '../scorecards/scorecardFixtures';
import { daysFromNow, today, untilScored, writeInitiativeOrganisation } from './initiativeFixtures';

interface Progress { met: number; total: number; percent: number; entities: number; entitiesDone: number }
interface Detail { name: string; status: string; progress: Progress; briefHtml: string; rules: Array<{ id: string }>; actions: { edit: boolean; publish: boolean; close: boolean } }
interface ProgressResponse {
  overall: Progress;
  teams: Array<Progress & { owner: string }>;
  history: Array<{ day: string; met: number; total: number; percent: number }>;
  teamHistory: Array<{ day: string; met: number; total: number; percent: number }> | null;
  entities: { items: Array<{ entityRef: string; owner: string; met: number; total: number }>; nextCursor: string | null };
}
interface Todo { teams: Array<{ owner: string; entities: Array<{ entityRef: string; rules: Array<{ ruleId: string; title: string; message: string; fix: string | null }> }> }>; nextCursor: string | null }

const tmp = mkdtempSync(join(tmpdir(), 'paved-initiatives-api-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const base = (name: string, extra: Record<string, unknown> = {}) => ({
  name, title: `Initiative ${name}`, owner: 'platform', scorecard: 'production-readiness', level: 'silver',
  brief: '# Why\n\nServices need **docs** and a runbook. <script>alert(1)</script> [guide](https://example.com/guide)',
  startDate: today(), targetDate: daysFromNow(30), ...extra,
});

describe('initiatives API', () => {
  let server: PavedProcess;
  let own: ScaffolderServer;
  let editor: string;
  let reader: string;
  const get = async <T>(path: string) => {
    const r = await server.api<T>('GET', path);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  before(async () => {
    writeInitiativeOrganisation(join(tmp, 'catalog'));
    // A server on its own database, so the test can add tokens of other roles to it.
    own = await startScaffolderServer({ PAVED_LOCATIONS: `file:${join(tmp, 'catalog')}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' });
    server = own.paved;
    [editor, reader] = await Promise.all([own.addToken('user:default/eddie', ['editor']), own.addToken('user:default/rita', ['reader'])]);
    await untilScored(server);
  });
  after(async () => own?.stop());

  it('rejects bad definitions with clear 400s, and nothing is stored', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [base('bad', { scorecard: 'nope' }), /no scorecard scorecard:default\/nope/],
      [base('bad', { level: undefined, rules: ['has-docs', 'teleport'] }), /has no rule "teleport"/],
      [base('bad', { level: 'platinum' }), /has no level "platinum"/],
      [base('bad', { rules: ['has-docs'] }), /either the rules or a level/],
      [base('bad', { level: undefined }), /give the rules/],
      [base('bad', { startDate: daysFromNow(5), targetDate: daysFromNow(1) }), /targetDate: .* is before startDate/],
      [base('bad', { targetDate: '2026-02-30' }), /real calendar date/],
      [base('bad', { owner: 'group:default/ghosts' }), /owner: group:default\/ghosts is not in the catalog/],
      [base('bad', { filter: { kind: 42 } }), /filter/],
      [base('Bad Name'), /name/],
      [base('bad', { brief: 'x'.repeat(20_001) }), /brief/],
    ];
    for (const [body, message] of cases) {
      const r = await server.api<{ error: { message: string } }>('POST', '/api/initiatives', body);
      assert.equal(r.status, 400, JSON.stringify(body).slice(0, 200));
      assert.match(r.body.error.message, message);
    }
    assert.equal((await get<{ items: unknown[] }>('/api/initiatives')).items.length, 0);
  });

  it('creates a draft, computes progress per team and per entity, renders the brief safely', async () => {
    const r = await server.api<Detail>('POST', '/api/initiatives', base('docs-and-runbooks'));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, 'draft');
    assert.deepEqual(r.body.rules.map((x) => x.id), ['has-owner', 'known-lifecycle', 'has-description', 'has-docs', 'has-runbook']);
    assert.match(r.body.briefHtml, /<h1>Why<\/h1>/);
    assert.match(r.body.briefHtml, /<strong>docs<\/strong>/);
    assert.match(r.body.briefHtml, /<a href="https:\/\/example.com\/guide" rel="noopener noreferrer" target="_blank">guide<\/a>/);
    assert.doesNotMatch(r.body.briefHtml, /<script/);
    assert.deepEqual(r.body.actions, { edit: true, publish: true, close: true });
    // team-a: gold and silver meet all 5, bronze 3 of 5; jane-svc (owned by a user) fails has-owner.
    assert.deepEqual({ met: r.body.progress.met, total: r.body.progress.total, percent: r.body.progress.percent }, { met: 17, total: 20, percent: 85 });
    const p = await get<ProgressResponse>('/api/initiatives/docs-and-runbooks/progress');
    const team = p.teams.find((t) => t.owner === 'group:default/team-a');
    assert.deepEqual(team && { met: team.met, total: team.total, entities: team.entities, entitiesDone: team.entitiesDone }, { met: 13, total: 15, entities: 3, entitiesDone: 2 });
    assert.equal(p.teams.find((t) => t.owner === 'user:default/jane')?.met, 4);
    assert.deepEqual(p.history, [{ day: today(), met: 17, total: 20, percent: 85 }]);
    assert.equal(p.teamHistory, null);
    const teamA = await get<ProgressResponse>('/api/initiatives/docs-and-runbooks/progress?owner=team-a');
    assert.deepEqual(teamA.teamHistory, [{ day: today(), met: 13, total: 15, percent: 86.7 }]);
    assert.deepEqual(teamA.entities.items.map((e) => e.entityRef), ['component:default/bronze-svc', 'component:default/gold-svc', 'component:default/silver-svc']);
    assert.deepEqual(p.entities.items.map((e) => `${e.entityRef} ${e.met}/${e.total}`), [
      'component:default/bronze-svc 3/5', 'component:default/gold-svc 5/5', 'component:default/jane-svc 4/5', 'component:default/silver-svc 5/5',
    ]);
    const page = await get<ProgressResponse>('/api/initiatives/docs-and-runbooks/progress?limit=2');
    assert.equal(page.entities.items.length, 2);
    const rest = await get<ProgressResponse>(`/api/initiatives/docs-and-runbooks/progress?limit=2&after=${encodeURIComponent(page.entities.nextCursor ?? '')}`);
    assert.deepEqual(rest.entities.items.map((e) => e.entityRef), ['component:default/jane-svc', 'component:default/silver-svc']);
  });

  it('lists what each team still has to fix, with the fix text', async () => {
    const todo = await get<Todo>('/api/initiatives/docs-and-runbooks/todo');
    assert.deepEqual(todo.teams.map((t) => t.owner), ['group:default/team-a', 'user:default/jane']);
    const bronze = todo.teams[0]?.entities.find((e) => e.entityRef === 'component:default/bronze-svc');
    assert.deepEqual(bronze?.rules.map((r) => r.ruleId), ['has-docs', 'has-runbook']);
    assert.match(bronze?.rules[1]?.fix ?? '', /Add a link titled "Runbook" under `metadata.links`/);
    assert.equal(todo.teams[0]?.entities.length, 1, 'gold and silver have nothing left');
    const jane = await get<Todo>(`/api/initiatives/docs-and-runbooks/todo?owner=${encodeURIComponent('user:default/jane')}`);
    assert.deepEqual(jane.teams.map((t) => t.entities.map((e) => e.rules.map((r) => `${e.entityRef} ${r.ruleId}: ${r.fix}`))).flat(2), [
      'component:default/jane-svc has-owner: Set `spec.owner` in catalog-info.yaml to your team\'s Group.',
    ]);
  });

  it('publishes (active), edits, closes; each change audited; guests may read but not change', async () => {
    const guest = await server.api<Detail>('GET', '/api/initiatives/docs-and-runbooks', undefined, { token: null });
    assert.equal(guest.status, 200);
    assert.deepEqual(guest.body.actions, { edit: false, publish: false, close: false });
    assert.equal((await server.api('POST', '/api/initiatives/docs-and-runbooks/publish', undefined, { token: null })).status, 401);
    assert.equal((await server.api('POST', '/api/initiatives', base('by-guest'), { token: null })).status, 401);
    // Editors and readers read; only admins (platform engineers) create and change initiatives.
    const byEditor = await server.api<{ error: { message: string } }>('POST', '/api/initiatives', base('by-editor'), { token: editor });
    assert.equal(byEditor.status, 403);
    assert.match(byEditor.body.error.message, /user:default\/eddie is not allowed to initiatives.manage/);
    assert.equal((await server.api('PATCH', '/api/initiatives/docs-and-runbooks', { title: 'Mine' }, { token: editor })).status, 403);
    assert.equal((await server.api('POST', '/api/initiatives/docs-and-runbooks/close', undefined, { token: reader })).status, 403);
    const asReader = await server.api<Detail>('GET', '/api/initiatives/docs-and-runbooks', undefined, { token: reader });
    assert.equal(asReader.status, 200);
    assert.deepEqual(asReader.body.actions, { edit: false, publish: false, close: false });
    const published = await server.api<Detail>('POST', '/api/initiatives/docs-and-runbooks/publish');
    assert.equal(published.body.status, 'active');
    assert.equal((await server.api('POST', '/api/initiatives/docs-and-runbooks/publish')).status, 409);
    const patched = await server.api<Detail>('PATCH', '/api/initiatives/docs-and-runbooks', { rules: ['has-docs'], filter: { 'spec.owner': 'team-a' } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual({ met: patched.body.progress.met, total: patched.body.progress.total }, { met: 2, total: 3 });
    assert.equal((await server.api('PATCH', '/api/initiatives/docs-and-runbooks', { targetDate: '2000-01-01' })).status, 400);
    const closed = await server.api<Detail>('POST', '/api/initiatives/docs-and-runbooks/close');
    assert.equal(closed.body.status, 'closed');
    assert.equal((await server.api('PATCH', '/api/initiatives/docs-and-runbooks', { title: 'Again' })).status, 409);
    const audit = await get<{ items: Array<{ action: string; target: string; actor: string }> }>('/api/audit?limit=50');
    const ours = audit.items.filter((a) => a.target === 'initiative:docs-and-runbooks').map((a) => a.action).reverse();
    assert.deepEqual(ours, ['initiatives.create', 'initiatives.publish', 'initiatives.update', 'initiatives.close']);
  });

  it('derives done and overdue from the results and the dates', async () => {
    await server.api('POST', '/api/initiatives', base('lifecycles', { level: undefined, rules: ['known-lifecycle'] }));
    assert.equal((await server.api<Detail>('POST', '/api/initiatives/lifecycles/publish')).body.status, 'done');
    await server.api('POST', '/api/initiatives', base('late-docs', { level: undefined, rules: ['has-docs'], startDate: '2025-01-01', targetDate: '2025-06-30' }));
    assert.equal((await server.api<Detail>('POST', '/api/initiatives/late-docs/publish')).body.status, 'overdue');
    const list = await get<{ items: Array<{ name: string; status: string; progress: Progress }> }>('/api/initiatives');
    assert.deepEqual(list.items.map((i) => `${i.name} ${i.status} ${i.progress.percent}`).sort(), ['docs-and-runbooks closed 66.7', 'late-docs overdue 75', 'lifecycles done 100']);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await get<{ paths: Record<string, unknown> }>('/api/openapi.json');
    for (const p of ['/api/initiatives', '/api/initiatives/{name}', '/api/initiatives/{name}/publish', '/api/initiatives/{name}/close', '/api/initiatives/{name}/progress', '/api/initiatives/{name}/todo']) {
      assert.ok(doc.paths[p], p);
    }
  });

  it('moves when a pushed fact makes a rule pass (after the evaluation pass)', async () => {
    const created = await server.api<Detail>('POST', '/api/initiatives', base('coverage', { scorecard: 'scorecard:default/test-coverage', level: 'tested' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual({ met: created.body.progress.met, total: created.body.progress.total }, { met: 0, total: 4 });
    const push = await server.api('POST', '/api/facts/entities/component/default/gold-svc', { source: 'ci', facts: { ci_coverage: 91.5 } });
    assert.ok(push.status < 300, JSON.stringify(push.body));
    const moved = await until('the pushed coverage in the progress', async () => {
      const p = await get<ProgressResponse>('/api/initiatives/coverage/progress');
      return p.overall.met === 1 ? p : undefined;
    }, 30_000);
    assert.equal(moved.teams.find((t) => t.owner === 'group:default/team-a')?.met, 1);
    assert.deepEqual(moved.history.map((h) => `${h.day} ${h.met}/${h.total}`), [`${today()} 1/4`]);
    const todo = await get<Todo>('/api/initiatives/coverage/todo?owner=group:default/team-a');
    assert.deepEqual(todo.teams[0]?.entities.map((e) => e.entityRef), ['component:default/bronze-svc', 'component:default/silver-svc']);
    assert.equal(todo.teams[0]?.entities[0]?.rules[0]?.fix, 'Push ci.coverage from your pipeline.');
  });

  it('moves when an entity change makes a rule pass', async () => {
    const created = await server.api<Detail>('POST', '/api/initiatives', base('bronze-runbook', { level: undefined, rules: ['has-runbook'], filter: { 'metadata.name': 'bronze-svc' } }));
    assert.deepEqual({ met: created.body.progress.met, total: created.body.progress.total }, { met: 0, total: 1 });
    writeFileSync(join(tmp, 'catalog/bronze-svc/catalog-info.yaml'), serviceYaml('bronze-svc', { description: 'Sends the invoices out', runbook: true }));
    assert.ok((await server.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/bronze-svc' })).status < 300);
    const done = await until('the runbook in the progress', async () => {
      const d = await get<Detail>('/api/initiatives/bronze-runbook');
      return d.progress.met === 1 ? d : undefined;
    }, 60_000);
    assert.equal(done.status, 'draft', 'a draft stays a draft, even when every pair is met');
    assert.equal((await server.api<Detail>('POST', '/api/initiatives/bronze-runbook/publish')).body.status, 'done');
    assert.deepEqual((await get<Todo>('/api/initiatives/bronze-runbook/todo')).teams, []);
  });
});
