// The packages of a monorepo: sub-folders of a repository with a manifest of their own (or a catalog
// file), whether or not a workspace declares them. Declared folders are always packages; undeclared
// ones are, unless they sit under test data or samples (`test/fixtures/app/package.json`).
import type { TreeEntry, TreeReader } from './findRepositories';
import { NON_PACKAGE_DIRS, PACKAGE_MANIFESTS, SKIPPED_DIRS, type RepoView } from './repoView';
import { GLOB_STEP_BUDGET } from './pathGlob';
import { isDeclaredPackage, workspaceDeclaration } from './workspaces';

/** A package folder found, with its listing (so its files can be read without listing it again). */
export type FoundPackage = { path: string; entries: TreeEntry[] };

/** Shared walk state: how many directories may still be listed in this analysis. */
export type WalkBudget = { dirsLeft: number };

/** Options of {@link findPackages}. */
export type FindPackagesOptions = {
  catalogFilename: string;
  limits: { maxPackageDepth: number; maxEntriesPerDir: number; maxPackages: number };
  budget: WalkBudget;
};

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/**
 * Walks the repository at `repoDir` (breadth first, bounded by depth, package count and the shared
 * directory budget) and returns its package folders relative to the repository, sorted. A package's
 * own sub-folders are not searched: nested packages of packages are rare and usually test data.
 */
export async function findPackages(
  tree: TreeReader, repoDir: string, root: RepoView, rootEntries: TreeEntry[], opts: FindPackagesOptions,
): Promise<{ packages: FoundPackage[]; declaredBy?: string; truncated: boolean }> {
  const decl = workspaceDeclaration(root);
  const globBudget = { steps: GLOB_STEP_BUDGET };
  const manifests: ReadonlySet<string> = new Set([...PACKAGE_MANIFESTS, opts.catalogFilename]);
  const packages: FoundPackage[] = [];
  const childrenOf = (entries: TreeEntry[], rel: string, underSamples: boolean) => entries
    .filter((e) => e.kind === 'dir' && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => ({ rel: join(rel, e.name), underSamples: underSamples || NON_PACKAGE_DIRS.has(e.name) }));
  const queue = childrenOf(rootEntries, '', false).map((c) => ({ ...c, depth: 1 }));
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    if (opts.budget.dirsLeft <= 0) return { packages, declaredBy: decl?.declaredBy, truncated: true };
    opts.budget.dirsLeft--;
    const entries = (await tree.list(join(repoDir, next.rel))).slice(0, opts.limits.maxEntriesPerDir);
    const hasManifest = entries.some((e) => e.kind === 'file' && manifests.has(e.name));
    if (hasManifest && (isDeclaredPackage(decl, next.rel, globBudget) || !next.underSamples)) {
      if (packages.length >= opts.limits.maxPackages) return { packages, declaredBy: decl?.declaredBy, truncated: true };
      packages.push({ path: next.rel, entries });
      continue;
    }
    if (next.depth < opts.limits.maxPackageDepth) queue.push(...childrenOf(entries, next.rel, next.underSamples).map((c) => ({ ...c, depth: next.depth + 1 })));
  }
  return { packages, declaredBy: decl?.declaredBy, truncated: false };
}
