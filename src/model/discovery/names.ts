// Turning free text from manifests into values Backstage accepts: entity names, tags, descriptions.

const MAX_NAME = 63;
const MAX_DESCRIPTION = 300;

/**
 * Sanitises text to Backstage's entity name rules: `[A-Za-z0-9]` runs separated by `-`, `_` or `.`,
 * at most 63 characters. A package scope (`@acme/`) is dropped because names are unique per kind and
 * namespace, not per registry. Returns `undefined` when nothing usable is left.
 */
export function toEntityName(raw: string): string | undefined {
  const unscoped = raw.trim().replace(/^@[^/]+\//, '');
  const cleaned = unscoped
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/[-_.]{2,}/g, (run) => run[0] ?? '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  const cut = cleaned.slice(0, MAX_NAME).replace(/[-_.]+$/g, '');
  return cut || undefined;
}

/** Sanitises text to Backstage's tag rules (`[a-z0-9:+#]` runs joined by `-`, ≤ 63 chars). */
export function toTag(raw: string): string | undefined {
  const tag = raw.toLowerCase().replace(/[^a-z0-9:+#]+/g, '-').replace(/^-+|-+$/g, '').slice(0, MAX_NAME).replace(/-+$/, '');
  return tag || undefined;
}

/** Collapses whitespace and bounds a description's length at a word boundary. */
export function toDescription(raw: string): string | undefined {
  const flat = raw.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  if (flat.length <= MAX_DESCRIPTION) return flat;
  const cut = flat.slice(0, MAX_DESCRIPTION - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 200 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

/**
 * The first prose paragraph of a README: skips headings, badges, images, HTML, code fences, tables
 * and lists, and strips link and emphasis markup.
 */
export function readmeFirstParagraph(readme: string): string | undefined {
  const lines = readme.split(/\r?\n/);
  const paragraph: string[] = [];
  let inFence = false;
  for (const [i, line] of lines.entries()) {
    const t = line.trim();
    // A setext heading is a line underlined by === or ---.
    const underlined = /^(=+|-+)$/.test(lines[i + 1]?.trim() ?? '');
    if (/^(```|~~~)/.test(t)) {
      inFence = !inFence;
      if (paragraph.length) break;
      continue;
    }
    if (inFence) continue;
    const skip = !t || underlined || /^(#|=+$|-+$|<|!\[|\[!\[|\||[-*+] |\d+\. |>|\.\. |:)/.test(t);
    if (skip) {
      if (paragraph.length) break;
      continue;
    }
    paragraph.push(t);
  }
  // Only the start is kept, so bound the text before the markup regexes run on it.
  const text = paragraph.join(' ').slice(0, 2_000)
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]{1,3}([^*_`]+)[*_`]{1,3}/g, '$1');
  return toDescription(text);
}

/** A repository's host and `owner/name` from a remote URL (https, ssh or scp-like `git@host:owner/name.git`). */
export function parseRemote(url: string): { host: string; slug: string } | undefined {
  const trimmed = url.trim();
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(trimmed);
  let host: string;
  let path: string;
  if (scp?.[1] && scp[2]) {
    host = scp[1];
    path = scp[2];
  } else {
    try {
      const u = new URL(trimmed);
      if (!['http:', 'https:', 'ssh:', 'git:'].includes(u.protocol)) return undefined;
      host = u.hostname;
      path = u.pathname;
    } catch {
      return undefined;
    }
  }
  const parts = path.replace(/\.git\/?$/, '').split('/').filter(Boolean);
  if (parts.length < 2) return undefined;
  return { host: host.toLowerCase(), slug: parts.join('/') };
}

/** The URL of the `origin` remote (else the first remote) in a `.git/config` file. */
export function originFromGitConfig(config: string): string | undefined {
  let remote: string | undefined;
  const urls = new Map<string, string>();
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[\s*remote\s+"([^"]+)"\s*\]/.exec(line);
    if (section) remote = section[1];
    else if (/^\s*\[/.test(line)) remote = undefined;
    else if (remote && !urls.has(remote)) {
      const url = /^\s*url\s*=(.*)$/.exec(line)?.[1]?.trim();
      if (url) urls.set(remote, url);
    }
  }
  return urls.get('origin') ?? urls.values().next().value;
}
