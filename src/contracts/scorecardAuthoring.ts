import { z } from 'zod';
import { LevelDistribution } from './scorecards';

/** zod contracts of scorecard authoring (ADR 0031): save, delete and preview through the API. */

const count = z.number().int().min(0);
const MAX_YAML = 256 * 1024;

/** A scorecard as YAML text, exactly as stored (one document, `kind: Scorecard`). */
export const ScorecardYamlBody = z.object({ yaml: z.string().min(1).max(MAX_YAML) });
export const ScorecardPutQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });

const Change = z.object({ entityRef: z.string(), owner: z.string(), before: z.string().nullable(), after: z.string().nullable() });

/**
 * What saving the candidate would change: levels before (stored results of the saved version, or none
 * for a new scorecard) and after (evaluated now, in-process, nothing stored). `null` in a change means
 * "out of the scorecard's scope". `complete` is false when the time budget ran out (`scanned` says how far).
 */
export const ScorecardPreviewResponse = z.object({
  entityRef: z.string(),
  exists: z.boolean(),
  levels: z.array(z.string()).max(10),
  complete: z.boolean(),
  scanned: count,
  ms: z.number(),
  before: z.object({ entities: count, distribution: LevelDistribution }),
  after: z.object({ entities: count, distribution: LevelDistribution }),
  gained: z.object({ count, sample: z.array(Change).max(50) }),
  lost: z.object({ count, sample: z.array(Change).max(50) }),
  /** Entities the candidate's filter adds to the scope, and those it drops. */
  entered: count,
  left: count,
  /** Per owner (team), entities that would gain or lose a level; teams without a change are left out. */
  teams: z.array(z.object({ owner: z.string(), entities: count, gained: count, lost: count })).max(10_000),
  rulePassRates: z.array(z.object({ ruleId: z.string(), level: z.string(), passed: count, failed: count, errors: count })).max(100),
});
export type ScorecardPreview = z.infer<typeof ScorecardPreviewResponse>;

export const ScorecardSaveResponse = z.object({
  entityRef: z.string(),
  created: z.boolean(),
  /** `managed:<ref>`: the managed location's document the entity comes from. */
  location: z.string(),
  /** The evaluation of the saved scorecard was queued; results follow within seconds. */
  evaluation: z.literal('queued'),
});
export const ScorecardPutResponse = z.union([ScorecardSaveResponse, ScorecardPreviewResponse]);

/** The text to edit: the saved document of a managed scorecard, or the document read from its file. */
export const ScorecardSourceResponse = z.object({
  entityRef: z.string(),
  yaml: z.string(),
  /** False for a scorecard from a file or git location: edit it there (code is its source of truth). */
  editable: z.boolean(),
  location: z.string(),
});
