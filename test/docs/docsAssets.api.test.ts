// Images and PDFs of a docs folder through the API, on the database PAVED_TEST_DB names: served with
// their content type (SVG under a sandboxing CSP), pages pointing at them, from file and git locations,
// and files of other types or over the size limit reported as build errors of the site.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGitRepo } from '../helpers/gitRepo';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { docsComponentYaml, writeFiles, type PageDto, type SiteDto } from './docsFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'paved-docs-assets-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// A 1×1 PNG, and bytes that are not valid UTF-8, so a text round trip anywhere would corrupt them.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e0f5b80000000049454e44ae426082', 'hex');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n%%EOF\n')]);

const files = (name: string): Record<string, string | Buffer> => ({
  'catalog-info.yaml': docsComponentYaml(name),
  'mkdocs.yml': `site_name: ${name} docs\n`,
  'docs/index.md': `# ${name}\n\n![Architecture](img/arch.png)\n\n<img src="img/flow.svg" alt="Flow">\n\nRead [the spec](files/spec.pdf).\n\n![Too big](img/huge.png)\n\nDownload [the tool](files/tool.exe).\n`,
  'docs/img/arch.png': PNG,
  'docs/img/flow.svg': SVG,
  'docs/img/huge.png': Buffer.alloc(1024 * 1024 + 1, 7),
  'docs/files/spec.pdf': PDF,
  'docs/files/tool.exe': Buffer.from('MZ\x90\x00'),
});

describe('docs assets API', () => {
  let server: PavedProcess;
  const repo = createGitRepo(join(tmp, 'repo'));

  before(async () => {
    writeFiles(join(tmp, 'files', 'ledger'), files('ledger'));
    repo.commit('docs with images', files('vault'));
    server = await startPaved();
    for (const body of [{ type: 'file', target: join(tmp, 'files') }, { type: 'git', target: `${repo.dir}#main:catalog-info.yaml` }]) {
      const r = await server.api('POST', '/api/catalog/locations', body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    for (const name of ['ledger', 'vault']) {
      const r = await server.api('POST', `/api/docs/default/component/${name}/build`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
  });
  after(async () => {
    await server?.stop();
  });

  const asset = (name: string, path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/docs/default/component/${name}/assets/${path}`, { headers });

  for (const name of ['ledger', 'vault']) {
    it(`${name}: serves the images and the PDF byte for byte with their types, and the page points at them`, async () => {
      const png = await asset(name, 'img/arch.png');
      assert.equal(png.status, 200);
      assert.equal(png.headers.get('content-type'), 'image/png');
      assert.equal(png.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(Buffer.from(await png.arrayBuffer()), PNG);

      const svg = await asset(name, 'img/flow.svg');
      assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
      assert.match(svg.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
      assert.equal(await svg.text(), SVG);

      const pdf = await asset(name, 'files/spec.pdf');
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.deepEqual(Buffer.from(await pdf.arrayBuffer()), PDF);
      const etag = pdf.headers.get('etag') ?? '';
      assert.equal((await asset(name, 'files/spec.pdf', { 'if-none-match': etag })).status, 304);

      const page = (await server.api<PageDto>('GET', `/api/docs/default/component/${name}/pages`)).body;
      assert.match(page.html, new RegExp(`<img src="/api/docs/default/component/${name}/assets/img/arch.png" alt="Architecture"`));
      assert.match(page.html, new RegExp(`<img src="/api/docs/default/component/${name}/assets/img/flow.svg" alt="Flow"`));
      assert.match(page.html, new RegExp(`<a href="/api/docs/default/component/${name}/assets/files/spec.pdf"[^>]*>the spec</a>`));
      // Files that are not served point nowhere rather than at the UI.
      assert.match(page.html, /<img src="about:blank" alt="Too big"/);
      assert.match(page.html, /<a href="about:blank"[^>]*>the tool<\/a>/);
    });

    it(`${name}: a file over 1 MiB and a type that is not served are build errors of the site, and are not served`, async () => {
      const site = (await server.api<SiteDto>('GET', `/api/docs/default/component/${name}`)).body;
      assert.deepEqual(site.errors.map((e) => `${e.file}: ${e.message}`), [
        'docs/files/tool.exe: files of this type are not served: only .png, .jpg, .jpeg, .gif, .webp, .svg, .pdf are; not served (used by docs/index.md:11)',
        'docs/img/huge.png: is 1048577 bytes, over the limit of 1 MiB per file; not served (used by docs/index.md:9)',
      ]);
      assert.equal(site.errorCount, 2);
      for (const path of ['img/huge.png', 'files/tool.exe', 'img/missing.png']) {
        const r = await asset(name, path);
        assert.equal(r.status, 404, path);
        assert.equal(((await r.json()) as { error: { name: string } }).error.name, 'NotFoundError');
      }
    });
  }

  it('answers 404 for the files of an entity without docs', async () => {
    assert.equal((await asset('nobody', 'img/arch.png')).status, 404);
  });
});
