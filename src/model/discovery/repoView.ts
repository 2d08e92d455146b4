// What the discovery analysis sees of a repository: a few files by relative path, never the disk.
// Server (local folders, git mirrors) and CLI build this view with their own readers, so the
// inference rules live in one pure place and are unit-tested without a filesystem.

/** A repository as the analysis sees it. */
export type RepoView = {
  /** Path of the repository relative to the analysed location (`.` for the location itself), for display. */
  path: string;
  /** The repository's folder name (or the last segment of its URL): the name of last resort. */
  dirName: string;
  /**
   * Relative POSIX path → contents. `null` means the file or directory exists but was not read (too
   * large, binary, or presence is all that matters, e.g. `cmd/`). Directories end with `/`.
   */
  files: ReadonlyMap<string, string | null>;
  /** The `origin` remote (or the git location's URL), when known. */
  remoteUrl?: string;
  /** Set on a repository whose sub-folders hold packages of their own (a monorepo). */
  monorepo?: MonorepoInfo;
  /** Set on a package inside a repository: where it sits, and the repository's CODEOWNERS. */
  partOf?: PackageOf;
};

/** The packages found inside a repository. */
export type MonorepoInfo = {
  /** Package folders relative to the repository, sorted. */
  packages: string[];
  /** The file that declares the workspace (e.g. `package.json`), or undefined when packages were found by their manifests. */
  declaredBy?: string;
};

/** Where a package sits in its repository; CODEOWNERS lives at the repository root, not in the package. */
export type PackageOf = {
  /** The package folder relative to the repository root, e.g. `packages/api`. */
  packagePath: string;
  /** The repository's CODEOWNERS file, when it has one. */
  codeowners?: { file: string; text: string };
};

/** Bounds on what discovery reads, so a hostile or huge folder yields a clear error, not a stalled request. */
export const DISCOVERY_LIMITS = {
  /** Bytes read per file; manifests and READMEs are far smaller, so larger files are skipped. */
  maxFileBytes: 256 * 1024,
  /** How deep below the location to look for repositories. */
  maxDepth: 3,
  /** Repositories per analysis. */
  maxRepos: 500,
  /** Directories visited per analysis, so a giant tree without repositories stops early. */
  maxDirs: 5_000,
  /** Entries looked at per directory. */
  maxEntriesPerDir: 10_000,
  /** How deep below a repository root to look for its packages (`packages/group/api` is 3). */
  maxPackageDepth: 3,
  /** Packages per repository; more are left out and the result is marked truncated. */
  maxPackagesPerRepo: 200,
} as const;

/** Manifests that make a sub-folder of a repository a package of its own (a Dockerfile alone does not). */
export const PACKAGE_MANIFESTS = [
  'package.json', 'go.mod', 'pyproject.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'Cargo.toml',
] as const;

/** Folders whose nested manifests are test data or samples, not packages, unless a workspace names them. */
export const NON_PACKAGE_DIRS: ReadonlySet<string> = new Set([
  'test', 'tests', '__tests__', 'fixtures', '__fixtures__', 'testdata', 'e2e', 'examples', 'example', 'samples',
]);

/** Files whose presence makes a directory a repository (with `.git`). */
export const MANIFEST_FILES = [
  'package.json', 'go.mod', 'pyproject.toml', 'setup.py', 'requirements.txt', 'pom.xml',
  'build.gradle', 'build.gradle.kts', 'Cargo.toml', 'Dockerfile',
] as const;

/** Files the analysis reads, relative to a repository root (besides the catalog file itself). */
export const DISCOVERY_FILES = [
  ...MANIFEST_FILES,
  'tsconfig.json', 'manage.py', 'main.go', 'mkdocs.yml', 'mkdocs.yaml', 'pnpm-workspace.yaml',
  '.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS',
  'README.md', 'README', 'README.rst', 'README.txt', 'readme.md',
] as const;

/** Directories never descended into: dependencies, build output and VCS internals. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules', '.git', 'vendor', 'dist', 'build', 'target', 'out', '.venv', 'venv', '__pycache__', '.tox', '.idea', '.vscode',
]);

/** The default descriptor file name, as in Backstage. */
export const DEFAULT_CATALOG_FILENAME = 'catalog-info.yaml';

/** True when a directory with these entry names is a repository (a `.git` entry or a manifest). */
export function isRepositoryRoot(entryNames: Iterable<string>): boolean {
  const manifests: ReadonlySet<string> = new Set(MANIFEST_FILES);
  for (const name of entryNames) if (name === '.git' || manifests.has(name)) return true;
  return false;
}
