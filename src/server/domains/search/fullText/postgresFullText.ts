import { sql } from 'kysely';
import { MATCH_END, MATCH_START } from '../search.query';
import type { FullTextHit, FullTextIndex } from './fullTextIndex';

/** ts_rank weights for D, C (body), B (heading), A (title). */
const WEIGHTS = '{0.05, 0.2, 0.5, 1.0}';
const HEADLINE = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * PostgreSQL: the generated, weighted `tsv` column of migration 0004 (english stemming) with its GIN
 * index, ranked with ts_rank; ts_headline builds excerpts for the page of results only.
 */
export const postgresFullText: FullTextIndex = {
  async search(db, q) {
    // Terms are letters/digits only, so joining them with & and a :* prefix is a well-formed tsquery.
    const query = q.terms.map((t, i) => (i === q.terms.length - 1 ? `${t}:*` : t)).join(' & ');
    const res = await sql<Omit<FullTextHit, 'score'> & { rank: number }>`
      WITH q AS (SELECT to_tsquery('english', ${query}) AS query),
      hits AS (
        SELECT d.id, d.type, d.entity_ref, d.slug, d.anchor, d.title, d.heading, d.meta, d.body,
          ts_rank(${WEIGHTS}::float4[], d.tsv, q.query) AS rank
        FROM search_documents d, q
        WHERE d.tsv @@ q.query AND d.type = ANY(${q.types}::text[])
        ORDER BY rank DESC, d.id LIMIT ${q.limit} OFFSET ${q.offset}
      )
      SELECT hits.id, hits.type, hits.entity_ref, hits.slug, hits.anchor, hits.title, hits.heading, hits.meta, hits.rank,
        ts_headline('english', hits.heading || ' ' || hits.body, q.query, ${HEADLINE}) AS snippet
      FROM hits, q ORDER BY hits.rank DESC, hits.id`.execute(db);
    return res.rows.map(({ rank, ...r }) => ({ ...r, id: Number(r.id), score: Number(rank) }));
  },
};
