import { z } from 'zod';
import { scorecardFilterSchema } from '../model';

/** zod contracts of the initiatives API (`/api/initiatives`, ADR 0029). */

export const INITIATIVE_LIMITS = { brief: 20_000, rules: 100 } as const;

const slug = z.string().min(1).max(63).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase words separated by -');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'expected a real calendar date');
const ref = z.string().min(1).max(1024);
const count = z.number().int().min(0);

/** draft: not published; active: published, not all met, target date not passed; done: every targeted pair met; overdue: past the target date and not done; closed: closed by hand. */
export const InitiativeStatus = z.enum(['draft', 'active', 'done', 'overdue', 'closed']);
export type InitiativeStatus = z.infer<typeof InitiativeStatus>;

const fields = {
  title: z.string().min(1).max(200),
  /** The team driving it, a Group ref (`group:default/platform` or `platform`). */
  owner: ref,
  /** Why and how, in Markdown. */
  brief: z.string().max(INITIATIVE_LIMITS.brief),
  /** The scorecard whose rules it targets (`scorecard:default/production-readiness` or `production-readiness`). */
  scorecard: ref,
  /** Targeted rule ids of the scorecard; or give `level`. */
  rules: z.array(slug).min(1).max(INITIATIVE_LIMITS.rules).optional(),
  /** Every rule of this level and the levels below it. */
  level: slug.optional(),
  /** Narrows the scorecard's entities (same filter object as scorecards). */
  filter: scorecardFilterSchema.optional(),
  startDate: day,
  targetDate: day,
};

export const CreateInitiativeRequest = z.object({ name: slug, ...fields, brief: fields.brief.default('') });
export type CreateInitiativeRequest = z.infer<typeof CreateInitiativeRequest>;

/** Changes some fields; `rules` and `level` replace each other; `filter: null` removes the filter. */
export const UpdateInitiativeRequest = z.object({
  ...fields,
  filter: scorecardFilterSchema.nullable().optional(),
}).partial();
export type UpdateInitiativeRequest = z.infer<typeof UpdateInitiativeRequest>;

export const InitiativeParams = z.object({ name: slug });

const Progress = z.object({ met: count, total: count, percent: z.number().min(0).max(100), entities: count, entitiesDone: count });

export const InitiativeSummarySchema = z.object({
  name: z.string(),
  title: z.string(),
  owner: z.string(),
  scorecard: z.string(),
  startDate: z.string(),
  targetDate: z.string(),
  status: InitiativeStatus,
  /** As of the last evaluation pass (recorded per day). */
  progress: Progress,
});
export const InitiativeListResponse = z.object({ items: z.array(InitiativeSummarySchema).max(1000) });

export const InitiativeDetailResponse = InitiativeSummarySchema.extend({
  brief: z.string(),
  /** The brief rendered from Markdown and sanitised on the server. */
  briefHtml: z.string(),
  rules: z.array(z.object({ id: z.string(), title: z.string(), level: z.string(), fix: z.string().nullable() })).max(100),
  level: z.string().nullable(),
  filter: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** What the caller may do here. */
  actions: z.object({ edit: z.boolean(), publish: z.boolean(), close: z.boolean() }),
});

export const InitiativeProgressQuery = z.object({
  owner: z.string().max(1024).optional(),
  after: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const HistoryPoint = z.object({ day: z.string(), met: count, total: count, percent: z.number() });
export const InitiativeProgressResponse = z.object({
  overall: Progress,
  teams: z.array(Progress.extend({ owner: z.string() })).max(10_000),
  /** Daily percent met, all teams together, oldest first. */
  history: z.array(HistoryPoint).max(1000),
  /** With `owner`: that team's daily percent met (and `entities` are that team's). */
  teamHistory: z.array(HistoryPoint).max(1000).nullable(),
  entities: z.object({
    items: z.array(z.object({ entityRef: z.string(), owner: z.string(), met: count, total: count, percent: z.number() })).max(500),
    nextCursor: z.string().nullable(),
  }),
});

export const InitiativeTodoQuery = z.object({
  owner: z.string().max(1024).optional(),
  after: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const InitiativeTodoResponse = z.object({
  /** Entities with at least one targeted rule not met, grouped by team (owner), in entity order. */
  teams: z.array(z.object({
    owner: z.string(),
    entities: z.array(z.object({
      entityRef: z.string(),
      rules: z.array(z.object({ ruleId: z.string(), title: z.string(), level: z.string(), status: z.string(), message: z.string(), fix: z.string().nullable() })).max(100),
    })).max(500),
  })).max(500),
  nextCursor: z.string().nullable(),
});
