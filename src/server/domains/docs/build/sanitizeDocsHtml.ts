import sanitizeHtml from 'sanitize-html';
import { ADMONITION_TYPES } from './admonitions.js';
import { isMarkdownPath, dirnameOf, normalizeDocsPath } from './docsPaths.js';
import type { DocsBuildError } from './docsTypes.js';
import { isUrl } from './mkdocsConfig.js';

/**
 * What a page's links may point at, and where to report the ones that point nowhere.
 */
export interface DocsLinkContext {
  /** Docs path of the page being rendered. */
  pagePath: string;
  /** Root path of that page, for errors. */
  file: string;
  /** Docs path of every page → its slug. */
  pageSlugs: ReadonlyMap<string, string>;
  /** Every slug, so a link written as a URL path (`../setup/`) also finds its page. */
  slugs: ReadonlySet<string>;
  /** Docs paths of the non-Markdown files (images, downloads). */
  assets: ReadonlySet<string>;
  /** Filled with the files of `assets` the page links to or shows, and where it first does. */
  usedAssets?: Map<string, { file: string; line?: number }>;
  errors: DocsBuildError[];
}

/** Attribute the renderer puts on links and images so errors can name a line; never survives sanitising. */
export const SOURCE_LINE_ATTR = 'data-src-line';

/**
 * Sanitises a rendered page and rewrites its links — the scheme the UI codes against:
 *
 * - **Link to a page** (`setup.md`, `../guide/setup.md#install`, `guide/`, `#install`): resolved from
 *   the current page (a leading `/` means the docs folder, like MkDocs' `relative_to_docs`) and
 *   rendered as `<a href="/guide/setup#install" data-docs-slug="guide/setup" data-docs-anchor="install">`.
 *   `href` is the URL from the **site root**, starting with `/` (`/` alone is the home page): prefix it
 *   with the site's mount point, or use {@link rewriteDocsUrls}, or route on the data attributes.
 * - **Link or image to another file** of the docs folder (`img/arch.png`, `files/a.pdf`):
 *   `src`/`href` is `/` + its docs path (`/img/arch.png`) and `data-docs-asset` holds the docs path
 *   (`img/arch.png`); the server serves it from `docs_dir`.
 * - A target that does not exist, or lies outside the docs folder, is reported in `errors` with file
 *   and line and the link keeps its text but loses its `href` (`src` for images).
 * - **External links** (any scheme, or `//host`) get `rel="noopener noreferrer"`; only http, https
 *   and mailto survive for links, http and https for images.
 *
 * The allowlist keeps Markdown's own elements, tables, `details`/`summary`, admonition and
 * `language-*` classes and heading ids; scripts, styles, iframes, forms, event handlers and
 * `javascript:`/`data:` URLs are removed. Raw HTML in the Markdown goes through the same filter.
 */
export function sanitizeDocsHtml(html: string, ctx: DocsLinkContext): string {
  // `allowedEmptyAttributes` exists in sanitize-html 2.17 but not in @types/sanitize-html 2.16.
  const options: sanitizeHtml.IOptions & { allowedEmptyAttributes: string[] } = {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedClasses: ALLOWED_CLASSES,
    allowedStyles: { th: TEXT_ALIGN, td: TEXT_ALIGN },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: true,
    // The home page's slug is '' and must still read as data-docs-slug="".
    allowedEmptyAttributes: ['alt', 'data-docs-slug'],
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: rewriteLink(attribs, 'href', ctx) }),
      img: (tagName, attribs) => ({ tagName, attribs: rewriteLink(attribs, 'src', ctx) }),
    },
  };
  return sanitizeHtml(html, options);
}

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const ALLOWED_TAGS = [
  ...HEADINGS, 'p', 'br', 'hr', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 's',
  'del', 'ins', 'mark', 'small', 'sub', 'sup', 'kbd', 'abbr', 'q', 'cite', 'var', 'samp', 'a', 'img', 'table',
  'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'div', 'span', 'details', 'summary', 'dl', 'dt', 'dd',
  'figure', 'figcaption',
];
const LINK_ATTRS = ['data-docs-slug', 'data-docs-anchor', 'data-docs-asset'];
const ALLOWED_ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])),
  a: ['href', 'title', 'rel', 'id', ...LINK_ATTRS],
  img: ['src', 'alt', 'title', 'width', 'height', ...LINK_ATTRS],
  th: ['style', 'colspan', 'rowspan'],
  td: ['style', 'colspan', 'rowspan'],
  ol: ['start'],
  abbr: ['title'],
  details: ['open', 'class'],
  summary: ['class'],
  div: ['class'],
  p: ['class'],
  code: ['class'],
};
const ADMONITION_CLASSES = ['admonition', ...ADMONITION_TYPES];
const ALLOWED_CLASSES: sanitizeHtml.IOptions['allowedClasses'] = {
  div: ADMONITION_CLASSES,
  details: ADMONITION_CLASSES,
  p: ['admonition-title'],
  summary: ['admonition-title'],
  code: ['language-*'],
};
const TEXT_ALIGN = { 'text-align': [/^(left|right|center)$/] };

function rewriteLink(attribs: sanitizeHtml.Attributes, attr: 'href' | 'src', ctx: DocsLinkContext): sanitizeHtml.Attributes {
  const lineText = attribs[SOURCE_LINE_ATTR];
  const line = lineText === undefined ? undefined : Number(lineText);
  const out: sanitizeHtml.Attributes = { ...attribs };
  delete out[SOURCE_LINE_ATTR];
  for (const name of LINK_ATTRS) delete out[name]; // only the builder sets these
  const target = attribs[attr];
  if (target === undefined || target === '') return out;
  const fail = (message: string): sanitizeHtml.Attributes => {
    ctx.errors.push({ file: ctx.file, ...(line !== undefined && Number.isFinite(line) ? { line } : {}), message });
    delete out[attr];
    return out;
  };

  if (isUrl(target)) {
    if (attr === 'href') out.rel = 'noopener noreferrer'; // dropped with the href if its scheme is not allowed
    return out;
  }
  const resolved = resolveDocsTarget(target, ctx);
  if (resolved.kind === 'missing') return fail(resolved.message);
  if (resolved.kind === 'page' && attr === 'href') {
    out.href = `/${encodeURI(resolved.slug)}${resolved.anchor ? `#${encodeURIComponent(resolved.anchor)}` : ''}`;
    out['data-docs-slug'] = resolved.slug;
    if (resolved.anchor) out['data-docs-anchor'] = resolved.anchor;
    return out;
  }
  if (resolved.kind === 'asset') {
    out[attr] = `/${encodeURI(resolved.path)}`;
    out['data-docs-asset'] = resolved.path;
    if (ctx.usedAssets && !ctx.usedAssets.has(resolved.path)) {
      ctx.usedAssets.set(resolved.path, { file: ctx.file, ...(line !== undefined && Number.isFinite(line) ? { line } : {}) });
    }
    return out;
  }
  return fail(`image "${target}" is a page, not an image`);
}

export type DocsTarget =
  | { kind: 'page'; slug: string; anchor?: string }
  | { kind: 'asset'; path: string }
  | { kind: 'missing'; message: string };

/** Resolves a relative link of the current page to a page or a file of the docs folder. */
export function resolveDocsTarget(target: string, ctx: Pick<DocsLinkContext, 'pagePath' | 'pageSlugs' | 'slugs' | 'assets'>): DocsTarget {
  const hashAt = target.indexOf('#');
  const beforeHash = hashAt < 0 ? target : target.slice(0, hashAt);
  const anchor = hashAt < 0 ? undefined : safeDecode(target.slice(hashAt + 1)) || undefined;
  const queryAt = beforeHash.indexOf('?');
  const rawPath = safeDecode(queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt));
  if (rawPath === '') {
    const slug = ctx.pageSlugs.get(ctx.pagePath) ?? '';
    return { kind: 'page', slug, anchor };
  }
  const base = rawPath.startsWith('/') ? '' : dirnameOf(ctx.pagePath);
  const path = normalizeDocsPath(base === '' ? rawPath : `${base}/${rawPath}`);
  if (path === undefined) return { kind: 'missing', message: `link "${target}" leaves the docs folder` };
  if (isMarkdownPath(path)) {
    const slug = ctx.pageSlugs.get(path);
    return slug === undefined
      ? { kind: 'missing', message: `link "${target}" points to a page that does not exist ("${path}")` }
      : { kind: 'page', slug, anchor };
  }
  if (ctx.assets.has(path)) return { kind: 'asset', path };
  if (ctx.slugs.has(path)) return { kind: 'page', slug: path, anchor };
  return { kind: 'missing', message: `link "${target}" points to a file that does not exist ("${path || '/'}")` };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
