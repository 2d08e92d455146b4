/**
 * The program of the sandbox child process (run with `node -e`, so it works both from the TypeScript
 * sources and from the esbuild bundle in dist/server without a file of its own).
 *
 * Why a child process around the isolate: isolated-vm's memory limit is checked at garbage
 * collection, but one oversized allocation (`"x".repeat(3e8).split("")`, `Array(2e8).fill(0)`) hits a
 * V8 fatal error that aborts the whole process hosting the isolate. Templates are untrusted, so that
 * process must not be the server. Here a crash only kills this child; the parent reports it and
 * starts a new one.
 *
 * Protocol (IPC, JSON): parent → `{type:'boot', script, memoryLimitMb}` then
 * `{type:'render', id, mode, input, contextJson, timeoutMs}`; child → `{type:'ready'}`,
 * `{type:'result', id, json}` (the isolate's JSON answer) or `{type:'failure', id, reason, message}`.
 */
// language=JavaScript
export const SANDBOX_HOST_SOURCE = String.raw`
'use strict';
const ivm = require(process.argv[1]);
let boot;
let sandbox;

function createSandbox() {
  const isolate = new ivm.Isolate({ memoryLimit: boot.memoryLimitMb });
  const context = isolate.createContextSync();
  const script = isolate.compileScriptSync(boot.script, boot.cachedData ? { cachedData: boot.cachedData } : { produceCachedData: true });
  if (!boot.cachedData && script.cachedData) boot.cachedData = script.cachedData;
  script.runSync(context, { timeout: 10000 });
  const render = context.global.getSync('__pavedRender', { reference: true });
  script.release();
  return { isolate, context, render };
}

function disposeSandbox() {
  if (!sandbox) return;
  try { sandbox.render.release(); sandbox.context.release(); } catch (e) { /* already gone */ }
  if (!sandbox.isolate.isDisposed) sandbox.isolate.dispose();
  sandbox = undefined;
}

function renderOnce(msg) {
  if (!sandbox) sandbox = createSandbox();
  try {
    const json = sandbox.render.applySync(undefined, [msg.mode, msg.input, msg.contextJson], { timeout: msg.timeoutMs });
    return { type: 'result', id: msg.id, json: String(json) };
  } catch (e) {
    const message = String(e && e.message || e);
    const disposed = sandbox.isolate.isDisposed;
    if (disposed || /memory limit/i.test(message)) {
      disposeSandbox();
      return { type: 'failure', id: msg.id, reason: 'memory', message };
    }
    if (/timed out/i.test(message)) {
      return { type: 'failure', id: msg.id, reason: 'timeout', message };
    }
    // Anything else means the sandbox itself misbehaved: start from a fresh one next time.
    disposeSandbox();
    return { type: 'failure', id: msg.id, reason: 'sandbox', message };
  }
}

process.on('message', (msg) => {
  if (msg.type === 'boot') {
    boot = { script: msg.script, memoryLimitMb: msg.memoryLimitMb, cachedData: undefined };
    try {
      sandbox = createSandbox();
      process.send({ type: 'ready' });
    } catch (e) {
      process.send({ type: 'bootFailed', message: String(e && e.message || e) });
    }
    return;
  }
  if (msg.type === 'render') process.send(renderOnce(msg));
});
process.on('disconnect', () => process.exit(0));
`;
