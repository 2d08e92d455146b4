import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ActionListResponse, CreateTaskBodySchema, DryRunBodySchema, DryRunResult, ListTasksQuerySchema, TaskEventDto } from '../../../contracts/scaffolder';
import { parseEntityRef, stringifyEntityRef } from '../../../model';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit';
import { can } from '../../platform/authz';
import type { Database } from '../../platform/db/schema';
import { ConflictError, InputError, NotFoundError } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs';
import type { SecretBox } from '../../platform/secrets';
import type { CatalogService } from '../catalog/catalog.service';
import { RUN_TASK_JOB } from './scaffolder.jobs';
import { DRY_RUN_LOCATION, runContext } from './scaffolder.ports';
import type { DirectoryEntry, TemplateSourcePort } from './engine';
import { taskRepo } from './scaffolder.repo';
import { readTemplateFiles, stableTemplate } from './scaffolder.snapshot';
import { createMasker, parameterSchemaOf, presentTask, secretsContext, templateSteps, type ScaffolderEngine } from './scaffolder.task';

const DRY_RUN_TIMEOUT_MS = 5 * 60_000;
const LOCATION_ANNOTATION = 'backstage.io/managed-by-location';

/** A 400 that lists what was wrong, field by field or path by path, inside Backstage's error envelope (see routes). */
export class ProblemsError extends InputError {
  constructor(message: string, readonly problems: Array<{ field?: string; path?: string; message: string; line?: number }>) {
    super(message);
  }
}

export interface ScaffolderServiceDeps {
  db: Kysely<Database>;
  engine: ScaffolderEngine;
  jobs: Pick<JobQueue, 'enqueue' | 'wake'>;
  secrets: Pick<SecretBox, 'seal'>;
  catalog: Pick<CatalogService, 'byRef'>;
  /** `<dataDir>/scaffolder`: workspaces and dry-run scratch space live here. */
  scaffolderDir: string;
  /** Directories supplied by dry runs, shared with the template source port. */
  dryRunDirs: Map<string, string>;
  /** Reads a template's files (snapshots, ADR 0021). */
  sources: TemplateSourcePort;
}

type Entity = Record<string, unknown> & { kind?: string; metadata?: { name?: string; annotations?: Record<string, string> } };

/** The scaffolder's task layer: validates and submits tasks, reads them, cancels, retries, dry-runs. Routes authorize first. */
export function createScaffolderService(deps: ScaffolderServiceDeps) {
  const { db, engine } = deps;
  const mayManageAll = (actor: Actor) => can(actor, 'scaffolder.task.manage-all');

  async function loadTemplate(templateRef: string): Promise<{ ref: string; entity: Entity }> {
    let ref: string;
    try {
      ref = stringifyEntityRef(parseEntityRef(templateRef, { defaultKind: 'template', defaultNamespace: 'default' }));
    } catch (err) {
      throw new InputError(`Invalid templateRef "${templateRef}": ${err instanceof Error ? err.message : String(err)}`);
    }
    const entity = (await deps.catalog.byRef(ref)) as Entity | undefined;
    if (!entity || String(entity.kind).toLowerCase() !== 'template') throw new NotFoundError(`Template ${ref} not found`);
    return { ref, entity };
  }

  function assertValid(template: unknown, values: Record<string, unknown>, ref: string): void {
    const problems = engine.validateTemplate(template);
    if (problems.length > 0) {
      throw new ProblemsError(`Template ${ref} is invalid: ${problems.map((p) => `${p.path}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`).join('; ')}`, problems);
    }
    const fields = engine.validateValues(template, values);
    if (fields.length > 0) throw new ProblemsError(`Invalid values: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
  }

  /** A task the actor may see; someone else's is a 404, as revealing that it exists would leak. */
  async function visibleTask(actor: Actor, id: string) {
    const row = await taskRepo.get(db, id);
    if (!row || (row.created_by !== actor.ref && !mayManageAll(actor))) throw new NotFoundError(`Task with id ${id} does not exist`);
    return row;
  }

  const allowed = (actor: Actor) => ({ cancel: can(actor, 'scaffolder.task.cancel'), retry: can(actor, 'scaffolder.task.retry') });

  return {
    loadTemplate,

    async parameterSchema(templateRef: string) {
      return parameterSchemaOf((await loadTemplate(templateRef)).entity);
    },

    async templateProblems(templateRef: string) {
      const { ref, entity } = await loadTemplate(templateRef);
      const problems = engine.validateTemplate(entity);
      return { templateRef: ref, valid: problems.length === 0, problems };
    },

    listActions: () => engine.listActions() as z.infer<typeof ActionListResponse>,

    async createTask(actor: Actor, body: z.infer<typeof CreateTaskBodySchema>): Promise<{ id: string }> {
      const { ref, entity } = await loadTemplate(body.templateRef);
      assertValid(entity, body.values, ref);
      const id = randomUUID();
      const secrets = body.secrets && Object.keys(body.secrets).length > 0 ? deps.secrets.seal(JSON.stringify(body.secrets), secretsContext(id)) : null;
      await db.transaction().execute(async (trx) => {
        const jobId = await deps.jobs.enqueue(RUN_TASK_JOB, { taskId: id }, { trx });
        await taskRepo.insert(trx, {
          id, template_ref: ref, template: JSON.stringify(entity), task_values: JSON.stringify(body.values), encrypted_secrets: secrets,
          status: 'open', created_by: actor.ref, created_at: new Date().toISOString(), started_at: null, finished_at: null, last_heartbeat_at: null,
          cancel_requested_at: null, steps: JSON.stringify(templateSteps(entity).map((s) => ({ id: s.id, name: s.name, action: s.action, status: 'open' }))),
          checkpoint: null, registrations: '[]', output: null, error: null, dry_run: 0, workspace_dir: join(deps.scaffolderDir, 'workspaces', id), runs: 0, job_id: jobId,
        });
        // Secret names are not secret, but their values never reach the audit log.
        await recordAudit(trx, actor, { action: 'scaffolder.task.create', target: `task:${id}`, outcome: 'success', payload: { templateRef: ref, secrets: Object.keys(body.secrets ?? {}) } });
      });
      deps.jobs.wake();
      return { id };
    },

    async listTasks(actor: Actor, q: z.infer<typeof ListTasksQuerySchema>) {
      // Without manage-all an actor sees only its own tasks, whatever `createdBy` asks for.
      const createdBy = mayManageAll(actor) ? q.createdBy : (q.createdBy ?? [actor.ref]).filter((c) => c === actor.ref);
      if (createdBy && createdBy.length === 0) return { tasks: [], totalTasks: 0 };
      const { rows, total } = await taskRepo.list(db, { createdBy, status: q.status, limit: q.limit, offset: q.offset, order: q.order.startsWith('asc') ? 'asc' : 'desc' });
      return { tasks: rows.map((r) => presentTask(r, allowed(actor))), totalTasks: total };
    },

    async getTask(actor: Actor, id: string) {
      return presentTask(await visibleTask(actor, id), allowed(actor));
    },

    async events(actor: Actor, id: string, after?: number) {
      await visibleTask(actor, id);
      return (await taskRepo.events(db, id, after ?? 0)) as TaskEventDto[];
    },

    /** Whether the task reached a final state (the event stream closes then). */
    async isFinished(id: string) {
      const row = await db.selectFrom('scaffolder_tasks').select('status').where('id', '=', id).executeTakeFirst();
      return !row || ['completed', 'failed', 'cancelled'].includes(row.status);
    },

    /**
     * An open task is cancelled at once; a processing one is asked to stop (its runner sees the request
     * at its next heartbeat, aborts the engine, which runs compensations) and ends `cancelled`.
     */
    async cancelTask(actor: Actor, id: string): Promise<{ status: 'cancelled' }> {
      const row = await visibleTask(actor, id);
      await db.transaction().execute(async (trx) => {
        const now = new Date().toISOString();
        const done = await taskRepo.transition(trx, id, ['open'], { status: 'cancelled', finished_at: now, error: 'Cancelled' });
        if (done) await taskRepo.addEvent(trx, id, 'cancelled', { message: 'Task was cancelled before it started', status: 'cancelled' });
        else if (!(await taskRepo.transition(trx, id, ['processing'], { cancel_requested_at: now }))) throw new ConflictError(`Task ${id} is ${row.status}; only open or processing tasks can be cancelled`);
        await recordAudit(trx, actor, { action: 'scaffolder.task.cancel', target: `task:${id}`, outcome: 'success', payload: { templateRef: row.template_ref, was: done ? 'open' : 'processing' } });
      });
      return { status: 'cancelled' };
    },

    /**
     * Retry runs a failed or cancelled task again **from scratch**: a fresh workspace and no checkpoint.
     * A failed run has already undone what it could (compensations, registrations), so its checkpoint no
     * longer describes the world; starting over is the only safe choice. Same id; its events continue.
     */
    async retryTask(actor: Actor, id: string): Promise<{ id: string }> {
      const row = await visibleTask(actor, id);
      await db.transaction().execute(async (trx) => {
        const jobId = await deps.jobs.enqueue(RUN_TASK_JOB, { taskId: id }, { trx });
        const ok = await taskRepo.transition(trx, id, ['failed', 'cancelled'], {
          status: 'open', started_at: null, finished_at: null, last_heartbeat_at: null, cancel_requested_at: null, checkpoint: null,
          output: null, error: null, registrations: '[]', job_id: jobId,
          steps: JSON.stringify(templateSteps(JSON.parse(row.template)).map((s) => ({ id: s.id, name: s.name, action: s.action, status: 'open' }))),
        });
        if (!ok) throw new ConflictError(`Task ${id} is ${row.status}; only failed or cancelled tasks can be retried`);
        await taskRepo.addEvent(trx, id, 'log', { message: `Retry requested by ${actor.ref}: starting run ${row.runs + 1} from scratch` });
        await recordAudit(trx, actor, { action: 'scaffolder.task.retry', target: `task:${id}`, outcome: 'success', payload: { templateRef: row.template_ref, run: row.runs + 1 } });
      });
      deps.jobs.wake();
      return { id };
    },

    /** `POST /v2/dry-run`: of a template in the catalog, or of one given inline (with its files). */
    async dryRun(actor: Actor, body: z.infer<typeof DryRunBodySchema>): Promise<DryRunResult> {
      if (body.templateRef) {
        const { ref, entity } = await loadTemplate(body.templateRef);
        return dryRunTemplate(actor, { ...body, ref, template: entity });
      }
      return dryRunTemplate(actor, { ...body, ref: 'template:default/dry-run', template: body.template as Entity });
    },

    /** What re-renders the template later: the entity as the catalog holds it now and the files its fetch steps read (ADR 0021). */
    async snapshotTemplate(templateRef: string): Promise<{ templateRef: string; template: Record<string, unknown>; files: DirectoryEntry[]; byteCount: number; hash: string }> {
      const { ref, entity } = await loadTemplate(templateRef);
      const read = await readTemplateFiles(deps.sources, entity, join(deps.scaffolderDir, 'snapshots'));
      return { templateRef: ref, template: stableTemplate(entity), ...read };
    },

    /**
     * The files a template renders for `values`: a dry run in the sandbox (nothing published, registration
     * only previewed), of the catalog's template or of a snapshot (`template` + `files`). No secrets are given.
     */
    async renderFiles(actor: Actor, input: { templateRef: string; values: Record<string, unknown>; snapshot?: { template: Record<string, unknown>; files: DirectoryEntry[] } }): Promise<DirectoryEntry[]> {
      const { ref, entity } = input.snapshot ? { ref: input.templateRef, entity: input.snapshot.template as Entity } : await loadTemplate(input.templateRef);
      const result = await dryRunTemplate(actor, { ref, template: entity, values: input.values, ...(input.snapshot ? { directoryContents: input.snapshot.files } : {}) });
      return result.directoryContents;
    },

    /** For each entity, the newest completed task that registered it: its id, creator, template and values. */
    async creatingTasks(entityRefs: string[]): Promise<Map<string, { taskId: string; templateRef: string; createdBy: string; values: Record<string, unknown> }>> {
      const out = new Map<string, { taskId: string; templateRef: string; createdBy: string; values: Record<string, unknown> }>();
      for (const r of await taskRepo.creatingTasks(db, entityRefs)) {
        if (!out.has(r.entity_ref)) out.set(r.entity_ref, { taskId: r.id, templateRef: r.template_ref, createdBy: r.created_by, values: JSON.parse(r.task_values) as Record<string, unknown> });
      }
      return out;
    },
  };

  /**
   * Runs a template without side effects: the engine's dry-run mode (no publish, catalog registration
   * only previewed) in a scratch directory that is deleted afterwards. Nothing is stored.
   */
  async function dryRunTemplate(actor: Actor, body: { ref: string; template: Entity; values: Record<string, unknown>; secrets?: Record<string, string>; directoryContents?: DirectoryEntry[] }): Promise<DryRunResult> {
    const id = randomUUID();
    const scratch = join(deps.scaffolderDir, 'dry-runs', id);
    const ref = body.ref;
    let template = body.template;
    try {
      if (body.directoryContents) {
        // The supplied files stand in for the template's own directory.
        const dir = join(scratch, 'template');
        for (const f of body.directoryContents) {
          const out = resolve(dir, f.path);
          const rel = relative(dir, out);
          if (rel.startsWith('..') || isAbsolute(rel)) throw new InputError(`directoryContents: ${f.path} is outside the template directory`);
          await mkdir(dirname(out), { recursive: true });
          await writeFile(out, Buffer.from(f.base64Content, 'base64'), { mode: f.executable ? 0o755 : 0o644 });
        }
        deps.dryRunDirs.set(`${DRY_RUN_LOCATION}${id}`, dir);
        template = withLocation(template, `${DRY_RUN_LOCATION}${id}`);
      }
      assertValid(template, body.values, ref);
      const mask = createMasker(body.secrets ?? {});
      const log: DryRunResult['log'] = [];
      const workspace = join(scratch, 'workspace');
      await mkdir(workspace, { recursive: true });
      try {
        const result = await runContext.run({ actor }, () => engine.run({
          template, templateRef: ref, values: body.values, secrets: body.secrets, user: { ref: actor.ref }, workspaceDir: workspace, dryRun: true,
          signal: AbortSignal.timeout(DRY_RUN_TIMEOUT_MS),
          log: (e) => void log.push({ body: { message: mask(e.message), ...(e.stepId ? { stepId: e.stepId } : {}) } }),
          onStep: (s) => void log.push({ body: { message: `${s.status === 'processing' ? 'Beginning' : s.status === 'completed' ? 'Finished' : s.status} step ${s.name}`, stepId: s.id, status: s.status } }),
          saveCheckpoint: async () => undefined,
        }));
        return {
          log,
          directoryContents: result.files ?? [],
          output: JSON.parse(mask(JSON.stringify(result.output ?? {}))) as Record<string, unknown>,
          steps: templateSteps(template),
          stepStates: JSON.parse(mask(JSON.stringify(result.steps ?? []))) as DryRunResult['stepStates'],
        };
      } catch (err) {
        if (err instanceof Error && (err.name === 'TemplateStepError' || err.name === 'TemplateValidationError' || err.name === 'TemplateValuesError' || err.name === 'AbortError')) {
          throw new ProblemsError(mask(err.message), 'problems' in err && Array.isArray(err.problems) ? (err.problems as Array<{ message: string }>) : []);
        }
        throw err;
      }
    } finally {
      deps.dryRunDirs.delete(`${DRY_RUN_LOCATION}${id}`);
      await rm(scratch, { recursive: true, force: true });
    }
  }
}

function withLocation(template: Entity, location: string): Entity {
  const metadata = (template.metadata ?? {}) as NonNullable<Entity['metadata']>;
  return { ...template, metadata: { ...metadata, annotations: { ...(metadata.annotations ?? {}), [LOCATION_ANNOTATION]: location } } };
}

export type ScaffolderService = ReturnType<typeof createScaffolderService>;
