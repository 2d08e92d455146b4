import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseSecretKey } from './secrets';
import { PACKAGE_ROOT } from './packageRoot';

/** Server configuration, read once at start from the environment and CLI flags; validated so a typo fails loudly. */
export const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(7007),
  host: z.string().max(255).default('127.0.0.1'),
  dataDir: z.string().max(4096),
  databaseUrl: z.string().max(4096).optional(),
  demo: z.boolean().default(true),
  /** Refreshes run in a child process (ADR 0012) that reads in a worker thread (ADR 0008); both can be turned off to debug. */
  ingestProcess: z.boolean().default(true),
  ingestWorker: z.boolean().default(true),
  /** How long the ingestion process stays after its last refresh before it exits and returns its memory. */
  ingestIdleSeconds: z.coerce.number().int().min(1).max(3600).default(10),
  guestAccess: z.boolean().default(true),
  adminToken: z.string().min(16).max(512).optional(),
  /**
   * Key-encryption key for secrets at rest (PAVED_SECRET_KEY: 32 bytes, hex or base64). Unset: a key file
   * generated in `dataDir`. Checked here so a malformed key stops the start with a message that names it.
   */
  secretKey: z.string().max(256).optional().superRefine((v, ctx) => {
    if (v === undefined) return;
    try {
      parseSecretKey(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  }),
  refreshIntervalSeconds: z.coerce.number().int().min(1).max(86_400).default(120),
  orphanGraceSeconds: z.coerce.number().int().min(0).max(31_536_000).default(3600),
  /** How often facts of unchanged entities are collected again (a changed entity is collected at once). */
  factsIntervalSeconds: z.coerce.number().int().min(1).max(604_800).default(3600),
  fileRoots: z.array(z.string().max(4096)).min(1).max(100),
  locations: z.array(z.object({ type: z.string().max(32), target: z.string().max(4096) })).max(1000).default([]),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  examplesDir: z.string().max(4096),
});
export type Config = z.infer<typeof ConfigSchema>;

const flag = (v: string | undefined, fallback: boolean): boolean =>
  v === undefined || v === '' ? fallback : !['0', 'false', 'no', 'off'].includes(v.toLowerCase());

/**
 * Builds the config from environment variables (PAVED_*), overridden by explicit options (CLI flags).
 * `PAVED_LOCATIONS` is a comma-separated list of `type:target` locations registered at start.
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const locations = (env.PAVED_LOCATIONS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const i = s.indexOf(':');
      if (i <= 0) throw new Error(`PAVED_LOCATIONS: expected "type:target" but found "${s}"`);
      return { type: s.slice(0, i), target: s.slice(i + 1) };
    });
  const raw = {
    port: env.PAVED_PORT ?? env.PORT,
    host: env.PAVED_HOST,
    dataDir: resolve(env.PAVED_DATA_DIR ?? '.paved'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: flag(env.PAVED_DEMO, true),
    ingestProcess: flag(env.PAVED_INGEST_PROCESS, true),
    ingestWorker: flag(env.PAVED_INGEST_WORKER, true),
    ingestIdleSeconds: env.PAVED_INGEST_IDLE_SECONDS,
    guestAccess: flag(env.PAVED_GUEST_ACCESS, true),
    adminToken: env.PAVED_ADMIN_TOKEN || undefined,
    secretKey: env.PAVED_SECRET_KEY || undefined,
    refreshIntervalSeconds: env.PAVED_REFRESH_INTERVAL_SECONDS,
    orphanGraceSeconds: env.PAVED_ORPHAN_GRACE_SECONDS,
    factsIntervalSeconds: env.PAVED_FACTS_INTERVAL_SECONDS,
    locations,
    fileRoots: (env.PAVED_FILE_ROOTS ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => resolve(s)).concat(env.PAVED_FILE_ROOTS ? [] : [process.cwd()]),
    logLevel: env.PAVED_LOG_LEVEL,
    examplesDir: join(PACKAGE_ROOT, 'examples'),
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${msg}`);
  }
  return parsed.data;
}
