// A TreeReader over files already in memory, e.g. the discovery files a git location returned: the
// walk then applies the same rules to a git commit as to a folder on disk.
import type { TreeEntry, TreeReader } from './findRepositories';

/**
 * A tree of the given files (relative POSIX path → text, or `null` for present but unreadable);
 * directories are implied by the paths.
 * @example createMemoryTree(new Map([['packages/api/package.json', '{}']])).list('packages')
 */
export function createMemoryTree(files: ReadonlyMap<string, string | null>): TreeReader {
  const dirs = new Map<string, Map<string, TreeEntry['kind']>>();
  const add = (dir: string, name: string, kind: TreeEntry['kind']) => {
    const entries = dirs.get(dir) ?? new Map<string, TreeEntry['kind']>();
    if (entries.get(name) !== 'dir') entries.set(name, kind);
    dirs.set(dir, entries);
  };
  for (const path of files.keys()) {
    const parts = path.split('/');
    parts.forEach((name, i) => add(parts.slice(0, i).join('/'), name, i === parts.length - 1 ? 'file' : 'dir'));
  }
  return {
    async list(dir) {
      return [...(dirs.get(dir) ?? [])].map(([name, kind]) => ({ name, kind }));
    },
    async read(path, maxBytes) {
      const text = files.get(path);
      if (text === undefined || text === null) return text;
      return text.length > maxBytes ? null : text;
    },
  };
}
