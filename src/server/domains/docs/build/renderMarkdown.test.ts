import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocsBuildError } from './docsTypes.js';
import { slugifyHeading, uniqueHeadingId } from './headingIds.js';
import { fenceLanguage, renderMarkdown } from './renderMarkdown.js';
import type { DocsLinkContext } from './sanitizeDocsHtml.js';

function context(errors: DocsBuildError[] = []): DocsLinkContext {
  const pageSlugs = new Map([['index.md', ''], ['guides/setup.md', 'guides/setup'], ['guides/index.md', 'guides']]);
  return { pagePath: 'guides/setup.md', file: 'docs/guides/setup.md', pageSlugs, slugs: new Set(pageSlugs.values()), assets: new Set(['img/a.png']), errors };
}
const render = (md: string, errors: DocsBuildError[] = []) => renderMarkdown(md, context(errors));

describe('heading ids (MkDocs toc)', () => {
  const cases: Array<[string, string]> = [
    ['Getting Started', 'getting-started'],
    ['Install & Run!', 'install-run'],
    ['Café déjà vu', 'cafe-deja-vu'],
    ['  spaced   out  ', 'spaced-out'],
    ['snake_case stays', 'snake_case-stays'],
    ['a -- b', 'a-b'],
    ['日本語', ''],
  ];
  for (const [text, id] of cases) it(`slugifies ${JSON.stringify(text)}`, () => assert.equal(slugifyHeading(text), id));

  it('de-duplicates like Python-Markdown', () => {
    const used = new Set<string>();
    assert.deepEqual(['a', 'a', 'a', '', '', 'b_1', 'b_1'].map((id) => uniqueHeadingId(id, used)), ['a', 'a_1', 'a_2', '_1', '_2', 'b_1', 'b_2']);
  });

  it('collects headings with stable ids for the TOC', () => {
    const page = render('# Title\n\n## Setup `cli`\n\ntext\n\n### Setup cli\n\n## Setup `cli`\n\nSetext\n------\n');
    assert.deepEqual(page.headings, [
      { level: 1, text: 'Title', id: 'title' },
      { level: 2, text: 'Setup cli', id: 'setup-cli' },
      { level: 3, text: 'Setup cli', id: 'setup-cli_1' },
      { level: 2, text: 'Setup cli', id: 'setup-cli_2' },
      { level: 2, text: 'Setext', id: 'setext' },
    ]);
    assert.equal(page.firstH1, 'Title');
    assert.match(page.html, /<h2 id="setup-cli">Setup <code>cli<\/code><\/h2>/);
    assert.match(page.html, /<h3 id="setup-cli_1">/);
  });
});

describe('renderMarkdown blocks', () => {
  const cases: Array<{ name: string; md: string; html: RegExp[]; not?: RegExp[] }> = [
    { name: 'fenced code with language', md: '```ts\nconst a = 1 < 2;\n```', html: [/<pre><code class="language-ts">const a = 1 &lt; 2;\n<\/code><\/pre>/] },
    { name: 'superfences {.lang} info', md: '```{.python title="x.py"}\nprint()\n```', html: [/<code class="language-python">print\(\)/] },
    { name: 'fence with title attribute', md: '```yaml title="mkdocs.yml"\na: 1\n```', html: [/<code class="language-yaml">/] },
    { name: 'fence without language', md: '```\nplain\n```', html: [/<pre><code>plain\n<\/code><\/pre>/] },
    { name: 'hostile language is dropped', md: '```"onmouseover="x\nplain\n```', html: [/<pre><code>plain/], not: [/onmouseover/] },
    { name: 'indented code block', md: '    indented\n', html: [/<pre><code>indented/] },
    { name: 'table with alignment', md: '| a | b |\n|:--|--:|\n| 1 | **2** |', html: [/<table>/, /<th style="text-align:left">a<\/th>/, /<td style="text-align:right"><strong>2<\/strong><\/td>/] },
    { name: 'admonition with title', md: '!!! note "Read this"\n    Body **bold**\n\n    Second paragraph\n\nAfter', html: [/<div class="admonition note">\n<p class="admonition-title">Read this<\/p>\n<p>Body <strong>bold<\/strong><\/p>\n<p>Second paragraph<\/p>\n<\/div>\n<p>After<\/p>/] },
    { name: 'admonition without title uses the type', md: '!!! warning\n    Careful', html: [/<div class="admonition warning">\n<p class="admonition-title">Warning<\/p>\n<p>Careful<\/p>/] },
    { name: 'admonition with empty title', md: '!!! tip ""\n    No title', html: [/<div class="admonition tip">\n<p>No title<\/p>/], not: [/admonition-title/] },
    { name: 'admonition with several classes', md: '!!! danger inline end "Stop"\n    x', html: [/<div class="admonition danger">/, /Stop/] },
    { name: 'unknown admonition type keeps the base class', md: '!!! custom "C"\n    x', html: [/<div class="admonition">/] },
    { name: 'collapsible admonition', md: '??? question "Why?"\n    Because', html: [/<details class="admonition question">\n<summary class="admonition-title">Why\?<\/summary>\n<p>Because<\/p>\n<\/details>/], not: [/open/] },
    { name: 'collapsible admonition open', md: '???+ example\n    Shown', html: [/<details class="admonition example" open(="")?>/, /<summary class="admonition-title">Example<\/summary>/] },
    { name: 'code fence inside an admonition', md: '!!! example\n    ```bash\n    npm ci\n    ```', html: [/<div class="admonition example">[\s\S]*<pre><code class="language-bash">npm ci\n<\/code><\/pre>\n<\/div>/] },
    { name: 'nested admonitions', md: '!!! note\n    outer\n\n    !!! warning\n        inner\n', html: [/<div class="admonition note">[\s\S]*<div class="admonition warning">[\s\S]*inner[\s\S]*<\/div>\n<\/div>/] },
    { name: 'admonition in a list', md: '- item\n\n    !!! note\n        in list\n', html: [/<li>[\s\S]*<div class="admonition note">[\s\S]*in list[\s\S]*<\/li>/] },
    { name: 'unindented line ends the admonition', md: '!!! note\n    inside\noutside', html: [/inside<\/p>\n<\/div>\n<p>outside<\/p>/] },
    { name: 'admonition title is escaped', md: '!!! note "<img src=x onerror=alert(1)>"\n    x', html: [/admonition-title"><img \/><\/p>|admonition-title">&lt;img/], not: [/onerror/] },
    { name: 'front matter is not rendered', md: '---\ntitle: Meta title\ntags: [a]\n---\n# Heading\n', html: [/^<h1 id="heading">Heading<\/h1>/], not: [/Meta title/, /<hr/] },
    { name: 'a hr and a setext heading are not front matter', md: '---\nJust text\n---\n', html: [/<hr \/>/, /<h2 id="just-text">Just text<\/h2>/] },
    { name: 'raw HTML that is safe is kept', md: '<details><summary>More</summary>\n\nHidden *text*\n\n</details>\n\nLine<br>break', html: [/<details><summary>More<\/summary>/, /<br \/>/] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { html } = render(c.md);
      for (const re of c.html) assert.match(html, re);
      for (const re of c.not ?? []) assert.doesNotMatch(html, re);
    });
  }

  it('takes the title from front matter', () => assert.equal(render('---\ntitle: From meta\n---\n# H\n').metaTitle, 'From meta'));
  it('reports broken front matter with its line', () => {
    const errors: DocsBuildError[] = [];
    render('---\ntitle: ok\nbad: [\n---\n# H\n', errors);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.file, 'docs/guides/setup.md');
    assert.match(errors[0]!.message, /invalid front matter/);
    assert.ok(errors[0]!.line !== undefined && errors[0]!.line >= 3);
  });

  const fences: Array<[string, string]> = [['js', 'js'], ['c++ title="x"', 'c++'], ['{.rust .numbered}', 'rust'], ['{ .go hl_lines="1" }', 'go'], ['"><script>', ''], ['', '']];
  for (const [info, lang] of fences) it(`fence info ${JSON.stringify(info)} → ${JSON.stringify(lang)}`, () => assert.equal(fenceLanguage(info), lang));
});

describe('sanitising', () => {
  // Each payload must come out without anything that could run in the UI.
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt&colon;alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '[x](<java\nscript:alert(1)>)',
    '![x](javascript:alert(1))',
    '![x](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+)',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<svg><script>alert(1)</script></svg>',
    '<svg onload=alert(1)>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<style>body{display:none}</style>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<form action="https://evil.example"><input name=q><button>Go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<p onclick="alert(1)" onmouseover="alert(1)">x</p>',
    '<a href="https://ok.example" onclick="alert(1)" target="_blank">x</a>',
    '<h2 id="x" onfocus="alert(1)" tabindex=1>x</h2>',
    '<details open ontoggle="alert(1)">x</details>',
    '<img src="https://ok.example/a.png" srcset="javascript:alert(1) 1x">',
    '<a href="https://ok.example" data-docs-slug="evil">spoofed</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '!!! note "<script>alert(1)</script>"\n    x',
    '```"><script>alert(1)</script>\ncode\n```',
  ];
  for (const payload of payloads) {
    it(`neutralises ${JSON.stringify(payload).slice(0, 70)}`, () => {
      const { html } = render(payload);
      assert.doesNotMatch(html, /<script|<iframe|<object|<embed|<style|<form|<input|<meta|<base|<link|<svg|<math/i);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no event handler attributes');
      assert.doesNotMatch(html, /(href|src|srcset)\s*=\s*"?\s*(javascript|vbscript|data):/i);
      assert.doesNotMatch(html, /\sstyle="(?!text-align:(left|right|center)")/);
      assert.doesNotMatch(html, /target=/);
      assert.doesNotMatch(html, /data-docs-slug="evil"/);
    });
  }

  it('keeps the text of removed elements readable', () => {
    assert.match(render('<custom-tag>kept text</custom-tag>').html, /kept text/);
  });
});
