import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const GIT_TIMEOUT_MS = 5 * 60_000;

export interface GitOptions {
  cwd: string;
  signal: AbortSignal;
  /** Sent to git only through a credential helper reading the environment of this one process, never argv or config files. */
  token?: string;
  tokenUsername?: string;
  /** Values to remove from error messages. */
  redact?: string[];
}

// The helper answers `get` with the token from the child's environment; `store`/`erase` do nothing, so
// no other helper (a user's credential store) ever receives it either: the empty value resets the list.
const CREDENTIAL_HELPER = '!f() { test "$1" = get || exit 0; echo "username=${PAVED_GIT_USERNAME}"; echo "password=${PAVED_GIT_TOKEN}"; }; f';

/** Runs the system git with no prompts, no hooks and credentials kept out of argv, config and logs. */
export async function git(args: string[], opts: GitOptions): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'true',
    SSH_ASKPASS: 'true',
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    LC_ALL: 'C',
  };
  const config = ['-c', 'core.hooksPath=/dev/null', '-c', 'credential.helper='];
  if (opts.token) {
    env.PAVED_GIT_TOKEN = opts.token;
    env.PAVED_GIT_USERNAME = opts.tokenUsername ?? 'x-access-token';
    config.push('-c', `credential.helper=${CREDENTIAL_HELPER}`);
  }
  try {
    const { stdout } = await run('git', [...config, ...args], {
      cwd: opts.cwd, env, signal: opts.signal, timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    if (opts.signal.aborted) throw Object.assign(new Error('git was cancelled'), { name: 'AbortError' });
    const stderr = err && typeof err === 'object' && 'stderr' in err ? String(err.stderr).trim() : '';
    let message = `git ${args.find((a) => !a.startsWith('-')) ?? ''} failed: ${stderr || (err instanceof Error ? err.message : String(err))}`;
    for (const secret of [opts.token, ...(opts.redact ?? [])]) if (secret) message = message.split(secret).join('***');
    throw new Error(message.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@'));
  }
}
