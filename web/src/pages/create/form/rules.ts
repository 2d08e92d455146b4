// Repository locations as Backstage's RepoUrlPicker writes them: `host?owner=o&repo=r`.

/** The owner and repository rule of Paved's `publish:git` (letters, digits, ".", "_", "-"; no ".."). */
export const REPO_PART_RULE = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export type RepoUrlParts = { host: string; owner: string; repo: string };

export function parseRepoUrl(value: string): RepoUrlParts {
  const q = value.indexOf('?');
  const host = q >= 0 ? value.slice(0, q) : value;
  const params = new URLSearchParams(q >= 0 ? value.slice(q + 1) : '');
  return {
    host,
    owner: params.get('owner') ?? params.get('organization') ?? params.get('workspace') ?? '',
    repo: params.get('repo') ?? '',
  };
}

export function formatRepoUrl({ host, owner, repo }: RepoUrlParts): string {
  const params = new URLSearchParams();
  params.set('owner', owner);
  params.set('repo', repo);
  return `${host}?${params.toString()}`;
}
