// Finding repositories below a location and reading the few files the analysis needs. The walk is
// pure logic over an injected TreeReader, so the server (local disk) and the CLI (its own fs adapter)
// share the same rules: what counts as a repository, what is skipped, and every bound.
import { DEFAULT_CATALOG_FILENAME, DISCOVERY_FILES, DISCOVERY_LIMITS, SKIPPED_DIRS, isRepositoryRoot, type RepoView } from './repoView';
import { originFromGitConfig } from './names';

/** One directory entry. Symbolic links should be reported as neither, so the walk never follows them. */
export type TreeEntry = { name: string; kind: 'file' | 'dir' | 'other' };

/** Read access to a tree of files; paths are relative POSIX paths, `''` is the root. */
export interface TreeReader {
  /** The entries of a directory; `[]` when it does not exist. */
  list(dir: string): Promise<TreeEntry[]>;
  /** A file's text when it is at most `maxBytes`; `null` when it exists but is larger or unreadable; `undefined` when missing. */
  read(path: string, maxBytes: number): Promise<string | null | undefined>;
}

/** Options of {@link findRepositories}. */
export type FindOptions = {
  /** The name to use for the root directory (the last segment of the location). */
  rootName: string;
  catalogFilename?: string;
  limits?: Partial<Record<keyof typeof DISCOVERY_LIMITS, number>>;
};

/** Repositories found, plus whether a bound stopped the walk early. */
export type FoundRepositories = { repos: RepoView[]; truncated: boolean };

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/** Reads the discovery files of the repository at `dir` whose entries are already listed. */
export async function readRepoView(tree: TreeReader, dir: string, entries: TreeEntry[], opts: FindOptions): Promise<RepoView> {
  const limits = { ...DISCOVERY_LIMITS, ...opts.limits };
  const files = new Map<string, string | null>();
  for (const e of entries) files.set(e.kind === 'dir' ? `${e.name}/` : e.name, null);
  const kinds = new Map(entries.map((e) => [e.name, e.kind]));
  const wanted = [...DISCOVERY_FILES, opts.catalogFilename ?? DEFAULT_CATALOG_FILENAME];
  for (const rel of new Set(wanted)) {
    // Only read what the listing shows; a nested path needs a real directory (not a link) as its first segment.
    const [first = rel, ...rest] = rel.split('/');
    if (!kinds.has(first) || (rest.length > 0 && kinds.get(first) !== 'dir')) continue;
    const text = await tree.read(join(dir, rel), limits.maxFileBytes);
    if (text !== undefined) files.set(rel, text);
  }
  const gitDir = entries.find((e) => e.name === '.git' && e.kind === 'dir');
  const config = gitDir ? await tree.read(join(dir, '.git/config'), limits.maxFileBytes) : undefined;
  const remoteUrl = config ? originFromGitConfig(config) : undefined;
  const dirName = dir ? (dir.split('/').at(-1) ?? dir) : opts.rootName;
  return { path: dir || '.', dirName, files, ...(remoteUrl ? { remoteUrl } : {}) };
}

/**
 * Finds repositories at or below the root: directories with `.git`, a manifest or a catalog file.
 * A repository's subdirectories are not searched (monorepo packages belong to their repository).
 */
export async function findRepositories(tree: TreeReader, opts: FindOptions): Promise<FoundRepositories> {
  const limits = { ...DISCOVERY_LIMITS, ...opts.limits };
  const catalogFilename = opts.catalogFilename ?? DEFAULT_CATALOG_FILENAME;
  const repos: RepoView[] = [];
  const queue: Array<{ dir: string; depth: number }> = [{ dir: '', depth: 0 }];
  let visited = 0;
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    if (++visited > limits.maxDirs || repos.length >= limits.maxRepos) return { repos, truncated: true };
    const entries = (await tree.list(next.dir)).slice(0, limits.maxEntriesPerDir);
    const names = entries.map((e) => e.name);
    if (isRepositoryRoot(names) || names.includes(catalogFilename)) {
      repos.push(await readRepoView(tree, next.dir, entries, opts));
      continue;
    }
    if (next.depth >= limits.maxDepth) continue;
    const children = entries.filter((e) => e.kind === 'dir' && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name));
    for (const child of children.sort((a, b) => a.name.localeCompare(b.name))) queue.push({ dir: join(next.dir, child.name), depth: next.depth + 1 });
  }
  return { repos, truncated: false };
}
