// Exemptions through the API on the database PAVED_TEST_DB names: an owner asks, a platform engineer
// decides, the level follows at once, an approved exemption lapses by itself on expiry, bad requests get a
// clear 400, the wrong people a 401/403, and every step is in the audit log.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { inSeconds, startExemptionServer, type ExemptionServer } from './exemptionFixtures';

interface Rule { ruleId: string; status: string; exempt?: boolean; exemptionId?: string; exemptionExpiresAt?: string }
interface Score { scorecard: { name: string }; level: string | null; next: { level: string; blocking: string[] } | null; score: number; rules: Rule[] }
interface Exemption { id: string; status: string; entityRef: string; ruleId: string; ruleTitle: string | null; requestedBy: string; decidedBy: string | null; decisionComment: string | null; expiresAt: string; allowedActions: string[] }
interface Audit { items: Array<{ action: string; actor: string; target: string; payload: Record<string, unknown> }> }

const tmp = mkdtempSync(join(tmpdir(), 'paved-exemptions-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('scorecard exemptions API', () => {
  let s: ExemptionServer;
  const api = <T>(method: string, path: string, body?: unknown, token?: string | null) => s.paved.api<T>(method, path, body, { token });
  const score = async (name: string) => (await api<{ scores: Score[] }>('GET', `/api/scorecards/entities/component/default/${name}`)).body.scores?.[0];
  const ask = (entity: string, ruleId: string, token: string, extra: Record<string, unknown> = {}) => api<Exemption & { error?: { message: string } }>('POST', '/api/scorecards/exemptions', {
    scorecardRef: 'scorecard:default/production-readiness', ruleId, entityRef: `component:default/${entity}`, reason: 'PagerDuty is being replaced this quarter', expiresAt: inSeconds(30 * 86_400), ...extra,
  }, token);
  const decide = (id: string, decision: string, token: string, comment?: string) => api<Exemption & { error?: { message: string } }>('POST', `/api/scorecards/exemptions/${id}/${decision}`, comment ? { comment } : {}, token);

  before(async () => {
    s = await startExemptionServer(join(tmp, 'catalog'));
    await until('the scorecard evaluated', async () => (await score('soon-svc'))?.level === 'silver', 60_000);
  });
  after(async () => s?.stop());

  it('an owner asks, a platform engineer approves, and the level rises at once; revoking takes it back', async () => {
    assert.deepEqual((await score('near-svc'))?.next, { level: 'gold', blocking: ['on-call'] });
    const asked = await ask('near-svc', 'on-call', s.tokens.jane);
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    assert.equal(asked.body.status, 'requested');
    assert.equal(asked.body.requestedBy, 'user:default/jane');
    assert.equal(asked.body.ruleTitle, 'Has an on-call rotation');
    assert.deepEqual(asked.body.allowedActions, [], 'an editor decides nothing');
    assert.deepEqual((await api<Exemption>('GET', `/api/scorecards/exemptions/${asked.body.id}`, undefined, s.tokens.admin)).body.allowedActions, ['approve', 'reject']);
    assert.equal((await score('near-svc'))?.level, 'silver', 'a request alone changes nothing');

    const approved = await decide(asked.body.id, 'approve', s.tokens.admin, 'Until the migration ends');
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.deepEqual([approved.body.status, approved.body.decidedBy, approved.body.decisionComment], ['approved', 'token:admin', 'Until the migration ends']);
    const gold = await score('near-svc');
    assert.equal(gold?.level, 'gold');
    assert.equal(gold?.next, null);
    assert.equal(gold?.score, 100);
    const onCall = gold?.rules.find((r) => r.ruleId === 'on-call');
    assert.deepEqual(onCall, { ...onCall, status: 'fail', exempt: true, exemptionId: asked.body.id, exemptionExpiresAt: asked.body.expiresAt });

    const revoked = await decide(asked.body.id, 'revoke', s.tokens.pat, 'PagerDuty is back');
    assert.equal(revoked.body.status, 'revoked');
    assert.equal((await score('near-svc'))?.level, 'silver');
    assert.equal((await score('near-svc'))?.rules.find((r) => r.ruleId === 'on-call')?.exempt, undefined);
    assert.equal((await decide(asked.body.id, 'revoke', s.tokens.admin)).status, 409, 'revoked once');

    const audit = (await api<Audit>('GET', '/api/audit?limit=200')).body.items.filter((e) => e.target === `exemption:${asked.body.id}`);
    assert.deepEqual(audit.map((e) => [e.action, e.actor]).reverse(), [
      ['scorecards.exemption.request', 'user:default/jane'], ['scorecards.exemption.approve', 'token:admin'], ['scorecards.exemption.revoke', 'user:default/pat'],
    ]);
    assert.equal(audit.at(-1)?.payload.reason, 'PagerDuty is being replaced this quarter');
    // Once revoked, the rule and entity are free for a new request.
    assert.equal((await ask('near-svc', 'on-call', s.tokens.jane)).status, 201);
  });

  it('a rejected request changes nothing and cannot be approved afterwards', async () => {
    const asked = await ask('bronze-svc', 'has-docs', s.tokens.jane);
    assert.equal(asked.status, 201);
    const rejected = await decide(asked.body.id, 'reject', s.tokens.admin, 'Write the docs instead');
    assert.deepEqual([rejected.body.status, rejected.body.decisionComment, rejected.body.allowedActions], ['rejected', 'Write the docs instead', []]);
    assert.equal((await score('bronze-svc'))?.level, 'bronze');
    const late = await decide(asked.body.id, 'approve', s.tokens.admin);
    assert.equal(late.status, 409);
    assert.match(late.body.error?.message ?? '', /is rejected: only a requested exemption can be approved/);
    const list = (await api<{ items: Exemption[]; totalItems: number }>('GET', '/api/scorecards/exemptions?status=rejected&entityRef=bronze-svc')).body;
    assert.deepEqual(list.items.map((e) => e.id), [asked.body.id]);
  });

  it('an approved exemption lapses by itself on expiry: the level falls back without anyone acting', async () => {
    const asked = await ask('soon-svc', 'on-call', s.tokens.jane, { expiresAt: inSeconds(8) });
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    assert.equal((await decide(asked.body.id, 'approve', s.tokens.admin)).body.status, 'approved');
    assert.equal((await score('soon-svc'))?.level, 'gold');
    const expiry = Date.parse(asked.body.expiresAt);
    await until('soon-svc back at silver', async () => (await score('soon-svc'))?.level === 'silver', 30_000, 250);
    const lapsedAfterMs = Date.now() - expiry;
    assert.ok(lapsedAfterMs >= 0, `fell back ${lapsedAfterMs} ms before the expiry`);
    const shown = (await api<Exemption>('GET', `/api/scorecards/exemptions/${asked.body.id}`)).body;
    assert.deepEqual([shown.status, shown.allowedActions], ['expired', []]);
    assert.equal((await decide(asked.body.id, 'revoke', s.tokens.admin)).status, 409, 'nothing left to revoke');
    const expired = (await api<{ items: Exemption[] }>('GET', '/api/scorecards/exemptions?status=expired')).body.items.map((e) => e.id);
    assert.ok(expired.includes(asked.body.id));
    const lapse = await until('the lapse audited', async () => (await api<Audit>('GET', '/api/audit?action=scorecards.exemption.expire')).body.items.find((e) => e.target === `exemption:${asked.body.id}`));
    assert.equal(lapse.actor, 'system:paved');
    process.stdout.write(`# lapse seen ${lapsedAfterMs} ms after expiry\n`);
  });

  it('refuses bad requests with a clear 400 (or 409 for a second open request)', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ scorecardRef: 'scorecard:default/nope' }, /scorecardRef: no scorecard scorecard:default\/nope/],
      [{ ruleId: 'no-such-rule' }, /ruleId: scorecard:default\/production-readiness has no rule "no-such-rule" \(its rules: has-owner, /],
      [{ entityRef: 'component:default/ghost' }, /entityRef: no entity component:default\/ghost in the catalog/],
      [{ entityRef: 'component:default/some-lib' }, /does not apply to component:default\/some-lib/],
      [{ expiresAt: inSeconds(-60) }, /expiresAt: expected a time in the future/],
      [{ expiresAt: inSeconds(366 * 86_400) }, /expiresAt: expected at most 365 days ahead/],
      [{ expiresAt: 'next week' }, /expiresAt/],
      [{ reason: 'because' }, /reason of at least 10 characters/],
    ];
    for (const [extra, message] of cases) {
      const r = await ask('gold-svc', 'has-owner', s.tokens.jane, extra);
      assert.equal(r.status, 400, JSON.stringify(extra));
      assert.match(r.body.error?.message ?? '', message);
    }
    assert.equal((await ask('gold-svc', 'has-owner', s.tokens.jane)).status, 201);
    const twice = await ask('gold-svc', 'has-owner', s.tokens.jane);
    assert.equal(twice.status, 409);
    assert.match(twice.body.error?.message ?? '', /already has an open exemption of has-owner/);
    assert.equal((await api('GET', '/api/scorecards/exemptions/not-a-uuid')).status, 400);
    assert.equal((await api('GET', '/api/scorecards/exemptions/00000000-0000-4000-8000-000000000000')).status, 404);
  });

  it('lets owners ask and platform engineers decide, nobody approving their own request', async () => {
    assert.equal((await ask('silver-svc', 'on-call', null as unknown as string)).status, 401, 'a guest signs in first');
    assert.equal((await ask('silver-svc', 'on-call', s.tokens.rita)).status, 403, 'a reader');
    const outsider = await ask('silver-svc', 'on-call', s.tokens.bob);
    assert.equal(outsider.status, 403);
    assert.match(outsider.body.error?.message ?? '', /user:default\/bob is not a member of group:default\/team-a, which owns component:default\/silver-svc/);
    const bot = await ask('silver-svc', 'on-call', s.tokens.bot);
    assert.equal(bot.status, 403);
    assert.match(bot.body.error?.message ?? '', /token:ci-bot is not a catalog user/);
    assert.equal((await ask('jane-svc', 'on-call', s.tokens.jane)).status, 201, 'jane owns jane-svc herself');

    const asked = await ask('silver-svc', 'on-call', s.tokens.jane);
    assert.equal((await decide(asked.body.id, 'approve', s.tokens.jane)).status, 403, 'an editor cannot approve');
    assert.equal((await decide(asked.body.id, 'approve', s.tokens.bob)).status, 403);
    assert.equal((await decide(asked.body.id, 'approve', null as unknown as string)).status, 401);

    // A platform engineer may ask for any entity, but someone else approves it.
    const own = await ask('silver-svc', 'part-of-system', s.tokens.pat);
    assert.equal(own.status, 201);
    assert.deepEqual((await api<Exemption>('GET', `/api/scorecards/exemptions/${own.body.id}`, undefined, s.tokens.pat)).body.allowedActions, ['reject']);
    const self = await decide(own.body.id, 'approve', s.tokens.pat);
    assert.equal(self.status, 403);
    assert.match(self.body.error?.message ?? '', /user:default\/pat requested exemption .*: someone else approves it/);
    assert.equal((await decide(own.body.id, 'approve', s.tokens.admin)).status, 200);
    const denied = (await api<Audit>('GET', '/api/audit?action=scorecards.exemption.approve&actor=user:default/pat')).body.items;
    assert.deepEqual(denied, [], 'a refused decision writes nothing');
  });

  it('lists with filters, readable by guests, and documents the API', async () => {
    const all = (await api<{ items: Exemption[]; totalItems: number }>('GET', '/api/scorecards/exemptions', undefined, null)).body;
    assert.ok(all.totalItems >= 6, String(all.totalItems));
    assert.ok(all.items.every((e) => e.allowedActions.length === 0), 'a guest decides nothing');
    const approved = (await api<{ items: Exemption[] }>('GET', '/api/scorecards/exemptions?status=approved&scorecardRef=production-readiness')).body.items;
    assert.ok(approved.length >= 1 && approved.every((e) => e.status === 'approved'));
    const requested = (await api<{ items: Exemption[] }>('GET', '/api/scorecards/exemptions?status=requested')).body.items;
    assert.ok(requested.every((e) => e.status === 'requested' && e.allowedActions.includes('reject')));
    assert.equal((await api('GET', '/api/scorecards/exemptions?status=lost')).status, 400);
    const spec = (await api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json')).body;
    for (const p of ['/api/scorecards/exemptions', '/api/scorecards/exemptions/{id}', '/api/scorecards/exemptions/{id}/approve', '/api/scorecards/exemptions/{id}/reject', '/api/scorecards/exemptions/{id}/revoke']) {
      assert.ok(spec.paths[p], p);
    }
  });
});
