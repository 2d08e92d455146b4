import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folderOwner, ownerToRef, rootOwner } from './codeowners';

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

test('folderOwner takes the last rule covering the folder or an ancestor, as GitHub matches paths', () => {
  const file = [
    '*                   @acme/platform',
    '/services/          @acme/backend',
    'services/pay/**     @acme/payments',
    '/services/pay/docs/ @acme/writers',
    'services/*          @acme/files-only',
    'web                 @acme/frontend',
    '**/legacy/          @acme/archaeology',
    '/services/old/',
  ].join('\n');
  const cases: Array<[string, string | undefined, number | undefined]> = [
    ['services/pay', 'group:default/payments', 3],
    ['services/search', 'group:default/backend', 2],
    ['apps/web', 'group:default/frontend', 6],
    ['apps/web/legacy', 'group:default/archaeology', 7],
    ['services/old', undefined, 8],
    ['tools/gen', 'group:default/platform', 1],
  ];
  for (const [folder, ref, line] of cases) {
    const owner = folderOwner(file, folder);
    assert.deepEqual([owner.ref, owner.line], [ref, line], folder);
  }
  assert.deepEqual(folderOwner('/docs/ @acme/docs\n', 'services/a'), { others: [] });
});

test('folderOwner stays fast on a hostile CODEOWNERS at the size limit', () => {
  const n = 256 * 1024;
  for (const line of ['**a*a*a*a*a*a*a*a*a*b/ @x/y\n', `${'*'.repeat(200)}b/ @x/y\n`, `/${'a/'.repeat(100)} @x/y\n`]) {
    const started = performance.now();
    folderOwner(line.repeat(Math.floor(n / line.length)), `${'a'.repeat(60)}/${'a'.repeat(60)}/${'a'.repeat(60)}`);
    const ms = performance.now() - started;
    assert.ok(ms < 2_000, `${line.slice(0, 20)}: ${Math.round(ms)} ms`);
  }
});
