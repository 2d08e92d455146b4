import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import picomatch from 'picomatch';
import { MAX_FILE_BYTES, MAX_FILES_PER_SOURCE, type SourceFile, type SourceReader } from './sourceTypes';

const run = promisify(execFile);
const GIT_TIMEOUT_MS = 120_000;

/** A parsed `git` location target: `<repository>[#<ref>[:<path or glob>]]`. */
export interface GitTarget {
  repo: string;
  ref: string;
  path: string;
}

/**
 * Parses `<repo>#<ref>:<path>`. Git forbids `:` in ref names, so the first `:` after `#` ends the ref.
 * Defaults: ref `HEAD` (the remote's default branch), path `catalog-info.yaml`.
 */
export function parseGitTarget(target: string): GitTarget {
  const hash = target.lastIndexOf('#');
  const repo = hash === -1 ? target : target.slice(0, hash);
  const fragment = hash === -1 ? '' : target.slice(hash + 1);
  const colon = fragment.indexOf(':');
  const ref = (colon === -1 ? fragment : fragment.slice(0, colon)) || 'HEAD';
  const path = (colon === -1 ? '' : fragment.slice(colon + 1)).replace(/^\/+/, '') || 'catalog-info.yaml';
  if (!repo) throw new Error(`git location "${redact(target)}" has no repository`);
  if (ref.startsWith('-') || /[\s~^:?*[\\]/.test(ref)) throw new Error(`git location has an invalid ref "${ref}"`);
  return { repo, ref, path };
}

/** Removes credentials from URLs before they reach a message or a log line. */
export function redact(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}

/**
 * `git` locations: a repository (local path or remote URL) read with the system `git`. The repository is
 * mirrored under the data directory and files are read from the commit, so no work tree is needed and an
 * unchanged commit is never re-processed.
 */
export function createGitReader(cacheDir: string): SourceReader {
  const revisions = new Map<string, { dir: string; commit: string }>();
  return {
    async read(target) {
      const t = parseGitTarget(target);
      const dir = await mirror(cacheDir, t.repo);
      const commit = (await git(dir, ['rev-parse', '--verify', `${t.ref}^{commit}`])).trim();
      const listing = (await git(dir, ['ls-tree', '-r', '-z', '--name-only', commit])).split('\0').filter(Boolean);
      const isMatch = picomatch(t.path, { dot: false });
      const paths = listing.filter((p) => isMatch(p)).slice(0, MAX_FILES_PER_SOURCE + 1);
      if (paths.length > MAX_FILES_PER_SOURCE) throw new Error(`git location matches more than ${MAX_FILES_PER_SOURCE} files`);
      const files: SourceFile[] = [];
      const errors: Array<{ locationKey: string; message: string }> = [];
      const safeRepo = redact(t.repo);
      if (paths.length === 0) errors.push({ locationKey: `git:${safeRepo}#${t.ref}:${t.path}`, message: `No file matches "${t.path}" at ${t.ref} (${commit.slice(0, 12)})` });
      for (const p of paths) {
        const locationKey = `git:${safeRepo}#${t.ref}:${p}`;
        try {
          const bytes = await blob(dir, commit, p);
          files.push({ locationKey, base: `/${p}`, root: '/', bytes });
          revisions.set(locationKey, { dir, commit });
        } catch (err) {
          errors.push({ locationKey, message: err instanceof Error ? redact(err.message) : String(err) });
        }
      }
      const hash = createHash('sha256').update(`${commit}\0${t.path}`).digest('hex');
      return { files, errors, hash };
    },
    async readPlaceholder(file, resolved) {
      const rev = revisions.get(file.locationKey);
      if (!rev) throw new Error(`${file.locationKey} was not read in this pass`);
      return new TextDecoder('utf-8', { fatal: true }).decode(await blob(rev.dir, rev.commit, resolved.replace(/^\/+/, '')));
    },
    resolveChild(file, target) {
      // A Location inside a repository points at another file of the same repository and ref.
      const [prefix] = file.locationKey.slice('git:'.length).split(/:(?=[^:]*$)/);
      const path = target.startsWith('/') ? target : posix.join(posix.dirname(file.base), target);
      return `${prefix}:${path.replace(/^\/+/, '')}`;
    },
  };
}

async function mirror(cacheDir: string, repo: string): Promise<string> {
  const dir = join(cacheDir, `${createHash('sha1').update(repo).digest('hex')}.git`);
  const exists = await stat(dir).then(() => true, () => false);
  if (!exists) {
    await mkdir(cacheDir, { recursive: true });
    await git(cacheDir, ['clone', '--mirror', '--quiet', '--', repo, dir]);
  } else {
    await git(dir, ['fetch', '--prune', '--quiet', 'origin']);
  }
  return dir;
}

async function blob(dir: string, commit: string, path: string): Promise<Uint8Array> {
  const size = Number((await git(dir, ['cat-file', '-s', `${commit}:${path}`])).trim());
  if (size > MAX_FILE_BYTES) throw new Error(`${path} is ${size} bytes, larger than the ${MAX_FILE_BYTES}-byte limit`);
  const { stdout } = await run('git', ['-C', dir, 'cat-file', 'blob', `${commit}:${path}`], {
    encoding: 'buffer', maxBuffer: MAX_FILE_BYTES + 1024, timeout: GIT_TIMEOUT_MS, env: gitEnv(),
  });
  return stdout;
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', cwd, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: GIT_TIMEOUT_MS, env: gitEnv() });
    return stdout;
  } catch (err) {
    const stderr = err && typeof err === 'object' && 'stderr' in err ? String(err.stderr).trim() : '';
    throw new Error(redact(`git ${args[0]} failed: ${stderr || (err instanceof Error ? err.message : String(err))}`));
  }
}

function gitEnv(): NodeJS.ProcessEnv {
  // Never prompt for credentials: a location without them fails with a message instead of hanging a job.
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', LC_ALL: 'C' };
}
