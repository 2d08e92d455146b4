import { z } from 'zod';

export const WhoAmIResponse = z.object({
  actor: z.object({ kind: z.enum(['guest', 'token', 'system', 'user']), ref: z.string(), displayName: z.string() }),
  permissions: z.array(z.string()),
});
