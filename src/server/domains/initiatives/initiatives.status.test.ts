import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveStatus } from './initiatives.status';
import { resolveTargets } from './initiatives.validate';

describe('deriveStatus', () => {
  const cases: Array<[string, string, { met: number; total: number }, string, string]> = [
    ['a draft stays a draft, even when all is met', 'draft', { met: 4, total: 4 }, '2026-01-31', 'draft'],
    ['a draft past its target is still a draft', 'draft', { met: 0, total: 4 }, '2025-01-31', 'draft'],
    ['closed wins over done', 'closed', { met: 4, total: 4 }, '2026-01-31', 'closed'],
    ['published with all met is done', 'published', { met: 4, total: 4 }, '2026-01-31', 'done'],
    ['done wins over overdue', 'published', { met: 4, total: 4 }, '2025-01-31', 'done'],
    ['past the target and not done is overdue', 'published', { met: 3, total: 4 }, '2025-12-31', 'overdue'],
    ['on the target day it is still active', 'published', { met: 3, total: 4 }, '2026-01-01', 'active'],
    ['nothing targeted is not done', 'published', { met: 0, total: 0 }, '2026-01-31', 'active'],
  ];
  for (const [what, state, progress, target, expected] of cases) {
    it(what, () => assert.equal(deriveStatus(state, progress, target, '2026-01-01'), expected));
  }
});

describe('resolveTargets', () => {
  const def = {
    entityRef: 'scorecard:default/s', levels: ['bronze', 'silver', 'gold'],
    rules: [{ id: 'a', level: 'bronze' }, { id: 'b', level: 'silver' }, { id: 'c', level: 'gold' }, { id: 'd', level: 'silver' }].map((r) => ({ ...r, title: r.id, fix: null })),
  };
  const row = { scorecard_ref: def.entityRef, rule_ids: null, level: null, filter: null };
  it('a level means its rules and those of the levels below', () => {
    assert.deepEqual([...resolveTargets({ ...row, level: 'silver' }, def).ruleIds], ['a', 'b', 'd']);
  });
  it('listed rules are taken as listed', () => {
    assert.deepEqual([...resolveTargets({ ...row, rule_ids: '["c"]' }, def).ruleIds], ['c']);
  });
  it('a level of a scorecard that is gone targets nothing', () => {
    assert.equal(resolveTargets({ ...row, level: 'silver' }, null).ruleIds.size, 0);
  });
  it('parses the stored filter', () => {
    assert.deepEqual(resolveTargets({ ...row, level: 'gold', filter: '{"kind":"component"}' }, def).filter, { kind: 'component' });
  });
});
