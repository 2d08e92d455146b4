import { z } from 'zod';

/** zod contracts of the scorecards API (`/api/scorecards`, ADR 0025). */

const ref = z.string().max(1024);
const count = z.number().int().min(0);
const name = z.string().min(1).max(255);

export const ScorecardParams = z.object({ namespace: z.string().min(1).max(63), name });
export const ScorecardEntityParams = z.object({ kind: z.string().min(1).max(63), namespace: z.string().min(1).max(63), name });

/** Entities per level; `none` counts those below the first level. */
export const LevelDistribution = z.record(z.string().max(63), count);

export const ScorecardSummarySchema = z.object({
  entityRef: ref,
  namespace: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  owner: ref,
  levels: z.array(z.string()).max(10),
  rules: count,
  entities: count,
  distribution: LevelDistribution,
});
export const ScorecardListResponse = z.object({ items: z.array(ScorecardSummarySchema).max(1000) });

export const ScorecardRuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  level: z.string(),
  weight: z.number(),
  fix: z.string().nullable(),
  /** The rule's check as written (the escape hatch: what is actually evaluated). */
  check: z.record(z.string(), z.unknown()),
});

export const ScorecardDetailResponse = ScorecardSummarySchema.extend({
  ruleDetails: z.array(ScorecardRuleSchema).max(100),
  /** Per owner (team), entities per level, most entities first. */
  byOwner: z.array(z.object({ owner: z.string(), entities: count, distribution: LevelDistribution })).max(10_000),
  /** Daily distribution over the last 90 days. */
  history: z.array(z.object({ day: z.string(), distribution: LevelDistribution })).max(400),
  /** Share of entities passing each rule. */
  rulePassRates: z.array(z.object({ ruleId: z.string(), passed: count, failed: count, errors: count })).max(100),
});

export const ScorecardEntitiesQuery = z.object({
  level: z.string().max(63).optional(),
  owner: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const ScorecardEntitiesResponse = z.object({
  items: z.array(z.object({ entityRef: ref, owner: z.string(), level: z.string().nullable(), score: z.number(), evaluatedAt: z.string() })).max(500),
  totalItems: count,
});

export const RuleResultSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  level: z.string(),
  weight: z.number(),
  status: z.enum(['pass', 'fail', 'error']),
  message: z.string(),
  fix: z.string().nullable(),
  /** An approved, unexpired exemption (ADR 0028): the rule counts as met for levels and score, whatever its status. */
  exempt: z.boolean().optional(),
  exemptionId: z.string().optional(),
  exemptionExpiresAt: z.string().optional(),
});
export type RuleResultDto = z.infer<typeof RuleResultSchema>;

export const EntityScoreSchema = z.object({
  scorecard: z.object({ entityRef: ref, name: z.string(), title: z.string().nullable(), levels: z.array(z.string()) }),
  level: z.string().nullable(),
  next: z.object({ level: z.string(), blocking: z.array(z.string()) }).nullable(),
  score: z.number(),
  rules: z.array(RuleResultSchema).max(100),
  evaluatedAt: z.string(),
});
export const EntityScoresResponse = z.object({ entityRef: ref, scores: z.array(EntityScoreSchema).max(1000) });

export const EvaluateResponse = z.object({ evaluated: count, unchanged: count, removed: count, ms: z.number() });

/** One owner's (team's) scores: for every scorecard with results for its entities, their levels today and per day. */
export const OwnerScoresResponse = z.object({
  owner: ref,
  items: z.array(z.object({
    scorecard: z.object({ entityRef: ref, namespace: z.string(), name: z.string(), title: z.string().nullable(), levels: z.array(z.string()) }),
    entities: count,
    distribution: LevelDistribution,
    /** Daily distribution of this owner's entities over the last 90 days. */
    history: z.array(z.object({ day: z.string(), distribution: LevelDistribution })).max(400),
  })).max(1000),
});

/** One entity's level changes per scorecard (newest first, last 90 days); a first result is not a change. */
export const EntityLevelChangesResponse = z.object({
  entityRef: ref,
  items: z.array(z.object({ scorecardRef: ref, at: z.string(), from: z.string().nullable(), to: z.string().nullable(), score: z.number() })).max(500),
});
