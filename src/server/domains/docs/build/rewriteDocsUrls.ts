/**
 * Where the UI serves a page and a file of the docs folder; both receive values from the builder's
 * data attributes (see sanitizeDocsHtml.ts).
 */
export interface DocsUrlMapper {
  page(slug: string, anchor: string | undefined): string;
  asset(path: string): string;
}

const TAG_WITH_DOCS_TARGET = /<(a|img)\b([^>]*?\sdata-docs-(?:slug|asset)="[^"]*"[^>]*)>/g;

/**
 * Replaces the site-root URLs of a built page (`href="/guide/setup#install"`, `src="/img/a.png"`) with
 * the URLs the mapper chooses, e.g. `/docs/default/component/payments/guide/setup#install`.
 * Works on the builder's own sanitised output, whose attribute values are always double-quoted and
 * escaped; values returned by the mapper are escaped here.
 */
export function rewriteDocsUrls(html: string, map: DocsUrlMapper): string {
  return html.replace(TAG_WITH_DOCS_TARGET, (whole, tag: string, attrs: string) => {
    const slug = attr(attrs, 'data-docs-slug');
    const asset = attr(attrs, 'data-docs-asset');
    const url = slug !== undefined ? map.page(slug, attr(attrs, 'data-docs-anchor')) : asset !== undefined ? map.asset(asset) : undefined;
    if (url === undefined) return whole;
    const name = tag === 'img' ? 'src' : 'href';
    const replaced = attrs.replace(new RegExp(`(\\s${name}=)"[^"]*"`), (_m, prefix: string) => `${prefix}"${escapeAttr(url)}"`);
    return `<${tag}${replaced}>`;
  });
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(attrs);
  return m ? unescapeAttr(m[1]!) : undefined;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeAttr(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
