import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDocsSite } from './buildDocsSite.js';
import { docsAssetType } from './docsAssets.js';
import { createMemoryDocsReader } from './memoryDocsReader.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e0f5b80000000049454e44ae426082', 'hex');

describe('docs assets', () => {
  it('keeps the files pages use, of allowed types, within the limits; reports the rest where they are used', async () => {
    const site = await buildDocsSite(createMemoryDocsReader({
      'mkdocs.yml': 'site_name: S\n',
      'docs/index.md': [
        '# Home', '', '![arch](img/arch.png)', '', '<img src="img/flow.svg" alt="flow">', '',
        '[the spec](files/spec.pdf) and [a tool](files/tool.exe)', '', '![big](img/big.png)', '', '![again](img/arch.png)', '',
      ].join('\n'),
      'docs/guide.md': '# Guide\n\n![photo](img/photo.JPG)\n',
      'docs/img/arch.png': PNG,
      'docs/img/flow.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'docs/img/photo.JPG': Buffer.alloc(600, 1),
      'docs/img/big.png': Buffer.alloc(2048, 1),
      'docs/img/unused.png': PNG,
      'docs/files/spec.pdf': '%PDF-1.4\n',
      'docs/files/tool.exe': 'MZ',
    }), { maxAssetBytes: 1024, maxSiteAssetBytes: 700 });
    assert.deepEqual(site.assets.map((a) => [a.path, a.contentType, a.bytes.length]), [
      ['files/spec.pdf', 'application/pdf', 9],
      ['img/arch.png', 'image/png', PNG.length],
      ['img/flow.svg', 'image/svg+xml', 71],
    ]);
    assert.deepEqual(site.assets[1]?.bytes, PNG);
    assert.deepEqual(site.errors.map((e) => `${e.file}: ${e.message}`), [
      'docs/files/tool.exe: files of this type are not served: only .png, .jpg, .jpeg, .gif, .webp, .svg, .pdf are; not served (used by docs/index.md:7)',
      'docs/img/big.png: is 2048 bytes, over the limit of 1024 bytes per file; not served (used by docs/index.md:9)',
      "docs/img/photo.JPG: would take the site's files over the limit of 700 bytes in total; not served (used by docs/guide.md:3)",
    ]);
    const home = site.pages.find((p) => p.slug === '')!;
    assert.match(home.html, /<img src="\/img\/arch.png" alt="arch" data-docs-asset="img\/arch.png" \/>/);
    assert.match(home.html, /<a href="\/files\/spec.pdf" data-docs-asset="files\/spec.pdf">the spec<\/a>/);
  });

  it('knows the served types by extension, case-insensitively', () => {
    assert.deepEqual(['a.PNG', 'b.jpeg', 'c.webp', 'd.gif', 'e.svg', 'f.pdf', 'g.html', 'h', 'dir.png/x'].map(docsAssetType), [
      'image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/svg+xml', 'application/pdf', undefined, undefined, undefined,
    ]);
  });
});
