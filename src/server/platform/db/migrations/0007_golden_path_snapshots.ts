import { sql, type Kysely } from 'kysely';

/**
 * Golden path version snapshots and the link from an entity to the scaffolder task that created it
 * (ADR 0021). A snapshot keeps what re-renders a path's template at one version: the Template entity
 * and the files its `fetch:*` steps read, as JSON text (portable, bounded by the writer). The link
 * table is filled by the task runner when a task completes; tasks completed before this migration are
 * linked here from the `catalog:register` outputs in their step states.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('golden_path_snapshots')
    .addColumn('path_ref', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('template_ref', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('file_count', 'integer', (c) => c.notNull())
    .addColumn('byte_count', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('golden_path_snapshots_pk', ['path_ref', 'version'])
    .execute();

  await db.schema
    .createTable('scaffolder_task_entities')
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('template_ref', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scaffolder_task_entities_pk', ['entity_ref', 'task_id'])
    .execute();
  await db.schema.createIndex('scaffolder_task_entities_task').on('scaffolder_task_entities').column('task_id').execute();

  let after = '';
  for (;;) {
    const rows = (await sql<{ id: string; template_ref: string; steps: string; finished_at: string | null; created_at: string }>`
      SELECT id, template_ref, steps, finished_at, created_at FROM scaffolder_tasks
      WHERE status = 'completed' AND id > ${after} ORDER BY id LIMIT 500`.execute(db)).rows;
    if (rows.length === 0) break;
    for (const r of rows) {
      after = r.id;
      for (const ref of registeredRefs(r.steps)) {
        await sql`INSERT INTO scaffolder_task_entities (entity_ref, task_id, template_ref, created_at)
          VALUES (${ref}, ${r.id}, ${r.template_ref}, ${r.finished_at ?? r.created_at}) ON CONFLICT DO NOTHING`.execute(db);
      }
    }
  }
}

function registeredRefs(stepsJson: string): string[] {
  try {
    const steps = JSON.parse(stepsJson) as Array<{ action?: string; status?: string; output?: { entityRef?: unknown } }>;
    return [...new Set(steps
      .filter((s) => s.action === 'catalog:register' && s.status === 'completed' && typeof s.output?.entityRef === 'string')
      .map((s) => String(s.output?.entityRef).toLowerCase()))];
  } catch {
    return [];
  }
}
