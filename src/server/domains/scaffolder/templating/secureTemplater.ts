import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { SANDBOX_HOST_SOURCE } from './sandboxHost';
import { buildSandboxScript } from './sandboxScript';
import { TemplateRenderError, type TemplateRenderErrorReason } from './templateRenderError';

export interface TemplateRendererOptions {
  /** Skeleton files use `{{ }}` and `{{ cookiecutter.x }}` (= `values.x`), plus the `jsonify` filter. */
  cookiecutterCompat?: boolean;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  /** Heap limit of the isolate; default 64. */
  memoryLimitMb?: number;
  /** Wall-clock limit of one render; default 1000. */
  timeoutMs?: number;
}

export interface TemplateRenderer {
  /** Renders a template string (a skeleton file's content or a file name) with `${{ }}` / `{% %}` syntax against the context. */
  renderString(template: string, context: Record<string, unknown>): Promise<string>;
  /** Backstage's parameter/step-input rendering: walks any JSON value; a string that is exactly one `${{ expr }}` keeps the expression's type (number, boolean, object, array, undefined); other strings render to strings. */
  renderValue(value: unknown, context: Record<string, unknown>): Promise<unknown>;
  /** Frees the isolate. */
  dispose(): void;
}

export const MAX_TEMPLATE_BYTES = 1024 * 1024;
export const MAX_CONTEXT_BYTES = 8 * 1024 * 1024;
const BOOT_TIMEOUT_MS = 30_000;
// The isolate enforces timeoutMs itself; this only catches a child that stopped answering.
const WATCHDOG_GRACE_MS = 5_000;

type RenderMode = 'text' | 'value';
type IsolateAnswer = { ok: true; value?: unknown } | { ok: false; error: { message: string; line?: number; column?: number } };
type ChildMessage =
  | { type: 'ready' }
  | { type: 'bootFailed'; message: string }
  | { type: 'result'; id: number; json: string }
  | { type: 'failure'; id: number; reason: 'memory' | 'timeout' | 'sandbox'; message: string };

interface Pending {
  resolve(answer: IsolateAnswer): void;
  reject(error: TemplateRenderError): void;
}

const requireHere = createRequire(import.meta.url);
let nunjucksSourcePromise: Promise<string> | undefined;
function loadNunjucksSource(): Promise<string> {
  nunjucksSourcePromise ??= readFile(requireHere.resolve('nunjucks/browser/nunjucks.min.js'), 'utf8');
  return nunjucksSourcePromise;
}

/** One child process hosting one isolate; replaced by a new one when it dies. */
class SandboxProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';
  readonly ready: Promise<void>;
  exited = false;

  constructor(
    script: string,
    private readonly memoryLimitMb: number,
    private readonly timeoutMs: number,
    private readonly onExit: () => void,
  ) {
    this.child = spawn(process.execPath, ['-e', SANDBOX_HOST_SOURCE, requireHere.resolve('isolated-vm')], {
      // No inherited environment: the server's secrets have no business in the sandbox process.
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    // An undisposed renderer must not keep the server (or a test run) alive; pending renders do.
    this.child.unref();
    (this.child.channel as { unref?: () => void } | null | undefined)?.unref?.();
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4096);
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new TemplateRenderError('sandbox', `template sandbox did not start within ${BOOT_TIMEOUT_MS} ms`));
        this.kill();
      }, BOOT_TIMEOUT_MS);
      this.child.on('message', (raw: unknown) => {
        const msg = raw as ChildMessage;
        if (msg.type === 'ready') { clearTimeout(timer); resolve(); return; }
        if (msg.type === 'bootFailed') {
          clearTimeout(timer);
          reject(new TemplateRenderError('sandbox', `template sandbox failed to start: ${msg.message}`));
          this.kill();
          return;
        }
        this.settle(msg);
      });
      this.child.on('exit', (code, signal) => {
        clearTimeout(timer);
        this.exited = true;
        const crash = this.describeCrash(code, signal);
        reject(crash);
        for (const p of this.pending.values()) p.reject(crash);
        this.pending.clear();
        this.onExit();
      });
      this.child.on('error', (err) => reject(new TemplateRenderError('sandbox', `template sandbox could not start: ${err.message}`)));
    });
    // A rejected boot is reported by the caller awaiting `ready`; keep Node from flagging it as unhandled.
    this.ready.catch(() => undefined);
    this.child.send({ type: 'boot', script, memoryLimitMb });
  }

  request(mode: RenderMode, input: string, contextJson: string): Promise<IsolateAnswer> {
    const timeoutMs = this.timeoutMs;
    return new Promise<IsolateAnswer>((resolve, reject) => {
      if (this.exited) { reject(new TemplateRenderError('sandbox', 'template sandbox is not running')); return; }
      const id = this.nextId++;
      const watchdog = setTimeout(() => {
        this.pending.delete(id);
        reject(new TemplateRenderError('timeout', `template rendering timed out after ${timeoutMs} ms`));
        this.kill();
      }, timeoutMs + WATCHDOG_GRACE_MS);
      this.pending.set(id, {
        resolve: (answer) => { clearTimeout(watchdog); resolve(answer); },
        reject: (error) => { clearTimeout(watchdog); reject(error); },
      });
      this.child.send({ type: 'render', id, mode, input, contextJson, timeoutMs });
    });
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private settle(msg: Extract<ChildMessage, { id: number }>): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === 'result') {
      p.resolve(JSON.parse(msg.json) as IsolateAnswer);
      return;
    }
    p.reject(this.failureError(msg.reason, msg.message));
  }

  failureError(reason: 'memory' | 'timeout' | 'sandbox', detail: string): TemplateRenderError {
    if (reason === 'memory') return new TemplateRenderError('memory', `template rendering exceeded the memory limit of ${this.memoryLimitMb} MB`);
    if (reason === 'timeout') return new TemplateRenderError('timeout', `template rendering timed out after ${this.timeoutMs} ms`);
    return new TemplateRenderError('sandbox', `template sandbox failed: ${detail}`);
  }

  private describeCrash(code: number | null, signal: NodeJS.Signals | null): TemplateRenderError {
    if (/invalid size error|out of memory|allocation failed/i.test(this.stderrTail)) {
      return new TemplateRenderError('memory', `template rendering exceeded the memory limit of ${this.memoryLimitMb} MB (the sandbox process was stopped by V8)`);
    }
    return new TemplateRenderError('sandbox', `template sandbox process exited (${signal ?? `code ${code}`})`);
  }
}

function byteLength(s: string): number {
  return s.length * 3 <= MAX_TEMPLATE_BYTES ? s.length : Buffer.byteLength(s, 'utf8');
}

function serialiseContext(context: Record<string, unknown>): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(context ?? {});
  } catch (err) {
    throw new TemplateRenderError('input', `template context is not JSON-serialisable: ${(err as Error).message}`);
  }
  if (json === undefined || !json.startsWith('{')) throw new TemplateRenderError('input', 'template context must be an object');
  if (Buffer.byteLength(json, 'utf8') > MAX_CONTEXT_BYTES) {
    throw new TemplateRenderError('input', `template context is larger than ${MAX_CONTEXT_BYTES / 1024 / 1024} MiB`);
  }
  return json;
}

/**
 * Creates a renderer backed by one long-lived isolate (in its own child process) that has nunjucks
 * and the filters compiled once; every render reuses it. After a memory-limit failure or a crash the
 * isolate (or process) is rebuilt on the next render.
 */
export async function createTemplateRenderer(opts: TemplateRendererOptions = {}): Promise<TemplateRenderer> {
  const memoryLimitMb = Math.max(8, Math.floor(opts.memoryLimitMb ?? 64));
  const timeoutMs = Math.max(1, Math.floor(opts.timeoutMs ?? 1000));
  const script = buildSandboxScript(await loadNunjucksSource(), {
    cookiecutterCompat: opts.cookiecutterCompat ?? false,
    trimBlocks: opts.trimBlocks ?? false,
    lstripBlocks: opts.lstripBlocks ?? false,
  });

  let current: SandboxProcess | undefined;
  let disposed = false;
  // One render at a time: the child is single-threaded anyway, and a queued render must not have
  // its watchdog running while it waits.
  let queue: Promise<unknown> = Promise.resolve();

  const sandbox = async (): Promise<SandboxProcess> => {
    if (disposed) throw new TemplateRenderError('sandbox', 'template renderer has been disposed');
    if (!current || current.exited) {
      const proc: SandboxProcess = new SandboxProcess(script, memoryLimitMb, timeoutMs, () => {
        if (current === proc) current = undefined;
      });
      current = proc;
    }
    await current.ready;
    return current;
  };

  const run = (mode: RenderMode, input: string, context: Record<string, unknown>): Promise<IsolateAnswer> => {
    const contextJson = serialiseContext(context);
    const task = queue.then(async () => (await sandbox()).request(mode, input, contextJson));
    queue = task.catch(() => undefined);
    return task;
  };

  const unwrap = (answer: IsolateAnswer, reasonOnError: TemplateRenderErrorReason): unknown => {
    if (answer.ok) return answer.value;
    const { message, line, column } = answer.error;
    const reason = /^(unexpected token|expected|unknown block tag|parse|unterminated|unknown filter)/i.test(message) ? 'syntax' : reasonOnError;
    throw new TemplateRenderError(reason, message, { line, column });
  };

  await sandbox();

  return {
    async renderString(template, context) {
      if (typeof template !== 'string') throw new TemplateRenderError('input', 'template must be a string');
      if (byteLength(template) > MAX_TEMPLATE_BYTES) {
        throw new TemplateRenderError('input', `template is larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MiB`);
      }
      const value = unwrap(await run('text', template, context), 'render');
      return String(value ?? '');
    },
    async renderValue(value, context) {
      if (value === undefined) return undefined;
      let json: string | undefined;
      try {
        json = JSON.stringify(value);
      } catch (err) {
        throw new TemplateRenderError('input', `value to render is not JSON-serialisable: ${(err as Error).message}`);
      }
      if (json === undefined) return undefined;
      if (Buffer.byteLength(json, 'utf8') > MAX_TEMPLATE_BYTES) {
        throw new TemplateRenderError('input', `value to render is larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MiB`);
      }
      return unwrap(await run('value', json, context), 'render');
    },
    dispose() {
      disposed = true;
      current?.kill();
      current = undefined;
    },
  };
}
