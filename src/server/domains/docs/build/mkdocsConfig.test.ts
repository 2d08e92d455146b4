import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMkdocsConfig, MAX_CONFIG_BYTES } from './mkdocsConfig.js';

describe('parseMkdocsConfig', () => {
  it('reads site_name, docs_dir, extensions and a nested nav with lines', () => {
    const { config, errors } = parseMkdocsConfig([
      'site_name: Payments',
      'docs_dir: ./documentation/',
      'nav:',
      '  - index.md',
      '  - Guides:',
      '      - Setup: guides/setup.md',
      '      - Deep:',
      '          - guides/deep/a.md',
      '  - GitHub: https://github.com/acme/payments',
      'markdown_extensions:',
      '  - admonition',
      '  - toc:',
      '      permalink: true',
      '  - pymdownx.emoji:',
      '      emoji_index: !!python/name:material.extensions.emoji.twemoji',
    ].join('\n'));
    assert.deepEqual(errors, []);
    assert.equal(config.siteName, 'Payments');
    assert.equal(config.docsDir, 'documentation');
    assert.deepEqual(config.markdownExtensions, ['admonition', 'toc', 'pymdownx.emoji']);
    assert.deepEqual(config.nav, [
      { kind: 'page', path: 'index.md', line: 4 },
      { kind: 'section', title: 'Guides', line: 5, children: [
        { kind: 'page', title: 'Setup', path: 'guides/setup.md', line: 6 },
        { kind: 'section', title: 'Deep', line: 7, children: [{ kind: 'page', path: 'guides/deep/a.md', line: 8 }] },
      ] },
      { kind: 'link', title: 'GitHub', url: 'https://github.com/acme/payments', line: 9 },
    ]);
  });

  it('leaves nav undefined when absent and defaults docs_dir', () => {
    const { config, errors } = parseMkdocsConfig('site_name: X\n');
    assert.deepEqual(errors, []);
    assert.equal(config.nav, undefined);
    assert.equal(config.docsDir, 'docs');
  });

  const bad: Array<{ name: string; text: string; line?: number; message: RegExp; siteName: string; docsDir?: string }> = [
    { name: 'bad YAML', text: 'site_name: X\nnav:\n  - [a.md\n', line: 4, message: /invalid YAML/, siteName: 'Documentation' },
    { name: 'tab-indented YAML', text: 'site_name: X\nnav:\n\t- a.md\n', line: 3, message: /invalid YAML/, siteName: 'Documentation' },
    { name: 'nav is a map', text: 'site_name: X\nnav:\n  home: index.md\n', line: 3, message: /^nav: /, siteName: 'X' },
    { name: 'nav entry is a number list', text: 'site_name: X\nnav:\n  - index.md\n  - 42\n', line: 4, message: /^nav\.1: expected a page path/, siteName: 'X' },
    { name: 'nav pair with two keys', text: 'site_name: X\nnav:\n  - A: a.md\n    B: b.md\n', line: 3, message: /nav\.0: expected exactly one "Title: target" pair/, siteName: 'X' },
    { name: 'missing site_name', text: 'docs_dir: pages\n', line: 1, message: /site_name is required/, siteName: 'Documentation', docsDir: 'pages' },
    { name: 'site_name not text', text: 'site_name:\n  - a\n', line: 2, message: /site_name/, siteName: 'Documentation' },
    { name: 'docs_dir escapes', text: 'site_name: X\ndocs_dir: ../secrets\n', line: 2, message: /docs_dir must be a folder inside/, siteName: 'X', docsDir: 'docs' },
    { name: 'docs_dir absolute', text: 'site_name: X\ndocs_dir: /etc\n', line: 2, message: /relative POSIX path/, siteName: 'X', docsDir: 'docs' },
    { name: 'top level is a list', text: '- a\n- b\n', line: 1, message: /\(top level\)/, siteName: 'Documentation' },
    { name: 'site_name too long', text: `site_name: ${'x'.repeat(300)}\n`, line: 1, message: /site_name/, siteName: 'Documentation' },
  ];
  for (const c of bad) {
    it(`reports ${c.name} with file and line and keeps defaults`, () => {
      const { config, errors } = parseMkdocsConfig(c.text);
      assert.ok(errors.length > 0, 'expected an error');
      const first = errors[0]!;
      assert.equal(first.file, 'mkdocs.yml');
      assert.equal(first.line, c.line);
      assert.match(first.message, c.message);
      assert.equal(config.siteName, c.siteName);
      assert.equal(config.nav, undefined);
      assert.equal(config.docsDir, c.docsDir ?? 'docs');
    });
  }

  it('keeps valid fields when another is wrong', () => {
    const { config, errors } = parseMkdocsConfig('site_name: Kept\nnav:\n  - a.md\nmarkdown_extensions: 7\n');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.line, 4);
    assert.equal(config.siteName, 'Kept');
    assert.deepEqual(config.nav, [{ kind: 'page', path: 'a.md', line: 3 }]);
  });

  it('refuses an oversized file and deeply nested nav', () => {
    const huge = parseMkdocsConfig(`site_name: X\n# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    assert.match(huge.errors[0]!.message, /larger than/);
    let nav = 'a.md';
    for (let i = 0; i < 12; i++) nav = `[{S${i}: ${nav.startsWith('[') ? nav : `[${nav}]`}}]`;
    const deep = parseMkdocsConfig(`site_name: X\nnav: ${nav}\n`);
    assert.ok(deep.errors.some((e) => /nested deeper/.test(e.message)), JSON.stringify(deep.errors));
    assert.equal(deep.config.nav, undefined);
  });

  it('survives alias bombs', () => {
    const bomb = ['site_name: X', 'a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    const { config, errors } = parseMkdocsConfig(bomb);
    assert.ok(errors.length > 0);
    assert.equal(config.siteName, 'Documentation');
  });
});
