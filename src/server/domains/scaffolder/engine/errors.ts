/** A step failed. The message names the step, the action, the input when known, and the reason. */
export class TemplateStepError extends Error {
  override readonly name = 'TemplateStepError';
  readonly stepId: string;
  readonly action: string;
  readonly input: string | undefined;

  constructor(details: { stepId: string; action: string; input?: string; reason: string }) {
    const where = details.input ? `, input "${details.input}"` : '';
    super(`Step "${details.stepId}" (${details.action}${where}) failed: ${details.reason}`);
    this.stepId = details.stepId;
    this.action = details.action;
    this.input = details.input;
  }
}

/** Thrown by an action when one of its inputs is wrong; the runner turns it into a TemplateStepError naming the input. */
export class ActionInputError extends Error {
  override readonly name = 'ActionInputError';
  constructor(readonly input: string, message: string) {
    super(message);
  }
}

/** The run was cancelled through its AbortSignal (after compensations ran). */
export class TemplateRunCancelledError extends Error {
  override readonly name = 'AbortError';
  readonly stepId: string | undefined;
  constructor(stepId?: string) {
    super(stepId ? `Template run cancelled during step "${stepId}"` : 'Template run cancelled');
    this.stepId = stepId;
  }
}

/** The template itself is invalid (shape, actions, schemas); nothing ran. */
export class TemplateValidationError extends Error {
  override readonly name = 'TemplateValidationError';
  constructor(readonly problems: Array<{ path: string; message: string; line?: number }>) {
    super(`Template is invalid: ${problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  }
}

/** The submitted values do not satisfy the template's parameters; nothing ran. */
export class TemplateValuesError extends Error {
  override readonly name = 'TemplateValuesError';
  constructor(readonly problems: Array<{ field: string; message: string }>) {
    super(`Invalid values: ${problems.slice(0, 5).map((p) => `${p.field} ${p.message}`).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
