import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { docsPagePath, type SearchResult, type SearchType } from '../../../contracts';
import type { Database } from '../../platform/db/schema';
import type { CatalogService } from '../catalog/catalog.service';
import { entityDocument, type EntityMeta } from './search.entities';
import { parseSearchTerms, toSnippet } from './search.query';
import {
  deleteDocumentsByIds, indexedEntityRange, insertDocuments, readState, replaceEntityDocuments, searchDocuments, writeState, type IndexedDocument,
} from './search.repo';
import { yieldToEventLoop } from '../../platform/follower';

export interface SearchServiceDeps {
  db: Kysely<Database>;
  catalog: Pick<CatalogService, 'entityVersions' | 'entityBodies' | 'generation'>;
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

const SYNC_PAGE = 1000;

/**
 * One page of the sync: the index documents to delete (gone from the catalog, changed, or duplicated)
 * and the refs whose bodies must be read again (new or changed).
 */
function compareRange(catalogPage: Array<{ ref: string; etag: string }>, indexed: Array<{ id: number; entity_ref: string; hash: string }>) {
  const wanted = new Map(catalogPage.map((e) => [e.ref, e.etag]));
  const current = new Set<string>();
  const stale: number[] = [];
  for (const doc of indexed) {
    if (wanted.get(doc.entity_ref) === doc.hash && !current.has(doc.entity_ref)) current.add(doc.entity_ref);
    else stale.push(doc.id);
  }
  return { stale, reread: catalogPage.filter((e) => !current.has(e.ref)).map((e) => e.ref) };
}

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
     * `force`). It walks the catalog's (ref, etag) list and the index side by side, a page of refs at a
     * time, and re-reads only entities whose etag differs from the indexed one: memory stays bounded by
     * the page, and a sync after a small change reads two narrow columns instead of every body.
     */
    async syncEntities(opts: { force?: boolean } = {}) {
      const started = Date.now();
      const generation = (await catalog.generation()) ?? 'empty';
      const counts = { skipped: false, read: 0, inserted: 0, deleted: 0 };
      if (!opts.force && (await readState(db, 'entity_generation')) === generation) return { ...counts, skipped: true, ms: Date.now() - started };
      let after: string | undefined;
      for (;;) {
        const page = await catalog.entityVersions({ after, limit: SYNC_PAGE });
        const upTo = page.length === SYNC_PAGE ? page[page.length - 1]?.ref : undefined;
        const indexed = await indexedEntityRange(db, after, upTo);
        const change = compareRange(page, indexed);
        const bodies = await catalog.entityBodies(change.reread);
        const fresh = bodies.map((b) => entityDocument(b.entity as unknown as Record<string, unknown>, b)).filter((d): d is IndexedDocument => d !== undefined);
        if (change.stale.length > 0 || fresh.length > 0) {
          await db.transaction().execute(async (trx) => {
            await deleteDocumentsByIds(trx, change.stale);
            await insertDocuments(trx, fresh);
          });
        }
        counts.read += page.length;
        counts.inserted += fresh.length;
        counts.deleted += change.stale.length;
        if (upTo === undefined) break;
        after = upTo;
        // On SQLite every call above completes synchronously: without this, 100 pages run as one task and
        // no request is answered until the whole sync ends.
        await yieldToEventLoop();
      }
      await writeState(db, 'entity_generation', generation);
      return { ...counts, ms: Date.now() - started };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
