import type { Kysely } from 'kysely';
import { stringifyEntityRef } from '../../../model';
import type { RuleResultDto } from '../../../contracts';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit';
import type { Database } from '../../platform/db/schema';
import { NotFoundError } from '../../platform/errors';
import type { CatalogService } from '../catalog/catalog.service';
import { levelChangesOf } from './scorecards.changes';
import { loadScorecards, type LoadedScorecard } from './scorecards.definitions';
import { evaluateAll, type EvaluationSummary, type FactsPort } from './scorecards.evaluate';
import { distributionOf, distributionOfOwner, historyOf, historyOfOwner, pageOfResults, resultsOfEntities, resultsOfScorecard, resultsPageOf } from './scorecards.repo';
import { exemptionsVersion } from './scorecards.exemptions.repo';
import { recordLapsedExemptions } from './scorecards.exemptions.service';

export interface ScorecardsServiceDeps {
  db: Kysely<Database>;
  catalog: Pick<CatalogService, 'byQuery' | 'servedVersions' | 'byRefs' | 'existingRefs' | 'generation'>;
  facts?: FactsPort & { generation(): Promise<string | undefined> };
}

const STATE_KEY = 'scorecards.evaluated';
const HISTORY_DAYS = 90;
type Distribution = Record<string, number>;

function distribution(levels: string[], rows: Array<{ level: string | null; n: number }>): Distribution {
  const out: Distribution = Object.fromEntries([...levels, 'none'].map((l) => [l, 0]));
  for (const r of rows) out[r.level ?? 'none'] = (out[r.level ?? 'none'] ?? 0) + r.n;
  return out;
}

const summaryOf = (card: LoadedScorecard, rows: Array<{ level: string | null; n: number }>) => ({
  entityRef: card.ref,
  namespace: card.entity.metadata.namespace ?? 'default',
  name: card.entity.metadata.name,
  title: card.entity.metadata.title ?? null,
  description: card.entity.metadata.description ?? null,
  owner: (card.entity.relations ?? []).find((r) => r.type === 'ownedBy')?.targetRef ?? String((card.entity.spec as { owner?: string }).owner ?? ''),
  levels: card.levels,
  rules: card.rules.length,
  entities: rows.reduce((n, r) => n + r.n, 0),
  distribution: distribution(card.levels, rows),
});

/** Scorecards over the catalog: evaluation (a job follows the catalog) and the read models of the API. */
export function createScorecardsService(deps: ScorecardsServiceDeps) {
  const { db, catalog } = deps;
  const evaluatedListeners: Array<() => Promise<void>> = [];

  async function findScorecard(namespace: string, name: string): Promise<LoadedScorecard> {
    const ref = stringifyEntityRef({ kind: 'scorecard', namespace, name }).toLowerCase();
    const card = (await loadScorecards(catalog)).find((c) => c.ref === ref);
    if (!card) throw new NotFoundError(`No scorecard ${ref}`);
    return card;
  }

  /** What the last evaluation saw: catalog and facts generations, the day (a new day records its history) and the exemptions in force. */
  async function inputsVersion(): Promise<string> {
    const now = new Date().toISOString();
    return `${(await catalog.generation()) ?? ''}:${(await deps.facts?.generation()) ?? ''}:${now.slice(0, 10)}:${await exemptionsVersion(db, now)}`;
  }

  return {
    /** Evaluates when the catalog or the facts changed since the last pass (or `force`). */
    async evaluate(opts: { force?: boolean } = {}): Promise<EvaluationSummary & { skipped: boolean }> {
      const version = await inputsVersion();
      const last = (await db.selectFrom('meta').select('value').where('key', '=', STATE_KEY).executeTakeFirst())?.value;
      if (!opts.force && last === version) return { skipped: true, evaluated: 0, unchanged: 0, removed: 0, ms: 0 };
      await recordLapsedExemptions(db);
      const summary = await evaluateAll({ db, catalog, facts: deps.facts }, await loadScorecards(catalog));
      await db.insertInto('meta').values({ key: STATE_KEY, value: version }).onConflict((oc) => oc.column('key').doUpdateSet({ value: version })).execute();
      // Listeners recount from the stored results (an initiative walks them all): only when results moved, or once a day for the history.
      const newDay = last?.split(':')[2] !== version.split(':')[2];
      if (summary.evaluated > 0 || summary.removed > 0 || newDay) for (const listener of evaluatedListeners) await listener();
      return { skipped: false, ...summary };
    },

    /** Records who asked for an evaluation (results are derived data; the request is the change). */
    async recordEvaluationRequest(actor: Actor): Promise<void> {
      await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'scorecards.evaluate', target: 'scorecards', outcome: 'success', payload: {} }));
    },

    async list() {
      const cards = await loadScorecards(catalog);
      const items = [];
      for (const card of cards) items.push(summaryOf(card, await distributionOf(db, card.ref)));
      return { items };
    },

    async get(namespace: string, name: string) {
      const card = await findScorecard(namespace, name);
      const rows = await distributionOf(db, card.ref);
      const owners = new Map<string, Array<{ level: string | null; n: number }>>();
      for (const r of rows) owners.set(r.owner_ref, [...(owners.get(r.owner_ref) ?? []), r]);
      const byOwner = [...owners].map(([owner, list]) => ({ owner, entities: list.reduce((n, r) => n + r.n, 0), distribution: distribution(card.levels, list) }))
        .sort((a, b) => b.entities - a.entities || a.owner.localeCompare(b.owner));
      const since = new Date(Date.now() - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
      const days = new Map<string, Array<{ level: string | null; n: number }>>();
      for (const h of await historyOf(db, card.ref, since)) days.set(h.day, [...(days.get(h.day) ?? []), { level: h.level === 'none' ? null : h.level, n: Number(h.n) }]);
      const passRates = new Map(card.rules.map((r) => [r.id, { ruleId: r.id, passed: 0, failed: 0, errors: 0 }]));
      for (const row of await resultsOfScorecard(db, card.ref)) {
        for (const r of JSON.parse(row.results) as RuleResultDto[]) {
          const rate = passRates.get(r.ruleId);
          if (!rate) continue;
          if (r.status === 'pass') rate.passed++;
          else if (r.status === 'fail') rate.failed++;
          else rate.errors++;
        }
      }
      return {
        ...summaryOf(card, rows),
        ruleDetails: card.rules.map((r) => ({ id: r.id, title: r.title, description: r.description ?? null, level: r.level, weight: r.weight, fix: r.fix ?? null, check: r.check as Record<string, unknown> })),
        byOwner,
        history: [...days].map(([day, list]) => ({ day, distribution: distribution(card.levels, list) })),
        rulePassRates: [...passRates.values()],
      };
    },

    async entities(namespace: string, name: string, q: { level?: string; owner?: string; limit: number; offset: number }) {
      const card = await findScorecard(namespace, name);
      const page = await pageOfResults(db, card.ref, q);
      return {
        items: page.items.map((r) => ({ entityRef: r.entity_ref, owner: r.owner_ref, level: r.level, score: Number(r.score), evaluatedAt: r.evaluated_at })),
        totalItems: page.total,
      };
    },

    /** One owner's (team's) entities per level in every scorecard, today and per day. */
    async forOwner(kind: string, namespace: string, name: string) {
      const owner = stringifyEntityRef({ kind, namespace, name }).toLowerCase();
      const since = new Date(Date.now() - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
      const [cards, rows, daily] = [await loadScorecards(catalog), await distributionOfOwner(db, owner), await historyOfOwner(db, owner, since)];
      const items = [];
      for (const card of cards) {
        const mine = rows.filter((r) => r.scorecard_ref === card.ref);
        if (mine.length === 0) continue;
        const days = new Map<string, Array<{ level: string | null; n: number }>>();
        for (const h of daily) if (h.scorecard_ref === card.ref) days.set(h.day, [...(days.get(h.day) ?? []), { level: h.level === 'none' ? null : h.level, n: Number(h.entities) }]);
        const summary = summaryOf(card, mine);
        items.push({
          scorecard: { entityRef: card.ref, namespace: summary.namespace, name: summary.name, title: summary.title, levels: card.levels },
          entities: summary.entities,
          distribution: summary.distribution,
          history: [...days].map(([day, list]) => ({ day, distribution: distribution(card.levels, list) })),
        });
      }
      return { owner, items };
    },

    /** One entity's level changes in every scorecard over the last 90 days, newest first. */
    async levelChanges(kind: string, namespace: string, name: string) {
      const ref = stringifyEntityRef({ kind, namespace, name }).toLowerCase();
      const [entity] = await catalog.byRefs([ref], ['kind']);
      if (!entity) throw new NotFoundError(`No entity ${ref}`);
      const since = new Date(Date.now() - HISTORY_DAYS * 86_400_000).toISOString();
      const rows = await levelChangesOf(db, ref, since, 500);
      return { entityRef: ref, items: rows.map((r) => ({ scorecardRef: r.scorecard_ref, at: r.at, from: r.from_level, to: r.to_level, score: Number(r.score) })) };
    },

    /** Every scorecard's result for one entity, with each rule, why it fails and how to fix it. */
    async forEntity(kind: string, namespace: string, name: string) {
      const ref = stringifyEntityRef({ kind, namespace, name }).toLowerCase();
      const [entity] = await catalog.byRefs([ref], ['kind']);
      if (!entity) throw new NotFoundError(`No entity ${ref}`);
      const cards = new Map((await loadScorecards(catalog)).map((c) => [c.ref, c]));
      const scores = [];
      for (const row of await resultsOfEntities(db, [ref])) {
        const card = cards.get(row.scorecard_ref);
        if (!card) continue;
        const rules = JSON.parse(row.results) as RuleResultDto[];
        const blocks = (r: RuleResultDto) => r.status !== 'pass' && r.exempt !== true;
        const failingAt = card.levels.find((l) => rules.some((r) => r.level === l && blocks(r)));
        scores.push({
          scorecard: { entityRef: card.ref, name: card.entity.metadata.name, title: card.entity.metadata.title ?? null, levels: card.levels },
          level: row.level,
          next: failingAt ? { level: failingAt, blocking: rules.filter((r) => r.level === failingAt && blocks(r)).map((r) => r.ruleId) } : null,
          score: Number(row.score),
          rules,
          evaluatedAt: row.evaluated_at,
        });
      }
      return { entityRef: ref, scores };
    },

    /** Called after every evaluation pass that ran (initiatives record their progress then, ADR 0029). */
    onEvaluated(listener: () => Promise<void>): void {
      evaluatedListeners.push(listener);
    },

    /** A scorecard's definition (levels, rules with their fix), or null when there is no such scorecard. */
    async definitionOf(ref: string) {
      const card = (await loadScorecards(catalog)).find((c) => c.ref === ref.toLowerCase());
      if (!card) return null;
      return {
        entityRef: card.ref, title: card.entity.metadata.title ?? null, levels: card.levels,
        rules: card.rules.map((r) => ({ id: r.id, title: r.title, level: r.level, fix: r.fix ?? null })),
      };
    },

    /** One page of stored results of a scorecard, entity order from `after`; rule results parsed. */
    async resultsPage(scorecardRef: string, q: { after?: string; owner?: string; limit: number }) {
      const rows = await resultsPageOf(db, scorecardRef.toLowerCase(), q);
      return rows.map((r) => ({ entityRef: r.entity_ref, owner: r.owner_ref, rules: JSON.parse(r.results) as RuleResultDto[] }));
    },
  };
}
export type ScorecardsService = ReturnType<typeof createScorecardsService>;

