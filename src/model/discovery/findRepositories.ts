// Finding repositories below a location and reading the few files the analysis needs. The walk is
// pure logic over an injected TreeReader, so the server (local disk) and the CLI (its own fs adapter)
// share the same rules: what counts as a repository, what is skipped, and every bound.
import { DEFAULT_CATALOG_FILENAME, DISCOVERY_FILES, DISCOVERY_LIMITS, SKIPPED_DIRS, isRepositoryRoot, type RepoView } from './repoView';
import { CODEOWNERS_PATHS } from './codeowners';
import { findPackages, type WalkBudget } from './findPackages';
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
  /** Treat the root as a repository even without `.git` or a manifest (a git location is one by definition). */
  rootIsRepository?: boolean;
  /**
   * When the root is a folder inside a repository (a git URL's sub-path): its path there and the
   * repository's CODEOWNERS, so owners are looked up for the folder's real path.
   */
  inRepository?: { path: string; codeowners?: { file: string; text: string } };
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

/** The repository's CODEOWNERS (GitHub's precedence), for the packages that live inside it. */
function codeownersOf(view: RepoView): { file: string; text: string } | undefined {
  const file = CODEOWNERS_PATHS.find((p) => typeof view.files.get(p) === 'string');
  const text = file ? view.files.get(file) : undefined;
  return file && typeof text === 'string' ? { file, text } : undefined;
}

/** Reads one repository and its monorepo packages: the root first, then each package in path order. */
async function readRepository(tree: TreeReader, dir: string, entries: TreeEntry[], opts: FindOptions, budget: WalkBudget, maxPackages: number) {
  const limits = { ...DISCOVERY_LIMITS, ...opts.limits };
  const root = await readRepoView(tree, dir, entries, opts);
  const context = dir === '' ? opts.inRepository : undefined;
  const codeowners = codeownersOf(root) ?? context?.codeowners;
  const inRepo = (rel: string) => [context?.path, rel].filter(Boolean).join('/');
  const found = await findPackages(tree, dir, root, entries, {
    catalogFilename: opts.catalogFilename ?? DEFAULT_CATALOG_FILENAME,
    limits: { ...limits, maxPackages: Math.min(limits.maxPackagesPerRepo, maxPackages) },
    budget,
  });
  const partOf = (packagePath: string) => ({ packagePath, ...(codeowners ? { codeowners } : {}) });
  const head: RepoView = {
    ...root,
    ...(context?.path ? { partOf: partOf(context.path) } : {}),
    ...(found.packages.length > 0 ? { monorepo: { packages: found.packages.map((p) => p.path), declaredBy: found.declaredBy } } : {}),
  };
  const views = [head];
  for (const p of found.packages) {
    const view = await readRepoView(tree, join(dir, p.path), p.entries, opts);
    views.push({ ...view, ...(root.remoteUrl ? { remoteUrl: root.remoteUrl } : {}), partOf: partOf(inRepo(p.path)) });
  }
  return { views, truncated: found.truncated };
}

/**
 * Finds repositories at or below the root: directories with `.git`, a manifest or a catalog file.
 * Inside a repository only its packages are looked for (see findPackages); they follow their
 * repository in the result, marked with `partOf`, and the repository lists them in `monorepo`.
 */
export async function findRepositories(tree: TreeReader, opts: FindOptions): Promise<FoundRepositories> {
  const limits = { ...DISCOVERY_LIMITS, ...opts.limits };
  const catalogFilename = opts.catalogFilename ?? DEFAULT_CATALOG_FILENAME;
  const repos: RepoView[] = [];
  const budget: WalkBudget = { dirsLeft: limits.maxDirs };
  const queue: Array<{ dir: string; depth: number }> = [{ dir: '', depth: 0 }];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    if (--budget.dirsLeft < 0 || repos.length >= limits.maxRepos) return { repos, truncated: true };
    const entries = (await tree.list(next.dir)).slice(0, limits.maxEntriesPerDir);
    const names = entries.map((e) => e.name);
    if (isRepositoryRoot(names) || names.includes(catalogFilename) || (next.dir === '' && opts.rootIsRepository)) {
      const found = await readRepository(tree, next.dir, entries, opts, budget, limits.maxRepos - repos.length - 1);
      repos.push(...found.views);
      if (found.truncated) return { repos, truncated: true };
      continue;
    }
    if (next.depth >= limits.maxDepth) continue;
    const children = entries.filter((e) => e.kind === 'dir' && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name));
    for (const child of children.sort((a, b) => a.name.localeCompare(b.name))) queue.push({ dir: join(next.dir, child.name), depth: next.depth + 1 });
  }
  return { repos, truncated: false };
}
