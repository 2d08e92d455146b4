// Table-driven tests of the pure readers behind the repository facts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerfileNonRoot, looksLikeSecret, packageDependencies, scoreVariables } from '../../src/server/domains/facts/facts.parsers';

describe('dockerfileNonRoot', () => {
  const cases: Array<[string, string, boolean | undefined]> = [
    ['no FROM', 'RUN echo hi\n', undefined],
    ['no USER', 'FROM node:20\nCMD ["node"]\n', false],
    ['USER node', 'FROM node:20\nUSER node\n', true],
    ['USER root', 'FROM node:20\nUSER root\n', false],
    ['USER 0:0', 'FROM node:20\nUSER 0:0\n', false],
    ['uid:gid', 'FROM scratch\nUSER 65532:65532\n', true],
    ['lowercase instruction', 'from node:20\nuser app\n', true],
    ['USER only in a build stage', 'FROM node:20 AS build\nUSER node\nFROM node:20-slim\nCMD x\n', false],
    ['inherits from an earlier stage', 'FROM node:20 AS base\nUSER node\nFROM base\nCMD x\n', true],
    ['switches back to root', 'FROM node:20 AS base\nUSER node\nFROM base\nUSER root\n', false],
    ['continuations and comments', 'FROM node:20\nRUN a \\\n  && b\n# USER root\nUSER app\n', true],
    ['--platform flag', 'FROM --platform=linux/amd64 node:20 AS b\nUSER x\nFROM b\n', true],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.equal(dockerfileNonRoot(text), expected));
});

describe('packageDependencies', () => {
  it('merges dependencies and devDependencies, dependencies winning, sorted', () => {
    assert.deepEqual(packageDependencies(JSON.stringify({ dependencies: { b: '1', a: '2' }, devDependencies: { a: '3', c: '4', bad: 5 } })), { a: '2', b: '1', c: '4' });
  });
  it('is undefined for broken JSON and bounded to 300 entries', () => {
    assert.equal(packageDependencies('{'), undefined);
    const many = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`p${i}`, '1']));
    assert.equal(Object.keys(packageDependencies(JSON.stringify({ dependencies: many }))!).length, 300);
  });
});

describe('scoreVariables and looksLikeSecret', () => {
  it('tells references from literals and never returns values', () => {
    const vars = scoreVariables('containers:\n  web:\n    variables:\n      A: ${resources.db.host}\n      B: "jdbc://${resources.db.host}/x"\n      C: "$${NOT_A_REF}"\n      DB_PASSWORD: hunter2\n      EMPTY_SECRET: ""\n');
    assert.deepEqual(vars, [
      { container: 'web', name: 'A', kind: 'reference' },
      { container: 'web', name: 'B', kind: 'reference' },
      { container: 'web', name: 'C', kind: 'literal', secretLike: false },
      { container: 'web', name: 'DB_PASSWORD', kind: 'literal', secretLike: true },
      { container: 'web', name: 'EMPTY_SECRET', kind: 'literal', secretLike: false },
    ]);
    assert.equal(scoreVariables('containers: [unclosed'), undefined);
  });
  const cases: Array<[string, string, boolean]> = [
    ['PORT', '8080', false],
    ['LOG_LEVEL', 'info', false],
    ['API_KEY', 'abc', true],
    ['GITHUB', 'ghp_0123456789abcdefghijABCDEFGHIJ', true],
    ['AWS', 'AKIAIOSFODNN7EXAMPLE', true],
    ['DSN', 'postgres://app:s3cret@db:5432/app', true],
    ['BLOB', 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTBhYmNkZWY', true],
    ['GREETING', 'hello world this is a long sentence of words', false],
  ];
  for (const [name, value, expected] of cases) it(`${name}=${value.slice(0, 12)}… → ${expected}`, () => assert.equal(looksLikeSecret(name, value), expected));
});
