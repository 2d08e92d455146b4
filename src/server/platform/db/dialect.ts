/** The two engines Paved runs on: SQLite embedded (default) and PostgreSQL (`DATABASE_URL`). */
export type Dialect = 'sqlite' | 'postgres';
