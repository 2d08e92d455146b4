import { parseRepositoryUrl } from '../../../../model/discovery';
import { InputError } from '../../../platform/errors';
import { parseGitTarget } from '../ingest/gitReader';

/** What discovery reads from git: a repository, a ref, and the folder inside it to analyse (`''` = root). */
export type GitLocation = { repo: string; ref: string; path: string; repoName: string };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Understands the targets people paste: the catalog's own `<repo>[#<ref>[:<path>]]` (the path is the
 * descriptor and is ignored: discovery looks at the repository root), a repository URL, or a browser
 * URL of a folder or file (`https://github.com/o/r/tree/main/sub`, `.../blob/main/sub/package.json`,
 * GitLab's `/-/tree/main/sub`). Bad input is an InputError saying what was wrong.
 */
export function resolveGitLocation(target: string): GitLocation {
  let loc: Omit<GitLocation, 'repoName'>;
  try {
    if (target.includes('#')) {
      const t = parseGitTarget(target);
      loc = { repo: t.repo, ref: t.ref, path: '' };
    } else if (/^https?:\/\//i.test(target)) {
      const u = parseRepositoryUrl(target);
      loc = { repo: u.repo, ref: u.ref ?? 'HEAD', path: u.path };
    } else {
      loc = { repo: target, ref: 'HEAD', path: '' };
    }
  } catch (err) {
    throw new InputError(message(err));
  }
  if (loc.path.includes(',')) throw new InputError(`Cannot analyze the folder "${loc.path}": folder names with "," are not supported`);
  const repoName = loc.repo.replace(/\.git\/?$/, '').split(/[/:]/).filter(Boolean).at(-1) ?? 'repository';
  return { ...loc, repoName };
}
