/**
 * Types of the docs-as-code site builder (MkDocs-compatible, see buildDocsSite.ts).
 *
 * Two kinds of path appear here:
 * - **root paths** are relative to the docs root the reader serves (the folder holding `mkdocs.yml`),
 *   e.g. `docs/guides/setup.md`; errors name files this way so authors find them in the repository;
 * - **docs paths** are relative to `docs_dir`, e.g. `guides/setup.md`; pages and assets use these,
 *   as MkDocs does.
 */

/** Reads files of one docs root; paths are POSIX, relative to the root; never escapes the root. */
export interface DocsSourceReader {
  /** The file's text, or undefined when it does not exist (or is not a file). May throw on a read error. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * Every file below `dir` (recursively), as root paths (`listFiles('docs')` → `['docs/index.md', ...]`).
   * `''` or `'.'` is the root itself. A missing folder lists as `[]`.
   */
  listFiles(dir: string): Promise<string[]>;
  /** The file's size in bytes without reading it, or undefined when it does not exist. */
  fileSize(path: string): Promise<number | undefined>;
  /** The file's bytes (images, PDFs), or undefined when it does not exist. May throw on a read error. */
  readBytes(path: string): Promise<Buffer | undefined>;
}

export interface DocsHeading {
  level: number;
  text: string;
  id: string;
}

export interface DocsPage {
  /** Docs path of the source, e.g. `index.md` or `guides/setup.md`. */
  path: string;
  /** URL path below the site root without slashes around it: `''` for the home page, `guides/setup`. */
  slug: string;
  title: string;
  /** Sanitised HTML, safe to inject; links follow the scheme documented in sanitizeDocsHtml.ts. */
  html: string;
  headings: DocsHeading[];
}

export interface DocsNavItem {
  title: string;
  /** The page this item opens. */
  slug?: string;
  /** An external link from `nav` (`- GitHub: https://...`); an addition to the agreed interface. */
  url?: string;
  children?: DocsNavItem[];
}

export interface DocsBuildError {
  /** Root path of the file at fault, e.g. `mkdocs.yml` or `docs/guides/setup.md`. */
  file: string;
  /** 1-based line in that file, where known. */
  line?: number;
  message: string;
}

/** A file of the docs folder that pages link to or show (an image, a PDF), served with the site. */
export interface DocsAsset {
  /** Docs path, e.g. `img/arch.png`. */
  path: string;
  contentType: string;
  bytes: Buffer;
}

export interface DocsSite {
  siteName: string;
  nav: DocsNavItem[];
  pages: DocsPage[];
  /** Files that pages use and that are served: allow-listed types within the size limits, sorted by path. */
  assets: DocsAsset[];
  errors: DocsBuildError[];
}

export interface SearchDocument {
  slug: string;
  pageTitle: string;
  /** The h2/h3 heading opening this section; absent for the text before the first one. */
  heading?: string;
  /** That heading's id, to link to `slug#anchor`. */
  anchor?: string;
  text: string;
}

export interface BuildDocsSiteOptions {
  /** At most this many pages are built (default 500); the rest are reported and skipped. */
  maxPages?: number;
  /** A page larger than this many bytes (UTF-8, default 1 MiB) is reported and skipped. */
  maxPageBytes?: number;
  /** A linked file larger than this many bytes (default 1 MiB) is reported and not served. */
  maxAssetBytes?: number;
  /** Linked files beyond this many bytes in total (default 20 MiB) are reported and not served. */
  maxSiteAssetBytes?: number;
}
