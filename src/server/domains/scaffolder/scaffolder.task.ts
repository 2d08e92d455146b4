import type { ScaffolderTaskDto, TaskStatus } from '../../../contracts/scaffolder';
import type { SecretBox } from '../../platform/secrets';
import type { createScaffolderEngine, TemplateStepState } from './engine';
import type { TaskRow } from './scaffolder.repo';

export type ScaffolderEngine = ReturnType<typeof createScaffolderEngine>;

export const secretsContext = (taskId: string) => `scaffolder_tasks.encrypted_secrets:${taskId}`;

/** The task's secrets, opened for the run only; they are never written anywhere else. */
export function openSecrets(secrets: Pick<SecretBox, 'open'>, row: Pick<TaskRow, 'id' | 'encrypted_secrets'>): Record<string, string> {
  return row.encrypted_secrets ? (JSON.parse(secrets.open(row.encrypted_secrets, secretsContext(row.id))) as Record<string, string>) : {};
}

/** Replaces every secret value in a string with `***` — applied to every log line, error and output we store. */
export function createMasker(secrets: Record<string, string>): (s: string) => string {
  const values = [...new Set(Object.values(secrets).filter((v) => typeof v === 'string' && v.length >= 2))].sort((a, b) => b.length - a.length);
  return (s) => {
    let out = s;
    for (const v of values) {
      if (out.includes(v)) out = out.split(v).join('***');
      // The same secret inside JSON text is escaped; mask that form too.
      const escaped = JSON.stringify(v).slice(1, -1);
      if (escaped !== v && out.includes(escaped)) out = out.split(escaped).join('***');
    }
    return out;
  };
}

interface TemplateLike { metadata?: { name?: string; title?: string; description?: string; annotations?: Record<string, string> }; spec?: Record<string, unknown> }
const spec = (t: unknown) => ((t as TemplateLike)?.spec ?? {}) as Record<string, unknown>;

/** The template's steps as they are before anything ran: ids default to `step-<n>`, names to the action (Backstage). */
export function templateSteps(template: unknown): Array<{ id: string; name: string; action: string } & Record<string, unknown>> {
  const steps = Array.isArray(spec(template).steps) ? (spec(template).steps as Array<Record<string, unknown>>) : [];
  return steps.map((s, i) => ({ ...s, id: typeof s.id === 'string' ? s.id : `step-${i + 1}`, name: typeof s.name === 'string' ? s.name : String(s.action), action: String(s.action) }));
}

/** The entities a run registered: the `entityRef` outputs of its completed `catalog:register` steps. */
export function registeredEntityRefs(steps: readonly TemplateStepState[]): string[] {
  return [...new Set(steps
    .filter((s) => s.action === 'catalog:register' && s.status === 'completed' && typeof s.output?.entityRef === 'string')
    .map((s) => String(s.output?.entityRef).toLowerCase()))];
}

export function initialSteps(template: unknown): TemplateStepState[] {
  return templateSteps(template).map((s) => ({ id: s.id, name: s.name, action: s.action, status: 'open' }));
}

export function mergeStep(steps: TemplateStepState[], state: TemplateStepState): TemplateStepState[] {
  return steps.some((s) => s.id === state.id) ? steps.map((s) => (s.id === state.id ? { ...s, ...state } : s)) : [...steps, state];
}

/** Backstage's `spec.EXPERIMENTAL_recovery.EXPERIMENTAL_strategy`: `none` (default) or `startOver`. */
export function recoveryStrategy(template: unknown): 'none' | 'startOver' {
  const r = spec(template).EXPERIMENTAL_recovery as { EXPERIMENTAL_strategy?: unknown } | undefined;
  return r?.EXPERIMENTAL_strategy === 'startOver' ? 'startOver' : 'none';
}

/** `GET /v2/templates/:ns/:kind/:name/parameter-schema`: one step per parameter page. */
export function parameterSchemaOf(template: unknown) {
  const t = template as TemplateLike;
  const params = spec(template).parameters;
  const pages = (Array.isArray(params) ? params : params ? [params] : []) as Array<Record<string, unknown>>;
  return {
    title: t.metadata?.title ?? t.metadata?.name ?? 'Template',
    ...(t.metadata?.description ? { description: t.metadata.description } : {}),
    steps: pages.map((p) => ({
      title: typeof p.title === 'string' ? p.title : 'Please enter the following information',
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
      schema: p,
    })),
  };
}

/**
 * Presenter: exactly what leaves the server for a task. No secrets (not even their names), no
 * workspace path, no checkpoint or registrations.
 */
export function presentTask(row: TaskRow, allowed: { cancel: boolean; retry: boolean }): ScaffolderTaskDto {
  const template = JSON.parse(row.template) as TemplateLike;
  const s = spec(template);
  const status = row.status as TaskStatus;
  return {
    id: row.id,
    spec: {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      parameters: JSON.parse(row.task_values) as Record<string, unknown>,
      steps: templateSteps(template),
      output: (s.output ?? {}) as Record<string, unknown>,
      templateInfo: {
        entityRef: row.template_ref,
        ...(template.metadata?.annotations?.['backstage.io/managed-by-location'] ? { baseUrl: template.metadata.annotations['backstage.io/managed-by-location'] } : {}),
        entity: { metadata: (template.metadata ?? {}) as Record<string, unknown> },
      },
      user: { ref: row.created_by },
      ...(s.EXPERIMENTAL_recovery ? { EXPERIMENTAL_recovery: s.EXPERIMENTAL_recovery } : {}),
    },
    status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    ...(row.last_heartbeat_at ? { lastHeartbeatAt: row.last_heartbeat_at } : {}),
    ...(row.started_at ? { startedAt: row.started_at } : {}),
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    steps: JSON.parse(row.steps) as TemplateStepState[],
    ...(row.output ? { output: JSON.parse(row.output) as Record<string, unknown> } : {}),
    ...(row.error ? { error: row.error } : {}),
    runs: row.runs,
    permissions: {
      cancel: allowed.cancel && (status === 'open' || status === 'processing'),
      retry: allowed.retry && (status === 'failed' || status === 'cancelled'),
    },
  };
}
