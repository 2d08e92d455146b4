import { collectDocsAssets, DEFAULT_MAX_ASSET_BYTES, DEFAULT_MAX_SITE_ASSET_BYTES } from './docsAssets.js';
import { compareDocsPaths, isMarkdownPath, joinDocsPath, slugForPath, titleFromPath } from './docsPaths.js';
import type { BuildDocsSiteOptions, DocsBuildError, DocsPage, DocsSite, DocsSourceReader } from './docsTypes.js';
import { defaultNav, navPaths, navTitles, resolveNav, toDocsNav, type ResolvedNavEntry } from './docsNav.js';
import { DEFAULT_DOCS_DIR, DEFAULT_SITE_NAME, parseMkdocsConfig, type MkdocsConfig } from './mkdocsConfig.js';
import { renderMarkdown } from './renderMarkdown.js';

export const DEFAULT_MAX_PAGES = 500;
export const DEFAULT_MAX_PAGE_BYTES = 1024 * 1024;
/** A broken site can produce an error per link; the first ones are what an author needs. */
const MAX_ERRORS = 1_000;
/** Files read at once: overlaps I/O of slow readers (git, HTTP) with rendering. */
const READ_CONCURRENCY = 8;

/**
 * Builds a docs site from an MkDocs layout (`mkdocs.yml` + `docs_dir`), as Backstage TechDocs would,
 * without Python. Pure apart from the reader: no network, no disk of its own.
 *
 * Never throws for bad content: every problem (invalid mkdocs.yml, nav entry without a file, broken
 * link or image, page over `maxPageBytes`, pages beyond `maxPages`, unreadable file, a linked file of a
 * type that is not served or over the size limits, see docsAssets.ts) becomes an entry
 * in `errors` with the root path of the file and, where known, the line; whatever can still be built
 * is built. Every Markdown file of the docs folder becomes a page, in the nav or not (as in MkDocs).
 *
 * Page title: the nav title, else front matter `title`, else the first `#` heading, else the file name.
 * Links: see sanitizeDocsHtml.ts for the URL scheme of the rendered HTML.
 */
export async function buildDocsSite(reader: DocsSourceReader, opts: BuildDocsSiteOptions = {}): Promise<DocsSite> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const maxPageBytes = opts.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const errors: DocsBuildError[] = [];

  const { config, configFile } = await readConfig(reader, errors);
  const docsDir = config.docsDir;
  const rootPath = (docsPath: string): string => joinDocsPath(docsDir, docsPath);

  const files = await listDocsFiles(reader, docsDir, configFile, errors);
  const markdownPaths = new Set(files.filter(isMarkdownPath));
  const assets = new Set(files.filter((f) => !isMarkdownPath(f)));

  const nav: ResolvedNavEntry[] | undefined = config.nav && resolveNav(config.nav, markdownPaths, configFile, errors);
  const titlesFromNav = navTitles(nav ?? []);

  // Pages named in the nav come first, so a site over the bound keeps the ones its nav shows.
  const ordered = [...new Set([...navPaths(nav ?? []), ...[...markdownPaths].sort(compareDocsPaths)])];
  if (ordered.length > maxPages) {
    errors.push({ file: docsDir, message: `the docs folder has ${ordered.length} Markdown pages; only the first ${maxPages} are built` });
  }
  const pageSlugs = new Map<string, string>();
  const slugOwner = new Map<string, string>();
  for (const path of ordered.slice(0, maxPages)) {
    const slug = slugForPath(path);
    const owner = slugOwner.get(slug);
    if (owner !== undefined) {
      errors.push({ file: rootPath(path), message: `page has the same URL "/${slug}" as ${rootPath(owner)}; skipped` });
      continue;
    }
    slugOwner.set(slug, path);
    pageSlugs.set(path, slug);
  }
  const slugs = new Set(pageSlugs.values());

  const pages: DocsPage[] = [];
  const usedAssets = new Map<string, { file: string; line?: number }>();
  const built = [...pageSlugs.keys()];
  for (let i = 0; i < built.length; i += READ_CONCURRENCY) {
    const batch = built.slice(i, i + READ_CONCURRENCY);
    const sources = await Promise.all(batch.map((path) => readPage(reader, rootPath(path), maxPageBytes, errors)));
    batch.forEach((path, j) => {
      const source = sources[j];
      if (source === undefined) return;
      const file = rootPath(path);
      const rendered = renderMarkdown(source, { pagePath: path, file, pageSlugs, slugs, assets, usedAssets, errors });
      pages.push({
        path,
        slug: pageSlugs.get(path)!,
        title: titlesFromNav.get(path) ?? rendered.metaTitle ?? rendered.firstH1 ?? titleFromPath(path),
        html: rendered.html,
        headings: rendered.headings,
      });
    });
  }

  const served = await collectDocsAssets(reader, usedAssets, {
    rootPath, errors, maxAssetBytes: opts.maxAssetBytes ?? DEFAULT_MAX_ASSET_BYTES, maxSiteAssetBytes: opts.maxSiteAssetBytes ?? DEFAULT_MAX_SITE_ASSET_BYTES,
  });

  const byPath = new Map(pages.map((p) => [p.path, p]));
  const sortedPaths = pages.map((p) => p.path).sort(compareDocsPaths);
  return {
    siteName: config.siteName,
    nav: nav ? toDocsNav(nav, byPath) : defaultNav(sortedPaths, byPath),
    pages: sortedPaths.map((p) => byPath.get(p)!),
    assets: served,
    errors: capErrors(errors),
  };
}

async function readConfig(reader: DocsSourceReader, errors: DocsBuildError[]): Promise<{ config: MkdocsConfig; configFile: string }> {
  const defaults: MkdocsConfig = { siteName: DEFAULT_SITE_NAME, docsDir: DEFAULT_DOCS_DIR, markdownExtensions: [] };
  for (const configFile of ['mkdocs.yml', 'mkdocs.yaml']) {
    let text: string | undefined;
    try {
      text = await reader.readFile(configFile);
    } catch (err) {
      errors.push({ file: configFile, message: `could not read: ${(err as Error).message}; using defaults` });
      return { config: defaults, configFile };
    }
    if (text === undefined) continue;
    const parsed = parseMkdocsConfig(text, configFile);
    errors.push(...parsed.errors);
    return { config: parsed.config, configFile };
  }
  errors.push({ file: 'mkdocs.yml', message: 'mkdocs.yml not found; building the "docs" folder with defaults' });
  return { config: defaults, configFile: 'mkdocs.yml' };
}

/** Docs paths of every file in the docs folder. */
async function listDocsFiles(reader: DocsSourceReader, docsDir: string, configFile: string, errors: DocsBuildError[]): Promise<string[]> {
  let listed: string[];
  try {
    listed = await reader.listFiles(docsDir);
  } catch (err) {
    errors.push({ file: docsDir, message: `could not list the docs folder: ${(err as Error).message}` });
    return [];
  }
  const prefix = `${docsDir}/`;
  const files = listed.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  if (files.length === 0) errors.push({ file: configFile, message: `the docs folder "${docsDir}" is missing or empty` });
  return files;
}

async function readPage(reader: DocsSourceReader, file: string, maxPageBytes: number, errors: DocsBuildError[]): Promise<string | undefined> {
  let text: string | undefined;
  try {
    text = await reader.readFile(file);
  } catch (err) {
    errors.push({ file, message: `could not read: ${(err as Error).message}` });
    return undefined;
  }
  if (text === undefined) {
    errors.push({ file, message: 'listed but could not be read' });
    return undefined;
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxPageBytes) {
    errors.push({ file, message: `page is ${bytes} bytes, over the limit of ${maxPageBytes}; skipped` });
    return undefined;
  }
  return text;
}

function capErrors(errors: DocsBuildError[]): DocsBuildError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const more = errors.length - MAX_ERRORS;
  return [...errors.slice(0, MAX_ERRORS), { file: errors[MAX_ERRORS]!.file, message: `${more} more errors not shown` }];
}
