import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from './dialect';
import type { SecretBox } from '../secrets';
import * as m0001 from './migrations/0001_initial';
import * as m0002 from './migrations/0002_location_secrets';
import * as m0003 from './migrations/0003_scaffolder';
import * as m0004 from './migrations/0004_docs';
import * as m0005 from './migrations/0005_entities_kind_name';
import * as m0007 from './migrations/0007_golden_path_snapshots';
import * as m0008 from './migrations/0008_entity_checks_docs_assets';
import * as m0009 from './migrations/0009_facts';
import * as m0010 from './migrations/0010_scorecards';
import * as m0011 from './migrations/0011_scorecard_exemptions';
import * as m0012 from './migrations/0012_initiatives';
import * as m0014 from './migrations/0014_managed_documents';
import * as m0015 from './migrations/0015_scorecard_level_changes';
import * as m0016 from './migrations/0016_scorecard_entities';
import * as m0017 from './migrations/0017_relations_from_covering';

/** What a migration may need beyond the database: the key management module, to seal data stored in clear before. */
export interface MigrationContext {
  secrets: Pick<SecretBox, 'seal'>;
}

interface Migration {
  id: string;
  up(db: Kysely<unknown>, dialect: Dialect, ctx: MigrationContext): Promise<void>;
}

/** Numbered, forward-only migrations. Never edit one after it has been merged: add a new one. */
const MIGRATIONS: Migration[] = [
  { id: '0001_initial', up: m0001.up },
  { id: '0002_location_secrets', up: m0002.up },
  { id: '0003_scaffolder', up: m0003.up },
  { id: '0004_docs', up: m0004.up },
  { id: '0005_entities_kind_name', up: m0005.up },
  // There is no 0006: the number was reserved for work that needed none.
  { id: '0007_golden_path_snapshots', up: m0007.up },
  { id: '0008_entity_checks_docs_assets', up: m0008.up },
  { id: '0009_facts', up: m0009.up },
  { id: '0010_scorecards', up: m0010.up },
  { id: '0011_scorecard_exemptions', up: m0011.up },
  { id: '0012_initiatives', up: m0012.up },
  // 0013 was reserved for built-in scorecards work that needed no migration.
  { id: '0014_managed_documents', up: m0014.up },
  { id: '0015_scorecard_level_changes', up: m0015.up },
  { id: '0016_scorecard_entities', up: m0016.up },
  { id: '0017_relations_from_covering', up: m0017.up },
];

/**
 * Applies pending migrations, each in its own transaction, recording them in `paved_migrations`.
 * Several instances starting together on PostgreSQL serialise on an advisory lock.
 */
export async function migrate(db: Kysely<unknown>, dialect: Dialect, ctx: MigrationContext): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS paved_migrations (id text PRIMARY KEY, applied_at text NOT NULL)`.execute(db);
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    if (dialect === 'postgres') await sql`SELECT pg_advisory_lock(727372)`.execute(conn);
    try {
      const done = new Set(
        (await sql<{ id: string }>`SELECT id FROM paved_migrations`.execute(conn)).rows.map((r) => r.id),
      );
      for (const m of MIGRATIONS) {
        if (done.has(m.id)) continue;
        await conn.transaction().execute(async (trx) => {
          await m.up(trx, dialect, ctx);
          await sql`INSERT INTO paved_migrations (id, applied_at) VALUES (${m.id}, ${new Date().toISOString()})`.execute(trx);
        });
        applied.push(m.id);
      }
    } finally {
      if (dialect === 'postgres') await sql`SELECT pg_advisory_unlock(727372)`.execute(conn);
    }
  });
  return applied;
}
