import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ANNOTATION_LOCATION, type Entity } from '../../../model';
import type { CatalogError } from '../../../contracts';
import type { Database } from '../../platform/db/schema';
import { catalogGeneration } from './catalog.readRepo';

/** One problem a checker found in an entity; `line` is relative to the entity's YAML document. */
export interface EntityProblem {
  path: string | null;
  message: string;
  line?: number;
}

/**
 * A check that another domain runs on catalog entities after they are ingested (the scaffolder on
 * Template entities). The catalog decides when to run it and lists what it finds with its own errors,
 * so other domains need not know how the catalog stores or pages them.
 */
export interface EntityChecker {
  /** Stable id, stored with each problem. */
  id: string;
  /** Lowercased kinds it looks at. */
  kinds: readonly string[];
  /** Changes when the rules change (for the scaffolder: the set of known actions), so stored results are redone. */
  version: string;
  /** The `kind` of its problems in the catalog's errors. */
  errorKind: Extract<CatalogError['kind'], 'template'>;
  /** `source` is the entity's YAML document as read, for line numbers. Must not throw for bad input: report it. */
  check(entity: Entity, source: { text: string; line: number } | undefined): EntityProblem[];
}

const BATCH = 200;
const MAX_PROBLEMS = 100;

/**
 * A line of an entity's stored document text → its line in the file. `doc_line` is the line of the
 * document's first content (after leading comments or `---`), which the text may start before.
 */
function fileLineOf(text: string | null, docLine: number): (line: number) => number {
  const lines = (text ?? '').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#') && !/^(---|%)/.test(l)) + 1;
  return (line) => docLine - Math.max(first, 1) + line;
}

/** Deterministic ids: two instances checking the same entity at once write the same rows, not twice as many. */
const problemId = (checker: string, ref: string, i: number) => createHash('sha256').update(`${checker}\0${ref}\0${i}`).digest('hex').slice(0, 32);

/**
 * Runs registered checkers over the entities they look at whose body changed since they last did,
 * after catalog writes: `ensureCurrent` (called before the errors are listed) sweeps when the catalog's
 * generation moved, and a poller does the same in the background so entity pages follow too.
 */
export function createEntityChecks(db: Kysely<Database>, log: (msg: string, extra?: object) => void) {
  const checkers: EntityChecker[] = [];
  let sweptGeneration: string | undefined | null = null;
  let running: Promise<void> | undefined;

  async function sweepChecker(checker: EntityChecker): Promise<number> {
    const version = `:${checker.version}`;
    const current = await db.selectFrom('entities').select(['id', 'ref', 'hash']).where('kind', 'in', [...checker.kinds]).execute();
    const state = new Map((await db.selectFrom('entity_checks').select(['entity_ref', 'checked']).where('checker', '=', checker.id).execute()).map((r) => [r.entity_ref, r.checked]));
    const stale = current.filter((r) => state.get(r.ref) !== r.hash + version);
    const live = new Set(current.map((r) => r.ref));
    const gone = [...state.keys()].filter((ref) => !live.has(ref));
    for (let i = 0; i < gone.length; i += BATCH) {
      const refs = gone.slice(i, i + BATCH);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('entity_check_problems').where('checker', '=', checker.id).where('entity_ref', 'in', refs).execute();
        await trx.deleteFrom('entity_checks').where('checker', '=', checker.id).where('entity_ref', 'in', refs).execute();
      });
    }
    for (let i = 0; i < stale.length; i += BATCH) {
      const ids = stale.slice(i, i + BATCH).map((r) => Number(r.id));
      const rows = await db.selectFrom('entities').select(['ref', 'hash', 'body', 'location_id', 'doc_text', 'doc_line']).where('id', 'in', ids).execute();
      const now = new Date().toISOString();
      for (const row of rows) {
        const entity = JSON.parse(row.body) as Entity;
        let problems: EntityProblem[];
        try {
          problems = checker.check(entity, row.doc_text ? { text: row.doc_text, line: Number(row.doc_line ?? 1) } : undefined).slice(0, MAX_PROBLEMS);
        } catch (err) {
          problems = [{ path: null, message: `could not be checked: ${err instanceof Error ? err.message : String(err)}` }];
        }
        const locationKey = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
        const toFileLine = fileLineOf(row.doc_text, Number(row.doc_line ?? 1));
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('entity_check_problems').where('checker', '=', checker.id).where('entity_ref', '=', row.ref).execute();
          if (problems.length > 0) {
            await trx.insertInto('entity_check_problems').values(problems.map((p, n) => ({
              id: problemId(checker.id, row.ref, n), checker: checker.id, entity_ref: row.ref, location_id: row.location_id, location_key: locationKey,
              kind: checker.errorKind, message: p.message.slice(0, 4000), path: p.path, line: p.line === undefined ? null : toFileLine(p.line), occurred_at: now,
            }))).onConflict((oc) => oc.column('id').doNothing()).execute();
          }
          await trx.insertInto('entity_checks').values({ checker: checker.id, entity_ref: row.ref, checked: row.hash + version, checked_at: now })
            .onConflict((oc) => oc.columns(['checker', 'entity_ref']).doUpdateSet({ checked: row.hash + version, checked_at: now })).execute();
        });
      }
    }
    return stale.length;
  }

  async function sweep(): Promise<void> {
    const generation = await catalogGeneration(db);
    if (generation === sweptGeneration) return;
    let checked = 0;
    for (const c of checkers) checked += await sweepChecker(c);
    sweptGeneration = generation;
    if (checked > 0) log(`catalog checks: ${checked} entit${checked === 1 ? 'y' : 'ies'} checked`);
  }

  return {
    register(checker: EntityChecker): void {
      checkers.push(checker);
      sweptGeneration = null;
    },
    /** Brings stored problems up to date with the catalog; one sweep at a time per process. */
    async ensureCurrent(): Promise<void> {
      if (checkers.length === 0) return;
      while (running) await running.catch(() => undefined);
      running = sweep().finally(() => {
        running = undefined;
      });
      await running;
    },
  };
}
export type EntityChecks = ReturnType<typeof createEntityChecks>;

/** Sweeps every `pollMs` in the background (cheap when the catalog has not changed: one read of its generation). */
export function startEntityChecks(checks: EntityChecks, pollMs: number, log: (msg: string) => void): () => void {
  const timer = setInterval(() => void checks.ensureCurrent().catch((err: unknown) => log(`catalog checks: ${String(err)}`)), pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
