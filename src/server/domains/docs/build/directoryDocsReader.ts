import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { DocsSourceReader } from './docsTypes.js';

export interface DirectoryDocsReaderOptions {
  /** A file bigger than this is refused with an error instead of being read (default 8 MiB). */
  maxFileBytes?: number;
  /** `listFiles` stops after this many files (default 10,000). */
  maxFiles?: number;
}

/** Thrown for a path the reader refuses: absolute, with `..`, or leading outside the root through a symlink. */
export class DocsPathError extends Error {
  override name = 'DocsPathError';
}

/**
 * A {@link DocsSourceReader} over a folder on disk. Paths are POSIX and relative to `rootDir`; `..`
 * segments, absolute paths, backslashes and NUL are refused with {@link DocsPathError}, and so is any
 * path that a symlink would take outside the root (checked on the real path). `listFiles` skips
 * entries starting with `.` (as MkDocs does), symlinks leading outside the root and symlinked folders
 * (no cycles).
 */
export function createDirectoryDocsReader(rootDir: string, opts: DirectoryDocsReaderOptions = {}): DocsSourceReader {
  const maxFileBytes = opts.maxFileBytes ?? 8 * 1024 * 1024;
  const maxFiles = opts.maxFiles ?? 10_000;
  let realRoot: Promise<string> | undefined;
  const root = (): Promise<string> => (realRoot ??= realpath(rootDir));

  /** The real path of `path`, or undefined when it does not exist; throws when it leaves the root. */
  async function resolveInside(path: string): Promise<string | undefined> {
    const segments = checkRelative(path);
    const base = await root();
    let real: string;
    try {
      real = await realpath(join(base, ...segments));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    if (real !== base && !real.startsWith(base + sep)) throw new DocsPathError(`"${path}" leads outside the docs root`);
    return real;
  }

  return {
    async readFile(path) {
      const real = await resolveInside(path);
      if (real === undefined) return undefined;
      const info = await stat(real);
      if (!info.isFile()) return undefined;
      if (info.size > maxFileBytes) throw new Error(`"${path}" is ${info.size} bytes, over the reader's limit of ${maxFileBytes}`);
      return readFile(real, 'utf8');
    },

    async fileSize(path) {
      const real = await resolveInside(path);
      if (real === undefined) return undefined;
      const info = await stat(real);
      return info.isFile() ? info.size : undefined;
    },

    async readBytes(path) {
      const real = await resolveInside(path);
      if (real === undefined) return undefined;
      const info = await stat(real);
      if (!info.isFile()) return undefined;
      if (info.size > maxFileBytes) throw new Error(`"${path}" is ${info.size} bytes, over the reader's limit of ${maxFileBytes}`);
      return readFile(real);
    },

    async listFiles(dir) {
      const start = await resolveInside(dir);
      if (start === undefined) return [];
      const base = await root();
      const prefix = checkRelative(dir).join('/');
      const out: string[] = [];
      const walk = async (realDir: string, rel: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(realDir, { withFileTypes: true });
        } catch (err) {
          if (isNotFound(err) || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return;
          throw err;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
          if (out.length >= maxFiles) return;
          if (entry.name.startsWith('.')) continue;
          const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
          const full = join(realDir, entry.name);
          if (entry.isDirectory()) {
            await walk(full, relPath);
          } else if (entry.isFile()) {
            out.push(relPath);
          } else if (entry.isSymbolicLink()) {
            const target = await realpath(full).catch(() => undefined);
            if (target === undefined || !target.startsWith(base + sep)) continue;
            if ((await lstat(target)).isFile()) out.push(relPath);
          }
        }
      };
      await walk(start, prefix);
      return out;
    },
  };
}

function checkRelative(path: string): string[] {
  if (path.includes('\0') || path.includes('\\')) throw new DocsPathError(`"${path}" is not a POSIX path`);
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) throw new DocsPathError(`"${path}" is absolute; paths are relative to the docs root`);
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new DocsPathError(`"${path}" contains ".."`);
  return segments;
}

function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
