import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { MAX_FILE_BYTES, MAX_FILES_PER_SOURCE, type SourceFile, type SourceReader, type SourceReadResult } from './sourceTypes';

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * `file` locations: a file, a directory (every `catalog-info.yaml` below it), or a glob
 * (`/repos/**\/catalog-info.yaml`). Placeholders may read files under the location's base directory only.
 */
export function createFileReader(): SourceReader {
  return {
    async read(target) {
      const abs = resolve(target);
      const { files, root } = await expand(abs);
      const hash = createHash('sha256');
      const out: SourceFile[] = [];
      const errors: SourceReadResult['errors'] = [];
      for (const file of files) {
        const locationKey = `file:${file}`;
        try {
          const info = await stat(file);
          if (info.size > MAX_FILE_BYTES) {
            errors.push({ locationKey, message: `File is ${info.size} bytes, larger than the ${MAX_FILE_BYTES}-byte limit` });
            continue;
          }
          const bytes = await readFile(file);
          hash.update(locationKey).update('\0').update(bytes);
          out.push({ locationKey, base: file, root, bytes });
        } catch (err) {
          errors.push({ locationKey, message: `Unable to read ${file}: ${describe(err)}` });
          hash.update(locationKey).update('\0missing');
        }
      }
      return { files: out, errors, hash: hash.digest('hex') };
    },
    readPlaceholder: (_file, resolved) => readPlaceholderFile(resolved),
    // The content hash covers the descriptors only, so the files placeholders read are checked again.
    rereadPlaceholder: readPlaceholderFile,
    resolveChild(file, target) {
      return isAbsolute(target) ? target : resolve(dirname(file.base), target);
    },
  };
}

async function readPlaceholderFile(resolved: string): Promise<string> {
  const info = await stat(resolved);
  if (info.size > MAX_FILE_BYTES) throw new Error(`${resolved} is larger than the ${MAX_FILE_BYTES}-byte limit`);
  return readFile(resolved, 'utf8');
}

async function expand(abs: string): Promise<{ files: string[]; root: string }> {
  if (GLOB_CHARS.test(abs)) {
    const i = abs.search(GLOB_CHARS);
    const root = dirname(abs.slice(0, i) + 'x');
    const files = globSync(abs.slice(root.length + 1), { cwd: root, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] });
    return { files: limit(files.sort()), root };
  }
  const info = await stat(abs).catch(() => undefined);
  if (info?.isDirectory()) {
    const files = globSync('**/catalog-info.yaml', { cwd: abs, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] });
    return { files: limit(files.sort()), root: abs };
  }
  return { files: [abs], root: dirname(abs) };
}

function limit(files: string[]): string[] {
  if (files.length > MAX_FILES_PER_SOURCE) {
    throw new Error(`Location matches ${files.length} files, more than the limit of ${MAX_FILES_PER_SOURCE}`);
  }
  return files;
}

export function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && err.code === 'ENOENT') return 'no such file or directory';
  return err instanceof Error ? err.message : String(err);
}
