// `paved exemptions` (the real binary) against a live server: an owner asks with a duration, a platform
// engineer approves with a comment, the list filters by status, and refusals reach stderr with exit 1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { PAVED_BIN, ROOT } from '../helpers/startPaved';
import { startExemptionServer, type ExemptionServer } from './exemptionFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'paved-exemptions-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('paved exemptions (the real binary)', () => {
  let s: ExemptionServer;
  const paved = (token: string, args: string[]) => {
    const r = spawnSync(process.execPath, [PAVED_BIN, ...args], { cwd: ROOT, env: { ...process.env, PAVED_URL: s.paved.url, PAVED_TOKEN: token }, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const level = async () => (await s.paved.api<{ scores?: Array<{ level: string | null }> }>('GET', '/api/scorecards/entities/component/default/cli-svc')).body.scores?.[0]?.level;

  before(async () => {
    s = await startExemptionServer(join(tmp, 'catalog'));
    await until('the scorecard evaluated', async () => (await level()) === 'silver', 60_000);
  });
  after(async () => s?.stop());

  it('requests, lists and approves an exemption; the level follows', async () => {
    const asked = paved(s.tokens.jane, ['exemptions', 'request', 'component:default/cli-svc', '--scorecard', 'production-readiness', '--rule', 'on-call',
      '--reason', 'The on-call rotation starts next month', '--expires', '30d', '-o', 'json']);
    assert.equal(asked.code, 0, asked.stderr);
    const { id, status, expiresAt } = JSON.parse(asked.stdout) as { id: string; status: string; expiresAt: string };
    assert.equal(status, 'requested');
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, String(days));

    const list = paved(s.tokens.admin, ['exemptions', '--status', 'requested']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^ID\s+STATUS\s+ENTITY\s+SCORECARD\s+RULE\s+EXPIRES\s+REQUESTED BY$/m);
    assert.match(list.stdout, new RegExp(`^${id}\\s+requested\\s+cli-svc\\s+production-readiness\\s+on-call\\s+\\S+ \\S+\\s+user:default/jane$`, 'm'));

    const editor = paved(s.tokens.jane, ['exemptions', 'approve', id]);
    assert.equal(editor.code, 1);
    assert.match(editor.stderr, /^paved: 403 Forbidden: user:default\/jane is not allowed to scorecards.exemption.approve/m);

    const approved = paved(s.tokens.admin, ['exemptions', 'approve', id, '--comment', 'Fine until the rotation starts']);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout, new RegExp(`^Exemption ${id}: approved$`, 'm'));
    assert.match(approved.stdout, /^ {2}decided by token:admin at \S+: Fine until the rotation starts$/m);
    assert.equal(await level(), 'gold');
    assert.match(paved(s.tokens.admin, ['exemptions', '--status', 'approved']).stdout, new RegExp(`^${id}\\s+approved\\s`, 'm'));
    assert.equal(paved(s.tokens.admin, ['exemptions', '--status', 'requested']).stdout, 'No exemptions.\n');

    const revoked = paved(s.tokens.admin, ['exemptions', 'revoke', id]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(await level(), 'silver');
  });

  it('says what was wrong with a request', () => {
    const past = paved(s.tokens.jane, ['exemptions', 'request', 'cli-svc', '--scorecard', 'production-readiness', '--rule', 'on-call', '--reason', 'A good enough reason', '--expires', '2020-01-01']);
    assert.equal(past.code, 1);
    assert.match(past.stderr, /400 Bad Request: expiresAt: expected a time in the future, but found 2020-01-01T00:00:00.000Z/);
    const bad = paved(s.tokens.jane, ['exemptions', 'request', 'cli-svc', '--scorecard', 'production-readiness', '--rule', 'on-call', '--reason', 'A good enough reason', '--expires', 'soon']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--expires: expected a date \(2026-03-31\), an ISO time or a duration \(30d, 12h\), but found "soon"/);
    const status = paved(s.tokens.jane, ['exemptions', '--status', 'lost']);
    assert.equal(status.code, 1);
    assert.match(status.stderr, /--status must be one of requested, approved, rejected, revoked, expired/);
  });
});
