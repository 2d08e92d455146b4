import type { Kysely } from 'kysely';
import { FACT_LIMITS, FACT_NAME_PATTERN, type FactsPushRequestDto, type FactsResponseDto } from '../../../contracts';
import type { Entity } from '../../../model';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit';
import { can } from '../../platform/authz';
import type { Database } from '../../platform/db/schema';
import { InputError, NotFoundError } from '../../platform/errors';
import type { CatalogService } from '../catalog/catalog.service';
import {
  changeSeqs, changedEntities, deleteEntities, entityStateRange, factNames, readEntityState, readFacts, readGeneration, saveCollected, savePushed,
  type FactValues, type StoredFact,
} from './facts.repo';
import type { RepositoryDeps } from './facts.repository';
import { createFactContext, type FactContext, type FactSource } from './facts.sources';
import { yieldToEventLoop } from '../../platform/follower';

export const FACTS_COLLECT_JOB = 'facts.collect';
const PAGE = 500;
const CONCURRENCY = 4;

export interface FactsServiceDeps {
  db: Kysely<Database>;
  catalog: Pick<CatalogService, 'byRef' | 'entityVersions' | 'entityBodies' | 'entityTrust'>;
  sources: readonly FactSource[];
  repository: RepositoryDeps;
  /** An entity whose etag did not change is collected again once this much time has passed. */
  intervalSeconds: number;
  log: (msg: string, extra?: object) => void;
}

type EntityName = { kind: string; namespace: string; name: string };
export const factsRefOf = (e: EntityName) => `${e.kind}:${e.namespace}/${e.name}`.toLocaleLowerCase('en-US');
const bytes = (json: string) => Buffer.byteLength(json, 'utf8');

/** Checks a push, naming the fact at fault: its name, its value's size, and the entity's bound. */
function checkPush(ref: string, input: FactsPushRequestDto, existing: string[]): void {
  const names = Object.keys(input.facts);
  if (names.length === 0) throw new InputError('facts: expected at least one fact, e.g. {"source":"ci","facts":{"ci.coverage":84.5}}');
  if (names.length > FACT_LIMITS.perPush) throw new InputError(`facts: ${names.length} facts in one push, over the limit of ${FACT_LIMITS.perPush}`);
  for (const name of names) {
    if (!FACT_NAME_PATTERN.test(name)) throw new InputError(`facts.${JSON.stringify(name).slice(1, -1)}: expected a fact name of letters, digits, ".", "_" or "-", starting with a lowercase letter or digit, at most 100 characters (e.g. ci.coverage)`);
    const value = input.facts[name];
    if (value === undefined) throw new InputError(`facts.${name}: expected a JSON value`);
    const size = bytes(JSON.stringify(value));
    if (size > FACT_LIMITS.valueBytes) throw new InputError(`facts.${name}: the value is ${size} bytes of JSON, over the limit of ${FACT_LIMITS.valueBytes}`);
  }
  const total = new Set([...existing, ...names]).size;
  if (total > FACT_LIMITS.perEntity) throw new InputError(`facts: ${ref} would have ${total} facts, over the limit of ${FACT_LIMITS.perEntity} per entity`);
}

/** Facts about entities: collected by the built-in sources, pushed by tools, read by scorecards. Routes authorize first. */
export function createFactsService(deps: FactsServiceDeps) {
  const { db, catalog, log } = deps;

  async function entityOf(ref: string): Promise<{ ref: string; etag: string; entity: Entity }> {
    const [found] = await catalog.entityBodies([ref]);
    if (!found) throw new NotFoundError(`No entity named '${ref}'`);
    return found;
  }

  /** Runs every source on one entity and stores the result; a source that throws keeps its previous facts. */
  async function collectOne(item: { ref: string; etag: string; entity: Entity }, ctx: FactContext): Promise<boolean> {
    const bySource = new Map<string, FactValues>();
    for (const source of deps.sources) {
      try {
        const facts = await source.collect(item.entity, ctx);
        const kept: FactValues = {};
        for (const [name, value] of Object.entries(facts)) {
          const json = JSON.stringify(value);
          if (!FACT_NAME_PATTERN.test(name) || json === undefined || bytes(json) > FACT_LIMITS.valueBytes) {
            log(`facts: ${source.id} produced an invalid or oversized fact "${name.slice(0, 100)}" for ${item.ref}; skipped`);
            continue;
          }
          kept[name] = value;
        }
        bySource.set(source.id, kept);
      } catch (err) {
        log(`facts: source ${source.id} failed for ${item.ref}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const collectedAt = new Date().toISOString();
    return db.transaction().execute((trx) => saveCollected(trx, item.ref, bySource, { etag: item.etag, collectedAt }));
  }

  const context = () => createFactContext({ ...deps.repository, catalog });

  async function present(actor: Actor, ref: string): Promise<FactsResponseDto> {
    const [facts, state] = await Promise.all([readFacts(db, [ref]), readEntityState(db, ref)]);
    const list = Object.entries(facts.get(ref) ?? {}).map(([name, f]) => ({ name, value: f.value, source: f.source, collectedAt: f.collectedAt }));
    const allowedActions = [...(can(actor, 'facts.push') ? ['push' as const] : []), ...(can(actor, 'catalog.entity.refresh') ? ['refresh' as const] : [])];
    return { entityRef: ref, facts: list, collectedAt: state?.collected_at ?? null, allowedActions };
  }

  return {
    /** The entity's facts, sorted by name, for the API. */
    async get(actor: Actor, ref: string): Promise<FactsResponseDto> {
      await entityOf(ref);
      return present(actor, ref);
    },

    /** Stores facts a tool pushed, as source `push:<source>`, audited in the same transaction. */
    async push(actor: Actor, ref: string, input: FactsPushRequestDto): Promise<FactsResponseDto> {
      await entityOf(ref);
      const existing = await factNames(db, ref);
      checkPush(ref, input, existing);
      const source = `push:${input.source}`;
      const now = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        await savePushed(trx, ref, source, input.facts, now);
        await recordAudit(trx, actor, { action: 'facts.push', target: ref, outcome: 'success', payload: { source, names: Object.keys(input.facts).sort() } });
      });
      return present(actor, ref);
    },

    /** Collects the entity's facts now, whatever its etag. */
    async refresh(actor: Actor, ref: string): Promise<FactsResponseDto> {
      const item = await entityOf(ref);
      await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'facts.refresh', target: ref, outcome: 'success' }));
      await collectOne(item, context());
      return present(actor, ref);
    },

    /**
     * Walks the catalog a page of refs at a time (from `opts.after` when a job resumes), collecting the
     * entities that are new, whose etag changed or whose last collection is older than the interval, and
     * forgetting entities that left the catalog. `onPage` receives the last ref done, to save progress.
     */
    async collectDue(opts: { after?: string; onPage?: (after: string) => Promise<void> } = {}) {
      const counts = { checked: 0, collected: 0, changed: 0, removed: 0 };
      const staleBefore = new Date(Date.now() - deps.intervalSeconds * 1000).toISOString();
      const ctx = context();
      let after = opts.after;
      for (;;) {
        const page = await catalog.entityVersions({ after, limit: PAGE });
        const upTo = page.length === PAGE ? page[page.length - 1]?.ref : undefined;
        const states = new Map((await entityStateRange(db, after, upTo)).map((s) => [s.entity_ref, s]));
        const inCatalog = new Set(page.map((e) => e.ref));
        const gone = [...states.keys()].filter((ref) => !inCatalog.has(ref));
        if (gone.length > 0) await db.transaction().execute((trx) => deleteEntities(trx, gone));
        const due = page.filter((e) => {
          const s = states.get(e.ref);
          return !s || s.etag !== e.etag || !s.collected_at || s.collected_at < staleBefore;
        });
        const bodies = await catalog.entityBodies(due.map((e) => e.ref));
        if (bodies.length > 0) await ctx.prefetch(bodies.map((b) => b.ref));
        for (let i = 0; i < bodies.length; i += CONCURRENCY) {
          const changed = await Promise.all(bodies.slice(i, i + CONCURRENCY).map((b) => collectOne(b, ctx)));
          counts.changed += changed.filter(Boolean).length;
        }
        counts.checked += page.length;
        counts.collected += bodies.length;
        counts.removed += gone.length;
        if (upTo === undefined) break;
        after = upTo;
        await opts.onPage?.(after);
        // On SQLite the queries above complete synchronously: let requests in between pages.
        await yieldToEventLoop();
      }
      return counts;
    },

    /** Facts of these entities (lowercase refs) for the scorecards: ref → fact name → value, time and source. */
    async factsFor(entityRefs: string[]): Promise<Map<string, Record<string, StoredFact>>> {
      return readFacts(db, entityRefs.map((r) => r.toLocaleLowerCase('en-US')));
    },

    /** Changes whenever any fact of any entity changes (a counter in `meta`). */
    generation: (): Promise<string> => readGeneration(db),
    /** Per entity, the generation of its facts' last change: equal means the same facts (collection times aside). */
    versionsOf: (entityRefs: string[]): Promise<Map<string, string>> => changeSeqs(db, entityRefs),

    /**
     * The entities whose facts changed after `cursor` (a previous `cursor`, or `generation()`, or '0' for
     * everything), at most `limit`; call again with the returned cursor until `refs` is empty. Entities
     * that left the catalog are not listed: follow the catalog for those.
     */
    async changedSince(cursor: string, limit = 1000): Promise<{ refs: string[]; cursor: string }> {
      const after = Number(cursor);
      if (!Number.isSafeInteger(after) || after < 0) throw new InputError(`facts cursor "${cursor.slice(0, 40)}" is not a generation`);
      const rows = await changedEntities(db, after, Math.min(Math.max(limit, 1), 10_000));
      return { refs: rows.map((r) => r.ref), cursor: String(rows.length > 0 ? rows[rows.length - 1]!.seq : after) };
    },

  };
}

export type FactsService = ReturnType<typeof createFactsService>;
export type { StoredFact } from './facts.repo';
export type { FactSource, FactContext } from './facts.sources';
