import {
  CODEOWNERS_PATHS, DEFAULT_CATALOG_FILENAME, DISCOVERY_FILES, DISCOVERY_LIMITS, PACKAGE_MANIFESTS,
  createMemoryTree, findRepositories, type RepoView,
} from '../../../../model/discovery';
import { InputError } from '../../../platform/errors';
import { redactCredentials } from '../ingest/redactCredentials';
import type { SourceReader } from '../ingest/sourceTypes';
import { resolveGitLocation, type GitLocation } from './gitLocation';

/** A repository or package read through the catalog's git reader, plus where its catalog file is (or would be). */
export type GitRepo = { view: RepoView; catalogLocation: { type: 'git'; target: string } };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const ROOT_NAMES = [...DISCOVERY_FILES.filter((f) => !f.includes('/')), 'cmd/*/main.go'];

function decode(bytes: Uint8Array): string | null {
  if (bytes.byteLength > DISCOVERY_LIMITS.maxFileBytes) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The repository path of a git location key `git:<repo>#<ref>:<path>` (refs cannot contain `:`). */
function pathOfKey(locationKey: string): string {
  const fragment = locationKey.slice(locationKey.lastIndexOf('#') + 1);
  return fragment.slice(fragment.indexOf(':') + 1);
}

/** Escapes a folder name for the reader's glob; `undefined` for a name a brace list cannot hold. */
function globPath(path: string): string | undefined {
  if (path.includes(',')) return undefined;
  return path.replace(/[\\*?[\]{}()!+@]/g, '\\$&');
}

const prefixed = (dir: string) => (dir ? `${globPath(dir)}/` : '');
const levels = (depth: number) => Array.from({ length: depth }, (_, i) => '*/'.repeat(i + 1));

/** Reads the files matching one glob, keyed by repository path. The reader's messages are already credential-free. */
async function readGlob(git: SourceReader, loc: GitLocation, glob: string): Promise<Map<string, string | null>> {
  let result: Awaited<ReturnType<SourceReader['read']>>;
  try {
    result = await git.read(`${loc.repo}#${loc.ref}:${glob}`);
  } catch (err) {
    const at = loc.ref === 'HEAD' ? '' : ` at ${JSON.stringify(loc.ref)}`;
    throw new InputError(`Unable to read repository ${redactCredentials(loc.repo)}${at}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return new Map(result.files.map((f) => [pathOfKey(f.locationKey), decode(f.bytes)]));
}

/**
 * Reads a git location (`<repo>[#<ref>]`, or a browser URL with `/tree/<ref>/<path>`) with the catalog's
 * git reader and finds the repository (or folder) and its monorepo packages, as for a folder on disk.
 * Two globbed reads: first every manifest down to the package depth, then the other discovery files
 * of the root and of each package found, so a big repository's READMEs are never all read.
 */
export async function readGitLocation(git: SourceReader, target: string, catalogFilename = DEFAULT_CATALOG_FILENAME): Promise<{ repos: GitRepo[]; truncated: boolean }> {
  const loc = resolveGitLocation(target);
  const base = prefixed(loc.path);
  const deep = [...PACKAGE_MANIFESTS, catalogFilename];
  const firstGlob = `{${base}{${[...ROOT_NAMES, catalogFilename].join(',')}},${base}{${levels(DISCOVERY_LIMITS.maxPackageDepth).join(',')}}{${deep.join(',')}},${CODEOWNERS_PATHS.join(',')}}`;
  const files = await readGlob(git, loc, firstGlob);
  const inLocation = (all: Map<string, string | null>) => new Map([...all].flatMap(([p, text]) => (!loc.path ? [[p, text] as const] : p.startsWith(`${loc.path}/`) ? [[p.slice(loc.path.length + 1), text] as const] : [])));
  const options = () => {
    const codeownersFile = CODEOWNERS_PATHS.find((p) => typeof files.get(p) === 'string');
    const codeowners = codeownersFile ? { file: codeownersFile, text: files.get(codeownersFile) ?? '' } : undefined;
    return { rootName: loc.path.split('/').at(-1) || loc.repoName, catalogFilename, rootIsRepository: true, ...(loc.path ? { inRepository: { path: loc.path, codeowners } } : {}) };
  };
  let found = await findRepositories(createMemoryTree(inLocation(files)), options());
  const packageDirs = found.repos.filter((r) => r.path !== '.').map((r) => globPath(`${loc.path ? `${loc.path}/` : ''}${r.path}`)).filter((p) => p !== undefined);
  if (packageDirs.length > 0) {
    for (const [p, text] of await readGlob(git, loc, `{${packageDirs.join(',')}}/{${ROOT_NAMES.join(',')}}`)) files.set(p, text);
    found = await findRepositories(createMemoryTree(inLocation(files)), options());
  }
  const safeRepo = redactCredentials(loc.repo);
  const repos = found.repos.map((view): GitRepo => {
    const dir = [loc.path, view.path === '.' ? '' : view.path].filter(Boolean).join('/');
    return {
      view: { ...view, remoteUrl: safeRepo },
      catalogLocation: { type: 'git', target: `${safeRepo}#${loc.ref}:${dir ? `${dir}/` : ''}${catalogFilename}` },
    };
  });
  return { repos, truncated: found.truncated };
}
