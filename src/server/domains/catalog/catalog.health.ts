import { ANNOTATION_LOCATION } from '../../../model';
import type { Kysely } from 'kysely';
import type { CatalogError, CatalogHealth } from '../../../contracts';
import type { Database } from '../../platform/db/schema';
import { NotFoundError } from '../../platform/errors';
import type { EntityChecks } from './catalog.checks';
import { loadEntities } from './catalog.readRepo';

const LIST_LIMIT = 500;

/** Paved's additions for catalog hygiene: the error list, the health page, the raw source, ancestry. */
export function createCatalogHealth(db: Kysely<Database>, checks: Pick<EntityChecks, 'ensureCurrent'>) {
  const errorColumns = ['id', 'location_id', 'location_key', 'entity_ref', 'kind', 'message', 'path', 'line', 'occurred_at'] as const;
  /**
   * Processing errors and the problems checkers from other domains found (those of entities that still
   * exist), as one list.
   */
  const allErrors = () => db.selectFrom('catalog_errors').select(errorColumns)
    .unionAll(db.selectFrom('entity_check_problems as p').innerJoin('entities as e', 'e.ref', 'p.entity_ref')
      .select(['p.id', 'p.location_id', 'p.location_key', 'p.entity_ref', 'p.kind', 'p.message', 'p.path', 'p.line', 'p.occurred_at']));

  async function summaries(rows: Array<{ ref: string; kind: string; namespace: string; name: string; body: string }>, reason: (ref: string) => string) {
    return rows.map((r) => {
      const meta = (JSON.parse(r.body) as { metadata?: { title?: unknown; name?: string } }).metadata;
      return { entityRef: r.ref, kind: r.kind, namespace: r.namespace, name: meta?.name ?? r.name, title: typeof meta?.title === 'string' ? meta.title : null, reason: reason(r.ref) };
    });
  }

  return {
    async errors(q: { limit: number; offset: number; entityRef?: string; locationId?: string }): Promise<{ items: CatalogError[]; totalItems: number }> {
      await checks.ensureCurrent();
      let base = db.selectFrom(allErrors().as('u'));
      if (q.entityRef) base = base.where('u.entity_ref', '=', q.entityRef.toLocaleLowerCase('en-US'));
      if (q.locationId) base = base.where('u.location_id', '=', q.locationId);
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await base.selectAll().orderBy('u.occurred_at', 'desc').orderBy('u.location_key').orderBy('u.line').orderBy('u.id').limit(q.limit).offset(q.offset).execute();
      return {
        totalItems: Number(total.n),
        items: rows.map((r) => ({ id: r.id, locationId: r.location_id, locationKey: r.location_key, entityRef: r.entity_ref, kind: r.kind as CatalogError['kind'], message: r.message, path: r.path, line: r.line === null ? null : Number(r.line), occurredAt: r.occurred_at })),
      };
    },

    async health(): Promise<CatalogHealth> {
      await checks.ensureCurrent();
      const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
      const entities = await count(db.selectFrom('entities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst());
      const errors = await count(db.selectFrom(allErrors().as('u')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst());
      const cols = ['e.ref', 'e.kind', 'e.namespace', 'e.name', 'e.body'] as const;
      const refsWithErrors = db.selectFrom('catalog_errors').select('entity_ref').where('entity_ref', 'is not', null)
        .union(db.selectFrom('entity_check_problems').select('entity_ref'));
      const withErrorRows = await db.selectFrom('entities as e').select(cols).where('e.ref', 'in', refsWithErrors).orderBy('e.ref').limit(LIST_LIMIT).execute();
      const orphanRows = await db.selectFrom('entities as e').select([...cols, 'e.orphaned_at']).where('e.orphaned_at', 'is not', null).orderBy('e.ref').limit(LIST_LIMIT).execute();
      const ownerless = db.selectFrom('entities as e')
        .innerJoin('relations as r', (j) => j.onRef('r.origin_id', '=', 'e.id').onRef('r.from_ref', '=', 'e.ref').on('r.type_key', '=', 'ownedby'))
        .leftJoin('entities as t', 't.ref', 'r.to_ref')
        .where('t.id', 'is', null);
      const ownerlessRows = await ownerless.select([...cols, 'r.to_ref']).orderBy('e.ref').limit(LIST_LIMIT).execute();
      const ownerlessCount = await count(ownerless.select((eb) => eb.fn.count<number>('e.id').distinct().as('n')).executeTakeFirst());
      const orphans = await count(db.selectFrom('entities').select((eb) => eb.fn.countAll<number>().as('n')).where('orphaned_at', 'is not', null).executeTakeFirst());
      const owners = new Map(ownerlessRows.map((r) => [r.ref, r.to_ref]));
      const orphanedAt = new Map(orphanRows.map((r) => [r.ref, r.orphaned_at]));
      return {
        totals: { entities, errors, orphans, ownerless: ownerlessCount },
        withErrors: await summaries(withErrorRows, () => 'has processing errors'),
        orphans: await summaries(orphanRows, (ref) => `no longer emitted by its location since ${orphanedAt.get(ref) ?? '?'}`),
        ownerless: await summaries(ownerlessRows, (ref) => `owner ${owners.get(ref) ?? '?'} does not exist in the catalog`),
      };
    },

    async source(ref: string) {
      const row = await db.selectFrom('entities').select(['ref', 'body', 'doc_line', 'doc_text']).where('ref', '=', ref.toLocaleLowerCase('en-US')).executeTakeFirst();
      if (!row) throw new NotFoundError(`No entity named '${ref}'`);
      const annotations = (JSON.parse(row.body) as { metadata: { annotations?: Record<string, string> } }).metadata.annotations ?? {};
      return { entityRef: row.ref, locationKey: annotations[ANNOTATION_LOCATION] ?? '', line: row.doc_line ? Number(row.doc_line) : null, yaml: row.doc_text ?? '' };
    },

    /** The chain of Location entities that led to an entity, up to the registered location. */
    async ancestry(ref: string) {
      const items: Array<{ entity: unknown; parentEntityRefs: string[] }> = [];
      let current = await db.selectFrom('entities').select(['id', 'ref', 'source_key']).where('ref', '=', ref.toLocaleLowerCase('en-US')).executeTakeFirst();
      if (!current) throw new NotFoundError(`No entity named '${ref}'`);
      const rootRef = current.ref;
      for (let depth = 0; current && depth < 100; depth++) {
        const source: { parent_key: string | null } | undefined = await db.selectFrom('sources').select('parent_key').where('key', '=', current.source_key).executeTakeFirst();
        const parent: { id: number; ref: string; source_key: string } | undefined = source?.parent_key
          ? await db.selectFrom('entities').select(['id', 'ref', 'source_key']).where('source_key', '=', source.parent_key).where('kind', '=', 'location').orderBy('id').executeTakeFirst()
          : undefined;
        const [loaded] = await loadEntities(db, [Number(current.id)]);
        items.push({ entity: loaded?.entity, parentEntityRefs: parent ? [parent.ref] : [] });
        current = parent && parent.ref !== current.ref ? parent : undefined;
      }
      return { rootEntityRef: rootRef, items };
    },
  };
}
