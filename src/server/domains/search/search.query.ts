import type { Snippet } from '../../../contracts';
import { InputError } from '../../platform/errors';

/** More words than this in one query add nothing to the ranking and only cost. */
const MAX_TERMS = 12;
const MAX_TERM_CHARS = 64;

/** Markers the engines put around matched words in a snippet; control characters never occur in indexed text. */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/**
 * The words of a user's query: letters, digits and `_` runs (Unicode-aware). Everything else (quotes,
 * `*`, `:`, `-`, parentheses, `NEAR`, `&|!`) is a separator, so neither FTS5's nor PostgreSQL's query
 * syntax can be reached from input. Throws a 400 when no word is left.
 */
export function parseSearchTerms(q: string): string[] {
  const words = q.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  const terms = [...new Set(words.map((w) => w.toLocaleLowerCase('en-US').slice(0, MAX_TERM_CHARS)))].slice(0, MAX_TERMS);
  if (terms.length === 0) throw new InputError(`Search query "${q.slice(0, 200)}" has no words to search for: use letters or digits`);
  return terms;
}

/** Turns an engine's snippet (matches between MATCH_START and MATCH_END) into runs of text. */
export function toSnippet(raw: string | null | undefined): Snippet {
  if (!raw) return [];
  const out: Snippet = [];
  let match = false;
  let text = '';
  for (const ch of raw) {
    if (ch === MATCH_START || ch === MATCH_END) {
      if (text) out.push({ text, match });
      text = '';
      match = ch === MATCH_START;
    } else text += ch;
  }
  if (text) out.push({ text, match });
  return out;
}
