// Ownership from CODEOWNERS. Backstage's CodeOwnersProcessor takes the owner of the repository root;
// we do the same at analysis time so the user sees (and can correct) the owner before registering.
import { toEntityName } from './names';
import { GLOB_STEP_BUDGET, compileGlob, matchGlobOrAncestor, type GlobBudget } from './pathGlob';

/** Where GitHub looks for CODEOWNERS, in its order of precedence. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** Patterns that cover the whole repository. */
const ROOT_PATTERNS = new Set(['*', '**', '/', '/*', '/**']);

/** The owner of the repository root according to a CODEOWNERS file. */
export type RootOwner = {
  /** The first owner of the rule as an entity ref, e.g. `group:default/payments`. */
  ref?: string;
  /** The owner as written, e.g. `@acme/payments`. */
  raw?: string;
  /** Further owners of the same rule, as written. */
  others: string[];
  /** 1-based line of the rule, when one covers the root. */
  line?: number;
};

/**
 * Maps a CODEOWNERS owner to an entity ref: `@org/team` → `group:default/team`, `@user` →
 * `user:default/user`, `name@example.com` → `user:default/name`.
 */
export function ownerToRef(owner: string): string | undefined {
  const team = /^@[^/\s]+\/(\S+)$/.exec(owner);
  if (team?.[1]) return refOf('group', team[1]);
  const user = /^@(\S+)$/.exec(owner);
  if (user?.[1]) return refOf('user', user[1]);
  const email = /^([^@\s]+)@[^@\s]+\.[^@\s]+$/.exec(owner);
  if (email?.[1]) return refOf('user', email[1]);
  return undefined;
}

function refOf(kind: string, raw: string): string | undefined {
  const name = toEntityName(raw);
  return name ? `${kind}:default/${name}` : undefined;
}

/** Finds the owner of the repository root: the last rule (last match wins) whose pattern covers everything. */
export function rootOwner(codeowners: string): RootOwner {
  return lastRule(codeowners, (pattern) => ROOT_PATTERNS.has(pattern));
}

/**
 * Finds the owner of a whole folder (say a monorepo package, `packages/api`): the last rule whose
 * pattern covers the folder or one of its ancestors, so a root rule still applies when nothing more
 * specific does. As on GitHub, `dir/*` covers only the files directly in `dir`, so it owns no package,
 * and a rule for part of the folder (`packages/api/src/`) does not own the whole of it.
 */
export function folderOwner(codeowners: string, folder: string): RootOwner {
  const budget: GlobBudget = { steps: GLOB_STEP_BUDGET };
  return lastRule(codeowners, (pattern) => ROOT_PATTERNS.has(pattern) || coversFolder(pattern, folder, budget));
}

function coversFolder(pattern: string, folder: string, budget: GlobBudget): boolean {
  const wholeFolder = pattern.endsWith('/') || pattern.endsWith('/**');
  const base = pattern.replace(/\/\*\*$/, '').replace(/\/$/, '');
  // `dir/*` and `*.js` name files; only a folder pattern (or a plain path) owns a folder's contents.
  if (!base || (!wholeFolder && (base.split('/').at(-1) ?? '').includes('*'))) return false;
  // As in .gitignore, a pattern with a `/` is anchored at the root; one without matches a name at any depth.
  const glob = compileGlob(base.includes('/') ? base : `**/${base}`);
  return matchGlobOrAncestor(glob, folder, budget);
}

function lastRule(codeowners: string, covers: (pattern: string) => boolean): RootOwner {
  let found: RootOwner = { others: [] };
  codeowners.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    if (!pattern || !covers(pattern)) return;
    const [first, ...others] = owners;
    // A rule without owners explicitly un-assigns ownership, so it resets what came before.
    found = { ref: first ? ownerToRef(first) : undefined, raw: first, others, line: i + 1 };
  });
  return found;
}
