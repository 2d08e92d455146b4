// The local disk as a discovery TreeReader, shared by the server (`file` targets of analyze-location)
// and the CLI (`paved discover`), which may not import each other.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TreeEntry, TreeReader } from '../model/discovery';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The folder `root` as a TreeReader. Symbolic links are reported as `other` and never read, so a walk
 * cannot leave the folder or loop.
 */
export function createFsTree(root: string): TreeReader {
  return {
    async list(dir) {
      const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
      return entries.map((e): TreeEntry => ({ name: e.name, kind: e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other' }));
    },
    async read(path, maxBytes) {
      const abs = join(root, path);
      const info = await lstat(abs).catch(() => undefined);
      if (!info) return undefined;
      if (!info.isFile() || info.size > maxBytes) return null;
      try {
        return utf8.decode(await readFile(abs));
      } catch {
        return null; // unreadable or not UTF-8: present, but nothing to learn from it
      }
    },
  };
}
