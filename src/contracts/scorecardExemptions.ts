import { z } from 'zod';

/** zod contracts of scorecard exemptions (`/api/scorecards/exemptions`, ADR 0028). */

/** The longest an exemption may run: a year; a standing exception is a change of the scorecard. */
export const EXEMPTION_MAX_DAYS = 365;

export const EXEMPTION_STATUSES = ['requested', 'approved', 'rejected', 'revoked', 'expired'] as const;
export const ExemptionStatus = z.enum(EXEMPTION_STATUSES);
export type ExemptionStatusValue = z.infer<typeof ExemptionStatus>;

const ref = z.string().min(1).max(1024);

export const ExemptionRequestBody = z.object({
  scorecardRef: ref,
  ruleId: z.string().min(1).max(63),
  entityRef: ref,
  /** Why the rule cannot be met now, and what happens instead. */
  reason: z.string().trim().min(10, 'expected a reason of at least 10 characters').max(2000),
  /** When the exemption lapses by itself: a date-time with offset, in the future, at most a year ahead. */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type ExemptionRequest = z.infer<typeof ExemptionRequestBody>;

export const ExemptionDecisionBody = z.object({ comment: z.string().trim().max(2000).optional() }).default({});

export const ExemptionParams = z.object({ id: z.uuid() });

export const ExemptionListQuery = z.object({
  status: ExemptionStatus.optional(),
  entityRef: z.string().max(1024).optional(),
  scorecardRef: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ExemptionAction = z.enum(['approve', 'reject', 'revoke']);

export const ExemptionSchema = z.object({
  id: z.string(),
  scorecardRef: z.string(),
  ruleId: z.string(),
  /** The rule's title while the scorecard still has the rule. */
  ruleTitle: z.string().nullable(),
  entityRef: z.string(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  status: ExemptionStatus,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  /** What the caller may do with it now (the UI hides the rest). */
  allowedActions: z.array(ExemptionAction).max(3),
});
export type ExemptionDto = z.infer<typeof ExemptionSchema>;

export const ExemptionListResponse = z.object({ items: z.array(ExemptionSchema).max(500), totalItems: z.number().int().min(0) });
