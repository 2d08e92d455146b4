import { sql } from 'kysely';
import { MATCH_END, MATCH_START } from '../search.query';
import type { FullTextHit, FullTextIndex } from './fullTextIndex';

/** bm25 column weights: title, heading, body. */
const WEIGHTS = sql.raw('10.0, 4.0, 1.0');

/** A term as an FTS5 string: double quotes inside are doubled (none survive parseSearchTerms anyway). */
const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/** SQLite: the FTS5 table of migration 0004 (porter stemming), ranked with bm25, snippet() for excerpts. */
export const sqliteFullText: FullTextIndex = {
  async search(db, q) {
    const match = q.terms.map((t, i) => (i === q.terms.length - 1 ? `${quote(t)}*` : quote(t))).join(' ');
    const res = await sql<Omit<FullTextHit, 'score'> & { rank: number }>`
      SELECT d.id, d.type, d.entity_ref, d.slug, d.anchor, d.title, d.heading, d.meta,
        bm25(search_documents_fts, ${WEIGHTS}) AS rank,
        snippet(search_documents_fts, -1, ${MATCH_START}, ${MATCH_END}, '…', 24) AS snippet
      FROM search_documents_fts JOIN search_documents d ON d.id = search_documents_fts.rowid
      WHERE search_documents_fts MATCH ${match} AND d.type IN (${sql.join(q.types)})
      ORDER BY rank, d.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    // bm25 is lower-is-better and negative; a score reads better the other way round.
    return res.rows.map(({ rank, ...r }) => ({ ...r, id: Number(r.id), score: -Number(rank) }));
  },
};
