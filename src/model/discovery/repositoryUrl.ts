// Browser URLs of a folder or file in a hosted repository, as people copy them from the address bar:
// `https://github.com/org/repo/tree/main/services/api`, `.../blob/main/package.json`, GitLab's
// `https://gitlab.com/group/project/-/tree/main/app`. Discovery turns them into what git understands:
// a repository URL, a ref and a folder inside the repository.

/** A repository URL split into what git clones, which ref, and which folder to analyse. */
export type RepositoryUrl = {
  /** What `git fetch` is given, credentials included when the URL had them. */
  repo: string;
  /** The branch, tag or commit from `/tree/<ref>` or `/blob/<ref>`; undefined means the default branch. */
  ref?: string;
  /** The folder inside the repository (`''` for its root); for a `/blob/` URL, the file's folder. */
  path: string;
};

const MARKERS = new Set(['tree', 'blob']);
const BAD_REF = /^-|[\s~^:?*[\\]|\.\.|@\{/;

function describe(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`; // never the credentials
}

/** Index of the `tree`/`blob` segment, or -1 when the URL names the repository only. */
function markerIndex(u: URL, segments: string[]): number {
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const dash = segments.indexOf('-');
  if (dash >= 1) {
    const marker = segments[dash + 1];
    if (!marker || !MARKERS.has(marker)) throw new Error(`${describe(u)}: expected /-/tree/<ref>/<path> or /-/blob/<ref>/<path> after the project, but found /-/${marker ?? ''}`);
    segments.splice(dash, 1); // GitLab's `-` separates the project from the page; git does not want it
    return dash;
  }
  if (host === 'github.com') {
    if (segments.length < 2) throw new Error(`${describe(u)}: a GitHub URL needs an owner and a repository, like https://github.com/<owner>/<repo>`);
    const marker = segments[2];
    if (marker === undefined) return -1;
    if (!MARKERS.has(marker)) throw new Error(`${describe(u)}: expected /tree/<ref>/<path> or /blob/<ref>/<path> after the repository, but found /${marker}`);
    return 2;
  }
  if (host === 'gitlab.com') return -1; // the project path may be any depth; only `/-/tree/` marks a folder there
  // Other hosts (GitHub Enterprise, self-hosted GitLab, plain git over HTTP): the repository ends at a
  // `*.git` segment when there is one, otherwise `tree`/`blob` after at least `owner/repo` marks it.
  const dotGit = segments.findIndex((s) => s.endsWith('.git'));
  if (dotGit >= 0) {
    const marker = segments[dotGit + 1];
    if (marker === undefined) return -1;
    if (!MARKERS.has(marker)) throw new Error(`${describe(u)}: expected /tree/<ref>/<path> or /blob/<ref>/<path> after ${segments[dotGit]}, but found /${marker}`);
    return dotGit + 1;
  }
  return segments.findIndex((s, i) => i >= 2 && MARKERS.has(s) && i + 1 < segments.length);
}

function decode(u: URL, segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new Error(`${describe(u)}: "${segment}" is not valid percent-encoding`);
  }
}

/**
 * Splits an http(s) repository URL into repository, ref and folder. A URL without `/tree/` or `/blob/`
 * is the repository itself. The segment after the marker is the ref; write a ref containing `/` as
 * `%2F` (`/tree/release%2F1.2/app`), since the URL alone cannot tell where such a ref ends.
 * Throws an Error saying what is wrong (without credentials) for a malformed URL.
 * @example parseRepositoryUrl('https://github.com/acme/shop/tree/main/services/api')
 *   // { repo: 'https://github.com/acme/shop', ref: 'main', path: 'services/api' }
 */
export function parseRepositoryUrl(target: string): RepositoryUrl {
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    throw new Error('Expected a repository URL like https://github.com/<owner>/<repo>/tree/<ref>/<path>');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { repo: target, path: '' };
  const segments = u.pathname.split('/').filter(Boolean);
  const at = markerIndex(u, segments);
  const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : '';
  const repoOf = (parts: string[]) => `${u.protocol}//${auth}${u.host}/${parts.join('/')}`;
  if (at === -1) return { repo: repoOf(segments), path: '' };
  const marker = segments[at];
  const rawRef = segments[at + 1];
  if (!rawRef) throw new Error(`${describe(u)}: /${marker}/ must be followed by a branch, tag or commit`);
  const ref = decode(u, rawRef);
  if (BAD_REF.test(ref)) throw new Error(`${describe(u)}: "${ref}" is not a valid branch, tag or commit name`);
  const parts = segments.slice(at + 2).map((s) => decode(u, s));
  if (parts.some((p) => p === '.' || p === '..' || p.includes('/') || p.includes('\\'))) throw new Error(`${describe(u)}: the path after the ref may not contain ".", ".." or encoded slashes`);
  if (marker === 'blob') {
    if (parts.length === 0) throw new Error(`${describe(u)}: /blob/<ref>/ must be followed by a file path`);
    parts.pop(); // a file means the folder it is in
  }
  return { repo: repoOf(segments.slice(0, at)), ref, path: parts.join('/') };
}
