// Typed calls to the scaffolder API (Backstage's `/api/scaffolder/v2` routes). Shapes come from the
// server's zod contracts; 400s keep their field problems so the wizard can put them under the fields,
// and the task event stream is read with fetch (EventSource cannot send the Authorization header).
import type { z } from 'zod';
import type {
  ActionListResponse,
  DryRunResult,
  ParameterSchema,
  ScaffolderTaskDto,
  TaskEventDto,
  TaskListResponse,
  TaskStatus,
} from '../../../src/contracts/scaffolder';
import { ApiError, apiFetch, readToken } from './client';
import { queryEntities } from './catalog';
import type { Entity } from './types';

export type { DryRunResult, ParameterSchema, ScaffolderTaskDto as ScaffolderTask, TaskEventDto as TaskEvent, TaskStatus };
export type TaskList = z.infer<typeof TaskListResponse>;
export type ActionList = z.infer<typeof ActionListResponse>;

/** One problem of a rejected request: `field` for a value (`name`, `owner.email`), `path` for the template. */
export type FieldProblem = { field?: string; path?: string; message: string; line?: number };

/** A 400 (or other error) whose envelope listed problems (`error.problems`). */
export class ProblemsApiError extends ApiError {
  readonly problems: FieldProblem[];
  constructor(status: number, errorName: string, message: string, problems: FieldProblem[]) {
    super(status, errorName, message);
    this.problems = problems;
  }
}

const enc = encodeURIComponent;

function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const token = readToken();
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
}

function isProblem(p: unknown): p is FieldProblem {
  return !!p && typeof p === 'object' && typeof (p as { message?: unknown }).message === 'string';
}

/** POST with the JSON body; failures keep the envelope's `problems`. */
async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`/api/scaffolder${path}`, {
    method: 'POST',
    headers: authHeaders({ accept: 'application/json', 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
  const text = await res.text().catch(() => '');
  if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
  let name = 'Error';
  let message = `${res.status} ${res.statusText}`.trim();
  let problems: FieldProblem[] = [];
  try {
    const env = JSON.parse(text) as { error?: { name?: unknown; message?: unknown; problems?: unknown } };
    if (typeof env.error?.name === 'string') name = env.error.name;
    if (typeof env.error?.message === 'string') message = env.error.message;
    if (Array.isArray(env.error?.problems)) problems = env.error.problems.filter(isProblem);
  } catch {
    // Not JSON: keep the status line.
  }
  throw new ProblemsApiError(res.status, name, message, problems);
}

export const TEMPLATE_FIELDS = [
  'kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'metadata.tags',
  'metadata.annotations', 'spec.owner', 'spec.type',
];

/** Every Template in the catalog (a catalog query; templates are few, one page of 500 is plenty). */
export async function listTemplates(signal?: AbortSignal): Promise<Entity[]> {
  const page = await queryEntities({ filter: ['kind=template'], orderField: 'metadata.title,asc', limit: 500, fields: TEMPLATE_FIELDS }, signal);
  return page.items;
}

export function getParameterSchema(namespace: string, name: string, signal?: AbortSignal): Promise<ParameterSchema> {
  return apiFetch<ParameterSchema>(`/scaffolder/v2/templates/${enc(namespace)}/template/${enc(name)}/parameter-schema`, { signal });
}

export type TaskInput = { templateRef: string; values: Record<string, unknown>; secrets?: Record<string, string> };

export function createTask(input: TaskInput): Promise<{ id: string }> {
  return postJson<{ id: string }>('/v2/tasks', input);
}

export function dryRun(input: TaskInput): Promise<DryRunResult> {
  return postJson<DryRunResult>('/v2/dry-run', input);
}

export function getTask(id: string, signal?: AbortSignal): Promise<ScaffolderTaskDto> {
  return apiFetch<ScaffolderTaskDto>(`/scaffolder/v2/tasks/${enc(id)}`, { signal });
}

export type TaskListQuery = { createdBy?: string; status?: TaskStatus; limit?: number; offset?: number };

export function listTasks(q: TaskListQuery, signal?: AbortSignal): Promise<TaskList> {
  return apiFetch<TaskList>('/scaffolder/v2/tasks', { query: { createdBy: q.createdBy, status: q.status, limit: q.limit, offset: q.offset }, signal });
}

export function cancelTask(id: string): Promise<{ status: TaskStatus }> {
  return postJson<{ status: TaskStatus }>(`/v2/tasks/${enc(id)}/cancel`, {});
}

export function retryTask(id: string): Promise<{ id: string }> {
  return postJson<{ id: string }>(`/v2/tasks/${enc(id)}/retry`, {});
}

export function listActions(signal?: AbortSignal): Promise<ActionList> {
  return apiFetch<ActionList>('/scaffolder/v2/actions', { signal });
}

/**
 * Reads `GET /v2/tasks/:id/eventstream?after=N` as Server-Sent Events over fetch, calling `onEvent` per
 * event, until the server closes the stream (after `completion`/`cancelled`) or `signal` aborts.
 */
export async function streamTaskEvents(id: string, after: number, onEvent: (e: TaskEventDto) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(`/api/scaffolder/v2/tasks/${enc(id)}/eventstream${after > 0 ? `?after=${after}` : ''}`, {
    headers: authHeaders({ accept: 'text/event-stream' }),
    signal,
  });
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '');
    let message = `${res.status} ${res.statusText}`.trim();
    try {
      const env = JSON.parse(text) as { error?: { message?: unknown } };
      if (typeof env.error?.message === 'string') message = env.error.message;
    } catch {
      // keep the status line
    }
    throw new ApiError(res.status, 'Error', message);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (!data) continue;
      try {
        onEvent(JSON.parse(data) as TaskEventDto);
      } catch {
        // A malformed frame is skipped; the next one may still be good.
      }
    }
  }
}
