import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TreeEntry, TreeReader } from '../model/discovery';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The CLI's own view of a local folder for `paved discover` (the CLI may not import the server's).
 * Symbolic links are never followed, so the walk stays inside the folder.
 */
export function createLocalTree(root: string): TreeReader {
  return {
    async list(dir) {
      const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
      return entries.map((e): TreeEntry => ({ name: e.name, kind: e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other' }));
    },
    async read(path, maxBytes) {
      const info = await lstat(join(root, path)).catch(() => undefined);
      if (!info) return undefined;
      if (!info.isFile() || info.size > maxBytes) return null;
      return readFile(join(root, path)).then((b) => utf8.decode(b), () => null);
    },
  };
}
