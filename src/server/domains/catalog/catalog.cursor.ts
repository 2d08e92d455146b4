import { InputError } from '../../platform/errors';
import type { Keyset, SortSpec } from './catalog.readRepo';

/** The opaque by-query cursor: it carries the whole query, so a cursor alone fetches the next page. */
export interface QueryCursor {
  filter?: string[];
  /** The raw predicate of a POST query; its presence tells Backstage's client to page with POST. */
  query?: unknown;
  sort?: SortSpec;
  fullText?: { term: string; fields: string[] };
  totalItems: boolean;
  /** Position: the last item of the page (next) or the first (prev). */
  at: Keyset;
  direction: 'next' | 'prev';
}

export function encodeCursor(c: QueryCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64');
}

export function decodeCursor(raw: string): QueryCursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as QueryCursor;
    if (!c || typeof c !== 'object' || !c.at || typeof c.at.id !== 'number' || !['next', 'prev'].includes(c.direction)) throw new Error('shape');
    return c;
  } catch {
    throw new InputError('Malformed cursor: pass the nextCursor or prevCursor of a previous response unchanged');
  }
}
