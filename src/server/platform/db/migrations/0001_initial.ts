import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/** The spine and the catalog. Portable DDL: JSON is stored as text; filters use the flattened `search` table. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const idColumn = dialect === 'postgres' ? 'bigserial' : 'integer';
  await db.schema.createTable('meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();

  await db.schema
    .createTable('locations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('locations_type_target', ['type', 'target'])
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('parent_key', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('children', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('read_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('sources_location').on('sources').column('location_id').execute();

  await db.schema
    .createTable('entities')
    .addColumn('id', sql.raw(idColumn), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('uid', 'text', (c) => c.notNull().unique())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('doc_line', 'integer')
    .addColumn('doc_text', 'text')
    .addColumn('orphaned_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entities_source').on('entities').column('source_key').execute();
  await db.schema.createIndex('entities_location').on('entities').column('location_id').execute();
  await db.schema.createIndex('entities_orphaned').on('entities').column('orphaned_at').execute();

  await db.schema
    .createTable('relations')
    .addColumn('origin_id', sql.raw(dialect === 'postgres' ? 'bigint' : 'integer'), (c) => c.notNull())
    .addColumn('from_ref', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('type_key', 'text', (c) => c.notNull())
    .addColumn('to_ref', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('relations_from').on('relations').columns(['from_ref', 'type']).execute();
  await db.schema.createIndex('relations_to').on('relations').columns(['type_key', 'to_ref', 'from_ref']).execute();
  await db.schema.createIndex('relations_origin').on('relations').column('origin_id').execute();

  await db.schema
    .createTable('search')
    .addColumn('entity_id', sql.raw(dialect === 'postgres' ? 'bigint' : 'integer'), (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('original_value', 'text')
    .execute();
  await db.schema.createIndex('search_key_value').on('search').columns(['key', 'value', 'entity_id']).execute();
  // (entity_id, key): per-entity lookups of one field (sort values, exists filters), appended in id order on ingest.
  await db.schema.createIndex('search_entity').on('search').columns(['entity_id', 'key']).execute();

  await db.schema
    .createTable('catalog_errors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('location_key', 'text', (c) => c.notNull())
    .addColumn('entity_ref', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('path', 'text')
    .addColumn('line', 'integer')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_errors_source').on('catalog_errors').column('source_key').execute();
  await db.schema.createIndex('catalog_errors_entity').on('catalog_errors').column('entity_ref').execute();

  await db.schema
    .createTable('tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('actor_ref', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', sql.raw(idColumn), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_dedupe').on('jobs').columns(['dedupe_key', 'status']).execute();
}
