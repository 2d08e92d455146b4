import { DEFAULT_CATALOG_FILENAME, DISCOVERY_FILES, DISCOVERY_LIMITS, type RepoView } from '../../../../model/discovery';
import { InputError } from '../../../platform/errors';
import { parseGitTarget } from '../ingest/gitReader';
import type { SourceReader } from '../ingest/sourceTypes';

/** A repository read through the catalog's git reader (a cached mirror), plus where its catalog file would live. */
export type GitRepo = { view: RepoView; catalogLocation?: { type: 'git'; target: string } };

const utf8 = new TextDecoder('utf-8', { fatal: true });

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

/**
 * Reads the discovery files of one repository (`<repo>[#<ref>]`) with the existing git reader: one
 * glob of root-level paths, so only those blobs are read from the mirror. A path after the ref is
 * ignored: discovery always looks at the repository root.
 */
export async function readGitRepo(git: SourceReader, target: string, catalogFilename = DEFAULT_CATALOG_FILENAME): Promise<GitRepo> {
  let t: ReturnType<typeof parseGitTarget>;
  try {
    t = parseGitTarget(target);
  } catch (err) {
    throw new InputError(err instanceof Error ? err.message : String(err));
  }
  const glob = `{${[...DISCOVERY_FILES, catalogFilename, 'cmd/*/main.go'].join(',')}}`;
  let result: Awaited<ReturnType<SourceReader['read']>>;
  try {
    result = await git.read(`${t.repo}#${t.ref}:${glob}`);
  } catch (err) {
    // The reader already removes credentials from its messages.
    throw new InputError(`Unable to read repository: ${err instanceof Error ? err.message : String(err)}`);
  }
  const files = new Map<string, string | null>();
  let catalogLocation: GitRepo['catalogLocation'];
  for (const f of result.files) {
    const rel = pathOfKey(f.locationKey);
    files.set(rel, decode(f.bytes));
    if (rel.startsWith('cmd/')) files.set('cmd/', null);
    if (rel === catalogFilename) catalogLocation = { type: 'git', target: f.locationKey.slice('git:'.length) };
  }
  const dirName = t.repo.replace(/\.git\/?$/, '').split(/[/:]/).filter(Boolean).at(-1) ?? 'repository';
  return { view: { path: '.', dirName, files, remoteUrl: t.repo }, catalogLocation };
}
