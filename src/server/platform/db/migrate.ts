import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from './dialect';
import * as m0001 from './migrations/0001_initial';

interface Migration {
  id: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** Numbered, forward-only migrations. Never edit one after it has been merged: add a new one. */
const MIGRATIONS: Migration[] = [{ id: '0001_initial', up: m0001.up }];

/**
 * Applies pending migrations, each in its own transaction, recording them in `paved_migrations`.
 * Several instances starting together on PostgreSQL serialise on an advisory lock.
 */
export async function migrate(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
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
          await m.up(trx, dialect);
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
