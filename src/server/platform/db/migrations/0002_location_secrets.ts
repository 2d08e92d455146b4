import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';
import type { MigrationContext } from '../migrate';

/**
 * Location targets may carry credentials (`https://user:token@host/repo.git`). From here on `target`
 * holds the redacted form and `encrypted_target` the sealed full target (null when there is nothing to
 * hide). Rows stored in clear before are sealed now. See docs/adr/0011-secrets-at-rest.md.
 */

// Frozen copies: a migration must behave the same forever, whatever the live code becomes.
const redact = (text: string): string => text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
const sealContext = (id: string) => `locations.encrypted_target:${id}`;

interface Row { id: string; type: string; target: string; created_at: string }

export async function up(db: Kysely<unknown>, dialect: Dialect, ctx: MigrationContext): Promise<void> {
  await sql`ALTER TABLE locations ADD COLUMN encrypted_target text`.execute(db);
  // SQLite would otherwise leave the overwritten plain text in the pages' free space.
  if (dialect === 'sqlite') await sql`PRAGMA secure_delete = ON`.execute(db);
  try {
    const rows = (await sql<Row>`SELECT id, type, target, created_at FROM locations ORDER BY created_at, id`.execute(db)).rows;
    const groups = new Map<string, Row[]>();
    for (const r of rows) {
      const key = `${r.type}:${redact(r.target)}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      const withSecret = group.filter((r) => redact(r.target) !== r.target);
      if (withSecret.length === 0) continue;
      const [keep, ...others] = group as [Row, ...Row[]];
      // The same repository registered with different credentials becomes one location (the oldest),
      // keeping the most recently registered credentials, as a new registration does from now on.
      for (const other of others) await mergeInto(db, other.id, keep.id);
      const full = (withSecret[withSecret.length - 1] as Row).target;
      await sql`UPDATE locations SET target = ${redact(full)}, encrypted_target = ${ctx.secrets.seal(full, sealContext(keep.id))} WHERE id = ${keep.id}`.execute(db);
      if (others.length > 0) {
        const payload = JSON.stringify({ type: keep.type, target: redact(full), merged: others.map((o) => o.id) });
        await sql`INSERT INTO audit_events (at, actor, action, target, outcome, payload)
          VALUES (${new Date().toISOString()}, 'system:paved', 'catalog.location.merge', ${`location:${keep.id}`}, 'success', ${payload})`.execute(db);
      }
    }
  } finally {
    if (dialect === 'sqlite') await sql`PRAGMA secure_delete = OFF`.execute(db);
  }
}

/** Moves what location `from` ingested to `to` and drops `from`; its root source duplicates `to`'s. */
async function mergeInto(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  const [fromRoot, toRoot] = [`location:${from}`, `location:${to}`];
  await sql`UPDATE entities SET location_id = ${to} WHERE location_id = ${from}`.execute(db);
  await sql`UPDATE entities SET source_key = ${toRoot} WHERE source_key = ${fromRoot}`.execute(db);
  await sql`DELETE FROM catalog_errors WHERE source_key = ${fromRoot}`.execute(db);
  await sql`UPDATE catalog_errors SET location_id = ${to} WHERE location_id = ${from}`.execute(db);
  await sql`DELETE FROM sources WHERE key = ${fromRoot}`.execute(db);
  await sql`UPDATE sources SET location_id = ${to} WHERE location_id = ${from}`.execute(db);
  await sql`UPDATE sources SET parent_key = ${toRoot} WHERE parent_key = ${fromRoot}`.execute(db);
  await sql`DELETE FROM locations WHERE id = ${from}`.execute(db);
}
