import type { z } from 'zod';
import { ActionInputError } from '../errors';
import { formatPath } from '../templateDocument';
import type { ActionDefinition, TemplateAction } from './actionTypes';

export function createTemplateAction<S extends z.ZodType>(def: ActionDefinition<S>): TemplateAction {
  return {
    id: def.id,
    description: def.description,
    schema: def.schema,
    compensate: def.compensate,
    async run(rawInput, ctx) {
      const parsed = def.schema.input.safeParse(rawInput);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const input = issue && issue.path.length ? formatPath(issue.path) : '(input)';
        throw new ActionInputError(input, issue ? `${issue.message}` : 'invalid input');
      }
      await def.handler({ ...ctx, input: parsed.data });
    },
  };
}
