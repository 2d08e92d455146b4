// The small glob dialect shared by workspace declarations (`packages/*`, `apps/**`) and CODEOWNERS
// paths: `*` and `?` stay inside one path segment, a `**` segment spans any number of segments.
// Braces and character classes are not supported; such patterns simply match nothing, which only
// costs a suggestion. Matching is by hand rather than with a RegExp so that hostile patterns
// (`*a*a*a*b` against long names) cannot backtrack exponentially, and every caller shares a step
// budget so one analysis stays bounded however many patterns a file holds.

const MAX_PATTERN_LENGTH = 256;

/** Character comparisons one analysis may spend on globs; real files need a tiny fraction. */
export const GLOB_STEP_BUDGET = 20_000_000;

/** A budget of matching steps; when it runs out every further match is false. */
export type GlobBudget = { steps: number };

/** A compiled glob; `undefined` for a pattern too long to be a real declaration. */
export type GlobMatcher = { segments: string[] };

/** Compiles a glob over relative POSIX paths; a leading `/` and empty segments are ignored. */
export function compileGlob(glob: string): GlobMatcher | undefined {
  if (glob.length > MAX_PATTERN_LENGTH) return undefined;
  return { segments: glob.split('/').filter(Boolean).map((s) => (/^\*{2,}$/.test(s) ? '**' : s.replace(/\*{2,}/g, '*'))) };
}

/** `*`/`?` wildcard match of one segment: greedy with one backtrack point, so O(pattern × name) at worst. */
function matchSegment(p: string, s: string, budget: GlobBudget): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (--budget.steps < 0) return false;
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star !== -1) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/** Which prefixes of `path` (by segment count, 0..n) the glob matches. */
function matchedPrefixes(glob: GlobMatcher, path: string[], budget: GlobBudget): boolean[] {
  let reach = path.map(() => false).concat(false);
  reach[0] = true;
  for (const seg of glob.segments) {
    const next = reach.map(() => false);
    let any = false;
    for (let j = 0; j < reach.length; j++) {
      if (seg === '**') next[j] = any = any || !!reach[j];
      else if (j > 0 && reach[j - 1]) next[j] = matchSegment(seg, path[j - 1] ?? '', budget);
    }
    reach = next;
  }
  return reach;
}

/**
 * True when the glob matches the whole path.
 * @example matchGlob(compileGlob('packages/*'), 'packages/api', { steps: GLOB_STEP_BUDGET }) // true
 */
export function matchGlob(glob: GlobMatcher | undefined, path: string, budget: GlobBudget): boolean {
  if (!glob) return false;
  const parts = path.split('/').filter(Boolean);
  return !!matchedPrefixes(glob, parts, budget)[parts.length];
}

/** True when the glob matches the path or one of its ancestor folders (`a/b/c` → `a`, `a/b`, `a/b/c`). */
export function matchGlobOrAncestor(glob: GlobMatcher | undefined, path: string, budget: GlobBudget): boolean {
  if (!glob) return false;
  return matchedPrefixes(glob, path.split('/').filter(Boolean), budget).some((hit, i) => hit && i > 0);
}
