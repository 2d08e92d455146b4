import type { DocsAsset, DocsBuildError, DocsSourceReader } from './docsTypes.js';

export const DEFAULT_MAX_ASSET_BYTES = 1024 * 1024;
export const DEFAULT_MAX_SITE_ASSET_BYTES = 20 * 1024 * 1024;

/**
 * The file types a docs site may serve, by extension. Anything else (HTML, scripts, archives) could
 * run in the UI's origin or is not something docs show; SVG is served, but under a sandboxing CSP
 * (docs.routes.ts), so a script inside one never runs.
 */
export const DOCS_ASSET_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml', pdf: 'application/pdf',
};
const ALLOWED = Object.keys(DOCS_ASSET_TYPES).map((e) => `.${e}`).join(', ');

export function docsAssetType(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 || path.lastIndexOf('/') > dot ? '' : path.slice(dot + 1).toLowerCase();
  return Object.hasOwn(DOCS_ASSET_TYPES, ext) ? DOCS_ASSET_TYPES[ext] : undefined;
}

const where = (use: { file: string; line?: number }) => `${use.file}${use.line ? `:${use.line}` : ''}`;
const mib = (n: number) => (n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`);

/**
 * Reads the files pages link to or show (`used`: docs path → where first used), in path order, keeping
 * those of an allowed type within the per-file and per-site limits. Every file left out is a build
 * error naming the file, the page that uses it, and why.
 */
export async function collectDocsAssets(
  reader: DocsSourceReader,
  used: ReadonlyMap<string, { file: string; line?: number }>,
  opts: { rootPath: (docsPath: string) => string; maxAssetBytes: number; maxSiteAssetBytes: number; errors: DocsBuildError[] },
): Promise<DocsAsset[]> {
  const assets: DocsAsset[] = [];
  let total = 0;
  for (const path of [...used.keys()].sort()) {
    const use = used.get(path)!;
    const file = opts.rootPath(path);
    const fail = (why: string) => opts.errors.push({ file, message: `${why}; not served (used by ${where(use)})` });
    const contentType = docsAssetType(path);
    if (!contentType) {
      fail(`files of this type are not served: only ${ALLOWED} are`);
      continue;
    }
    let bytes: Buffer | undefined;
    try {
      const size = await reader.fileSize(file);
      if (size === undefined) {
        fail('could not be read');
        continue;
      }
      if (size > opts.maxAssetBytes) {
        fail(`is ${size} bytes, over the limit of ${mib(opts.maxAssetBytes)} per file`);
        continue;
      }
      if (total + size > opts.maxSiteAssetBytes) {
        fail(`would take the site's files over the limit of ${mib(opts.maxSiteAssetBytes)} in total`);
        continue;
      }
      bytes = await reader.readBytes(file);
    } catch (err) {
      fail(`could not be read: ${(err as Error).message}`);
      continue;
    }
    if (bytes === undefined) {
      fail('could not be read');
      continue;
    }
    total += bytes.length;
    assets.push({ path, contentType, bytes });
  }
  return assets;
}
