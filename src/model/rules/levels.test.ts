import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { levelOf, type RuleOutcome } from './levels';

const LEVELS = ['bronze', 'silver', 'gold'];
const rule = (ruleId: string, level: string, status: RuleOutcome['status'], extra: Partial<RuleOutcome> = {}): RuleOutcome => ({ ruleId, level, status, weight: 1, exempt: false, ...extra });

describe('scorecard levels', () => {
  it('reaches a level only when every rule of it and of every level below passes', () => {
    const r = levelOf(LEVELS, [rule('owner', 'bronze', 'pass'), rule('docs', 'silver', 'pass'), rule('runbook', 'silver', 'fail'), rule('slo', 'gold', 'pass')]);
    assert.equal(r.level, 'bronze');
    assert.deepEqual(r.next, { level: 'silver', blocking: ['runbook'] });
  });
  it('a passing higher level does not count while a lower one fails', () => {
    const r = levelOf(LEVELS, [rule('owner', 'bronze', 'fail'), rule('docs', 'silver', 'pass'), rule('slo', 'gold', 'pass')]);
    assert.equal(r.level, null);
    assert.deepEqual(r.next, { level: 'bronze', blocking: ['owner'] });
  });
  it('an error never counts as a pass; an exemption does', () => {
    assert.equal(levelOf(LEVELS, [rule('owner', 'bronze', 'error')]).level, null);
    assert.equal(levelOf(LEVELS, [rule('owner', 'bronze', 'fail', { exempt: true }), rule('docs', 'silver', 'pass')]).level, 'gold');
  });
  it('reaches the top level with no next', () => {
    const r = levelOf(LEVELS, [rule('owner', 'bronze', 'pass'), rule('slo', 'gold', 'pass')]);
    assert.equal(r.level, 'gold');
    assert.equal(r.next, null);
  });
  it('scores by weight', () => {
    assert.equal(levelOf(LEVELS, [rule('a', 'bronze', 'pass', { weight: 3 }), rule('b', 'silver', 'fail', { weight: 1 })]).score, 75);
    assert.equal(levelOf(LEVELS, []).score, 100);
  });
});
