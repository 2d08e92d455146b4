import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDocsSite } from './buildDocsSite.js';
import type { DocsSite } from './docsTypes.js';
import { createMemoryDocsReader } from './memoryDocsReader.js';

const build = (files: Record<string, string>, opts?: { maxPages?: number; maxPageBytes?: number }): Promise<DocsSite> =>
  buildDocsSite(createMemoryDocsReader(files), opts);
const page = (site: DocsSite, slug: string) => {
  const found = site.pages.find((p) => p.slug === slug);
  assert.ok(found, `page "${slug}" in ${site.pages.map((p) => p.slug).join(', ')}`);
  return found;
};

describe('buildDocsSite nav and pages', () => {
  it('follows a nested nav with titles from nav, heading or file name', async () => {
    const site = await build({
      'mkdocs.yml': 'site_name: Payments\nnav:\n  - Home: index.md\n  - Guides:\n      - guides/setup.md\n      - Advanced:\n          - guides/advanced/tuning-tips.md\n  - Source: https://git.example/payments\n',
      'docs/index.md': '# Welcome\n',
      'docs/guides/setup.md': 'No heading here\n\n# Setting up\n',
      'docs/guides/advanced/tuning-tips.md': 'Just text\n',
      'docs/orphan.md': '# Not in nav\n',
    });
    assert.deepEqual(site.errors, []);
    assert.equal(site.siteName, 'Payments');
    assert.deepEqual(site.nav, [
      { title: 'Home', slug: '' },
      { title: 'Guides', children: [
        { title: 'Setting up', slug: 'guides/setup' },
        { title: 'Advanced', children: [{ title: 'Tuning tips', slug: 'guides/advanced/tuning-tips' }] },
      ] },
      { title: 'Source', url: 'https://git.example/payments' },
    ]);
    assert.deepEqual(site.pages.map((p) => [p.path, p.slug, p.title]), [
      ['index.md', '', 'Home'],
      ['orphan.md', 'orphan', 'Not in nav'],
      ['guides/setup.md', 'guides/setup', 'Setting up'],
      ['guides/advanced/tuning-tips.md', 'guides/advanced/tuning-tips', 'Tuning tips'],
    ]);
  });

  it('derives the nav from the files when nav is absent: index first, folders as sections', async () => {
    const site = await build({
      'mkdocs.yml': 'site_name: S\n',
      'docs/zeta.md': '# Zeta\n',
      'docs/alpha.md': '# Alpha\n',
      'docs/index.md': '# Start\n',
      'docs/getting-started/index.md': '# GS\n',
      'docs/getting-started/b.md': 'b',
      'docs/api/README.md': '# API\n',
      'docs/img/logo.png': 'png',
    });
    assert.deepEqual(site.errors, []);
    assert.deepEqual(site.nav, [
      { title: 'Start', slug: '' },
      { title: 'Alpha', slug: 'alpha' },
      { title: 'Zeta', slug: 'zeta' },
      { title: 'Api', children: [{ title: 'API', slug: 'api' }] },
      { title: 'Getting started', children: [{ title: 'GS', slug: 'getting-started' }, { title: 'B', slug: 'getting-started/b' }] },
    ]);
  });

  it('reports a nav entry without a file with its line and builds the rest', async () => {
    const site = await build({
      'mkdocs.yml': 'site_name: S\nnav:\n  - index.md\n  - Gone: gone.md\n  - Sec:\n      - ../outside.md\n      - b.md\n',
      'docs/index.md': '# I\n',
      'docs/b.md': '# B\n',
    });
    assert.deepEqual(site.errors, [
      { file: 'mkdocs.yml', line: 4, message: 'nav entry "gone.md" does not match a Markdown file in the docs folder' },
      { file: 'mkdocs.yml', line: 6, message: 'nav entry "../outside.md" does not match a Markdown file in the docs folder' },
    ]);
    assert.deepEqual(site.nav, [{ title: 'I', slug: '' }, { title: 'Sec', children: [{ title: 'B', slug: 'b' }] }]);
    assert.equal(site.pages.length, 2);
  });

  const brokenConfigs: Array<[string, string, number]> = [
    ['bad YAML', 'site_name: S\nnav: [index.md\n', 3],
    ['wrong shape', 'site_name: S\nnav: index.md\n', 2],
  ];
  for (const [name, config, line] of brokenConfigs) {
    it(`still builds with the default nav when mkdocs.yml has ${name}`, async () => {
      const site = await build({ 'mkdocs.yml': config, 'docs/index.md': '# Home page\n', 'docs/b.md': '# B\n' });
      assert.equal(site.errors[0]!.file, 'mkdocs.yml');
      assert.equal(site.errors[0]!.line, line);
      assert.deepEqual(site.nav, [{ title: 'Home page', slug: '' }, { title: 'B', slug: 'b' }]);
      assert.equal(site.pages.length, 2);
    });
  }

  it('builds without mkdocs.yml, reads mkdocs.yaml and honours docs_dir', async () => {
    const none = await build({ 'docs/index.md': '# X\n' });
    assert.match(none.errors[0]!.message, /mkdocs.yml not found/);
    assert.equal(none.pages.length, 1);
    const yaml = await build({ 'mkdocs.yaml': 'site_name: Y\ndocs_dir: pages\n', 'pages/index.md': '# P\n', 'docs/index.md': '# ignored\n' });
    assert.deepEqual(yaml.errors, []);
    assert.equal(yaml.siteName, 'Y');
    assert.equal(page(yaml, '').title, 'P');
  });

  it('reports an empty docs folder', async () => {
    const site = await build({ 'mkdocs.yml': 'site_name: S\n' });
    assert.deepEqual(site.errors, [{ file: 'mkdocs.yml', message: 'the docs folder "docs" is missing or empty' }]);
    assert.deepEqual(site.pages, []);
  });

  it('prefers front matter title over the first heading, and index.md over README.md', async () => {
    const site = await build({
      'mkdocs.yml': 'site_name: S\n',
      'docs/index.md': '---\ntitle: Meta\n---\n# Heading\n',
      'docs/README.md': '# Readme\n',
    });
    assert.equal(page(site, '').title, 'Meta');
    assert.equal(page(site, '').path, 'index.md');
    assert.deepEqual(site.errors, [{ file: 'docs/README.md', message: 'page has the same URL "/" as docs/index.md; skipped' }]);
  });
});

describe('buildDocsSite links', () => {
  const files = {
    'mkdocs.yml': 'site_name: S\n',
    'docs/index.md': '# Home\n',
    'docs/guide/index.md': '# Guide\n',
    'docs/guide/setup.md': '# Setup\n\n## Install it\n',
    'docs/guide/deep/page.md': '# Deep\n',
    'docs/img/arch.png': 'png',
    'docs/files/My Report.pdf': 'pdf',
  };
  // Links written in docs/guide/deep/page.md.
  const cases: Array<{ link: string; html?: RegExp; error?: RegExp }> = [
    { link: '[a](../setup.md)', html: /<a href="\/guide\/setup" data-docs-slug="guide\/setup">a<\/a>/ },
    { link: '[a](../setup.md#install-it)', html: /<a href="\/guide\/setup#install-it" data-docs-slug="guide\/setup" data-docs-anchor="install-it">a<\/a>/ },
    { link: '[a](../../index.md)', html: /<a href="\/" data-docs-slug="">a<\/a>/ },
    { link: '[a](../)', html: /<a href="\/guide" data-docs-slug="guide">a<\/a>/ },
    { link: '[a](../../guide/)', html: /<a href="\/guide" data-docs-slug="guide">a<\/a>/ },
    { link: '[a](/guide/setup.md)', html: /data-docs-slug="guide\/setup"/ },
    { link: '[a](#local)', html: /<a href="\/guide\/deep\/page#local" data-docs-slug="guide\/deep\/page" data-docs-anchor="local">/ },
    { link: '[a](./page.md?x=1#top)', html: /href="\/guide\/deep\/page#top"/ },
    { link: '[pdf](../../files/My%20Report.pdf)', html: /<a href="\/files\/My%20Report.pdf" data-docs-asset="files\/My Report.pdf">pdf<\/a>/ },
    { link: '![arch](../../img/arch.png)', html: /<img src="\/img\/arch.png" alt="arch" data-docs-asset="img\/arch.png" \/>/ },
    { link: '<img src="../../img/arch.png" width="40">', html: /<img src="\/img\/arch.png" width="40" data-docs-asset="img\/arch.png" \/>/ },
    { link: '[ext](https://example.com/x)', html: /<a href="https:\/\/example.com\/x" rel="noopener noreferrer">ext<\/a>/ },
    { link: '<a href="http://example.com">raw</a>', html: /<a href="http:\/\/example.com" rel="noopener noreferrer">raw<\/a>/ },
    { link: '[mail](mailto:team@example.com)', html: /href="mailto:team@example.com" rel="noopener noreferrer"/ },
    { link: '[a](missing.md)', html: /<a>a<\/a>/, error: /link "missing.md" points to a page that does not exist \("guide\/deep\/missing.md"\)/ },
    { link: '[a](../../../../etc/passwd)', html: /<a>a<\/a>/, error: /leaves the docs folder/ },
    { link: '![x](nope.png)', html: /<img alt="x" \/>/, error: /points to a file that does not exist \("guide\/deep\/nope.png"\)/ },
    { link: '![x](../setup.md)', error: /is a page, not an image/ },
    { link: '[a](../nodir/)', error: /does not exist \("guide\/nodir"\)/ },
  ];
  for (const c of cases) {
    it(`rewrites ${c.link}`, async () => {
      const site = await build({ ...files, 'docs/guide/deep/page.md': `# Deep\n\ntext\nmore ${c.link}\n` });
      const html = page(site, 'guide/deep/page').html;
      if (c.html) assert.match(html, c.html);
      if (c.error) {
        assert.equal(site.errors.length, 1, JSON.stringify(site.errors));
        assert.equal(site.errors[0]!.file, 'docs/guide/deep/page.md');
        assert.equal(site.errors[0]!.line, 4);
        assert.match(site.errors[0]!.message, c.error);
      } else {
        assert.deepEqual(site.errors, []);
      }
    });
  }

  it('names the exact line of a broken link in lists, tables and admonitions', async () => {
    const md = ['# T', '', '- one', '- two [x](a.md)', '', '| h |', '|---|', '| [y](b.md) |', '', '!!! note', '    text', '    [z](c.md)', ''].join('\n');
    const site = await build({ 'mkdocs.yml': 'site_name: S\n', 'docs/index.md': md });
    assert.deepEqual(site.errors.map((e) => e.line), [4, 8, 12]);
  });
});

describe('buildDocsSite bounds', () => {
  it('skips a page over maxPageBytes with an error and builds the others', async () => {
    const site = await build({ 'mkdocs.yml': 'site_name: S\n', 'docs/index.md': '# I\n', 'docs/big.md': `# Big\n${'x'.repeat(2000)}` }, { maxPageBytes: 1000 });
    assert.deepEqual(site.pages.map((p) => p.slug), ['']);
    assert.deepEqual(site.errors, [{ file: 'docs/big.md', message: 'page is 2006 bytes, over the limit of 1000; skipped' }]);
  });

  it('builds at most maxPages, keeping the pages of the nav first', async () => {
    const files: Record<string, string> = { 'mkdocs.yml': 'site_name: S\nnav:\n  - p9.md\n' };
    for (let i = 0; i < 10; i++) files[`docs/p${i}.md`] = `# P${i}\n`;
    const site = await build(files, { maxPages: 3 });
    assert.deepEqual(site.pages.map((p) => p.path), ['p0.md', 'p1.md', 'p9.md']);
    assert.deepEqual(site.errors, [{ file: 'docs', message: 'the docs folder has 10 Markdown pages; only the first 3 are built' }]);
  });

  it('uses 500 pages and 1 MiB by default', async () => {
    const files: Record<string, string> = { 'mkdocs.yml': 'site_name: S\n', 'docs/huge.md': 'x'.repeat(1024 * 1024 + 1) };
    for (let i = 0; i < 501; i++) files[`docs/p${String(i).padStart(3, '0')}.md`] = 'x';
    const site = await build(files);
    assert.equal(site.pages.length, 499, 'huge.md is among the first 500 and is skipped');
    assert.deepEqual(site.errors.map((e) => e.file).sort(), ['docs', 'docs/huge.md']);
  });

  it('reports a reader failure on one page and builds the rest', async () => {
    const inner = createMemoryDocsReader({ 'mkdocs.yml': 'site_name: S\n', 'docs/index.md': '# I\n', 'docs/bad.md': '# B\n' });
    const site = await buildDocsSite({
      listFiles: (dir) => inner.listFiles(dir),
      readFile: async (path) => {
        if (path === 'docs/bad.md') throw new Error('permission denied');
        return inner.readFile(path);
      },
      fileSize: (path) => inner.fileSize(path),
      readBytes: (path) => inner.readBytes(path),
    });
    assert.deepEqual(site.errors, [{ file: 'docs/bad.md', message: 'could not read: permission denied' }]);
    assert.equal(site.pages.length, 1);
  });
});

/** A realistic 200-page site: 10 sections × 20 pages of ~4 KB with headings, code, tables, admonitions and links. */
function generateSite(pages = 200): Record<string, string> {
  const files: Record<string, string> = {};
  const nav: string[] = ['site_name: Generated', 'nav:', '  - Home: index.md'];
  files['docs/index.md'] = '# Generated\n\nWelcome.\n';
  for (let i = 0; i < pages - 1; i++) {
    const section = `section-${Math.floor(i / 20)}`;
    const path = `${section}/page-${i}.md`;
    if (i % 20 === 0) nav.push(`  - Section ${Math.floor(i / 20)}:`);
    nav.push(`      - Page ${i}: ${path}`);
    const next = `../section-${Math.floor(((i + 1) % (pages - 1)) / 20)}/page-${(i + 1) % (pages - 1)}.md`;
    const parts = [`# Page ${i}\n\nIntro with [next](${next}#usage) and [home](../index.md) and [ext](https://example.com).\n`];
    for (let s = 0; s < 6; s++) {
      parts.push(`## Usage${s === 0 ? '' : ` ${s}`}\n\nSome *emphasis* and \`code\` in a paragraph that runs on for a while to look like real prose, about deploying service ${i}.\n`);
      parts.push('```yaml\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: demo\n```\n');
      parts.push('| Key | Value |\n|---|---|\n| a | 1 |\n| b | 2 |\n');
      parts.push(`!!! note "Remember ${s}"\n    Indented body with **bold** text.\n\n### Details ${s}\n\n- one\n- two\n- three\n`);
    }
    files[`docs/${path}`] = parts.join('\n');
  }
  files['mkdocs.yml'] = `${nav.join('\n')}\n`;
  return files;
}

describe('buildDocsSite speed', () => {
  it('builds a 200-page site (median of 5 runs reported)', async (t) => {
    const files = generateSite(200);
    const reader = createMemoryDocsReader(files);
    const times: number[] = [];
    let site: DocsSite | undefined;
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      site = await buildDocsSite(reader);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const bytes = Object.values(files).reduce((n, text) => n + text.length, 0);
    t.diagnostic(`200 pages (${Math.round(bytes / 1024)} KiB of Markdown): median ${times[2]!.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms`);
    assert.deepEqual(site!.errors, []);
    assert.equal(site!.pages.length, 200);
    assert.equal(site!.nav.length, 11);
    assert.ok(times[2]! < 10_000, 'a 200-page site builds in well under 10 s');
  });
});
