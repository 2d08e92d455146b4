import { dirnameOf, basenameOf, joinDocsPath, normalizeDocsPath, titleFromName } from './docsPaths.js';
import type { DocsBuildError, DocsNavItem } from './docsTypes.js';
import type { NavConfigEntry } from './mkdocsConfig.js';

/** A `nav` entry matched to the pages: what the builder needs to title pages and to draw the nav. */
export type ResolvedNavEntry =
  | { kind: 'page'; title?: string; path: string }
  | { kind: 'link'; title: string; url: string }
  | { kind: 'section'; title: string; children: ResolvedNavEntry[] };

/**
 * Matches `nav` entries to existing Markdown files (docs paths). An entry pointing at a missing file
 * or a file that is not a page is reported with its mkdocs.yml line and left out; the rest stay.
 */
export function resolveNav(
  entries: NavConfigEntry[],
  markdownPaths: ReadonlySet<string>,
  configFile: string,
  errors: DocsBuildError[],
): ResolvedNavEntry[] {
  const out: ResolvedNavEntry[] = [];
  for (const entry of entries) {
    if (entry.kind === 'link') {
      out.push({ kind: 'link', title: entry.title, url: entry.url });
    } else if (entry.kind === 'section') {
      out.push({ kind: 'section', title: entry.title, children: resolveNav(entry.children, markdownPaths, configFile, errors) });
    } else {
      const path = findPage(entry.path, markdownPaths);
      if (path === undefined) {
        errors.push({ file: configFile, ...(entry.line !== undefined ? { line: entry.line } : {}), message: `nav entry "${entry.path}" does not match a Markdown file in the docs folder` });
        continue;
      }
      out.push({ kind: 'page', title: entry.title, path });
    }
  }
  return out;
}

function findPage(target: string, markdownPaths: ReadonlySet<string>): string | undefined {
  const path = normalizeDocsPath(target);
  if (path === undefined) return undefined;
  if (markdownPaths.has(path)) return path;
  // `guides/` in a nav means that folder's index page.
  if (target.endsWith('/') || path === '') {
    for (const name of ['index.md', 'README.md']) {
      const candidate = joinDocsPath(path, name);
      if (markdownPaths.has(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The first nav title of each page: MkDocs' strongest source of a page title. */
export function navTitles(entries: ResolvedNavEntry[], titles = new Map<string, string>()): Map<string, string> {
  for (const entry of entries) {
    if (entry.kind === 'page' && entry.title !== undefined && !titles.has(entry.path)) titles.set(entry.path, entry.title);
    if (entry.kind === 'section') navTitles(entry.children, titles);
  }
  return titles;
}

/** Every page path the nav mentions, in nav order. */
export function navPaths(entries: ResolvedNavEntry[], out: string[] = []): string[] {
  for (const entry of entries) {
    if (entry.kind === 'page') out.push(entry.path);
    if (entry.kind === 'section') navPaths(entry.children, out);
  }
  return out;
}

/** Turns the resolved nav into the site's nav; entries of pages that were not built are left out. */
export function toDocsNav(entries: ResolvedNavEntry[], pages: ReadonlyMap<string, { slug: string; title: string }>): DocsNavItem[] {
  const out: DocsNavItem[] = [];
  for (const entry of entries) {
    if (entry.kind === 'link') out.push({ title: entry.title, url: entry.url });
    else if (entry.kind === 'section') out.push({ title: entry.title, children: toDocsNav(entry.children, pages) });
    else {
      const page = pages.get(entry.path);
      if (page) out.push({ title: entry.title ?? page.title, slug: page.slug });
    }
  }
  return out;
}

/**
 * MkDocs' nav for a site without `nav`: each folder's pages (index first, then by name), then one
 * section per sub-folder, titled after the folder. `paths` must be in {@link compareDocsPaths} order.
 */
export function defaultNav(paths: string[], pages: ReadonlyMap<string, { slug: string; title: string }>): DocsNavItem[] {
  const root: DocsNavItem[] = [];
  const sections = new Map<string, DocsNavItem[]>([['', root]]);
  const sectionFor = (dir: string): DocsNavItem[] => {
    const existing = sections.get(dir);
    if (existing) return existing;
    const children: DocsNavItem[] = [];
    sections.set(dir, children);
    sectionFor(dirnameOf(dir)).push({ title: titleFromName(basenameOf(dir)), children });
    return children;
  };
  for (const path of paths) {
    const page = pages.get(path);
    if (!page) continue;
    sectionFor(dirnameOf(path)).push({ title: page.title, slug: page.slug });
  }
  return root;
}
