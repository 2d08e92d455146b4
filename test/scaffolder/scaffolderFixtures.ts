// Shared by the scaffolder tests: a server on its own database (so tests can add tokens of other
// users to it), slow/failing templates written to a temp dir, and an SSE reader.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createTestDatabase } from '../helpers/testDatabase';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const GOLDEN_TEMPLATE = join(ROOT, 'examples/golden-paths/typescript-http-service/template.yaml');

export interface ScaffolderServer {
  paved: PavedProcess;
  /** Adds an API token for `actorRef` with `roles` straight into the server's database; returns the token. */
  addToken(actorRef: string, roles: string[]): Promise<string>;
  sql(query: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

export async function startScaffolderServer(env: Record<string, string> = {}): Promise<ScaffolderServer> {
  const db = await createTestDatabase();
  const paved = await startPaved({ env: { ...db.env, ...env } });
  const sql = async (query: string, params: unknown[] = []) => {
    if (db.env.DATABASE_URL) {
      const c = new pg.Client({ connectionString: db.env.DATABASE_URL });
      await c.connect();
      try {
        let i = 0;
        return (await c.query(query.replace(/\?/g, () => `$${++i}`), params)).rows as Array<Record<string, unknown>>;
      } finally {
        await c.end();
      }
    }
    const s = new BetterSqlite3(join(server.paved.dataDir, 'paved.sqlite'), { timeout: 10_000 });
    try {
      const stmt = s.prepare(query);
      return stmt.reader ? (stmt.all(...params) as Array<Record<string, unknown>>) : (stmt.run(...params), []);
    } finally {
      s.close();
    }
  };
  const server: ScaffolderServer = {
    paved,
    sql,
    async addToken(actorRef, roles) {
      const token = `pvd_${randomBytes(24).toString('base64url')}`;
      await sql('INSERT INTO tokens (id, name, hash, actor_ref, roles, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, NULL)',
        [randomUUID(), actorRef, createHash('sha256').update(token).digest('hex'), actorRef, JSON.stringify(roles), new Date().toISOString()]);
      return token;
    },
    async stop() {
      await server.paved.stop();
      await db.drop();
    },
  };
  return server;
}

/** A template of our own, written to `dir/<name>/template.yaml` with a tiny skeleton. */
export function writeTemplate(dir: string, name: string, opts: { steps: string; parameters?: string; extraSpec?: string }): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'skeleton'), { recursive: true });
  writeFileSync(join(root, 'skeleton', 'catalog-info.yaml'), [
    'apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', '  name: ${{ values.name | dump }}',
    'spec:', '  type: service', '  lifecycle: experimental', '  owner: group:default/team-a', '',
  ].join('\n'));
  writeFileSync(join(root, 'skeleton', 'README.md'), '# ${{ values.name }}\n');
  writeFileSync(join(root, 'template.yaml'), [
    'apiVersion: scaffolder.backstage.io/v1beta3', 'kind: Template', 'metadata:', `  name: ${name}`, `  title: ${name}`,
    'spec:', '  owner: group:default/team-a', '  type: service',
    opts.parameters ?? '  parameters:\n    - title: Details\n      required: [name]\n      properties:\n        name:\n          type: string\n        wait:\n          type: number',
    opts.extraSpec ?? '',
    '  steps:', opts.steps, '',
  ].join('\n'));
  return join(root, 'template.yaml');
}

/** The usual steps: render the skeleton, publish it to a Paved-hosted repository, register it. */
export const PUBLISH_STEPS = [
  '    - id: fetch', '      action: fetch:template', '      input:', '        url: ./skeleton', '        values:', '          name: ${{ parameters.name }}',
  '    - id: publish', '      action: publish:git', '      input:', '        repoUrl: paved?owner=team-a&repo=${{ parameters.name }}',
  '    - id: register', '      action: catalog:register', '      input:', "        repoContentsUrl: ${{ steps['publish'].output.repoContentsUrl }}",
].join('\n');
export const WAIT_STEP = ['    - id: wait', '      name: Wait a while', '      action: debug:wait', '      input:', '        seconds: ${{ parameters.wait }}'].join('\n');

export interface SseEvent { event: string; data: { id: number; type: string; body: Record<string, unknown> } }

/** Reads an SSE stream to its end (the server closes it after `completion` or `cancelled`). */
export async function readEventStream(url: string, token: string, timeoutMs = 120_000): Promise<SseEvent[]> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: AbortSignal.timeout(timeoutMs) });
  if (res.status !== 200) throw new Error(`eventstream answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return text.split('\n\n').filter((b) => b.trim()).map((block) => {
    const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
    const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as SseEvent['data'];
    return { event, data };
  });
}

export async function until<T>(fn: () => Promise<T | undefined>, timeoutMs = 60_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
