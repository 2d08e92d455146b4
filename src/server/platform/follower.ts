/**
 * Polls a version (the catalog's generation: one primary-key read) and calls `onChange` when it moved.
 * While `busy()` says the producer is in the middle of a large write (a catalog refresh in this
 * process), a change waits — reading a catalog that changes with every commit, beside a bulk load,
 * slows both — but never longer than `maxWaitMs`, so a producer that is always busy cannot starve the
 * follower. `everyMs` also calls `onChange` when nothing moved (for changes the version does not see).
 */
/** The longest a change waits for a busy producer before the follower runs anyway (ADR 0022). */
export const FOLLOWER_MAX_WAIT_MS = 60_000;

/**
 * Lets pending I/O and requests run between pages of a long loop: on SQLite every query completes
 * synchronously, so without it an async loop of queries is one task (ADR 0022).
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function startFollower(opts: {
  version: () => Promise<string | undefined>;
  onChange: () => Promise<unknown>;
  busy?: () => boolean;
  pollMs: number;
  /** Default FOLLOWER_MAX_WAIT_MS. */
  maxWaitMs?: number;
  everyMs?: number;
  log: (msg: string) => void;
  name: string;
}): () => void {
  let handled: string | undefined | null = null;
  let waitingSince: number | undefined;
  let lastRun = 0;
  let running = false;
  const tick = async () => {
    const version = await opts.version();
    const now = Date.now();
    const due = opts.everyMs !== undefined && now - lastRun >= opts.everyMs;
    if (version === handled && !due) {
      waitingSince = undefined;
      return;
    }
    if (opts.busy?.()) {
      waitingSince ??= now;
      if (now - waitingSince < (opts.maxWaitMs ?? FOLLOWER_MAX_WAIT_MS)) return;
    }
    handled = version;
    waitingSince = undefined;
    lastRun = now;
    await opts.onChange();
  };
  const guarded = () => {
    if (running) return;
    running = true;
    tick().catch((err: unknown) => opts.log(`${opts.name}: ${String(err)}`)).finally(() => {
      running = false;
    });
  };
  guarded();
  const timer = setInterval(guarded, opts.pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
