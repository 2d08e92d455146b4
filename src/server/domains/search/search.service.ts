import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { docsPagePath, type SearchResult, type SearchType } from '../../../contracts';
import type { Database } from '../../platform/db/schema';
import type { CatalogService } from '../catalog/catalog.service';
import { ENTITY_FIELDS, entityDocument, type EntityMeta } from './search.entities';
import { parseSearchTerms, toSnippet } from './search.query';
import {
  deleteDocumentsByIds, indexedEntityHashes, insertDocuments, readState, replaceEntityDocuments, searchDocuments, writeState, type IndexedDocument,
} from './search.repo';

export interface SearchServiceDeps {
  db: Kysely<Database>;
  catalog: Pick<CatalogService, 'byQuery' | 'generation'>;
}

/** A docs section handed over by the docs domain (see build/searchDocuments.ts). */
export interface DocsSection {
  slug: string;
  pageTitle: string;
  heading?: string;
  anchor?: string;
  text: string;
}

const segment = encodeURIComponent;
const entityLink = (m: EntityMeta) => `/catalog/${segment(m.namespace)}/${segment(m.kind.toLowerCase())}/${segment(m.name)}`;

const PAGE = 1000;

/** One full-text search across docs sections and catalog entities, on the engine's own full-text index. */
export function createSearchService(deps: SearchServiceDeps) {
  const { db, catalog } = deps;

  return {
    async search(input: { q: string; types: SearchType[]; limit: number; offset: number }): Promise<{ results: SearchResult[]; hasMore: boolean }> {
      const terms = parseSearchTerms(input.q);
      const hits = await searchDocuments(db, { terms, types: input.types, limit: input.limit + 1, offset: input.offset });
      const results = hits.slice(0, input.limit).map((h): SearchResult => {
        const snippet = toSnippet(h.snippet);
        if (h.type === 'docs') {
          const meta = JSON.parse(h.meta) as { siteTitle: string; kind: string; namespace: string; name: string };
          return {
            type: 'docs', entityRef: h.entity_ref, score: h.score, snippet, siteTitle: meta.siteTitle, slug: h.slug ?? '', pageTitle: h.title,
            heading: h.heading || undefined, anchor: h.anchor ?? undefined, link: docsPagePath(meta, h.slug ?? '', h.anchor ?? undefined),
          };
        }
        const m = JSON.parse(h.meta) as EntityMeta;
        return { type: 'entity', entityRef: h.entity_ref, score: h.score, snippet, ...m, link: entityLink(m) };
      });
      return { results, hasMore: hits.length > input.limit };
    },

    /** Replaces the indexed sections of one docs site (called by the docs domain after a build). */
    async indexDocsSite(trx: Kysely<Database>, site: { entityRef: string; kind: string; namespace: string; name: string; siteTitle: string }, sections: DocsSection[]): Promise<void> {
      const meta = JSON.stringify({ siteTitle: site.siteTitle, kind: site.kind, namespace: site.namespace, name: site.name });
      const docs: IndexedDocument[] = sections.map((s) => ({
        type: 'docs', entity_ref: site.entityRef, slug: s.slug, anchor: s.anchor ?? null, title: s.pageTitle, heading: s.heading ?? '', body: s.text, meta,
        hash: createHash('sha1').update(`${s.slug}\0${s.anchor ?? ''}\0${s.text}`).digest('hex'),
      }));
      await replaceEntityDocuments(trx, 'docs', site.entityRef, docs);
    },

    async removeDocsSite(trx: Kysely<Database>, entityRef: string): Promise<void> {
      await replaceEntityDocuments(trx, 'docs', entityRef, []);
    },

    /**
     * Brings the entity part of the index in line with the catalog when its generation changed (or
     * `force`): reads every entity's searchable fields, then deletes and inserts only the documents whose
     * content changed. Returns what it did, for logs and measurements.
     */
    async syncEntities(opts: { force?: boolean } = {}) {
      const started = Date.now();
      const generation = (await catalog.generation()) ?? 'empty';
      if (!opts.force && (await readState(db, 'entity_generation')) === generation) return { skipped: true, read: 0, inserted: 0, deleted: 0, ms: Date.now() - started };
      const wanted = new Map<string, IndexedDocument>();
      let cursor: string | undefined;
      do {
        const page = await catalog.byQuery({ fields: ENTITY_FIELDS, limit: PAGE, cursor, totalItems: 'exclude' });
        for (const item of page.items) {
          const doc = entityDocument(item as Record<string, unknown>);
          if (doc) wanted.set(doc.entity_ref, doc);
        }
        cursor = page.pageInfo.nextCursor;
      } while (cursor);
      const read = Date.now() - started;
      const existing = await indexedEntityHashes(db);
      const stale = [...existing].filter(([ref, e]) => wanted.get(ref)?.hash !== e.hash).map(([, e]) => e.id);
      const fresh = [...wanted.values()].filter((d) => existing.get(d.entity_ref)?.hash !== d.hash);
      await db.transaction().execute(async (trx) => {
        await deleteDocumentsByIds(trx, stale);
        await insertDocuments(trx, fresh);
        await writeState(trx, 'entity_generation', generation);
      });
      return { skipped: false, read: wanted.size, readMs: read, inserted: fresh.length, deleted: stale.length, ms: Date.now() - started };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
