import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { createHash } from 'node:crypto';
import type { DocsAsset, DocsBuildError, DocsNavItem, DocsPage } from './build';

type Db = Kysely<Database>;
export type SiteRow = Database['docs_sites'];

const SITE_LIST_LIMIT = 5000;

export async function listSites(db: Db): Promise<SiteRow[]> {
  return db.selectFrom('docs_sites').selectAll().orderBy('entity_ref').limit(SITE_LIST_LIMIT).execute();
}

export async function getSite(db: Db, entityRef: string): Promise<SiteRow | undefined> {
  return db.selectFrom('docs_sites').selectAll().where('entity_ref', '=', entityRef).executeTakeFirst();
}

export async function listPages(db: Db, entityRef: string) {
  return db.selectFrom('docs_pages').select(['slug', 'path', 'title']).where('entity_ref', '=', entityRef).orderBy('position').execute();
}

export async function getPage(db: Db, entityRef: string, slug: string) {
  return db.selectFrom('docs_pages').selectAll().where('entity_ref', '=', entityRef).where('slug', '=', slug).executeTakeFirst();
}

/** A served file of a site, with its bytes. */
export async function getAsset(db: Db, entityRef: string, path: string) {
  return db.selectFrom('docs_assets').select(['path', 'content_type', 'size', 'sha256', 'content']).where('entity_ref', '=', entityRef).where('path', '=', path).executeTakeFirst();
}

/** Docs paths of a site's served files, to point a page's links and images at them. */
export async function listAssetPaths(db: Db, entityRef: string): Promise<Set<string>> {
  return new Set((await db.selectFrom('docs_assets').select('path').where('entity_ref', '=', entityRef).execute()).map((r) => r.path));
}

export interface SiteIdentity {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
}

/** A successful build: the site row, its pages replaced. Run inside the transaction that also re-indexes it. */
export async function saveBuiltSite(trx: Db, id: SiteIdentity, built: { siteName: string; source: string; fingerprint: string; nav: DocsNavItem[]; errors: DocsBuildError[]; pages: DocsPage[]; assets: DocsAsset[] }, now: string): Promise<void> {
  const previous = await getSite(trx, id.entityRef);
  const row: SiteRow = {
    entity_ref: id.entityRef, kind: id.kind, namespace: id.namespace, name: id.name, site_name: built.siteName, source: built.source,
    fingerprint: built.fingerprint, nav: JSON.stringify(built.nav), errors: JSON.stringify(built.errors), error_count: built.errors.length,
    page_count: built.pages.length, build_count: (previous?.build_count ?? 0) + 1, built_at: now, checked_at: now,
  };
  await upsertSite(trx, row, Boolean(previous));
  await trx.deleteFrom('docs_pages').where('entity_ref', '=', id.entityRef).execute();
  for (let i = 0; i < built.pages.length; i += 100) {
    await trx.insertInto('docs_pages').values(built.pages.slice(i, i + 100).map((p, j) => ({
      entity_ref: id.entityRef, slug: p.slug, path: p.path, title: p.title, html: p.html, headings: JSON.stringify(p.headings), position: i + j,
    }))).execute();
  }
  await trx.deleteFrom('docs_assets').where('entity_ref', '=', id.entityRef).execute();
  // One row per statement: a batch of up to 20 MiB of parameters is more than a driver should carry at once.
  for (const a of built.assets) {
    await trx.insertInto('docs_assets').values({
      entity_ref: id.entityRef, path: a.path, content_type: a.contentType, size: a.bytes.length, sha256: createHash('sha256').update(a.bytes).digest('hex'), content: a.bytes,
    }).execute();
  }
}

/**
 * A source that cannot be read at all: the error replaces the site's errors, and the pages of the last
 * good build stay served (a missing mirror or folder should not blank the docs people are reading).
 */
export async function saveSourceError(trx: Db, id: SiteIdentity, source: string, error: DocsBuildError, now: string): Promise<void> {
  const previous = await getSite(trx, id.entityRef);
  const row: SiteRow = previous
    ? { ...previous, source, fingerprint: null, errors: JSON.stringify([error]), error_count: 1, checked_at: now }
    : { entity_ref: id.entityRef, kind: id.kind, namespace: id.namespace, name: id.name, site_name: id.name, source, fingerprint: null, nav: '[]', errors: JSON.stringify([error]), error_count: 1, page_count: 0, build_count: 0, built_at: null, checked_at: now };
  await upsertSite(trx, row, Boolean(previous));
}

export async function markChecked(db: Db, entityRef: string, now: string): Promise<void> {
  await db.updateTable('docs_sites').set({ checked_at: now }).where('entity_ref', '=', entityRef).execute();
}

export async function deleteSite(trx: Db, entityRef: string): Promise<void> {
  await trx.deleteFrom('docs_pages').where('entity_ref', '=', entityRef).execute();
  await trx.deleteFrom('docs_assets').where('entity_ref', '=', entityRef).execute();
  await trx.deleteFrom('docs_sites').where('entity_ref', '=', entityRef).execute();
}

async function upsertSite(trx: Db, row: SiteRow, exists: boolean): Promise<void> {
  if (exists) {
    const { entity_ref: ref, ...rest } = row;
    await trx.updateTable('docs_sites').set(rest).where('entity_ref', '=', ref).execute();
  } else {
    await trx.insertInto('docs_sites').values(row).execute();
  }
}
