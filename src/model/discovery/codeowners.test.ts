import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownerToRef, rootOwner } from './codeowners';

test('ownerToRef maps CODEOWNERS owners to entity refs', () => {
  const cases: Array<[string, string | undefined]> = [
    ['@acme/payments-team', 'group:default/payments-team'],
    ['@alice', 'user:default/alice'],
    ['bob.smith@example.com', 'user:default/bob.smith'],
    ['not-an-owner', undefined],
  ];
  for (const [owner, expected] of cases) assert.equal(ownerToRef(owner), expected, owner);
});

test('rootOwner takes the last rule covering the whole repository', () => {
  const cases: Array<[string, { ref?: string; raw?: string; others: string[]; line?: number }]> = [
    ['* @acme/platform', { ref: 'group:default/platform', raw: '@acme/platform', others: [], line: 1 }],
    ['# owners\n*   @acme/a @bob\n/docs/ @acme/docs\n', { ref: 'group:default/a', raw: '@acme/a', others: ['@bob'], line: 2 }],
    ['* @acme/old\n/** @carol # newer wins\n', { ref: 'user:default/carol', raw: '@carol', others: [], line: 2 }],
    ['/src/ @acme/x\n*.js @acme/js\n', { others: [] }],
    ['* @acme/x\n*\n', { ref: undefined, raw: undefined, others: [], line: 2 }],
    ['* weird', { ref: undefined, raw: 'weird', others: [], line: 1 }],
  ];
  for (const [file, expected] of cases) assert.deepEqual(rootOwner(file), expected, file);
});
