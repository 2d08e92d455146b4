import type { z } from 'zod';
import type { TemplateRenderer, TemplateRendererOptions } from '../../templating/index';
import type { ScaffolderDeps } from '../types';

export interface ActionLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** What a built-in action sees while it runs. */
export interface ActionContext<I> {
  input: I;
  stepId: string;
  workspacePath: string;
  dryRun: boolean;
  signal: AbortSignal;
  logger: ActionLogger;
  /** Sets one output of the step (masked for secrets by the runner). */
  output(name: string, value: unknown): void;
  /** Records how to undo what this step did; run in reverse order when a later step fails or the run is cancelled. */
  addCompensation(undo: Record<string, unknown>): void;
  templateInfo: { entityRef: string; baseLocation?: string };
  user?: { ref: string; entity?: Record<string, unknown> };
  deps: ScaffolderDeps;
  /** A sandboxed renderer with the given options; shared within the run and disposed at its end. */
  renderer(opts?: Pick<TemplateRendererOptions, 'cookiecutterCompat' | 'trimBlocks' | 'lstripBlocks'>): Promise<TemplateRenderer>;
}

export interface CompensationContext {
  deps: ScaffolderDeps;
  logger: ActionLogger;
}

export interface ActionDefinition<S extends z.ZodType> {
  id: string;
  description: string;
  schema: { input: S; output?: z.ZodType };
  handler(ctx: ActionContext<z.infer<S>>): Promise<void>;
  compensate?(undo: Record<string, unknown>, ctx: CompensationContext): Promise<void>;
}

/** An action with its input type erased, as the registry holds it. */
export interface TemplateAction {
  id: string;
  description: string;
  schema: { input: z.ZodType; output?: z.ZodType };
  /** Parses the rendered input (throwing ActionInputError naming the input) and runs the handler. */
  run(rawInput: unknown, ctx: Omit<ActionContext<unknown>, 'input'>): Promise<void>;
  compensate?(undo: Record<string, unknown>, ctx: CompensationContext): Promise<void>;
}
