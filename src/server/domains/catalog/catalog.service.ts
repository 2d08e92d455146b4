import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { parseEntityRef, stringifyEntityRef, type Entity } from '../../../model';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit';
import type { Database } from '../../platform/db/schema';
import { ConflictError, InputError, NotFoundError } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs';
import { SecretError, type SecretBox } from '../../platform/secrets';
import { deleteEntities } from './catalog.writeRepo';
import { generatedLocationEntity, type Ingestion } from './catalog.ingestion';
import { createCatalogQueries } from './catalog.queries';
import { catalogGeneration, entityBodiesByRefs, entityVersionsPage, idsByRefs, loadEntities, servedVersionsPage } from './catalog.readRepo';
import { matchesRecord, parsePredicate } from './catalog.predicates';
import { assertUnderFileRoots } from './ingest/fileRoots';
import { toProcessedEntity, withLocationAnnotations } from './ingest/processSource';
import { redactCredentials } from './ingest/redactCredentials';
import { entityTrustOf } from './catalog.trust';

export const REFRESH_JOB = 'catalog.refresh-location';
export const LOCATION_TYPES = ['file', 'url', 'git'] as const;

export interface CatalogServiceDeps {
  db: Kysely<Database>;
  ingestion: Ingestion;
  jobs: Pick<JobQueue, 'enqueue' | 'waitFor' | 'wake'>;
  /** Where API-registered `file` locations may point (config and the demo are trusted). */
  fileRoots: readonly string[];
  /** Seals targets that carry credentials before they are stored (ADR 0011). */
  secrets: Pick<SecretBox, 'seal' | 'open'>;
}

/** A `locations` row as far as reading it goes: `target` is redacted, `encrypted_target` seals the full one. */
export interface StoredLocation {
  id: string;
  type: string;
  target: string;
  encrypted_target: string | null;
}

const sealContext = (id: string) => `locations.encrypted_target:${id}`;

/**
 * What a location stores for `target`: the redacted form in clear (shown, and what makes a location
 * unique) and, only when that differs, the full target sealed — so credentials never reach the database in clear.
 */
export function sealTarget(secrets: Pick<SecretBox, 'seal'>, id: string, target: string): Pick<StoredLocation, 'target' | 'encrypted_target'> {
  const redacted = redactCredentials(target);
  return { target: redacted, encrypted_target: redacted === target ? null : secrets.seal(target, sealContext(id)) };
}

/**
 * The full target of a stored location, credentials included — for readers only, never for a response.
 * Throws SecretError (naming keys by id, never the secret) when it cannot be opened with the configured key.
 */
export function openTarget(secrets: Pick<SecretBox, 'open'>, loc: StoredLocation): string {
  return loc.encrypted_target === null ? loc.target : secrets.open(loc.encrypted_target, sealContext(loc.id));
}

function normaliseTarget(type: string, target: string): string {
  if (!(LOCATION_TYPES as readonly string[]).includes(type)) throw new InputError(`Unknown location type "${type}"; expected one of ${LOCATION_TYPES.join(', ')}`);
  if (type === 'file') return resolve(target);
  if (type === 'url') {
    try {
      const u = new URL(target);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    } catch {
      throw new InputError(`Location target "${target}" is not an http(s) URL`);
    }
  }
  return target;
}

/** Presenter for a location: only these fields leave the server, and never credentials (`https://user:token@…`). */
const shown = (loc: { id: string; type: string; target: string }) => ({ id: loc.id, type: loc.type, target: redactCredentials(loc.target) });

/** The catalog: locations, ingestion triggers and queries. Routes authorize before calling in. */
export function createCatalogService(deps: CatalogServiceDeps) {
  const { db, ingestion, jobs, secrets } = deps;
  const queries = createCatalogQueries(db);

  /** Whether a stored location already has exactly this target; one that cannot be opened (a lost key) does not. */
  function sameTarget(loc: StoredLocation, target: string): boolean {
    try {
      return openTarget(secrets, loc) === target;
    } catch (err) {
      if (err instanceof SecretError) return false;
      throw err;
    }
  }

  async function runRefresh(locationId: string, force: boolean): Promise<void> {
    const id = await jobs.enqueue(REFRESH_JOB, { locationId, force }, { dedupeKey: `${REFRESH_JOB}:${locationId}:${force}` });
    await jobs.waitFor(id);
  }

  async function entitiesOfLocation(locationId: string): Promise<Entity[]> {
    const rows = await db.selectFrom('entities').select('id').where('location_id', '=', locationId).orderBy('id').execute();
    return (await loadEntities(db, rows.map((r) => Number(r.id)))).map((e) => e.entity);
  }

  return {
    ...queries,

    /** Changes with every catalog write; other domains (docs, search) poll it to follow the catalog cheaply. */
    generation: () => catalogGeneration(db),

    /** (ref, stored etag) pages in ref order, for followers that index entity data (search). */
    entityVersions: (opts: { after?: string; limit: number }) => entityVersionsPage(db, opts.after, opts.limit),
    /** Which of these lowercase refs are in the catalog (one indexed read; no bodies). */
    existingRefs: async (refs: string[]): Promise<Set<string>> => new Set((await idsByRefs(db, refs)).keys()),

    /** Like `entityVersions`, with the served etag (`metadata.etag`), which also covers the entity's relations. */
    servedVersions: (opts: { after?: string; limit: number }) => servedVersionsPage(db, opts.after, opts.limit),

    /** Stored bodies by lowercase ref, without relations or status, with the stored etag of each. */
    entityBodies: (refs: string[]) => entityBodiesByRefs(db, refs),

    /** Processing time, errors, unresolved relations and owner kind by lowercase ref, for the `catalog` fact source. */
    entityTrust: (refs: string[]) => entityTrustOf(db, refs),

    /**
     * Registers a location. Its identity is the redacted target: registering one that exists with other
     * credentials replaces the stored credentials (audited) and refreshes it; with the same credentials,
     * `onConflict` decides (`reject`: 409, `refresh`, `keep`: nothing to do, for locations from config).
     */
    async addLocation(actor: Actor, input: { type: string; target: string }, opts: { dryRun?: boolean; origin?: string; background?: boolean; onConflict?: 'reject' | 'refresh' | 'keep' } = {}) {
      const type = input.type;
      const target = normaliseTarget(type, input.target);
      if (type === 'file' && (opts.origin ?? 'api') === 'api') await assertUnderFileRoots(target, deps.fileRoots);
      const existing = await db.selectFrom('locations').select(['id', 'type', 'target', 'encrypted_target'])
        .where('type', '=', type).where('target', '=', redactCredentials(target)).executeTakeFirst();
      if (opts.dryRun) {
        const outcome = await ingestion.preview({ type, target });
        if (outcome.errors.length > 0 && outcome.entities.length === 0) throw new InputError(outcome.errors.map((e) => `${e.locationKey}${e.line ? `:${e.line}` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}`).join('\n'));
        const generated = generatedLocationEntity({ type, target });
        return { location: shown(existing ?? { id: `dry-run:${randomUUID()}`, type, target }), entities: [generated as Entity, ...outcome.entities.map((e) => e.entity)], exists: Boolean(existing) };
      }
      if (existing && !sameTarget(existing, target)) {
        let jobId = '';
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('locations').set(sealTarget(secrets, existing.id, target)).where('id', '=', existing.id).execute();
          await recordAudit(trx, actor, { action: 'catalog.location.credentials.update', target: `location:${existing.id}`, outcome: 'success', payload: { type, target: redactCredentials(target) } });
          jobId = await jobs.enqueue(REFRESH_JOB, { locationId: existing.id, force: true }, { trx, dedupeKey: `${REFRESH_JOB}:${existing.id}:true` });
        });
        if (opts.background) {
          jobs.wake();
          return { location: shown(existing), entities: [], exists: true };
        }
        await jobs.waitFor(jobId);
        return { location: shown(existing), entities: await entitiesOfLocation(existing.id), exists: true };
      }
      if (existing && opts.onConflict === 'keep') return { location: shown(existing), entities: [], exists: true };
      if (existing && opts.onConflict === 'refresh') {
        await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'catalog.location.refresh', target: `location:${existing.id}`, outcome: 'success', payload: { type, target: redactCredentials(target) } }));
        await runRefresh(existing.id, true);
        return { location: shown(existing), entities: await entitiesOfLocation(existing.id), exists: true };
      }
      if (existing) throw new ConflictError(`Location ${type}:${redactCredentials(target)} already exists`);
      const location = { id: randomUUID(), type, target };
      let jobId = '';
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('locations').values({ id: location.id, type, ...sealTarget(secrets, location.id, target), origin: opts.origin ?? 'api', created_at: new Date().toISOString(), created_by: actor.ref }).execute();
        await recordAudit(trx, actor, { action: 'catalog.location.create', target: `location:${location.id}`, outcome: 'success', payload: { type, target: redactCredentials(target) } });
        jobId = await jobs.enqueue(REFRESH_JOB, { locationId: location.id, force: true }, { trx, dedupeKey: `${REFRESH_JOB}:${location.id}:true` });
      });
      if (opts.background) {
        jobs.wake();
        return { location: shown(location), entities: [] };
      }
      await jobs.waitFor(jobId);
      return { location: shown(location), entities: await entitiesOfLocation(location.id) };
    },

    async listLocations() {
      return (await db.selectFrom('locations').select(['id', 'type', 'target']).orderBy('created_at').execute()).map(shown);
    },

    /** Locations are few (one per registration), so paging and predicates run in memory. */
    async queryLocations(q: { query?: Record<string, unknown>; cursor?: string; limit?: number }) {
      const start = q.cursor ? decodeLocationCursor(q.cursor) : { offset: 0, query: q.query };
      const limit = q.limit ?? 20;
      const predicate = start.query ? parsePredicate(start.query) : undefined;
      const all = (await db.selectFrom('locations').select(['id', 'type', 'target']).orderBy('created_at').execute()).map(shown).filter((l) => !predicate || matchesRecord(predicate, l));
      const items = all.slice(start.offset, start.offset + limit);
      const next = start.offset + limit < all.length ? encodeLocationCursor({ offset: start.offset + limit, query: start.query }) : undefined;
      return { items, totalItems: all.length, pageInfo: next ? { nextCursor: next } : {} };
    },

    async getLocation(id: string) {
      const row = await db.selectFrom('locations').select(['id', 'type', 'target']).where('id', '=', id).executeTakeFirst();
      if (!row) throw new NotFoundError(`Found no location with ID ${id}`);
      return shown(row);
    },

    async deleteLocation(actor: Actor, id: string) {
      await db.transaction().execute(async (trx) => {
        const loc = await trx.selectFrom('locations').select(['id', 'type', 'target']).where('id', '=', id).executeTakeFirst();
        if (!loc) throw new NotFoundError(`Found no location with ID ${id}`);
        const ids = await trx.selectFrom('entities').select('id').where('location_id', '=', id).execute();
        await deleteEntities(trx, ids.map((r) => Number(r.id)));
        await trx.deleteFrom('catalog_errors').where('location_id', '=', id).execute();
        await trx.deleteFrom('sources').where('location_id', '=', id).execute();
        await trx.deleteFrom('locations').where('id', '=', id).execute();
        await recordAudit(trx, actor, { action: 'catalog.location.delete', target: `location:${id}`, outcome: 'success', payload: { type: loc.type, target: redactCredentials(loc.target), entities: ids.length } });
      });
    },

    async locationByEntity(ref: string) {
      const row = await db.selectFrom('entities as e').innerJoin('locations as l', 'l.id', 'e.location_id')
        .select(['l.id', 'l.type', 'l.target']).where('e.ref', '=', ref.toLocaleLowerCase('en-US')).executeTakeFirst();
      if (!row) throw new NotFoundError(`No location for entity ${ref}`);
      return shown(row);
    },

    async refresh(actor: Actor, entityRef: string) {
      const ref = stringifyEntityRef(parseEntityRef(entityRef));
      const row = await db.selectFrom('entities').select(['location_id']).where('ref', '=', ref).executeTakeFirst();
      if (!row) throw new NotFoundError(`No entity named '${ref}'`);
      await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'catalog.entity.refresh', target: ref, outcome: 'success' }));
      await runRefresh(row.location_id, true);
    },

    async deleteByUid(actor: Actor, uid: string) {
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('entities').select(['id', 'ref', 'source_key']).where('uid', '=', uid).executeTakeFirst();
        if (!row) throw new NotFoundError(`No entity with uid ${uid}`);
        await deleteEntities(trx, [Number(row.id)]);
        // Forget the source's hash so the next refresh re-emits the entity if its source still has it.
        await trx.updateTable('sources').set({ content_hash: null }).where('key', '=', row.source_key).execute();
        await recordAudit(trx, actor, { action: 'catalog.entity.delete', target: row.ref, outcome: 'success', payload: { uid } });
      });
    },

    validate(entity: unknown, location: string) {
      const r = toProcessedEntity(withLocationAnnotations(entity, location, location), 0, '');
      return r.ok ? { valid: true as const } : { valid: false as const, errors: r.errors.map((e) => ({ name: 'InputError', message: e.path ? `${e.path}: ${e.message}` : e.message })) };
    },

    refreshAllLocations: async () => {
      const locations = await db.selectFrom('locations').select('id').execute();
      for (const l of locations) await jobs.enqueue(REFRESH_JOB, { locationId: l.id, force: false }, { dedupeKey: `${REFRESH_JOB}:${l.id}:false` });
    },
  };
}

function encodeLocationCursor(c: { offset: number; query?: Record<string, unknown> }): string {
  return Buffer.from(JSON.stringify(c)).toString('base64');
}
function decodeLocationCursor(raw: string): { offset: number; query?: Record<string, unknown> } {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { offset?: unknown; query?: Record<string, unknown> };
    if (typeof c.offset === 'number' && c.offset >= 0) return { offset: c.offset, query: c.query };
  } catch {
    // fall through
  }
  throw new InputError('Malformed cursor: pass the nextCursor of a previous response unchanged');
}


export type CatalogService = ReturnType<typeof createCatalogService>;
