import { z } from 'zod';

export const AuditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
  action: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
});

export const AuditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export const AuditListResponse = z.object({ items: z.array(AuditEventSchema) });
