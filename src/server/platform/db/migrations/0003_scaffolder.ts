import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Scaffolder tasks and their events. JSON lives in text columns (portable); secrets only sealed
 * (`encrypted_secrets`, platform/secrets) and never in clear. Events get a serial id so clients page
 * with `after=<id>` like Backstage's eventstream.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('scaffolder_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template_ref', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('task_values', 'text', (c) => c.notNull())
    .addColumn('encrypted_secrets', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('last_heartbeat_at', 'text')
    .addColumn('cancel_requested_at', 'text')
    .addColumn('steps', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('checkpoint', 'text')
    .addColumn('registrations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('output', 'text')
    .addColumn('error', 'text')
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('workspace_dir', 'text', (c) => c.notNull())
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('job_id', 'text')
    .execute();
  await db.schema.createIndex('scaffolder_tasks_created').on('scaffolder_tasks').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('scaffolder_tasks_status').on('scaffolder_tasks').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('scaffolder_tasks_creator').on('scaffolder_tasks').columns(['created_by', 'created_at']).execute();

  await db.schema
    .createTable('scaffolder_task_events')
    .addColumn('id', sql.raw(dialect === 'postgres' ? 'bigserial' : 'integer'), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scaffolder_task_events_task').on('scaffolder_task_events').columns(['task_id', 'id']).execute();
}
