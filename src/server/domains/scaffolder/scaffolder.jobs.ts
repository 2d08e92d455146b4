import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../platform/actor';
import type { Database } from '../../platform/db/schema';
import type { JobContext } from '../../platform/jobs';
import type { SecretBox } from '../../platform/secrets';
import type { CatalogService } from '../catalog/catalog.service';
import type { RunCheckpoint, TemplateStepState } from './engine';
import { runContext } from './scaffolder.ports';
import { taskRepo, type TaskRow } from './scaffolder.repo';
import { createMasker, initialSteps, mergeStep, openSecrets, recoveryStrategy, registeredEntityRefs, type ScaffolderEngine } from './scaffolder.task';

export const RUN_TASK_JOB = 'scaffolder.run-task';
const HEARTBEAT_MS = 2_000;
/** A processing task whose heartbeat is older than this lost its process; its job lease is expired early. */
const STALE_HEARTBEAT_MS = 15_000;
/** Failed tasks keep their workspace for debugging: at most this many, for at most this long. */
const KEEP_FAILED_WORKSPACES = 20;
const KEEP_FAILED_MS = 7 * 24 * 3600_000;

interface Registration { type: string; target: string; locationId?: string }

/** Thrown when the server shuts down mid-run: the job is left to run again after restart (the recovery path). */
class ShutdownError extends Error {
  override name = 'ShutdownError';
}

export interface TaskRunnerDeps {
  db: Kysely<Database>;
  engine: ScaffolderEngine;
  secrets: Pick<SecretBox, 'open'>;
  catalog: Pick<CatalogService, 'listLocations' | 'deleteLocation'>;
  warn: (msg: string, extra?: object) => void;
}

/**
 * Runs one task as the durable job `scaffolder.run-task` (payload `{taskId}`).
 *
 * Recovery (a server killed mid-run, so the job runs again and finds its task still `processing`):
 * a `recovered` event is written, then — as in Backstage — what happens depends on the template's
 * `spec.EXPERIMENTAL_recovery.EXPERIMENTAL_strategy`:
 * - `startOver`: the run continues from the engine's last checkpoint (steps already completed are not
 *   repeated; the interrupted step runs again), in the same workspace.
 * - `none` or unset (Backstage's default): the task fails cleanly — catalog registrations it made are
 *   undone (tracked below, so none is left half-done) — and the workspace is kept for debugging.
 * We chose Backstage's default because a step interrupted half-way (a push, a registration) is not known
 * to be safe to repeat unless the template author says so.
 */
export function createTaskRunner(deps: TaskRunnerDeps) {
  const { db } = deps;

  async function failRecovered(row: TaskRow, mask: (s: string) => string): Promise<void> {
    const message = 'The server stopped while this task was running; it was failed on recovery because the template does not opt in to '
      + 'resuming (spec.EXPERIMENTAL_recovery.EXPERIMENTAL_strategy: startOver).';
    await undoRegistrations(row.id);
    const steps = (JSON.parse(row.steps) as TemplateStepState[]).map((s) => (s.status === 'processing' ? { ...s, status: 'failed' as const, endedAt: new Date().toISOString(), error: 'interrupted by a server restart' } : s));
    await finish(row.id, 'failed', { steps: JSON.stringify(steps), error: mask(message) });
    await taskRepo.addEvent(db, row.id, 'completion', { message: mask(message), status: 'failed', error: { name: 'TaskRecoveryError', message: mask(message) } });
  }

  /**
   * Runs the compensations recorded in the checkpoint of an interrupted run: the engine, given an already
   * aborted signal, stops before any step and undoes what the checkpoint says was done.
   */
  async function compensate(row: TaskRow, template: Record<string, unknown>, secrets: Record<string, string>, mask: (s: string) => string): Promise<void> {
    const checkpoint = row.checkpoint ? (JSON.parse(row.checkpoint) as RunCheckpoint) : undefined;
    if (!checkpoint?.compensations.length) return;
    await mkdir(row.workspace_dir, { recursive: true });
    const aborted = new AbortController();
    aborted.abort();
    const actor: Actor = { kind: 'token', ref: row.created_by, displayName: row.created_by, roles: ['editor'] };
    await runContext.run({ actor }, () => deps.engine.run({
      template, templateRef: row.template_ref, values: JSON.parse(row.task_values) as Record<string, unknown>, secrets, user: { ref: row.created_by },
      workspaceDir: row.workspace_dir, signal: aborted.signal, checkpoint,
      log: (e) => void taskRepo.addEvent(db, row.id, 'log', { message: mask(e.message), ...(e.stepId ? { stepId: e.stepId } : {}) }).catch(() => undefined),
      onStep: () => undefined,
      saveCheckpoint: async (c) => taskRepo.update(db, row.id, { checkpoint: JSON.stringify(c) }),
    })).catch(() => undefined);
  }

  async function finish(id: string, status: 'completed' | 'failed' | 'cancelled', patch: Partial<TaskRow>): Promise<void> {
    await taskRepo.transition(db, id, ['processing', 'open'], { ...patch, status, finished_at: new Date().toISOString(), cancel_requested_at: null });
  }

  async function registrations(id: string): Promise<Registration[]> {
    const row = await db.selectFrom('scaffolder_tasks').select('registrations').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.registrations) as Registration[]) : [];
  }
  async function saveRegistrations(id: string, list: Registration[]): Promise<void> {
    await taskRepo.update(db, id, { registrations: JSON.stringify(list) });
  }
  const same = (a: { type: string; target: string }, b: { type: string; target: string }) => a.type === b.type && a.target === b.target;

  /** Deletes the locations a failed or cancelled task registered that are still there (the engine's own undo may have run already). */
  async function undoRegistrations(taskId: string): Promise<void> {
    const list = await registrations(taskId);
    if (list.length === 0) return;
    const system: Actor = { kind: 'system', ref: `system:scaffolder:task/${taskId}`, displayName: 'Scaffolder', roles: ['admin'] };
    const locations = await deps.catalog.listLocations();
    for (const reg of list) {
      const target = reg.type === 'file' ? resolve(reg.target) : reg.target;
      const found = locations.find((l) => (reg.locationId ? l.id === reg.locationId : l.type === reg.type && l.target === target));
      if (found) await deps.catalog.deleteLocation(system, found.id).catch((err: unknown) => deps.warn(`task ${taskId}: could not undo registration of location ${found.id}: ${String(err)}`));
    }
    await saveRegistrations(taskId, []);
  }

  async function handle(ctx: JobContext): Promise<void> {
    const { taskId } = ctx.payload as { taskId: string };
    let row = await taskRepo.get(db, taskId);
    if (!row || ['completed', 'failed', 'cancelled'].includes(row.status)) return;
    const template = JSON.parse(row.template) as Record<string, unknown>;
    const secretValues = openSecrets(deps.secrets, row);
    const mask = createMasker(secretValues);
    let checkpoint: RunCheckpoint | undefined;
    if (row.status === 'processing') {
      await taskRepo.update(db, taskId, { last_heartbeat_at: new Date().toISOString() });
      await taskRepo.addEvent(db, taskId, 'recovered', { message: `Task recovered after an interruption (run ${row.runs}); strategy: ${recoveryStrategy(template)}` });
      if (recoveryStrategy(template) !== 'startOver') {
        await compensate(row, template, secretValues, mask);
        return failRecovered(row, mask);
      }
      checkpoint = row.checkpoint ? (JSON.parse(row.checkpoint) as RunCheckpoint) : undefined;
    } else {
      const started = await taskRepo.transition(db, taskId, ['open'], {
        status: 'processing', started_at: new Date().toISOString(), last_heartbeat_at: new Date().toISOString(), runs: row.runs + 1,
        steps: JSON.stringify(initialSteps(template)), checkpoint: null, output: null, error: null,
      });
      if (!started) return;
      await rm(row.workspace_dir, { recursive: true, force: true });
    }
    row = (await taskRepo.get(db, taskId)) as TaskRow;
    await mkdir(row.workspace_dir, { recursive: true });

    const cancel = new AbortController();
    const onShutdown = () => cancel.abort(new ShutdownError('server shutting down'));
    ctx.signal.addEventListener('abort', onShutdown, { once: true });
    let steps = JSON.parse(row.steps) as TemplateStepState[];
    let writes: Promise<unknown> = Promise.resolve();
    const queue = (fn: () => Promise<unknown>) => (writes = writes.then(fn).catch((err: unknown) => deps.warn(`task ${taskId}: could not persist progress: ${String(err)}`)));
    const heartbeat = setInterval(() => {
      void (async () => {
        await taskRepo.update(db, taskId, { last_heartbeat_at: new Date().toISOString() });
        const r = await db.selectFrom('scaffolder_tasks').select('cancel_requested_at').where('id', '=', taskId).executeTakeFirst();
        if (r?.cancel_requested_at && !cancel.signal.aborted) cancel.abort();
      })().catch(() => undefined);
    }, HEARTBEAT_MS);

    const actor: Actor = { kind: 'token', ref: row.created_by, displayName: row.created_by, roles: ['editor'] };
    const track = async (loc: { type: string; target: string }) => saveRegistrations(taskId, [...(await registrations(taskId)).filter((r) => !same(r, loc)), loc]);
    const untrack = async (loc: { type: string; target: string }) => saveRegistrations(taskId, (await registrations(taskId)).filter((r) => !same(r, loc)));
    try {
      const result = await runContext.run({ actor, track, untrack }, () => deps.engine.run({
        template, templateRef: row!.template_ref, values: JSON.parse(row!.task_values) as Record<string, unknown>, secrets: secretValues,
        user: { ref: row!.created_by }, workspaceDir: row!.workspace_dir, signal: cancel.signal, checkpoint,
        log: (e) => void queue(() => taskRepo.addEvent(db, taskId, 'log', { message: mask(e.message), ...(e.stepId ? { stepId: e.stepId } : {}), ...(e.level ? { level: e.level } : {}) })),
        onStep: (state) => {
          if (state.status === 'open') return;
          steps = mergeStep(steps, JSON.parse(mask(JSON.stringify(state))) as TemplateStepState);
          const snapshot = JSON.stringify(steps);
          const verb = state.status === 'processing' ? 'Beginning step' : state.status === 'completed' ? 'Finished step' : `Step ${state.status}:`;
          void queue(async () => {
            await taskRepo.update(db, taskId, { steps: snapshot });
            await taskRepo.addEvent(db, taskId, 'log', { message: `${verb} ${state.name}${state.error ? `: ${mask(state.error)}` : ''}`, stepId: state.id, status: state.status });
          });
        },
        saveCheckpoint: async (c) => {
          await queue(() => taskRepo.update(db, taskId, { checkpoint: JSON.stringify(c) }));
        },
      }));
      await writes;
      clearInterval(heartbeat);
      const output = JSON.parse(mask(JSON.stringify(result.output ?? {}))) as Record<string, unknown>;
      const finalSteps = result.steps?.length ? result.steps.map((s) => JSON.parse(mask(JSON.stringify(s))) as TemplateStepState) : steps;
      // Linked before the task says completed, so whoever sees it completed also finds what it created (ADR 0021).
      await taskRepo.linkEntities(db, taskId, row.template_ref, registeredEntityRefs(finalSteps), new Date().toISOString());
      await finish(taskId, 'completed', { output: JSON.stringify(output), steps: JSON.stringify(finalSteps) });
      await taskRepo.addEvent(db, taskId, 'completion', { message: 'Run completed with status: completed', status: 'completed', output });
      await rm(row.workspace_dir, { recursive: true, force: true });
    } catch (err) {
      clearInterval(heartbeat);
      await writes;
      if (cancel.signal.reason instanceof ShutdownError) throw cancel.signal.reason; // leave it processing: recovered on restart
      const cancelled = cancel.signal.aborted || (err instanceof Error && err.name === 'AbortError');
      const message = mask(err instanceof Error ? err.message : String(err));
      await undoRegistrations(taskId);
      const final = steps.map((s) => (s.status === 'processing' || s.status === 'open' ? { ...s, status: cancelled ? 'cancelled' as const : s.status === 'processing' ? 'failed' as const : 'skipped' as const } : s));
      if (cancelled) {
        await finish(taskId, 'cancelled', { steps: JSON.stringify(final), error: 'Cancelled' });
        await taskRepo.addEvent(db, taskId, 'cancelled', { message: 'Task was cancelled', status: 'cancelled' });
        await rm(row.workspace_dir, { recursive: true, force: true });
      } else {
        const stepId = err && typeof err === 'object' && 'stepId' in err ? String(err.stepId) : undefined;
        await finish(taskId, 'failed', { steps: JSON.stringify(final), error: message });
        await taskRepo.addEvent(db, taskId, 'completion', { message: `Run completed with status: failed: ${message}`, status: 'failed', ...(stepId ? { stepId } : {}), error: { name: err instanceof Error ? err.name : 'Error', message } });
        await sweepFailedWorkspaces();
      }
    } finally {
      clearInterval(heartbeat);
      ctx.signal.removeEventListener('abort', onShutdown);
    }
  }

  /** Keeps the newest failed workspaces (bounded in number and age) and deletes the rest. */
  async function sweepFailedWorkspaces(): Promise<void> {
    const failed = await taskRepo.failedWithWorkspace(db);
    const cutoff = new Date(Date.now() - KEEP_FAILED_MS).toISOString();
    for (const [i, t] of failed.entries()) {
      if (i >= KEEP_FAILED_WORKSPACES || (t.finished_at ?? '') < cutoff) await rm(t.workspace_dir, { recursive: true, force: true });
    }
  }

  /**
   * A processing task whose heartbeat stopped belongs to a dead process: expire its job's lease now
   * instead of after the job queue's full lease, so another instance (or this one after restart) recovers it.
   */
  async function expireStaleLeases(): Promise<void> {
    const stale = new Date(Date.now() - STALE_HEARTBEAT_MS).toISOString();
    const now = new Date().toISOString();
    await sql`UPDATE jobs SET lease_until = ${now}
      WHERE type = ${RUN_TASK_JOB} AND status = 'running' AND lease_until > ${now}
        AND id IN (SELECT job_id FROM scaffolder_tasks WHERE status = 'processing' AND last_heartbeat_at < ${stale} AND job_id IS NOT NULL)`.execute(db);
  }

  return { handle, sweepFailedWorkspaces, expireStaleLeases, undoRegistrations };
}
