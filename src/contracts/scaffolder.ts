import { z } from 'zod';

/**
 * zod contracts of the scaffolder API: Backstage's `/api/scaffolder/v2` routes (paths, shapes and status
 * codes of @backstage/plugin-scaffolder-common) plus Paved's additions (marked). Used by the server and the CLI.
 */

const str = (max = 1024) => z.string().max(max);
const values = z.record(str(256), z.unknown());
/** Secrets are write-only: accepted on create and dry-run, never part of a response. */
const secrets = z.record(str(256), str(16_384)).refine((s) => Object.keys(s).length <= 50, 'at most 50 secrets');

export const TASK_STATUSES = ['open', 'processing', 'completed', 'failed', 'cancelled'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export const TASK_EVENT_TYPES = ['log', 'completion', 'cancelled', 'recovered'] as const;
export const TaskEventTypeSchema = z.enum(TASK_EVENT_TYPES);

/** POST /v2/tasks */
export const CreateTaskBodySchema = z.object({
  templateRef: str(1024).min(1),
  values: values.default({}),
  secrets: secrets.optional(),
});
export const CreateTaskResponse = z.object({ id: z.string() });

const repeated = (max = 256) => z.union([str(max), z.array(str(max)).max(50)]).optional()
  .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));

/** GET /v2/tasks — `order` is `asc:createdAt` / `desc:createdAt` (Backstage), default newest first. */
export const ListTasksQuerySchema = z.object({
  createdBy: repeated(),
  status: z.union([TaskStatusSchema, z.array(TaskStatusSchema).max(5)]).optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  order: z.enum(['asc:createdAt', 'desc:createdAt', 'asc', 'desc']).default('desc:createdAt'),
});

export const TaskStepStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  action: z.string(),
  status: z.enum(['open', 'processing', 'completed', 'failed', 'skipped', 'cancelled']),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  output: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});
export type TaskStepState = z.infer<typeof TaskStepStateSchema>;

export const TaskSpecSchema = z.looseObject({
  apiVersion: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  steps: z.array(z.looseObject({ id: z.string(), name: z.string(), action: z.string() })),
  output: z.record(z.string(), z.unknown()),
  templateInfo: z.object({ entityRef: z.string(), baseUrl: z.string().optional(), entity: z.object({ metadata: z.record(z.string(), z.unknown()) }).optional() }),
  user: z.object({ ref: z.string() }).optional(),
});

/** A task as Backstage serialises it (`ScaffolderTask` + `createdBy`), plus Paved's step states, output and allowed actions. */
export const TaskSchema = z.object({
  id: z.string(),
  spec: TaskSpecSchema,
  status: TaskStatusSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  lastHeartbeatAt: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** Paved: the per-step states as last persisted. */
  steps: z.array(TaskStepStateSchema),
  /** Paved: the template's rendered `spec.output` once completed. */
  output: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
  /** Paved: how many times the task was started (1 + retries). */
  runs: z.number(),
  /** Paved: what the caller may do with the task, so the UI can hide the rest. */
  permissions: z.object({ cancel: z.boolean(), retry: z.boolean() }),
});
export type ScaffolderTaskDto = z.infer<typeof TaskSchema>;
export const TaskListResponse = z.object({ tasks: z.array(TaskSchema), totalTasks: z.number() });

export const TaskIdParams = z.object({ taskId: str(64) });
export const EventsQuerySchema = z.object({ after: z.coerce.number().int().min(0).optional() });

export const TaskEventSchema = z.object({
  id: z.number(),
  taskId: z.string(),
  type: TaskEventTypeSchema,
  body: z.looseObject({ message: z.string(), stepId: z.string().optional(), status: z.string().optional() }),
  createdAt: z.string(),
});
export type TaskEventDto = z.infer<typeof TaskEventSchema>;
export const TaskEventListResponse = z.array(TaskEventSchema);

export const CancelTaskResponse = z.object({ status: TaskStatusSchema });
export const RetryTaskResponse = z.object({ id: z.string() });

const DirectoryFileSchema = z.object({ path: str(1024), base64Content: z.string().max(8 * 1024 * 1024), executable: z.boolean().optional() });

/** POST /v2/dry-run — Paved also accepts `templateRef` instead of an inline `template`. */
export const DryRunBodySchema = z.object({
  template: z.unknown().optional(),
  templateRef: str(1024).optional(),
  values: values.default({}),
  secrets: secrets.optional(),
  directoryContents: z.array(DirectoryFileSchema).max(5000).optional(),
}).refine((b) => (b.template === undefined) !== (b.templateRef === undefined), { message: 'give either template or templateRef' });

export const DryRunResponse = z.object({
  log: z.array(z.object({ body: z.looseObject({ message: z.string(), stepId: z.string().optional(), status: z.string().optional() }) })),
  directoryContents: z.array(DirectoryFileSchema),
  output: z.record(z.string(), z.unknown()),
  steps: z.array(z.looseObject({ id: z.string(), name: z.string(), action: z.string() })),
  /** Paved: the step states of the dry run. */
  stepStates: z.array(TaskStepStateSchema).optional(),
});
export type DryRunResult = z.infer<typeof DryRunResponse>;

export const TemplateNameParams = z.object({ namespace: str(63), kind: str(63), name: str(255) });
export const ParameterSchemaResponse = z.object({
  title: z.string(),
  description: z.string().optional(),
  steps: z.array(z.object({ title: z.string(), description: z.string().optional(), schema: z.record(z.string(), z.unknown()) })),
});
export type ParameterSchema = z.infer<typeof ParameterSchemaResponse>;

/** Paved: GET /v2/templates/:namespace/:kind/:name/problems */
export const TemplateProblemsResponse = z.object({
  templateRef: z.string(),
  valid: z.boolean(),
  problems: z.array(z.object({ path: z.string(), message: z.string(), line: z.number().optional() })),
});

export const ActionListResponse = z.array(z.object({
  id: z.string(),
  description: z.string().optional(),
  schema: z.object({ input: z.record(z.string(), z.unknown()).optional(), output: z.record(z.string(), z.unknown()).optional() }).optional(),
}));

/** Field problems carried by the 400 of task creation and dry-run, inside Backstage's error envelope. */
export const FieldProblemSchema = z.object({ field: z.string(), message: z.string() });

/**
 * The `field` of a value problem (`owner.name`, `tags[2]`, or `(values)` for the whole object) from a JSON
 * Pointer such as ajv's `instancePath`, plus an optional child key. Server 400s and the web form both name
 * fields this way, so a server problem lands under the right form field.
 */
export function fieldOfJsonPointer(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || '(values)';
}
