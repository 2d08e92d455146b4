import type { DocsSite, SearchDocument } from './docsTypes.js';

/** A section's text is cut here: an index needs the words, not megabytes of one table. */
const MAX_SECTION_CHARS = 20_000;
const SECTION_HEADING = /<h([23])\b[^>]*?\sid="([^"]*)"[^>]*>([\s\S]*?)<\/h\1>/g;

/**
 * One search document per page section for a full-text index: the text before the first h2/h3
 * (without heading), then one per h2/h3 with its text and id. Text is plain (tags removed, entities
 * decoded, whitespace collapsed). Works on the sanitised HTML of {@link buildDocsSite}, whose
 * headings always carry an `id`.
 */
export function searchDocuments(site: DocsSite): SearchDocument[] {
  const out: SearchDocument[] = [];
  for (const page of site.pages) {
    const base = { slug: page.slug, pageTitle: page.title };
    let last = 0;
    let current: { heading?: string; anchor?: string } = {};
    const flush = (end: number): void => {
      const text = htmlToText(page.html.slice(last, end));
      if (text !== '' || current.heading !== undefined) out.push({ ...base, ...current, text });
    };
    for (const m of page.html.matchAll(SECTION_HEADING)) {
      flush(m.index);
      current = { heading: htmlToText(m[3]!), anchor: decodeEntities(m[2]!) };
      last = m.index + m[0].length;
    }
    flush(page.html.length);
  }
  return out;
}

/** Plain text of sanitised HTML: block ends become spaces, so words of adjacent cells do not merge. */
export function htmlToText(html: string): string {
  const text = decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return text.length > MAX_SECTION_CHARS ? text.slice(0, MAX_SECTION_CHARS) : text;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, code: string) => {
    if (code.startsWith('#')) {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED[code] ?? whole;
  });
}
