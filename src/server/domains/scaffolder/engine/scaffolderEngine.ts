import { builtinActions, createActionRegistry } from './actions/registry';
import type { TemplateAction } from './actions/actionTypes';
import { runTemplate } from './runTemplate';
import type { ScaffolderDeps, ScaffolderEngine } from './types';
import { validateTemplate } from './validateTemplate';
import { validateValues } from './validateValues';

/**
 * The scaffolder engine: validates v1beta3 templates and values and runs template steps with the
 * built-in actions (plus `extraActions`). No HTTP and no database: the task layer persists checkpoints
 * and step states through the callbacks of `run`.
 */
export function createScaffolderEngine(deps: ScaffolderDeps, opts: { extraActions?: TemplateAction[] } = {}): ScaffolderEngine {
  const registry = createActionRegistry([...builtinActions(), ...(opts.extraActions ?? [])]);
  return {
    run: (input) => runTemplate(deps, registry, input),
    validateTemplate: (template) => validateTemplate(template, (id) => registry.has(id)),
    validateValues: (template, values) => validateValues(template, values),
    listActions: () => registry.list(),
  };
}
