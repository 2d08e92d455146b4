import { z } from 'zod';
import { createTemplateAction } from './engine';

const MAX_WAIT_MS = 10 * 60_000;

/**
 * Backstage's `debug:wait`, which the engine does not ship: waits for a while, honouring cancellation.
 * Useful to watch a task's live events, and what the crash-recovery tests use to hold a run mid-step.
 */
export const debugWaitAction = createTemplateAction({
  id: 'debug:wait',
  description: 'Waits for the given time (at most 10 minutes); cancelling the task ends the wait.',
  schema: {
    input: z.object({
      minutes: z.number().min(0).max(10).optional(),
      seconds: z.number().min(0).max(600).optional(),
      milliseconds: z.number().int().min(0).max(MAX_WAIT_MS).optional(),
    }),
  },
  async handler(ctx) {
    const ms = Math.min(MAX_WAIT_MS, (ctx.input.minutes ?? 0) * 60_000 + (ctx.input.seconds ?? 0) * 1000 + (ctx.input.milliseconds ?? 0));
    ctx.logger.info(`Waiting for ${ms} ms`);
    if (ctx.dryRun) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(Object.assign(new Error('Wait cancelled'), { name: 'AbortError' }));
      }, { once: true });
    });
  },
});
