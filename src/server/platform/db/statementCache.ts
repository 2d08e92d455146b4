import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 behind Kysely prepares every query anew: at ~0.1 ms a statement, a by-name request (its
 * token, the entity, relations and errors) spent more time compiling SQL than running it. This keeps the
 * most recently used statements by SQL text. A cached statement that is still iterating (a streamed
 * query) is busy and cannot run twice at once, so a second user then gets a fresh one.
 * SQLite recompiles a cached statement by itself when the schema changed.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, max = 256): { prepare(sql: string): BetterSqlite3.Statement; close(): void } {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Map order is insertion order: moving the hit to the end makes the first key the least recently used.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const fresh = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, fresh);
        if (cache.size > max) cache.delete(cache.keys().next().value as string);
      }
      return fresh;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
