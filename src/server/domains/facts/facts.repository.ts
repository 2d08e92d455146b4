// Where an entity's repository is read from for the `repository` fact source: the folder of its
// descriptor on disk (file locations) or in the catalog's git mirror (git locations, or a source-location
// URL naming a repository the catalog has mirrored). Reads are bounded and never leave that folder.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ANNOTATION_MANAGED_BY_LOCATION, ANNOTATION_SOURCE_LOCATION } from '../../../model';
import { LISTED_FOLDERS } from './facts.repositoryFiles';

const run = promisify(execFile);
const GIT_TIMEOUT_MS = 30_000;
/** Files read for facts (Dockerfile, package.json, score.yaml) are small; larger ones are skipped. */
export const MAX_READ_BYTES = 512 * 1024;
const MAX_LISTED = 500;

export interface RepositoryFolder {
  /** `file:/abs/dir` or `git:<repo>#<commit>:<dir>`: also what caches a listing within one run. */
  description: string;
  /** Files (not folders) at the top level and in LISTED_FOLDERS, as relative paths. */
  list(): Promise<string[]>;
  /** The file's text, or undefined when it is absent or larger than MAX_READ_BYTES. */
  read(path: string): Promise<string | undefined>;
}

export interface RepositoryDeps {
  gitMirrorDir(repo: string): string;
  fileRoots: readonly string[];
}

/** Why an entity's repository cannot be read now (its previous repository facts are kept). */
export class RepositoryUnavailable extends Error {}

/** The entity's repository folder, or undefined when its source is not in a file or git location Paved can read. */
export async function repositoryFolder(annotations: Record<string, string>, deps: RepositoryDeps): Promise<RepositoryFolder | undefined> {
  const location = annotations[ANNOTATION_MANAGED_BY_LOCATION] ?? '';
  if (location.startsWith('file:')) return fileFolder(location.slice('file:'.length), deps);
  if (location.startsWith('git:')) {
    const loc = parseGitLocation(location.slice('git:'.length));
    return gitFolder(loc.repo, loc.ref, posix.dirname(loc.path), deps);
  }
  const source = annotations[ANNOTATION_SOURCE_LOCATION] ?? '';
  for (const candidate of sourceLocationCandidates(source)) {
    if (existsSync(deps.gitMirrorDir(candidate.repo))) return gitFolder(candidate.repo, candidate.ref, candidate.path, deps);
  }
  return undefined;
}

async function fileFolder(descriptorPath: string, deps: RepositoryDeps): Promise<RepositoryFolder> {
  const base = await realpath(dirname(descriptorPath)).catch(() => undefined);
  if (!base) throw new RepositoryUnavailable(`the folder of ${descriptorPath} does not exist`);
  const roots = await Promise.all(deps.fileRoots.map((r) => realpath(r).catch(() => resolve(r))));
  const inside = (parent: string, path: string) => {
    const rel = relative(parent, path);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  // A symlink in the folder may point anywhere: what it resolves to must stay in the folder or a file root.
  const allowed = (real: string) => inside(base, real) || roots.some((r) => inside(r, real));
  return {
    description: `file:${base}`,
    async list() {
      const out: string[] = [];
      for (const folder of ['', ...LISTED_FOLDERS]) {
        const entries = await readdir(join(base, folder), { withFileTypes: true }).catch(() => []);
        for (const e of entries) {
          if (out.length >= MAX_LISTED) break;
          if (e.isFile() || e.isSymbolicLink()) out.push(folder ? `${folder}/${e.name}` : e.name);
        }
      }
      return out.sort();
    },
    async read(path) {
      const real = await realpath(join(base, path)).catch(() => undefined);
      if (!real || !allowed(real)) return undefined;
      const info = await stat(real);
      if (!info.isFile() || info.size > MAX_READ_BYTES) return undefined;
      return readFile(real, 'utf8');
    },
  };
}

/** `<repo>#<ref>:<path>` as the git reader writes location keys: the last `#`, then the first `:` after it. */
function parseGitLocation(target: string): { repo: string; ref: string; path: string } {
  const hash = target.lastIndexOf('#');
  const repo = hash === -1 ? target : target.slice(0, hash);
  const fragment = hash === -1 ? '' : target.slice(hash + 1);
  const colon = fragment.indexOf(':');
  return { repo, ref: (colon === -1 ? fragment : fragment.slice(0, colon)) || 'HEAD', path: colon === -1 ? 'catalog-info.yaml' : fragment.slice(colon + 1) };
}

/** `url:https://host/org/repo/tree/<ref>/<path>/` (GitHub, GitLab's `/-/tree/`) → the repository addresses the catalog may have mirrored. */
export function sourceLocationCandidates(annotation: string): Array<{ repo: string; ref: string; path: string }> {
  if (!annotation.startsWith('url:')) return [];
  let url: URL;
  try {
    url = new URL(annotation.slice('url:'.length));
  } catch {
    return [];
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return [];
  const m = /^\/(.+?)\/(?:-\/)?(?:tree|blob)\/([^/]+)\/?(.*)$/.exec(url.pathname);
  const [project, ref, path] = m ? [m[1]!, m[2]!, m[3]!.replace(/\/$/, '')] : [url.pathname.replace(/^\/|\/$/g, '').replace(/\.git$/, ''), 'HEAD', ''];
  if (!project) return [];
  const repo = `${url.protocol}//${url.host}/${project}`;
  return [{ repo, ref, path: path || '.' }, { repo: `${repo}.git`, ref, path: path || '.' }];
}

async function gitFolder(repoTarget: string, ref: string, dir: string, deps: RepositoryDeps): Promise<RepositoryFolder> {
  const root = posix.normalize(dir).replace(/^\.\/?$/, '').replace(/\/$/, '');
  if (root === '..' || root.startsWith('../') || posix.isAbsolute(root)) throw new RepositoryUnavailable(`${dir} leads outside the repository`);
  // The mirror is keyed by the address the catalog read; a relative local path was resolved by the server.
  const repo = /^[a-z][a-z0-9+.-]*:\/\//i.test(repoTarget) || /^[^/]*:/.test(repoTarget) ? repoTarget : resolve(repoTarget);
  const mirror = deps.gitMirrorDir(repo);
  let commit: string;
  try {
    commit = (await git(mirror, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    throw new RepositoryUnavailable(`the catalog has not fetched ${ref} of ${repoTarget} yet`);
  }
  const full = (path: string) => (root ? `${root}/${path}` : path);
  let listing: Promise<string[]> | undefined;
  const list = () => (listing ??= (async () => {
    const specs = ['', ...LISTED_FOLDERS].map((f) => (f ? `${full(f)}/` : root ? `${root}/` : '.'));
    const out = await git(mirror, ['ls-tree', '-z', commit, '--', ...specs]);
    const files: string[] = [];
    for (const entry of out.split('\0')) {
      const m = /^\d+ blob [0-9a-f]+\t(.*)$/s.exec(entry);
      if (!m || files.length >= MAX_LISTED) continue;
      files.push(root ? m[1]!.slice(root.length + 1) : m[1]!);
    }
    return [...new Set(files)].sort();
  })());
  return {
    description: `git:${repoTarget}#${commit.slice(0, 12)}:${root || '.'}`,
    list,
    async read(path) {
      if (!(await list()).includes(path)) return undefined;
      const spec = `${commit}:${full(path)}`;
      const size = Number((await git(mirror, ['cat-file', '-s', spec])).trim());
      if (size > MAX_READ_BYTES) return undefined;
      return git(mirror, ['cat-file', 'blob', spec]);
    },
  };
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', cwd, ...args], {
    encoding: 'utf8', maxBuffer: MAX_READ_BYTES * 2, timeout: GIT_TIMEOUT_MS,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  });
  return stdout;
}
