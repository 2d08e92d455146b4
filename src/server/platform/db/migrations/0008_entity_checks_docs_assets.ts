import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Problems that other domains find in catalog entities after ingestion (the scaffolder checking
 * Template entities: unknown actions, invalid parameter schemas, steps reading missing outputs), listed
 * with the catalog's own processing errors. `entity_checks` remembers which entity body each checker
 * last looked at, so only changed entities are checked again.
 *
 * `docs_assets`: the images and PDFs a docs site's pages link to, stored with the site (bounded by the
 * builder: 1 MiB each, 20 MiB per site) so they are served from the database like its pages.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('entity_checks')
    .addColumn('checker', 'text', (c) => c.notNull())
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    /** The entity's hash and the checker's version when checked. */
    .addColumn('checked', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_checks_pk', ['checker', 'entity_ref'])
    .execute();
  await db.schema
    .createTable('entity_check_problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('checker', 'text', (c) => c.notNull())
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('location_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('path', 'text')
    .addColumn('line', 'integer')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entity_check_problems_entity').on('entity_check_problems').columns(['entity_ref', 'checker']).execute();

  await db.schema
    .createTable('docs_assets')
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', sql.raw(dialect === 'postgres' ? 'bytea' : 'blob'), (c) => c.notNull())
    .addPrimaryKeyConstraint('docs_assets_pk', ['entity_ref', 'path'])
    .execute();
}
