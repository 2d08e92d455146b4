import type { Kysely } from 'kysely';
import { docsAssetApiPath, docsPagePath, type DocsSiteDto, type DocsSiteSummary, type DocsPageDto } from '../../../contracts';
import { ANNOTATION_TECHDOCS_REF, type Entity } from '../../../model';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit';
import { can } from '../../platform/authz';
import type { Database } from '../../platform/db/schema';
import { NotFoundError } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs';
import type { CatalogService } from '../catalog/catalog.service';
import type { SearchService } from '../search';
import { buildDocsSite, rewriteDocsUrls, searchDocuments, type DocsBuildError, type DocsNavItem } from './build';
import { deleteSite, getAsset, getPage, getSite, listAssetPaths, listPages, listSites, markChecked, saveBuiltSite, saveSourceError, type SiteIdentity, type SiteRow } from './docs.repo';
import { DocsSourceError, resolveDocsSource, type DocsSourceDeps } from './docs.sources';

export const DOCS_BUILD_JOB = 'docs.build';
/** Bounds of one site and of one job run (the builder enforces the per-site ones and reports what it skipped). */
export const DOCS_LIMITS = { maxPages: 300, maxPageBytes: 1024 * 1024, maxAssetBytes: 1024 * 1024, maxSiteAssetBytes: 20 * 1024 * 1024, sitesPerRun: 20 };

export interface DocsServiceDeps {
  db: Kysely<Database>;
  catalog: Pick<CatalogService, 'byQuery' | 'byRef'>;
  search: Pick<SearchService, 'indexDocsSite' | 'removeDocsSite'>;
  jobs: Pick<JobQueue, 'enqueue' | 'waitFor'>;
  sources: DocsSourceDeps;
  log: (msg: string, extra?: object) => void;
}

type EntityName = { kind: string; namespace: string; name: string };
export const docsRefOf = (e: EntityName) => `${e.kind}:${e.namespace}/${e.name}`.toLocaleLowerCase('en-US');

function identityOf(entity: Pick<Entity, 'kind' | 'metadata'>): SiteIdentity {
  const id = { kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name };
  return { ...id, entityRef: docsRefOf(id) };
}

const summary = (r: SiteRow): DocsSiteSummary => ({
  entityRef: r.entity_ref, kind: r.kind, namespace: r.namespace, name: r.name, title: r.site_name,
  pageCount: r.page_count, errorCount: r.error_count, builtAt: r.built_at, checkedAt: r.checked_at,
});

/** Docs-as-code: builds sites from the entity's source, stores them, serves pages. Routes authorize first. */
export function createDocsService(deps: DocsServiceDeps) {
  const { db, catalog, search, log } = deps;

  /** Builds one entity's site when its source changed (or `force`); `built` tells whether it did. */
  async function buildEntity(entity: Pick<Entity, 'kind' | 'metadata'>, force: boolean): Promise<'built' | 'unchanged'> {
    const id = identityOf(entity);
    const now = new Date().toISOString();
    const previous = await getSite(db, id.entityRef);
    let source;
    let fingerprint: string;
    try {
      source = await resolveDocsSource(entity.metadata.annotations ?? {}, deps.sources);
      fingerprint = await source.fingerprint();
    } catch (err) {
      const error: DocsBuildError = err instanceof DocsSourceError ? { file: err.file, message: err.message } : { file: 'mkdocs.yml', message: `could not read the docs: ${(err as Error).message}` };
      if (previous?.error_count === 1 && previous.fingerprint === null && previous.errors === JSON.stringify([error])) {
        await markChecked(db, id.entityRef, now);
        return 'unchanged';
      }
      await db.transaction().execute((trx) => saveSourceError(trx, id, 'unavailable', error, now));
      return 'built';
    }
    if (!force && previous?.fingerprint === fingerprint) {
      await markChecked(db, id.entityRef, now);
      return 'unchanged';
    }
    const started = Date.now();
    const site = await buildDocsSite(source.reader, DOCS_LIMITS);
    const sections = searchDocuments(site);
    await db.transaction().execute(async (trx) => {
      await saveBuiltSite(trx, id, { siteName: site.siteName, source: source.description, fingerprint, nav: site.nav, errors: site.errors, pages: site.pages, assets: site.assets }, now);
      await search.indexDocsSite(trx, { ...id, siteTitle: site.siteName }, sections);
    });
    log(`docs: built ${id.entityRef} in ${Date.now() - started} ms`, { pages: site.pages.length, assets: site.assets.length, errors: site.errors.length, sections: sections.length });
    return 'built';
  }

  /** Every catalog entity with a techdocs-ref (the fields a build needs only). */
  async function docsEntities(): Promise<Array<Pick<Entity, 'kind' | 'metadata'>>> {
    const out: Array<Pick<Entity, 'kind' | 'metadata'>> = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.byQuery({
        filter: [`metadata.annotations.${ANNOTATION_TECHDOCS_REF}`], fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations'], limit: 1000, cursor, totalItems: 'exclude',
      });
      out.push(...(page.items as Array<Pick<Entity, 'kind' | 'metadata'>>));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return out;
  }

  async function loadSite(ref: EntityName): Promise<SiteRow> {
    const site = await getSite(db, docsRefOf(ref));
    if (!site) throw new NotFoundError(`No docs for ${docsRefOf(ref)}: the entity has no ${ANNOTATION_TECHDOCS_REF} annotation, or its docs were not built yet`);
    return site;
  }

  return {
    async listSites(): Promise<DocsSiteSummary[]> {
      return (await listSites(db)).map(summary);
    },

    async getSite(actor: Actor, ref: EntityName): Promise<DocsSiteDto> {
      const site = await loadSite(ref);
      return {
        ...summary(site), source: site.source, buildCount: site.build_count,
        nav: JSON.parse(site.nav) as DocsNavItem[], errors: JSON.parse(site.errors) as DocsBuildError[],
        pages: await listPages(db, site.entity_ref),
        allowedActions: can(actor, 'catalog.entity.refresh') ? ['build'] : [],
      };
    },

    /** A page with its links pointing at the UI's docs routes (the HTML was sanitised when it was built). */
    async getPage(ref: EntityName, slug: string): Promise<DocsPageDto> {
      const site = await loadSite(ref);
      const page = await getPage(db, site.entity_ref, slug.replace(/^\/+|\/+$/g, ''));
      if (!page) throw new NotFoundError(`No page "/${slug}" in the docs of ${site.entity_ref}`);
      const owner = { namespace: site.namespace, kind: site.kind, name: site.name };
      const served = await listAssetPaths(db, site.entity_ref);
      const html = rewriteDocsUrls(page.html, {
        page: (s, anchor) => docsPagePath(owner, s, anchor),
        // A file the build did not keep (a type not served, over a limit) is a site error; its link points nowhere.
        asset: (path) => (served.has(path) ? docsAssetApiPath(owner, path) : 'about:blank'),
      });
      return { entityRef: site.entity_ref, slug: page.slug, path: page.path, title: page.title, html, headings: JSON.parse(page.headings) as DocsPageDto['headings'] };
    },

    /** A served file of the site (image, PDF) with its bytes; 404 when the build did not keep it. */
    async getAsset(ref: EntityName, path: string) {
      const site = await loadSite(ref);
      const asset = await getAsset(db, site.entity_ref, path.replace(/^\/+/, ''));
      if (!asset) throw new NotFoundError(`No file "${path}" in the docs of ${site.entity_ref}`);
      return { contentType: asset.content_type, sha256: asset.sha256, bytes: Buffer.from(asset.content) };
    },

    /** On demand (POST …/build): runs the build job for one entity and waits for it. */
    async requestBuild(actor: Actor, ref: EntityName, force: boolean) {
      const entityRef = docsRefOf(ref);
      const entity = await catalog.byRef(entityRef);
      if (!entity) throw new NotFoundError(`No entity named '${entityRef}'`);
      if (!entity.metadata.annotations?.[ANNOTATION_TECHDOCS_REF]) throw new NotFoundError(`${entityRef} has no ${ANNOTATION_TECHDOCS_REF} annotation, so it has no docs to build`);
      const before = (await getSite(db, entityRef))?.build_count ?? 0;
      const jobId = await deps.jobs.enqueue(DOCS_BUILD_JOB, { entityRef, force }, { dedupeKey: `${DOCS_BUILD_JOB}:${entityRef}:${force}` });
      await deps.jobs.waitFor(jobId);
      const after = await loadSite(ref);
      const outcome: 'built' | 'unchanged' = after.build_count > before ? 'built' : 'unchanged';
      await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'docs.site.build', target: entityRef, outcome: 'success', payload: { force, outcome, pages: after.page_count, errors: after.error_count } }));
      return { outcome, site: summary(after) };
    },

    /** The job's work for one entity. */
    async buildOne(entityRef: string, force: boolean): Promise<void> {
      const entity = await catalog.byRef(entityRef);
      if (!entity || !entity.metadata.annotations?.[ANNOTATION_TECHDOCS_REF]) {
        await db.transaction().execute(async (trx) => {
          await deleteSite(trx, entityRef);
          await search.removeDocsSite(trx, entityRef);
        });
        return;
      }
      await buildEntity(entity, force);
    },

    /**
     * The job's work after a catalog change or on the interval: drops sites whose entity is gone, then
     * rebuilds at most `limit` sites whose source changed. Returns whether some were left for another run.
     */
    async buildChanged(limit = DOCS_LIMITS.sitesPerRun): Promise<{ built: number; checked: number; more: boolean }> {
      const entities = await docsEntities();
      const wanted = new Set(entities.map((e) => identityOf(e).entityRef));
      for (const site of await listSites(db)) {
        if (wanted.has(site.entity_ref)) continue;
        await db.transaction().execute(async (trx) => {
          await deleteSite(trx, site.entity_ref);
          await search.removeDocsSite(trx, site.entity_ref);
        });
      }
      let built = 0;
      let checked = 0;
      for (const entity of entities) {
        if (built >= limit) return { built, checked, more: true };
        checked++;
        if ((await buildEntity(entity, false)) === 'built') built++;
      }
      return { built, checked, more: false };
    },
  };
}

export type DocsService = ReturnType<typeof createDocsService>;
