import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidObjectName } from '../fieldFormat';
import { goModuleName, tomlString } from './manifests';
import { originFromGitConfig, parseRemote, readmeFirstParagraph, toEntityName, toTag } from './names';

test('toEntityName follows Backstage name rules', () => {
  const cases: Array<[string, string | undefined]> = [
    ['payments-api', 'payments-api'],
    ['@acme/web-shop', 'web-shop'],
    ['My Service!', 'My-Service'],
    ['--weird__name..', 'weird_name'],
    ['a'.repeat(80), 'a'.repeat(63)],
    [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
    ['日本語', undefined],
    ['', undefined],
  ];
  for (const [raw, expected] of cases) {
    const got = toEntityName(raw);
    assert.equal(got, expected, raw);
    if (got) assert.ok(isValidObjectName(got), `${got} is a valid name`);
  }
});

test('toTag lower-cases and joins with dashes', () => {
  const cases: Array<[string, string | undefined]> = [['TypeScript', 'typescript'], ['spring-boot', 'spring-boot'], ['C#', 'c#'], ['next.js', 'next-js'], ['--', undefined]];
  for (const [raw, expected] of cases) assert.equal(toTag(raw), expected, raw);
});

test('goModuleName takes the last segment, skipping a major-version suffix', () => {
  const cases: Array<[string, string | undefined]> = [['github.com/acme/orders', 'orders'], ['github.com/acme/orders/v3', 'orders'], ['orders', 'orders'], ['v2', 'v2']];
  for (const [path, expected] of cases) assert.equal(goModuleName(path), expected, path);
});

test('tomlString reads a key of a section only', () => {
  const toml = '[tool.black]\nname = "wrong"\n[project]\nname = "billing-lib"  # comment\ndescription = \'Billing helpers\'\n[project.urls]\nname = "also wrong"\n';
  assert.equal(tomlString(toml, 'project', 'name'), 'billing-lib');
  assert.equal(tomlString(toml, 'project', 'description'), 'Billing helpers');
  assert.equal(tomlString(toml, 'project', 'version'), undefined);
});

test('readmeFirstParagraph skips headings, badges and code', () => {
  const cases: Array<[string, string | undefined]> = [
    ['# Title\n\n[![CI](https://x/badge.svg)](https://x)\n\nHandles **payments** for the [shop](https://shop).\nSecond line.\n\nMore.', 'Handles payments for the shop. Second line.'],
    ['Title\n=====\n\n```sh\nnpm i\n```\n\nA tool.', 'A tool.'],
    ['# Only a heading\n', undefined],
    ['<p align="center"><img src="x"></p>\n\nReal text.', 'Real text.'],
  ];
  for (const [readme, expected] of cases) assert.equal(readmeFirstParagraph(readme), expected, readme);
});

test('parseRemote understands https, ssh and scp-like URLs', () => {
  const cases: Array<[string, { host: string; slug: string } | undefined]> = [
    ['https://github.com/acme/orders.git', { host: 'github.com', slug: 'acme/orders' }],
    ['git@github.com:acme/orders.git', { host: 'github.com', slug: 'acme/orders' }],
    ['ssh://git@gitlab.com/group/sub/proj', { host: 'gitlab.com', slug: 'group/sub/proj' }],
    ['/srv/git/orders', undefined],
    ['file:///srv/git/orders', undefined],
  ];
  for (const [url, expected] of cases) assert.deepEqual(parseRemote(url), expected, url);
});

test('originFromGitConfig prefers origin', () => {
  const config = '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/up/x\n[remote "origin"]\n\turl = git@github.com:acme/x.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';
  assert.equal(originFromGitConfig(config), 'git@github.com:acme/x.git');
  assert.equal(originFromGitConfig('[remote "fork"]\n url = https://h/a/b\n'), 'https://h/a/b');
  assert.equal(originFromGitConfig('[core]\n'), undefined);
});
