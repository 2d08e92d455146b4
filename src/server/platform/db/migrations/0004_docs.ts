import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Docs-as-code sites built by the docs domain, and the full-text index shared by docs and catalog
 * search. Self-contained: it reads and writes no table of another migration, so it applies whether or
 * not 0003 ran before it.
 *
 * `search_documents` is portable; the ranking index differs per engine (ARCHITECTURE.md, "full-text"):
 * SQLite gets an external-content FTS5 table kept in sync by triggers, PostgreSQL a weighted
 * `tsvector` column generated from the same three fields, with a GIN index.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const idColumn = dialect === 'postgres' ? 'bigserial' : 'integer';

  await db.schema
    .createTable('docs_sites')
    .addColumn('entity_ref', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('site_name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text')
    .addColumn('nav', 'text', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('page_count', 'integer', (c) => c.notNull())
    .addColumn('build_count', 'integer', (c) => c.notNull())
    .addColumn('built_at', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('docs_pages')
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('headings', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('docs_pages_pk', ['entity_ref', 'slug'])
    .execute();

  await db.schema
    .createTable('search_documents')
    .addColumn('id', sql.raw(idColumn), (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('slug', 'text')
    .addColumn('anchor', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_documents_ref').on('search_documents').columns(['type', 'entity_ref']).execute();

  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE search_documents_fts USING fts5(title, heading, body, content='search_documents', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
    await sql`CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
      INSERT INTO search_documents_fts(rowid, title, heading, body) VALUES (new.id, new.title, new.heading, new.body);
    END`.execute(db);
    await sql`CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
      INSERT INTO search_documents_fts(search_documents_fts, rowid, title, heading, body) VALUES ('delete', old.id, old.title, old.heading, old.body);
    END`.execute(db);
    await sql`CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
      INSERT INTO search_documents_fts(search_documents_fts, rowid, title, heading, body) VALUES ('delete', old.id, old.title, old.heading, old.body);
      INSERT INTO search_documents_fts(rowid, title, heading, body) VALUES (new.id, new.title, new.heading, new.body);
    END`.execute(db);
  } else {
    await sql`ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', heading), 'B') || setweight(to_tsvector('english', body), 'C')
    ) STORED`.execute(db);
    await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db);
  }
}
