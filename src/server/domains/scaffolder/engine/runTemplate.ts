import type { ActionRegistry } from './actions/registry';
import { checkpointAfterCompensation, runCompensations } from './compensate';
import { ActionInputError, TemplateRunCancelledError, TemplateStepError, TemplateValidationError, TemplateValuesError, errorMessage } from './errors';
import { createRendererPool, type RendererPool } from './renderers';
import { isTruthy, renderOutput } from './renderOutput';
import { createSecretMasker, type SecretMasker } from './secretMask';
import { readTemplateDocument } from './templateDocument';
import { normalizeSteps, templateSchema, type NormalizedStep, type TemplateEntity } from './templateSchema';
import type { RunCheckpoint, RunTemplateInput, RunTemplateResult, ScaffolderDeps, TemplateStepState } from './types';
import { validateTemplate } from './validateTemplate';
import { prepareValues } from './validateValues';
import { listWorkspaceFiles, MAX_WORKSPACE_BYTES, MAX_WORKSPACE_FILES, serializeWorkspace } from './workspace';

export const MAX_ACTION_INPUT_BYTES = 1024 * 1024;
export const MAX_EACH_ITERATIONS = 200;
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

interface RunState {
  deps: ScaffolderDeps;
  registry: ActionRegistry;
  input: RunTemplateInput;
  template: TemplateEntity;
  values: Record<string, unknown>;
  mask: SecretMasker;
  renderers: RendererPool;
  checkpoint: RunCheckpoint;
  stepOutputs: Record<string, { output: Record<string, unknown> }>;
  log(message: string, stepId?: string, level?: 'info' | 'warn' | 'error'): void;
}

const now = () => new Date().toISOString();

/** Runs a v1beta3 template's steps in the workspace; see ScaffolderEngine.run. */
export async function runTemplate(deps: ScaffolderDeps, registry: ActionRegistry, input: RunTemplateInput): Promise<RunTemplateResult> {
  const mask = createSecretMasker(input.secrets);
  const log = (message: string, stepId?: string, level: 'info' | 'warn' | 'error' = 'info') =>
    input.log({ message: mask.text(message), ...(stepId ? { stepId } : {}), level });

  const problems = validateTemplate(input.template, (id) => registry.has(id));
  if (problems.length) throw new TemplateValidationError(problems);
  const template = templateSchema.parse(readTemplateDocument(input.template).value);
  const prepared = prepareValues(template, input.values);
  if (prepared.problems.length) throw new TemplateValuesError(prepared.problems.map((p) => ({ ...p, message: mask.text(p.message) })));

  const steps = normalizeSteps(template);
  const states: TemplateStepState[] = steps.map((s) => ({ id: s.id, name: s.name, action: s.action, status: 'open' }));
  const emit = (i: number, patch: Partial<TemplateStepState>) => {
    const next: TemplateStepState = { ...states[i]!, ...patch };
    states[i] = next;
    input.onStep({ ...next });
  };
  for (const [i] of states.entries()) emit(i, {});

  const run: RunState = {
    deps, registry, input, template, values: prepared.values, mask, log,
    renderers: createRendererPool(),
    checkpoint: {
      completed: { ...input.checkpoint?.completed },
      compensations: [...(input.checkpoint?.compensations ?? [])],
    },
    stepOutputs: {},
  };
  let current: NormalizedStep | undefined;
  try {
    for (const step of steps) {
      current = step;
      if (input.signal.aborted) throw new TemplateRunCancelledError(step.id);
      const done = run.checkpoint.completed[step.id];
      if (done) {
        run.stepOutputs[step.id] = { output: done.output };
        emit(step.index, { status: 'completed', output: done.output });
        log(`Step "${step.id}" completed before the restart; reusing its output`, step.id);
        continue;
      }
      emit(step.index, { status: 'processing', startedAt: now() });
      const outcome = await runStep(run, step);
      if (outcome === 'skipped') {
        emit(step.index, { status: 'skipped', endedAt: now() });
        continue;
      }
      emit(step.index, { status: 'completed', endedAt: now(), output: run.stepOutputs[step.id]?.output ?? {} });
    }
    current = undefined;
    const renderer = await run.renderers.get();
    let output: Record<string, unknown>;
    try {
      output = await renderOutput(template.spec.output, renderer, { parameters: run.values, steps: run.stepOutputs, user: input.user ?? {} });
    } catch (err) {
      throw new TemplateStepError({ stepId: '(output)', action: '(output)', reason: `rendering spec.output: ${errorMessage(err)}` });
    }
    const files = input.dryRun ? await serializeWorkspace(input.workspaceDir) : undefined;
    return { output: mask.value(output), steps: states.map((s) => ({ ...s })), ...(files ? { files } : {}) };
  } catch (err) {
    const cancelled = input.signal.aborted;
    if (current) {
      const state = states[current.index];
      if (state && (state.status === 'processing' || cancelled)) {
        emit(current.index, { status: cancelled ? 'cancelled' : 'failed', endedAt: now(), ...(cancelled ? {} : { error: mask.text(errorMessage(err)) }) });
      }
    }
    await runCompensations(run.checkpoint, registry, deps, log, mask);
    try {
      await input.saveCheckpoint(checkpointAfterCompensation(run.checkpoint, steps.map((s) => s.id)));
    } catch (saveErr) {
      // The run's own failure is what the caller needs to see; a stale checkpoint only means a retry redoes more.
      log(`Could not save the checkpoint after compensating: ${errorMessage(saveErr)}`, current?.id, 'error');
    }
    if (cancelled) {
      log('Template run cancelled', current?.id, 'warn');
      throw new TemplateRunCancelledError(current?.id);
    }
    const failure = toStepError(err, current, mask);
    log(failure.message, failure.stepId === '(output)' ? undefined : failure.stepId, 'error');
    throw failure;
  } finally {
    run.renderers.dispose();
  }
}

function toStepError(err: unknown, step: NormalizedStep | undefined, mask: SecretMasker): TemplateStepError {
  if (err instanceof TemplateStepError) {
    const masked = new TemplateStepError({ stepId: err.stepId, action: err.action, input: err.input, reason: '' });
    masked.message = mask.text(err.message);
    return masked;
  }
  const input = err instanceof ActionInputError ? err.input : undefined;
  return new TemplateStepError({ stepId: step?.id ?? '(run)', action: step?.action ?? '(run)', input, reason: mask.text(errorMessage(err)) });
}

/** Renders each top-level input on its own, so a template error names the input it is in. */
async function renderInput(run: RunState, step: NormalizedStep, context: Record<string, unknown>): Promise<Record<string, unknown>> {
  const renderer = await run.renderers.get();
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(step.input)) {
    try {
      const value = await renderer.renderValue(raw, context);
      if (value !== undefined) out[key] = value;
    } catch (err) {
      throw new ActionInputError(key, `template error: ${errorMessage(err)}`);
    }
  }
  const size = Buffer.byteLength(JSON.stringify(out), 'utf8');
  if (size > MAX_ACTION_INPUT_BYTES) throw new ActionInputError('(input)', `the rendered input is ${size} bytes, more than the ${MAX_ACTION_INPUT_BYTES}-byte limit`);
  return out;
}

async function iterations(run: RunState, step: NormalizedStep, context: Record<string, unknown>): Promise<Array<{ key: string; value: unknown } | undefined>> {
  if (step.each === undefined) return [undefined];
  let resolved: unknown;
  try {
    resolved = typeof step.each === 'string' ? await (await run.renderers.get()).renderValue(step.each, context) : step.each;
  } catch (err) {
    throw new ActionInputError('each', `template error: ${errorMessage(err)}`);
  }
  if (!resolved || typeof resolved !== 'object') throw new ActionInputError('each', `must be an array or an object, got ${JSON.stringify(resolved) ?? 'undefined'}`);
  const entries = Object.entries(resolved);
  if (entries.length > MAX_EACH_ITERATIONS) throw new ActionInputError('each', `has ${entries.length} items, more than ${MAX_EACH_ITERATIONS}`);
  return entries.map(([key, value]) => ({ key, value }));
}

/** Runs one step (all its `each` iterations), then checks the workspace bounds and saves the checkpoint. */
async function runStep(run: RunState, step: NormalizedStep): Promise<'completed' | 'skipped'> {
  const { input, mask, log } = run;
  const context: Record<string, unknown> = { parameters: run.values, steps: run.stepOutputs, user: input.user ?? {}, secrets: input.secrets ?? {} };
  if (step.if !== undefined) {
    let condition: unknown = step.if;
    if (typeof step.if === 'string') {
      try {
        condition = await (await run.renderers.get()).renderValue(step.if, context);
      } catch (err) {
        throw new ActionInputError('if', `template error: ${errorMessage(err)}`);
      }
    }
    if (!isTruthy(condition)) {
      log(`Skipping step "${step.id}": its condition is false`, step.id);
      return 'skipped';
    }
  }
  const action = run.registry.get(step.action);
  if (!action) throw new ActionInputError('action', `unknown action "${step.action}"`);
  log(`Beginning step "${step.name}" (${step.action})`, step.id);
  const output: Record<string, unknown> = {};
  const compensations: RunCheckpoint['compensations'] = [];
  for (const each of await iterations(run, step, context)) {
    if (input.signal.aborted) throw new TemplateRunCancelledError(step.id);
    const iterationContext = each ? { ...context, each } : context;
    const rendered = await renderInput(run, step, iterationContext);
    if (each) log(`Running step "${step.id}" for item ${each.key}`, step.id);
    const iterationOutput: Record<string, unknown> = {};
    await action.run(rendered, {
      stepId: step.id,
      workspacePath: input.workspaceDir,
      dryRun: !!input.dryRun,
      signal: input.signal,
      logger: { info: (m) => log(m, step.id, 'info'), warn: (m) => log(m, step.id, 'warn') },
      output: (name, value) => { iterationOutput[name] = value; },
      addCompensation: (undo) => compensations.push({ stepId: step.id, action: step.action, undo: mask.value(undo) }),
      templateInfo: {
        entityRef: input.templateRef,
        baseLocation: run.template.metadata.annotations?.[MANAGED_BY_LOCATION],
      },
      user: input.user,
      deps: run.deps,
      renderer: (opts) => run.renderers.get(opts),
    });
    for (const [name, value] of Object.entries(iterationOutput)) {
      if (each) output[name] = [...(Array.isArray(output[name]) ? output[name] : []), value];
      else output[name] = value;
    }
  }
  // Compensations count as soon as the action finished: if the bound check below fails, they still run.
  run.checkpoint.compensations.push(...compensations);
  await listWorkspaceFiles(input.workspaceDir, {
    files: run.deps.limits?.workspaceFiles ?? MAX_WORKSPACE_FILES,
    bytes: run.deps.limits?.workspaceBytes ?? MAX_WORKSPACE_BYTES,
  });
  const masked = mask.value(output);
  run.stepOutputs[step.id] = { output: masked };
  run.checkpoint.completed[step.id] = { output: masked };
  await input.saveCheckpoint(structuredClone(run.checkpoint));
  log(`Finished step "${step.name}"`, step.id);
  return 'completed';
}
