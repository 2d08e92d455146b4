import { execFile } from 'node:child_process';
import { posix } from 'node:path';
import { promisify } from 'node:util';
import type { DocsSourceReader } from './build';

const run = promisify(execFile);
const GIT_TIMEOUT_MS = 60_000;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_FILES = 10_000;

/** A docs reader over one folder of a commit in a bare mirror, plus the blob ids a fingerprint needs. */
export interface GitDocsReader extends DocsSourceReader {
  /** Root path → blob id of every file below `dir` (the docs folder), and of `mkdocs.yml`. */
  versions(dir: string): Promise<Array<[string, string]>>;
}

/** Resolves a ref (branch, tag, `HEAD`) of the mirror to its commit, without fetching: the catalog's refresh fetches. */
export async function resolveCommit(mirror: string, ref: string): Promise<string> {
  return (await git(mirror, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).toString('utf8').trim();
}

/**
 * Reads `root` (a folder of the repository, `''` for its top) at `commit`. Listing is one `ls-tree` of
 * the folder, cached; files are read with `cat-file`, refused above 8 MiB. Paths never leave `root`:
 * `..` and absolute paths are refused.
 */
export function createGitDocsReader(mirror: string, commit: string, root: string): GitDocsReader {
  let listing: Promise<Map<string, string>> | undefined;
  const full = (path: string) => {
    const segments = path.split('/').filter((s) => s !== '' && s !== '.');
    if (path.startsWith('/') || segments.includes('..') || path.includes('\0')) throw new Error(`"${path}" is not a path inside the docs root`);
    return posix.join(root, ...segments);
  };
  const list = () => (listing ??= (async () => {
    const out = (await git(mirror, ['ls-tree', '-r', '-z', commit, '--', root === '' ? '.' : `${root}/`])).toString('utf8');
    const map = new Map<string, string>();
    for (const entry of out.split('\0')) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (!m) continue;
      const rel = root === '' ? m[2]! : m[2]!.slice(root.length + 1);
      if (rel.split('/').some((s) => s.startsWith('.'))) continue;
      map.set(rel, m[1]!);
      if (map.size >= MAX_FILES) break;
    }
    return map;
  })());
  const under = (dir: string, path: string) => {
    const d = dir.split('/').filter((s) => s !== '' && s !== '.').join('/');
    return d === '' || path.startsWith(`${d}/`);
  };

  async function read(path: string): Promise<Buffer | undefined> {
    const files = await list();
    const rel = posix.relative(root, full(path));
    if (!files.has(rel)) return undefined;
    const spec = `${commit}:${full(path)}`;
    const size = Number((await git(mirror, ['cat-file', '-s', spec])).toString('utf8').trim());
    if (size > MAX_FILE_BYTES) throw new Error(`"${path}" is ${size} bytes, over the reader's limit of ${MAX_FILE_BYTES}`);
    return git(mirror, ['cat-file', 'blob', spec]);
  }

  return {
    async readFile(path) {
      const bytes = await read(path);
      return bytes?.toString('utf8');
    },
    async fileSize(path) {
      const files = await list();
      if (!files.has(posix.relative(root, full(path)))) return undefined;
      return Number((await git(mirror, ['cat-file', '-s', `${commit}:${full(path)}`])).toString('utf8').trim());
    },
    readBytes: (path) => read(path),
    async listFiles(dir) {
      full(dir);
      return [...(await list()).keys()].filter((p) => under(dir, p)).sort();
    },
    async versions(dir) {
      const files = await list();
      return [...files].filter(([p]) => under(dir, p) || p === 'mkdocs.yml' || p === 'mkdocs.yaml').sort(([a], [b]) => (a < b ? -1 : 1));
    },
  };
}

/** Output as bytes: blobs may be images. */
async function git(cwd: string, args: string[]): Promise<Buffer> {
  try {
    const { stdout } = await run('git', ['-C', cwd, ...args], {
      encoding: 'buffer', maxBuffer: MAX_FILE_BYTES + 1024 * 1024, timeout: GIT_TIMEOUT_MS,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
    return stdout;
  } catch (err) {
    const stderr = err && typeof err === 'object' && 'stderr' in err ? String(err.stderr).trim() : '';
    throw new Error(`git ${args[0]} failed: ${stderr || (err instanceof Error ? err.message : String(err))}`);
  }
}
