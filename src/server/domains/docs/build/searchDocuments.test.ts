import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDocsSite } from './buildDocsSite.js';
import { createMemoryDocsReader } from './memoryDocsReader.js';
import { rewriteDocsUrls } from './rewriteDocsUrls.js';
import { searchDocuments } from './searchDocuments.js';

describe('searchDocuments', () => {
  it('splits each page at h2/h3 into plain-text sections', async () => {
    const site = await buildDocsSite(createMemoryDocsReader({
      'mkdocs.yml': 'site_name: S\n',
      'docs/index.md': '# Home\n\nIntro & <b>bold</b> text.\n\n## Install\n\nRun `npm ci`.\n\n### On Linux\n\n| a | b |\n|---|---|\n| x | y |\n\n#### Deeper\n\nstill Linux\n\n## Empty\n',
      'docs/other.md': 'no headings at all',
    }));
    assert.deepEqual(searchDocuments(site), [
      { slug: '', pageTitle: 'Home', text: 'Home Intro & bold text.' },
      { slug: '', pageTitle: 'Home', heading: 'Install', anchor: 'install', text: 'Run npm ci .' },
      { slug: '', pageTitle: 'Home', heading: 'On Linux', anchor: 'on-linux', text: 'a b x y Deeper still Linux' },
      { slug: '', pageTitle: 'Home', heading: 'Empty', anchor: 'empty', text: '' },
      { slug: 'other', pageTitle: 'Other', text: 'no headings at all' },
    ]);
  });
});

describe('rewriteDocsUrls', () => {
  it('maps page and asset URLs, leaving other links alone', async () => {
    const site = await buildDocsSite(createMemoryDocsReader({
      'mkdocs.yml': 'site_name: S\n',
      'docs/index.md': '[home](index.md) [s](a"b.md#x) ![i](img/a&b.png) [e](https://e.example) [t](#top)\n',
      'docs/a"b.md': '# Q\n',
      'docs/img/a&b.png': 'png',
    }));
    assert.deepEqual(site.errors, []);
    const html = rewriteDocsUrls(site.pages[0]!.html, {
      page: (slug, anchor) => `/docs/c/${slug}${anchor ? `#${anchor}` : ''}`,
      asset: (path) => `/api/docs/c/files/${encodeURIComponent(path)}`,
    });
    assert.equal(html, [
      '<p><a href="/docs/c/" data-docs-slug="">home</a>',
      ' <a href="/docs/c/a&quot;b#x" data-docs-slug="a&quot;b" data-docs-anchor="x">s</a>',
      ' <img src="/api/docs/c/files/img%2Fa%26b.png" alt="i" data-docs-asset="img/a&amp;b.png" />',
      ' <a href="https://e.example" rel="noopener noreferrer">e</a>',
      ' <a href="/docs/c/#top" data-docs-slug="" data-docs-anchor="top">t</a></p>\n',
    ].join(''));
  });
});
