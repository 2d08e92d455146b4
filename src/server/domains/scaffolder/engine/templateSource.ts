import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, lstat, mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import type { TemplateSourcePort } from './types';
import { copyTree } from './workspace';

const run = promisify(execFile);

export interface TemplateSourceOptions {
  /** Scratch space for git checkouts; default the OS temp directory. */
  scratchDir?: string;
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function copyInto(src: string, targetDir: string): Promise<void> {
  const st = await lstat(src);
  if (st.isSymbolicLink()) throw new Error('symbolic links are not supported in templates');
  if (st.isDirectory()) await copyTree(src, targetDir);
  else if (st.isFile()) {
    await mkdir(targetDir, { recursive: true });
    await copyFile(src, join(targetDir, basename(src)));
  } else throw new Error('not a file or directory');
}

/** `file:` templates: `url` is resolved against the template's directory and may not leave it. */
async function fetchFromFile(templatePath: string, url: string, targetDir: string): Promise<void> {
  const root = await realpath(dirname(templatePath));
  const target = resolve(root, url);
  if (!inside(root, target)) throw new Error(`${url} is outside the template's directory`);
  const real = await realpath(target).catch(() => {
    throw new Error(`${url} does not exist next to the template`);
  });
  if (!inside(root, real)) throw new Error(`${url} is outside the template's directory`);
  await copyInto(real, targetDir);
}

/** `git:<repo>#<ref>:<path>` as the catalog's git reader writes it (the first `:` after `#` ends the ref). */
function parseGitLocation(target: string): { repo: string; ref: string; path: string } {
  const hash = target.lastIndexOf('#');
  const repo = hash === -1 ? target : target.slice(0, hash);
  const fragment = hash === -1 ? '' : target.slice(hash + 1);
  const colon = fragment.indexOf(':');
  const ref = (colon === -1 ? fragment : fragment.slice(0, colon)) || 'HEAD';
  const path = (colon === -1 ? '' : fragment.slice(colon + 1)).replace(/^\/+/, '') || 'template.yaml';
  if (!repo) throw new Error('git location has no repository');
  if (repo.includes('://***@')) throw new Error('git location has redacted credentials; it cannot be read from here');
  if (ref.startsWith('-') || /[\s~^:?*[\\]/.test(ref)) throw new Error(`git location has an invalid ref "${ref}"`);
  return { repo, ref, path };
}

async function git(args: string[], signal?: AbortSignal): Promise<void> {
  try {
    await run('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.symlinks=true', ...args], {
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', LC_ALL: 'C' },
      timeout: 120_000, maxBuffer: 16 * 1024 * 1024, signal,
    });
  } catch (err) {
    const stderr = err && typeof err === 'object' && 'stderr' in err ? String(err.stderr).trim() : '';
    throw new Error(`git ${args[0] === '--git-dir' ? args[2] : args[0]} failed: ${(stderr || (err instanceof Error ? err.message : String(err))).replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@')}`);
  }
}

/** `git:` templates: a shallow fetch of the ref, then a checkout of the one directory or file asked for. */
async function fetchFromGit(location: string, url: string, targetDir: string, scratchRoot: string): Promise<void> {
  const t = parseGitLocation(location);
  const wanted = posix.normalize(posix.join(posix.dirname(t.path), url));
  if (wanted === '..' || wanted.startsWith('../') || posix.isAbsolute(wanted)) throw new Error(`${url} is outside the template's repository`);
  await mkdir(scratchRoot, { recursive: true });
  const scratch = await mkdtemp(join(scratchRoot, 'paved-template-'));
  try {
    const gitDir = join(scratch, 'repo.git');
    const tree = join(scratch, 'tree');
    await mkdir(tree);
    const repo = /^[a-z][a-z0-9+.-]*:\/\//i.test(t.repo) || /^[^/]*:/.test(t.repo) ? t.repo : resolve(t.repo);
    await git(['init', '--bare', '--quiet', gitDir]);
    await git(['--git-dir', gitDir, 'fetch', '--quiet', '--depth', '1', '--', repo, t.ref]);
    await git(['--git-dir', gitDir, '--work-tree', tree, 'checkout', 'FETCH_HEAD', '--', wanted === '.' ? '.' : wanted]);
    await copyInto(join(tree, wanted), targetDir);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Reads template contents (`fetch:*` urls) from where the catalog found the template: `file:` locations
 * on this server and `git:` locations (local or remote repositories). `url:` locations are not
 * supported yet. Reads never leave the template's directory (file) or repository (git).
 */
export function createTemplateSource(opts: TemplateSourceOptions = {}): TemplateSourcePort {
  const scratchRoot = opts.scratchDir ?? join(tmpdir(), `paved-templates-${randomUUID().slice(0, 8)}`);
  return {
    async fetchContents(baseLocation, relativeUrl, targetDir) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(relativeUrl)) throw new Error(`absolute URLs (${relativeUrl}) are not supported; use a path relative to the template`);
      if (baseLocation.startsWith('file:')) return fetchFromFile(baseLocation.slice('file:'.length), relativeUrl, targetDir);
      if (baseLocation.startsWith('git:')) return fetchFromGit(baseLocation.slice('git:'.length), relativeUrl, targetDir, scratchRoot);
      throw new Error(`templates from ${baseLocation.split(':')[0] || 'unknown'} locations are not supported`);
    },
  };
}
