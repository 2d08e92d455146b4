// Workspace declarations of a monorepo root: `workspaces` in package.json (npm, yarn, bun; an array or
// yarn's `{ packages: [...] }`) and `packages:` in pnpm-workspace.yaml. They name the package folders
// with globs; `!pattern` excludes.
import { parse } from 'yaml';
import { compileGlob, matchGlob, type GlobBudget, type GlobMatcher } from './pathGlob';
import type { RepoView } from './repoView';

/** The package folders a repository declares, as compiled globs relative to the repository root. */
export type WorkspaceDeclaration = { declaredBy: string; include: GlobMatcher[]; exclude: GlobMatcher[] };

const MAX_PATTERNS = 100;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function patternsOfPackageJson(text: string): unknown {
  try {
    const json: unknown = JSON.parse(text);
    if (!isRecord(json)) return undefined;
    return isRecord(json.workspaces) ? json.workspaces.packages : json.workspaces;
  } catch {
    return undefined;
  }
}

function patternsOfPnpm(text: string): unknown {
  try {
    const doc: unknown = parse(text, { maxAliasCount: 10 });
    return isRecord(doc) ? doc.packages : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the workspace declaration of a repository root, or `undefined` when it declares none.
 * @example isDeclaredPackage(workspaceDeclaration(view), 'packages/api', { steps: GLOB_STEP_BUDGET })
 */
export function workspaceDeclaration(view: RepoView): WorkspaceDeclaration | undefined {
  const sources: Array<[string, (text: string) => unknown]> = [['pnpm-workspace.yaml', patternsOfPnpm], ['package.json', patternsOfPackageJson]];
  for (const [file, read] of sources) {
    const text = view.files.get(file);
    if (typeof text !== 'string') continue;
    const raw = read(text);
    if (!Array.isArray(raw)) continue;
    const decl: WorkspaceDeclaration = { declaredBy: file, include: [], exclude: [] };
    for (const p of raw.slice(0, MAX_PATTERNS)) {
      if (typeof p !== 'string') continue;
      const negated = p.startsWith('!');
      const glob = compileGlob(p.slice(negated ? 1 : 0).replace(/^\.\//, ''));
      if (glob) (negated ? decl.exclude : decl.include).push(glob);
    }
    if (decl.include.length > 0) return decl;
  }
  return undefined;
}

/** True when `folder` (relative to the repository root) is one of the declared packages. */
export function isDeclaredPackage(decl: WorkspaceDeclaration | undefined, folder: string, budget: GlobBudget): boolean {
  return !!decl && decl.include.some((g) => matchGlob(g, folder, budget)) && !decl.exclude.some((g) => matchGlob(g, folder, budget));
}
