import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The database a test suite runs on, chosen by PAVED_TEST_DB (sqlite | postgres). On PostgreSQL every
 * suite gets a fresh database on the server at PAVED_TEST_PG_URL, dropped when the suite ends.
 */
export async function createTestDatabase(): Promise<{ env: Record<string, string>; label: string; drop(): Promise<void> }> {
  if (process.env.PAVED_TEST_DB !== 'postgres') return { env: {}, label: 'sqlite', drop: async () => undefined };
  const admin = process.env.PAVED_TEST_PG_URL;
  if (!admin) throw new Error('PAVED_TEST_DB=postgres needs PAVED_TEST_PG_URL');
  const name = `paved_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    label: 'postgres',
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
