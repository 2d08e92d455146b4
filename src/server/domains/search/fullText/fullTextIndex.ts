import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../platform/db/schema';

export interface FullTextQuery {
  /** Plain words from parseSearchTerms; the last one also matches as a prefix (search as you type). */
  terms: string[];
  types: string[];
  limit: number;
  offset: number;
}

/** One ranked match: the stored document plus the engine's score (higher is better) and snippet. */
export type FullTextHit = Omit<Selectable<Database['search_documents']>, 'body' | 'hash'> & {
  score: number;
  /** Text around the matches, the matches between MATCH_START and MATCH_END. */
  snippet: string | null;
};

/**
 * The part of search the engines do differently: matching and ranking `search_documents` (FTS5 with
 * bm25 on SQLite, a weighted tsvector with ts_rank on PostgreSQL). Both weigh the title above the
 * heading above the body, so a title match outranks a body match.
 */
export interface FullTextIndex {
  search(db: Kysely<Database>, q: FullTextQuery): Promise<FullTextHit[]>;
}
