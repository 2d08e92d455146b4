import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSite, checkSite, parseMkdocs, renderMarkdown } from './build.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'docs-site-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function site(name, files) {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('documentation site', () => {
  it('this repository\'s docs pass the check and build to HTML', () => {
    const out = join(scratch, 'real-site');
    const { pages } = buildSite(repoRoot, out);
    assert.ok(pages >= 2);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    assert.match(index, /<nav>.*<a href="getting-started.html">/s);
    assert.ok(existsSync(join(out, 'guides', 'writing.html')));
  });

  it('reads nested nav sections', () => {
    const config = parseMkdocs("site_name: 'Demo'\nnav:\n  - Home: index.md\n  - Guides:\n      - One: guides/one.md\n      - guides/two.md\nplugins:\n  - techdocs-core\n");
    assert.equal(config.siteName, 'Demo');
    assert.deepEqual(config.nav, [
      { title: 'Home', path: 'index.md' },
      { title: 'Guides', path: undefined, children: [{ title: 'One', path: 'guides/one.md' }, { title: undefined, path: 'guides/two.md' }] },
    ]);
  });

  it('reports nav entries and links that do not resolve, with the file that holds them', () => {
    const root = site('broken', {
      'mkdocs.yml': 'site_name: Broken\nnav:\n  - Home: index.md\n  - Gone: gone.md\n',
      'docs/index.md': '# Home\n\nSee [missing](missing.md), [bad anchor](other.md#nope) and [ok](other.md#real-heading).\n\n`[not a link](x.md)`\n',
      'docs/other.md': '# Other\n\n## Real heading\n',
    });
    const { problems } = checkSite(root);
    assert.deepEqual(problems, [
      'mkdocs.yml nav: "Gone" points to gone.md, which does not exist in docs/',
      'index.md: link "missing.md" does not resolve',
      'index.md: link "other.md#nope" names a heading that does not exist in other.md',
    ]);
    assert.throws(() => buildSite(root, join(scratch, 'broken-out')), /documentation check failed/);
  });

  it('renders admonitions, tables, code and links', () => {
    const { html } = renderMarkdown('!!! note\n    Be *kind*.\n\n| a | b |\n|---|---|\n| 1 | `<2>` |\n\n```sh\necho "<hi>"\n```\n\n[next](guides/writing.md#start)\n');
    assert.match(html, /<div class="admonition note"><p class="admonition-title">Note<\/p><p>Be <em>kind<\/em>.<\/p><\/div>/);
    assert.match(html, /<td><code>&lt;2&gt;<\/code><\/td>/);
    assert.match(html, /<pre><code class="language-sh">echo &quot;&lt;hi&gt;&quot;<\/code><\/pre>/);
    assert.match(html, /<a href="guides\/writing.html#start">next<\/a>/);
  });
});
