import { createHash } from 'node:crypto';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { ANNOTATION_MANAGED_BY_LOCATION, ANNOTATION_TECHDOCS_REF } from '../../../model';
import { createDirectoryDocsReader, parseMkdocsConfig, type DocsSourceReader } from './build';
import { createGitDocsReader, resolveCommit } from './docs.gitReader';

/** Bumped when the builder's output changes, so every site is rebuilt once with the new builder. */
// 2: sites keep the images and PDFs their pages use (docs_assets), so sites built before are rebuilt.
const BUILDER_VERSION = '2';
const MAX_FINGERPRINT_FILES = 10_000;

/** Where an entity's docs are read from, and a cheap fingerprint of their current content. */
export interface ResolvedDocsSource {
  /** Shown to users: `file:/abs/dir` or `git:<repo>#<commit>:<dir>`. */
  description: string;
  reader: DocsSourceReader;
  /** Changes whenever mkdocs.yml or a file of the docs folder changes; computed without rendering anything. */
  fingerprint(): Promise<string>;
}

/** Why an entity's docs cannot be read at all: stored as the site's only build error. */
export class DocsSourceError extends Error {
  constructor(message: string, readonly file: string) {
    super(message);
  }
}

export interface DocsSourceDeps {
  /** The catalog's mirror of a repository (see catalog.module.ts). */
  gitMirrorDir(repo: string): string;
  /** Where file locations may read; docs outside the descriptor's folder must also be under one of these. */
  fileRoots: readonly string[];
}

/**
 * Resolves `backstage.io/techdocs-ref: dir:<path>` against `backstage.io/managed-by-location`:
 * `file:` → the folder on disk next to the descriptor; `git:` → the same folder at the commit the
 * catalog last fetched into its mirror; `url:` and other ref types are not supported yet.
 */
export async function resolveDocsSource(annotations: Record<string, string>, deps: DocsSourceDeps): Promise<ResolvedDocsSource> {
  const ref = annotations[ANNOTATION_TECHDOCS_REF] ?? '';
  const location = annotations[ANNOTATION_MANAGED_BY_LOCATION] ?? '';
  const descriptor = 'catalog-info.yaml';
  if (!ref.startsWith('dir:')) throw new DocsSourceError(`${ANNOTATION_TECHDOCS_REF} "${ref}" is not supported yet: use dir:<path> (e.g. dir:.)`, descriptor);
  const dir = ref.slice('dir:'.length).trim() || '.';
  if (location.startsWith('file:')) return fileSource(location.slice('file:'.length), dir, deps);
  if (location.startsWith('git:')) return gitSource(location.slice('git:'.length), dir, deps);
  if (location.startsWith('url:')) throw new DocsSourceError(`docs of url: locations are not supported yet (${location}); register the repository as a git or file location`, descriptor);
  throw new DocsSourceError(`cannot tell where the docs are: ${ANNOTATION_MANAGED_BY_LOCATION} is "${location}"`, descriptor);
}

async function fileSource(descriptorPath: string, dir: string, deps: DocsSourceDeps): Promise<ResolvedDocsSource> {
  if (isAbsolute(dir)) throw new DocsSourceError(`${ANNOTATION_TECHDOCS_REF} dir:${dir} must be relative to the descriptor`, descriptorPath);
  const base = dirname(descriptorPath);
  const root = resolve(base, dir);
  const real = await realpath(root).catch(() => undefined);
  if (!real || !(await stat(real)).isDirectory()) throw new DocsSourceError(`the docs folder ${root} does not exist`, descriptorPath);
  // `dir:.` and folders below the descriptor are always allowed; anything else only under the file roots.
  const inside = (parent: string) => {
    const rel = relative(parent, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const realBase = await realpath(base).catch(() => base);
  const roots = await Promise.all(deps.fileRoots.map((r) => realpath(r).catch(() => resolve(r))));
  if (!inside(realBase) && !roots.some(inside)) throw new DocsSourceError(`the docs folder ${root} is outside the descriptor's folder and outside PAVED_FILE_ROOTS`, descriptorPath);
  const reader = createDirectoryDocsReader(real);
  return {
    description: `file:${real}`,
    reader,
    fingerprint: async () => {
      const hash = createHash('sha256').update(`v${BUILDER_VERSION}\0file:${real}\0`);
      const config = (await reader.readFile('mkdocs.yml')) ?? (await reader.readFile('mkdocs.yaml')) ?? '';
      hash.update(config).update('\0');
      const docsDir = parseMkdocsConfig(config, 'mkdocs.yml').config.docsDir;
      for (const [path, version] of await statWalk(real, docsDir)) hash.update(`${path}\0${version}\0`);
      return hash.digest('hex');
    },
  };
}

/** Path, size and modification time of every file below `root/dir` (hidden entries skipped, as the reader does). */
async function statWalk(root: string, dir: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (out.length >= MAX_FINGERPRINT_FILES || e.name.startsWith('.')) continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path);
      else {
        const info = await lstat(join(root, path), { bigint: true }).catch(() => undefined);
        if (info) out.push([path, `${info.size}:${info.mtimeNs}`]);
      }
    }
  };
  await walk(dir.split('/').filter((s) => s && s !== '.').join('/'));
  return out;
}

/** `<repo>#<ref>:<path>` as the git reader writes location keys: the last `#`, then the first `:` after it. */
function parseGitLocation(target: string): { repo: string; ref: string; path: string } {
  const hash = target.lastIndexOf('#');
  const repo = hash === -1 ? target : target.slice(0, hash);
  const fragment = hash === -1 ? '' : target.slice(hash + 1);
  const colon = fragment.indexOf(':');
  return { repo, ref: (colon === -1 ? fragment : fragment.slice(0, colon)) || 'HEAD', path: colon === -1 ? 'catalog-info.yaml' : fragment.slice(colon + 1) };
}

async function gitSource(target: string, dir: string, deps: DocsSourceDeps): Promise<ResolvedDocsSource> {
  const loc = parseGitLocation(target);
  const root = posix.normalize(posix.join(posix.dirname(loc.path), dir)).replace(/^\.\/?$/, '').replace(/\/$/, '');
  if (root === '..' || root.startsWith('../') || posix.isAbsolute(root)) throw new DocsSourceError(`${ANNOTATION_TECHDOCS_REF} dir:${dir} leads outside the repository`, loc.path);
  // The mirror is keyed by the address the catalog read; a relative local path was resolved by the server.
  const repo = /^[a-z][a-z0-9+.-]*:\/\//i.test(loc.repo) || /^[^/]*:/.test(loc.repo) ? loc.repo : resolve(loc.repo);
  const mirror = deps.gitMirrorDir(repo);
  let commit: string;
  try {
    commit = await resolveCommit(mirror, loc.ref);
  } catch {
    throw new DocsSourceError(`the catalog has not fetched ${loc.ref} of ${loc.repo} yet; refresh the entity`, loc.path);
  }
  const reader = createGitDocsReader(mirror, commit, root);
  return {
    description: `git:${loc.repo}#${commit.slice(0, 12)}:${root || '.'}`,
    reader,
    fingerprint: async () => {
      const config = (await reader.readFile('mkdocs.yml')) ?? (await reader.readFile('mkdocs.yaml')) ?? '';
      const docsDir = parseMkdocsConfig(config, 'mkdocs.yml').config.docsDir;
      const hash = createHash('sha256').update(`v${BUILDER_VERSION}\0git:${loc.repo}:${root}\0`);
      for (const [path, blob] of await reader.versions(docsDir)) hash.update(`${path}\0${blob}\0`);
      return hash.digest('hex');
    },
  };
}
