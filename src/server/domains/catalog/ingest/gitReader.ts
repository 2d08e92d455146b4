import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { promisify } from 'node:util';
import picomatch from 'picomatch';
import { redactCredentials as redact } from './redactCredentials';
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

/** Placeholders and Location targets see the repository as this directory, so `../..` cannot climb out of it unnoticed. */
const REPO_ROOT = '/repository';

/**
 * `git` locations: a repository (local path or remote URL) read with the system `git`. The repository is
 * mirrored under the data directory and files are read from the commit, so no work tree is needed and an
 * unchanged commit is never re-processed.
 *
 * Credentials in a repository URL stay inside this reader: every location key it produces (and so every
 * child target, annotation and error) carries the redacted URL, and reading a redacted URL uses the
 * credentials last seen with the registered (root) target of the same repository. `credentials` (redacted
 * URL → URL) may be shared with the ingestion worker's reader, so both know what either has seen.
 */
export function createGitReader(cacheDir: string, credentials = new Map<string, string>()): SourceReader {
  const revisions = new Map<string, { dir: string; commit: string }>();
  return {
    async read(target) {
      const t = parseGitTarget(target);
      const safeRepo = redact(t.repo);
      if (t.repo.includes('://***@')) {
        const known = credentials.get(t.repo);
        if (!known) throw new Error(`No credentials known for ${safeRepo}; refresh the location that registered it`);
        t.repo = known;
      } else if (safeRepo !== t.repo) credentials.set(safeRepo, t.repo);
      // A relative local path means the server's working directory, as for `file` locations (git would
      // otherwise resolve it against the cache directory it runs in). URLs and `host:path` are left alone.
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t.repo) && !/^[^/]*:/.test(t.repo)) t.repo = resolve(t.repo);
      const dir = await mirror(cacheDir, t.repo, t.ref === 'HEAD');
      const commit = (await git(dir, ['rev-parse', '--verify', `${t.ref}^{commit}`])).trim();
      const listing = (await git(dir, ['ls-tree', '-r', '-z', '--name-only', commit])).split('\0').filter(Boolean);
      const isMatch = picomatch(t.path, { dot: false });
      const paths = listing.filter((p) => isMatch(p)).slice(0, MAX_FILES_PER_SOURCE + 1);
      if (paths.length > MAX_FILES_PER_SOURCE) throw new Error(`git location matches more than ${MAX_FILES_PER_SOURCE} files`);
      const files: SourceFile[] = [];
      const errors: Array<{ locationKey: string; message: string }> = [];
      if (paths.length === 0) errors.push({ locationKey: `git:${safeRepo}#${t.ref}:${t.path}`, message: `No file matches "${t.path}" at ${t.ref} (${commit.slice(0, 12)})` });
      for (const p of paths) {
        const locationKey = `git:${safeRepo}#${t.ref}:${p}`;
        try {
          const bytes = await blob(dir, commit, p);
          files.push({ locationKey, base: `${REPO_ROOT}/${p}`, root: REPO_ROOT, bytes });
          revisions.set(locationKey, { dir, commit });
        } catch (err) {
          errors.push({ locationKey, message: err instanceof Error ? redact(err.message) : String(err) });
        }
      }
      const hash = createHash('sha256').update(`${commit}\0${t.path}`).digest('hex');
      return { files, errors, hash };
    },
    // No `rereadPlaceholder`: placeholders read from the same commit (they cannot leave the repository,
    // see inRepository), so the commit id in `hash` already covers every file they can read.
    async readPlaceholder(file, resolved) {
      const rev = revisions.get(file.locationKey);
      if (!rev) throw new Error(`${file.locationKey} was not read in this pass`);
      return new TextDecoder('utf-8', { fatal: true }).decode(await blob(rev.dir, rev.commit, inRepository(resolved)));
    },
    resolveChild(file, target) {
      // A Location inside a repository points at another file of the same repository and ref: the
      // child's key is this file's key (`git:<repo>#<ref>:<path>`) with the path replaced.
      const ownPath = inRepository(file.base);
      const prefix = file.locationKey.slice('git:'.length, file.locationKey.length - ownPath.length - 1);
      const path = inRepository(posix.resolve(target.startsWith('/') ? REPO_ROOT : posix.dirname(file.base), target.replace(/^\/+/, '')));
      return `${prefix}:${path}`;
    },
  };
}

/** `/repository/a/b.yaml` → `a/b.yaml`; anything outside the repository is an error. */
function inRepository(path: string): string {
  const rel = posix.relative(REPO_ROOT, path);
  if (rel === '' || rel.startsWith('..') || posix.isAbsolute(rel)) throw new Error(`${JSON.stringify(path)} is outside the repository`);
  return rel;
}

/** Where the mirror of a repository lives; keyed by the redacted address, so the same with or without credentials. */
export function gitMirrorDir(cacheDir: string, repo: string): string {
  return join(cacheDir, `${createHash('sha1').update(redact(repo)).digest('hex')}.git`);
}

/**
 * Keeps a bare mirror of the repository under the data directory; `followHead` also points its HEAD at
 * the remote's default branch. The repository address is passed on
 * every fetch and never saved in the mirror's config, so credentials in it are not written to disk.
 */
async function mirror(cacheDir: string, repo: string, followHead: boolean): Promise<string> {
  const dir = gitMirrorDir(cacheDir, repo);
  const exists = await stat(join(dir, 'HEAD')).then(() => true, () => false);
  if (!exists) {
    await mkdir(dir, { recursive: true });
    await git(dir, ['init', '--bare', '--quiet']);
  }
  await git(dir, ['fetch', '--prune', '--quiet', '--', repo, '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*']);
  // HEAD follows the remote's default branch, so a target without a ref reads what a clone would. A named
  // ref does not need it, and asking is one more round trip to a remote (~100–300 ms over HTTP here).
  if (!followHead) return dir;
  const symref = /^ref: (refs\/heads\/\S+)\s+HEAD$/m.exec(await git(dir, ['ls-remote', '--symref', '--', repo, 'HEAD']));
  if (symref?.[1]) await git(dir, ['symbolic-ref', 'HEAD', symref[1]]);
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
  // BatchMode does the same for ssh (a passphrase or host-key question would otherwise wait forever).
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', SSH_ASKPASS: 'true', GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes', LC_ALL: 'C' };
}
