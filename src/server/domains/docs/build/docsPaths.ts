// POSIX path helpers for docs and root paths. Node's `path.posix` would do most of this, but these
// must never resolve outside the docs tree, so escaping is an explicit `undefined` rather than a
// path starting with `..`.

const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkdn', '.mkd'];

export function isMarkdownPath(path: string): boolean {
  const lower = path.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Normalises `a/./b/../c` to `a/c`; undefined when the path climbs above its start. */
export function normalizeDocsPath(path: string): string | undefined {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return out.join('/');
}

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinDocsPath(dir: string, path: string): string {
  return dir === '' ? path : `${dir}/${path}`;
}

function stem(path: string): string {
  const base = basenameOf(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** `index.md` and `README.md` stand for their folder, as in MkDocs. */
export function isIndexPath(path: string): boolean {
  const name = stem(path).toLowerCase();
  return name === 'index' || name === 'readme';
}

/** The URL path of a page (MkDocs' `use_directory_urls`): `guides/setup.md` → `guides/setup`, `guides/index.md` → `guides`. */
export function slugForPath(path: string): string {
  return isIndexPath(path) ? dirnameOf(path) : joinDocsPath(dirnameOf(path), stem(path));
}

/** MkDocs' title for a page without one: `getting-started.md` → `Getting started`; the home page is `Home`. */
export function titleFromPath(path: string): string {
  const name = isIndexPath(path) ? basenameOf(dirnameOf(path)) : stem(path);
  return name === '' ? 'Home' : titleFromName(name);
}

export function titleFromName(name: string): string {
  const spaced = name.replace(/[-_]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function indexRank(name: string): number {
  return stem(name).toLowerCase() === 'index' ? 0 : 1;
}

/**
 * Orders docs paths like MkDocs walks a folder: in each folder its index page first, then its other
 * files by name, then its sub-folders by name.
 */
export function compareDocsPaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; ; i++) {
    const aLast = i === as.length - 1;
    const bLast = i === bs.length - 1;
    const x = as[i] ?? '';
    const y = bs[i] ?? '';
    if (aLast !== bLast) return aLast ? -1 : 1; // files before sub-folders
    if (aLast && bLast) {
      const xi = isIndexPath(x);
      const yi = isIndexPath(y);
      if (xi !== yi) return xi ? -1 : 1;
      // index.md wins over README.md for the folder's page, as in MkDocs.
      if (xi && yi) return indexRank(x) - indexRank(y) || (x < y ? -1 : x > y ? 1 : 0);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (x !== y) return x < y ? -1 : 1;
  }
}
