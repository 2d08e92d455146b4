import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';

export type TaskRow = Database['scaffolder_tasks'];
export type TaskEventType = 'log' | 'completion' | 'cancelled' | 'recovered';
export interface TaskEventRow { id: number; taskId: string; type: TaskEventType; body: Record<string, unknown>; createdAt: string }

const now = () => new Date().toISOString();

/** SQL of the scaffolder: tasks and their events. Every write takes the connection or transaction it runs in. */
export const taskRepo = {
  async insert(db: Kysely<Database>, row: TaskRow): Promise<void> {
    await db.insertInto('scaffolder_tasks').values(row).execute();
  },

  get(db: Kysely<Database>, id: string): Promise<TaskRow | undefined> {
    return db.selectFrom('scaffolder_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async list(db: Kysely<Database>, q: { createdBy?: string[]; status?: string[]; limit: number; offset: number; order: 'asc' | 'desc' }): Promise<{ rows: TaskRow[]; total: number }> {
    let base = db.selectFrom('scaffolder_tasks');
    if (q.createdBy?.length) base = base.where('created_by', 'in', q.createdBy);
    if (q.status?.length) base = base.where('status', 'in', q.status);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('created_at', q.order).orderBy('id', q.order).limit(q.limit).offset(q.offset).execute(),
      base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  async update(db: Kysely<Database>, id: string, patch: Partial<TaskRow>): Promise<void> {
    await db.updateTable('scaffolder_tasks').set(patch).where('id', '=', id).execute();
  },

  /** Moves a task from one of `from` to `patch.status`; false when another writer got there first. */
  async transition(db: Kysely<Database>, id: string, from: string[], patch: Partial<TaskRow>): Promise<boolean> {
    const r = await db.updateTable('scaffolder_tasks').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async addEvent(db: Kysely<Database>, taskId: string, type: TaskEventType, body: Record<string, unknown>): Promise<void> {
    await db.insertInto('scaffolder_task_events').values({ task_id: taskId, type, body: JSON.stringify(body), created_at: now() }).execute();
  },

  async events(db: Kysely<Database>, taskId: string, after = 0, limit = 5000): Promise<TaskEventRow[]> {
    const rows = await db.selectFrom('scaffolder_task_events').selectAll().where('task_id', '=', taskId).where('id', '>', after).orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: Number(r.id), taskId: r.task_id, type: r.type as TaskEventType, body: JSON.parse(r.body) as Record<string, unknown>, createdAt: r.created_at }));
  },

  /** Records the entities a completed task registered (idempotent: a repeated completion adds nothing). */
  async linkEntities(db: Kysely<Database>, taskId: string, templateRef: string, entityRefs: string[], at: string): Promise<void> {
    if (entityRefs.length === 0) return;
    await db.insertInto('scaffolder_task_entities')
      .values(entityRefs.map((ref) => ({ entity_ref: ref.toLowerCase(), task_id: taskId, template_ref: templateRef, created_at: at })))
      .onConflict((oc) => oc.columns(['entity_ref', 'task_id']).doNothing())
      .execute();
  },

  /** For each entity ref, its newest completed creating task's id, template and values (never its secrets). */
  async creatingTasks(db: Kysely<Database>, entityRefs: string[]): Promise<Array<{ entity_ref: string; id: string; template_ref: string; task_values: string; created_by: string; created_at: string }>> {
    if (entityRefs.length === 0) return [];
    return db.selectFrom('scaffolder_task_entities as l')
      .innerJoin('scaffolder_tasks as t', 't.id', 'l.task_id')
      .select(['l.entity_ref', 't.id', 't.template_ref', 't.task_values', 't.created_by', 'l.created_at'])
      .where('l.entity_ref', 'in', entityRefs.map((r) => r.toLowerCase()))
      .where('t.status', '=', 'completed')
      .orderBy('l.created_at', 'desc')
      .execute();
  },

  /** Failed tasks whose workspace is still on disk, newest first (for the retention sweep). */
  failedWithWorkspace(db: Kysely<Database>): Promise<Array<Pick<TaskRow, 'id' | 'workspace_dir' | 'finished_at'>>> {
    return db.selectFrom('scaffolder_tasks').select(['id', 'workspace_dir', 'finished_at']).where('status', '=', 'failed').orderBy('finished_at', 'desc').limit(10_000).execute();
  },
};
