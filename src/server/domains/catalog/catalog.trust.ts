import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';

/** How far the catalog's own record of an entity can be trusted (what the `catalog` fact source reports, ADR 0030). */
export interface EntityTrust {
  /** When the catalog last processed the entity's descriptor file: read it with a change, on a forced refresh, or failed to read it. */
  processedAt: string | null;
  /** The location no longer emits the entity (kept until the orphan grace period ends). */
  orphaned: boolean;
  /** The last read of the entity's descriptor file failed (the entity keeps its last good version). */
  readFailed: boolean;
  /** Processing errors naming the entity, plus problems other domains' checkers found in it. */
  errors: number;
  /** Relations the entity declares whose target is not in the catalog, as `type target`. */
  unresolved: string[];
  /** The kind (lowercase) of the entity its ownedBy relation points at; null when that entity does not exist; undefined without an owner. */
  ownerKind?: string | null;
}

const BATCH = 500;
const MAX_UNRESOLVED = 50;

/**
 * The trust record of each of these entities (lowercase refs; absent ones are left out): a handful of
 * indexed queries per batch of 500, so the facts collection of a 100k catalog pays per page, not per entity.
 */
export async function entityTrustOf(db: Kysely<Database>, refs: string[]): Promise<Map<string, EntityTrust>> {
  const out = new Map<string, EntityTrust>();
  const unique = [...new Set(refs)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const batch = unique.slice(i, i + BATCH);
    const rows = await db.selectFrom('entities as e').leftJoin('sources as s', 's.key', 'e.source_key')
      .select(['e.id', 'e.ref', 'e.source_key', 'e.orphaned_at', 's.read_at']).where('e.ref', 'in', batch).execute();
    if (rows.length === 0) continue;
    const ids = rows.map((r) => Number(r.id));
    const errors = new Map<string, number>();
    const count = (ref: string | null) => ref && errors.set(ref, (errors.get(ref) ?? 0) + 1);
    for (const e of await db.selectFrom('catalog_errors').select('entity_ref').where('entity_ref', 'in', batch).execute()) count(e.entity_ref);
    for (const e of await db.selectFrom('entity_check_problems').select('entity_ref').where('entity_ref', 'in', batch).execute()) count(e.entity_ref);
    const sourceKeys = [...new Set(rows.map((r) => r.source_key))];
    // A read error of a whole file names no entity: it is recorded against the file's source.
    const failedSources = new Set((await db.selectFrom('catalog_errors').select('source_key')
      .where('source_key', 'in', sourceKeys).where('kind', '=', 'read').where('entity_ref', 'is', null).execute()).map((r) => r.source_key));
    const declared = await db.selectFrom('relations as r').innerJoin('entities as o', 'o.id', 'r.origin_id')
      .leftJoin('entities as t', 't.ref', 'r.to_ref')
      .select(['r.from_ref', 'r.type', 'r.to_ref', 't.kind as target_kind'])
      .where('r.origin_id', 'in', ids).whereRef('r.from_ref', '=', 'o.ref').execute();
    const unresolved = new Map<string, string[]>();
    const owners = new Map<string, string | null>();
    for (const r of declared) {
      if (r.type.toLowerCase() === 'ownedby') owners.set(r.from_ref, r.target_kind === null ? null : String(r.target_kind).toLowerCase());
      if (r.target_kind !== null) continue;
      const list = unresolved.get(r.from_ref) ?? [];
      if (list.length < MAX_UNRESOLVED) list.push(`${r.type} ${r.to_ref}`);
      unresolved.set(r.from_ref, list);
    }
    for (const r of rows) {
      out.set(r.ref, {
        processedAt: r.read_at ?? null,
        orphaned: r.orphaned_at !== null,
        readFailed: failedSources.has(r.source_key),
        errors: errors.get(r.ref) ?? 0,
        unresolved: (unresolved.get(r.ref) ?? []).sort(),
        ...(owners.has(r.ref) ? { ownerKind: owners.get(r.ref) } : {}),
      });
    }
  }
  return out;
}
