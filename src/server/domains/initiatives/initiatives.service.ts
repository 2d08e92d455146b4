import type { Kysely } from 'kysely';
import { parseEntityRef, stringifyEntityRef } from '../../../model';
import type { z } from 'zod';
import type { CreateInitiativeRequest, InitiativeProgressQuery, InitiativeTodoQuery, UpdateInitiativeRequest } from '../../../contracts';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit';
import { can } from '../../platform/authz';
import type { Database } from '../../platform/db/schema';
import { ConflictError, InputError, NotFoundError } from '../../platform/errors';
import { renderBrief } from './initiatives.brief';
import { percentOf, tallyByOwner, walkTargets, type ProgressDeps, type Targets } from './initiatives.progress';
import { dailyTotals, findInitiative, insertInitiative, latestDaily, listInitiatives, recordDaily, updateInitiative, type DailyRow, type InitiativeRow } from './initiatives.repo';
import { deriveStatus, todayUtc } from './initiatives.status';
import { resolveTargets, validateDefinition, type ScorecardDefinition } from './initiatives.validate';

export interface InitiativesServiceDeps extends ProgressDeps {
  db: Kysely<Database>;
  scorecards: ProgressDeps['scorecards'] & { definitionOf(ref: string): Promise<ScorecardDefinition | null> };
  log: (msg: string, extra?: object) => void;
}

const HISTORY_DAYS = 365;
/** `team-a`, `group:team-a` and `group:default/team-a` name the same team; '' is entities without an owner. */
const ownerRef = (text: string | undefined) => {
  if (text === undefined || text === '') return text;
  try {
    return stringifyEntityRef(parseEntityRef(text, { defaultKind: 'group' })).toLowerCase();
  } catch {
    throw new InputError(`owner: "${text}" is not an entity reference`);
  }
};
const sum = (rows: Array<Pick<DailyRow, 'met' | 'total' | 'entities' | 'entities_done'>>) => {
  const t = rows.reduce((a, r) => ({ met: a.met + r.met, total: a.total + r.total, entities: a.entities + r.entities, entitiesDone: a.entitiesDone + r.entities_done }), { met: 0, total: 0, entities: 0, entitiesDone: 0 });
  return { ...t, percent: percentOf(t.met, t.total) };
};

function summaryOf(row: InitiativeRow, daily: DailyRow[], today: string) {
  const progress = sum(daily);
  return {
    name: row.name, title: row.title, owner: row.owner_ref, scorecard: row.scorecard_ref, startDate: row.start_date, targetDate: row.target_date,
    status: deriveStatus(row.state, progress, row.target_date, today), progress,
  };
}

/** Initiatives (ADR 0029): stored definitions; progress read from the scorecards' stored results. */
export function createInitiativesService(deps: InitiativesServiceDeps) {
  const { db } = deps;

  async function load(name: string): Promise<InitiativeRow> {
    const row = await findInitiative(db, name);
    if (!row) throw new NotFoundError(`No initiative ${name}`);
    return row;
  }

  async function targetsOf(row: InitiativeRow): Promise<{ targets: Targets; def: ScorecardDefinition | null }> {
    const def = await deps.scorecards.definitionOf(row.scorecard_ref);
    return { def, targets: resolveTargets(row, def) };
  }

  /** Records today's progress per team from the stored results (replacing today's earlier record). */
  async function record(row: InitiativeRow): Promise<void> {
    const { targets } = await targetsOf(row);
    const tallies = await tallyByOwner(deps, targets);
    const at = new Date().toISOString();
    await recordDaily(db, row.name, todayUtc(), [...tallies].map(([owner, t]) => ({ owner_ref: owner, met: t.met, total: t.total, entities: t.entities, entities_done: t.entitiesDone, recorded_at: at })));
  }

  async function recordQuietly(row: InitiativeRow): Promise<void> {
    try {
      await record(row);
    } catch (err) {
      deps.log(`initiatives: recording the progress of ${row.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async function detail(actor: Actor, row: InitiativeRow) {
    const [daily, { def }] = await Promise.all([latestDaily(db, [row.name]), targetsOf(row)]);
    const ruleIds = resolveTargets(row, def).ruleIds;
    const manage = can(actor, 'initiatives.manage');
    return {
      ...summaryOf(row, daily, todayUtc()),
      brief: row.brief,
      briefHtml: renderBrief(row.brief),
      rules: (def?.rules ?? []).filter((r) => ruleIds.has(r.id)),
      level: row.level,
      filter: row.filter ? JSON.parse(row.filter) as Record<string, unknown> : null,
      createdAt: row.created_at, createdBy: row.created_by, updatedAt: row.updated_at, publishedAt: row.published_at, closedAt: row.closed_at,
      actions: { edit: manage && row.state !== 'closed', publish: manage && row.state === 'draft', close: manage && row.state !== 'closed' },
    };
  }

  async function change(actor: Actor, name: string, action: string, changes: Partial<InitiativeRow>, payload: Record<string, unknown>) {
    await db.transaction().execute(async (trx) => {
      await updateInitiative(trx, name, { ...changes, updated_at: new Date().toISOString() });
      await recordAudit(trx, actor, { action, target: `initiative:${name}`, outcome: 'success', payload });
    });
    const row = await load(name);
    await recordQuietly(row);
    return detail(actor, row);
  }

  return {
    async list() {
      const rows = await listInitiatives(db);
      const daily = await latestDaily(db, rows.map((r) => r.name));
      const today = todayUtc();
      return { items: rows.map((r) => summaryOf(r, daily.filter((d) => d.initiative === r.name), today)) };
    },

    async get(actor: Actor, name: string) {
      return detail(actor, await load(name));
    },

    async create(actor: Actor, input: CreateInitiativeRequest) {
      const fields = await validateDefinition(deps, input);
      if (await findInitiative(db, input.name)) throw new ConflictError(`An initiative named ${input.name} already exists`);
      const now = new Date().toISOString();
      const row: InitiativeRow = {
        name: input.name, ...fields, state: 'draft', created_at: now, created_by: actor.ref, updated_at: now, published_at: null, closed_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await insertInitiative(trx, row);
        await recordAudit(trx, actor, { action: 'initiatives.create', target: `initiative:${row.name}`, outcome: 'success', payload: { scorecard: row.scorecard_ref, startDate: row.start_date, targetDate: row.target_date } });
      });
      await recordQuietly(row);
      return detail(actor, row);
    },

    async update(actor: Actor, name: string, patch: UpdateInitiativeRequest) {
      const row = await load(name);
      if (row.state === 'closed') throw new ConflictError(`Initiative ${name} is closed`);
      const current = {
        title: row.title, owner: row.owner_ref, brief: row.brief, scorecard: row.scorecard_ref, startDate: row.start_date, targetDate: row.target_date,
        rules: row.rule_ids ? JSON.parse(row.rule_ids) as string[] : undefined, level: row.level ?? undefined, filter: row.filter ? JSON.parse(row.filter) : undefined,
      };
      // `rules` and `level` replace each other; `filter: null` removes the filter.
      const targeting = patch.rules ? { rules: patch.rules, level: undefined } : patch.level ? { rules: undefined, level: patch.level } : {};
      const next = { ...current, ...patch, ...targeting, filter: patch.filter === null ? undefined : patch.filter ?? current.filter };
      const fields = await validateDefinition(deps, next);
      return change(actor, name, 'initiatives.update', fields, { fields: Object.keys(patch) });
    },

    async publish(actor: Actor, name: string) {
      const row = await load(name);
      if (row.state !== 'draft') throw new ConflictError(`Initiative ${name} is ${row.state}, not a draft`);
      return change(actor, name, 'initiatives.publish', { state: 'published', published_at: new Date().toISOString() }, {});
    },

    async close(actor: Actor, name: string) {
      const row = await load(name);
      if (row.state === 'closed') throw new ConflictError(`Initiative ${name} is already closed`);
      return change(actor, name, 'initiatives.close', { state: 'closed', closed_at: new Date().toISOString() }, { progress: sum(await latestDaily(db, [name])) });
    },

    /** Per team (as of the last record), per entity (live, paged by entity ref) and the daily history. */
    async progress(name: string, q: z.infer<typeof InitiativeProgressQuery>) {
      const row = await load(name);
      const daily = await latestDaily(db, [name]);
      const since = new Date(Date.now() - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
      const withPercent = (rows: Array<{ day: string; met: number; total: number }>) => rows.map((h) => ({ ...h, percent: percentOf(h.met, h.total) }));
      const owner = ownerRef(q.owner);
      const history = withPercent(await dailyTotals(db, name, since));
      const teamHistory = owner === undefined ? null : withPercent(await dailyTotals(db, name, since, owner));
      const teams = daily.map((d) => ({ owner: d.owner_ref, ...sum([d]) })).sort((a, b) => a.percent - b.percent || b.total - a.total || a.owner.localeCompare(b.owner));
      const { targets } = await targetsOf(row);
      const items: Array<{ entityRef: string; owner: string; met: number; total: number; percent: number }> = [];
      let nextCursor: string | null = null;
      await walkTargets(deps, targets, { after: q.after, owner }, (e) => {
        if (items.length === q.limit) {
          nextCursor = items[items.length - 1]?.entityRef ?? null;
          return false;
        }
        const met = e.rules.filter((r) => r.met).length;
        items.push({ entityRef: e.entityRef, owner: e.owner, met, total: e.rules.length, percent: percentOf(met, e.rules.length) });
      });
      return { overall: sum(daily), teams, history, teamHistory, entities: { items, nextCursor } };
    },

    /** What each team still has to fix: per entity, every targeted rule not met, with its message and fix. */
    async todo(name: string, q: z.infer<typeof InitiativeTodoQuery>) {
      const row = await load(name);
      const { targets } = await targetsOf(row);
      const teams = new Map<string, Array<{ entityRef: string; rules: Array<{ ruleId: string; title: string; level: string; status: string; message: string; fix: string | null }> }>>();
      let n = 0;
      let nextCursor: string | null = null;
      let last: string | null = null;
      await walkTargets(deps, targets, { after: q.after, owner: ownerRef(q.owner) }, (e) => {
        const open = e.rules.filter((r) => !r.met);
        if (open.length === 0) return;
        if (n === q.limit || teams.size === 500 && !teams.has(e.owner)) {
          nextCursor = last;
          return false;
        }
        const list = teams.get(e.owner) ?? [];
        list.push({ entityRef: e.entityRef, rules: open.map((r) => ({ ruleId: r.ruleId, title: r.title, level: r.level, status: r.status, message: r.message, fix: r.fix })) });
        teams.set(e.owner, list);
        n++;
        last = e.entityRef;
      });
      return { teams: [...teams].map(([owner, entities]) => ({ owner, entities })).sort((a, b) => a.owner.localeCompare(b.owner)), nextCursor };
    },

    /** After an evaluation pass: today's progress of every initiative not closed. */
    async recordAll(): Promise<void> {
      for (const row of await listInitiatives(db)) if (row.state !== 'closed') await recordQuietly(row);
    },
  };
}
export type InitiativesService = ReturnType<typeof createInitiativesService>;
