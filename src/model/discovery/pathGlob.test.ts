import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GLOB_STEP_BUDGET, compileGlob, matchGlob, matchGlobOrAncestor } from './pathGlob';

test('matchGlob: `*` and `?` stay in a segment, `**` spans segments', () => {
  const cases: Array<[string, string, boolean]> = [
    ['packages/*', 'packages/api', true],
    ['packages/*', 'packages/api/src', false],
    ['packages/**', 'packages/a/b', true],
    ['packages/**', 'packages', true],
    ['**/legacy', 'apps/web/legacy', true],
    ['/apps/we?', 'apps/web', true],
    ['apps/*-svc', 'apps/pay-svc', true],
    ['apps/*-svc', 'apps/pay', false],
    ['a/***/b', 'a/x/y/b', true],
    ['{a,b}/*', 'a/x', false],
  ];
  for (const [glob, path, expected] of cases) assert.equal(matchGlob(compileGlob(glob), path, { steps: GLOB_STEP_BUDGET }), expected, `${glob} ~ ${path}`);
  assert.equal(matchGlobOrAncestor(compileGlob('services'), 'services/pay', { steps: GLOB_STEP_BUDGET }), true);
  assert.equal(matchGlobOrAncestor(compileGlob('services/pay/src'), 'services/pay', { steps: GLOB_STEP_BUDGET }), false);
  assert.equal(compileGlob('x'.repeat(300)), undefined);
  assert.equal(matchGlob(compileGlob('*a*a*a*b'), 'a'.repeat(200), { steps: 100 }), false, 'an exhausted budget matches nothing');
});
