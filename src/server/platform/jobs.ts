import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { Dialect } from './db/dialect';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobContext {
  id: string;
  attempt: number;
  payload: unknown;
  /** Persisted workflow state: saved after each step so a restarted job resumes where it stopped. */
  state: Record<string, unknown>;
  saveState(state: Record<string, unknown>): Promise<void>;
  signal: AbortSignal;
}
export type JobHandler = (ctx: JobContext) => Promise<void>;

export interface JobQueue {
  register(type: string, handler: JobHandler): void;
  /** Enqueues a job; with a dedupe key, an identical job still waiting is reused instead. */
  enqueue(type: string, payload: unknown, opts?: { dedupeKey?: string; runAt?: Date; trx?: Kysely<Database> }): Promise<string>;
  start(): void;
  /**
   * Claims due jobs now rather than at the next poll (up to 500 ms later). An enqueue inside a
   * transaction cannot do this itself — the row is not visible until commit — so call it after the commit.
   */
  wake(): void;
  /** Stops claiming, waits for running jobs to finish (or `timeoutMs`), then returns. */
  stop(timeoutMs?: number): Promise<void>;
  /** Runs due jobs in this process until none is left. */
  drain(): Promise<void>;
  /** Waits until a job is done or failed (run here, or by another instance), at most `timeoutMs`. */
  waitFor(id: string, timeoutMs?: number): Promise<JobStatus | undefined>;
  status(id: string): Promise<JobStatus | undefined>;
}

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;

/**
 * Durable jobs on the `jobs` table. A job is claimed with a lease; a process that dies mid-job leaves
 * the lease to expire and another claim (after restart, or another instance) runs it again, so handlers
 * must be idempotent. On PostgreSQL claims use FOR UPDATE SKIP LOCKED; SQLite has a single writer.
 */
export function createJobQueue(db: Kysely<Database>, dialect: Dialect, log: (msg: string, extra?: object) => void, warn: (msg: string, extra?: object) => void = log): JobQueue {
  const handlers = new Map<string, JobHandler>();
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function claim(): Promise<Database['jobs'] | undefined> {
    const now = new Date().toISOString();
    const leaseUntil = new Date(Date.now() + LEASE_MS).toISOString();
    const lock = dialect === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const types = [...handlers.keys()];
    if (types.length === 0) return undefined;
    // Look before taking the write lock: on SQLite an UPDATE waits for it (blocking the event loop, as the
    // driver is synchronous) while the ingestion process holds it for a group or an index build. A read
    // never waits in WAL mode, and most polls find nothing to claim.
    const due = await db.selectFrom('jobs').select('id').where('type', 'in', types)
      .where((eb) => eb.or([eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)])]))
      .limit(1).executeTakeFirst();
    if (!due) return undefined;
    const res = await sql<Database['jobs']>`
      UPDATE jobs SET status = 'running', lease_owner = ${owner}, lease_until = ${leaseUntil},
        attempts = attempts + 1, updated_at = ${now}
      WHERE id = (
        SELECT id FROM jobs
        WHERE type IN (${sql.join(types)})
          AND ((status = 'queued' AND run_at <= ${now}) OR (status = 'running' AND lease_until < ${now}))
        ORDER BY run_at LIMIT 1 ${lock}
      )
      RETURNING *`.execute(db);
    return res.rows[0];
  }

  async function runOne(job: Database['jobs']): Promise<void> {
    const handler = handlers.get(job.type);
    if (!handler) return;
    const heartbeat = setInterval(() => {
      void db.updateTable('jobs').set({ lease_until: new Date(Date.now() + LEASE_MS).toISOString() })
        .where('id', '=', job.id).where('lease_owner', '=', owner).execute().catch(() => undefined);
    }, LEASE_MS / 3);
    const ctx: JobContext = {
      id: job.id,
      attempt: job.attempts,
      payload: JSON.parse(job.payload) as unknown,
      state: JSON.parse(job.state) as Record<string, unknown>,
      signal: abort.signal,
      saveState: async (state) => {
        ctx.state = state;
        await db.updateTable('jobs').set({ state: JSON.stringify(state), updated_at: new Date().toISOString() }).where('id', '=', job.id).execute();
      },
    };
    try {
      await handler(ctx);
      await db.updateTable('jobs').set({ status: 'done', lease_owner: null, lease_until: null, last_error: null, updated_at: new Date().toISOString() })
        .where('id', '=', job.id).execute();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failed = job.attempts >= MAX_ATTEMPTS;
      const backoff = Math.min(300_000, 1000 * 2 ** job.attempts);
      warn(`job ${job.type} ${job.id} attempt ${job.attempts} failed: ${message}`, { jobId: job.id });
      await db.updateTable('jobs').set({
        status: failed ? 'failed' : 'queued', lease_owner: null, lease_until: null, last_error: message.slice(0, 2000),
        run_at: new Date(Date.now() + backoff).toISOString(), updated_at: new Date().toISOString(),
      }).where('id', '=', job.id).execute();
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const job = await claim();
      if (!job) return;
      await runOne(job);
    }
  }

  /** Drains from outside the loop: waits for the loop's own pass, since it may hold the job we want. */
  async function drainAll(): Promise<void> {
    for (;;) {
      while (running) await running;
      const job = stopped ? undefined : await claim();
      if (!job) {
        if (running) continue;
        return;
      }
      await runOne(job);
    }
  }

  function tick(): void {
    if (stopped || running) return;
    running = drain().catch((err: unknown) => warn(`job loop error: ${String(err)}`)).finally(() => {
      running = undefined;
    });
  }

  return {
    register: (type, handler) => void handlers.set(type, handler),
    async enqueue(type, payload, opts = {}) {
      const conn = opts.trx ?? db;
      if (opts.dedupeKey) {
        const existing = await conn.selectFrom('jobs').select('id')
          .where('dedupe_key', '=', opts.dedupeKey).where('status', '=', 'queued')
          .where('run_at', '<=', new Date().toISOString()).where('attempts', '=', 0).executeTakeFirst();
        if (existing) return existing.id;
      }
      const id = randomUUID();
      const now = new Date().toISOString();
      await conn.insertInto('jobs').values({
        id, type, dedupe_key: opts.dedupeKey ?? null, payload: JSON.stringify(payload), state: '{}', status: 'queued', attempts: 0,
        run_at: (opts.runAt ?? new Date()).toISOString(), lease_owner: null, lease_until: null, last_error: null, created_at: now, updated_at: now,
      }).execute();
      if (!opts.trx) setImmediate(tick);
      return id;
    },
    wake: () => void setImmediate(tick),
    start() {
      stopped = false;
      timer = setInterval(tick, 500);
      timer.unref();
      tick();
    },
    async stop(timeoutMs = 10_000) {
      stopped = true;
      if (timer) clearInterval(timer);
      const current = running;
      if (current) {
        const t = setTimeout(() => abort.abort(), timeoutMs);
        await current;
        clearTimeout(t);
      }
    },
    drain: drainAll,
    async waitFor(id, timeoutMs = 120_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        await drainAll();
        const row = await db.selectFrom('jobs').select(['status', 'attempts']).where('id', '=', id).executeTakeFirst();
        const status = row?.status as JobStatus | undefined;
        // A job that failed once and waits for its retry counts as finished for a caller who is waiting.
        if (!row || status === 'done' || status === 'failed' || (status === 'queued' && row.attempts > 0) || Date.now() > end) return status;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async status(id) {
      const row = await db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst();
      return row?.status as JobStatus | undefined;
    },
  };
}
