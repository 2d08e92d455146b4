export { createScaffolderEngine } from './scaffolderEngine';
export { createTemplateAction } from './actions/createTemplateAction';
export type { ActionContext, TemplateAction } from './actions/actionTypes';
export { createTemplateSource } from './templateSource';
export type { TemplateSourceOptions } from './templateSource';
export { ActionInputError, TemplateRunCancelledError, TemplateStepError, TemplateValidationError, TemplateValuesError } from './errors';
export { MAX_WORKSPACE_BYTES, MAX_WORKSPACE_FILES, WorkspaceLimitError } from './workspace';
export { MAX_STEPS } from './templateSchema';
export type {
  ActionDescription, DirectoryEntry, FieldProblem, RunCheckpoint, RunTemplateInput, RunTemplateResult, ScaffolderCatalogPort,
  ScaffolderDeps, ScaffolderEngine, StepLogEvent, TemplateProblem, TemplateSourcePort, TemplateStepState, TemplateStepStatus,
} from './types';
