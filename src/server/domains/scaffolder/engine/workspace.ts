import { existsSync, realpathSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ActionInputError } from './errors';

export const MAX_WORKSPACE_BYTES = 100 * 1024 * 1024;
export const MAX_WORKSPACE_FILES = 10_000;

export class WorkspaceLimitError extends Error {
  override readonly name = 'WorkspaceLimitError';
}

function isInside(base: string, target: string): boolean {
  const rel = relative(base, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `p`'s deepest existing ancestor, with the rest of `p` appended. */
function realish(p: string): string {
  let existing = resolve(p);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return join(realpathSync(existing), relative(existing, resolve(p)));
}

/**
 * Resolves `child` under `base` and refuses anything that lands outside it, including through a
 * symbolic link in an existing parent directory (as Backstage's resolveSafeChildPath does).
 */
export function resolveSafeChildPath(base: string, child: string): string {
  const target = resolve(base, child);
  if (!isInside(base, target)) throw new Error(`"${child}" is outside the workspace`);
  if (!isInside(realish(base), realish(target))) throw new Error(`"${child}" is outside the workspace`);
  return target;
}

/** resolveSafeChildPath for a path that came from an action input: the error names the input. */
export function resolveInputPath(base: string, child: string, input: string): string {
  try {
    return resolveSafeChildPath(base, child);
  } catch (err) {
    throw new ActionInputError(input, err instanceof Error ? err.message : String(err));
  }
}

export interface WorkspaceFile {
  /** Relative to the workspace, with `/` separators. */
  path: string;
  size: number;
  executable: boolean;
}

/**
 * Lists regular files under `dir` (not following symbolic links, skipping `.git`), failing clearly
 * once the workspace holds more than the allowed number of files or bytes.
 */
export async function listWorkspaceFiles(dir: string, limits = { files: MAX_WORKSPACE_FILES, bytes: MAX_WORKSPACE_BYTES }): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  let bytes = 0;
  const walk = async (abs: string): Promise<void> => {
    const entries = await readdir(abs, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(abs, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') await walk(full);
        continue;
      }
      if (!e.isFile()) continue;
      const st = await lstat(full);
      bytes += st.size;
      out.push({ path: relative(dir, full).split(sep).join('/'), size: st.size, executable: (st.mode & 0o111) !== 0 });
      if (out.length > limits.files) throw new WorkspaceLimitError(`The workspace holds more than ${limits.files} files`);
      if (bytes > limits.bytes) throw new WorkspaceLimitError(`The workspace is larger than ${limits.bytes >= 1024 * 1024 ? `${Math.round(limits.bytes / 1024 / 1024)} MB` : `${limits.bytes} bytes`}`);
    }
  };
  await walk(dir);
  return out;
}

/** The workspace as Backstage's dry-run `directoryContents`. */
export async function serializeWorkspace(dir: string): Promise<Array<{ path: string; base64Content: string; executable?: boolean }>> {
  const files = await listWorkspaceFiles(dir);
  return Promise.all(files.map(async (f) => ({
    path: f.path,
    base64Content: (await readFile(join(dir, f.path))).toString('base64'),
    ...(f.executable ? { executable: true } : {}),
  })));
}

/**
 * Copies a directory tree. Symbolic links are refused: a template's link could point anywhere on the
 * server, and every later read of the workspace would follow it.
 */
export async function copyTree(src: string, dest: string, limits = { files: MAX_WORKSPACE_FILES }): Promise<number> {
  let count = 0;
  const walk = async (from: string, to: string): Promise<void> => {
    await mkdir(to, { recursive: true });
    for (const e of await readdir(from, { withFileTypes: true })) {
      const a = join(from, e.name);
      const b = join(to, e.name);
      if (e.isSymbolicLink()) throw new Error(`symbolic links are not supported in templates (${relative(src, a)})`);
      if (e.isDirectory()) await walk(a, b);
      else if (e.isFile()) {
        if (++count > limits.files) throw new WorkspaceLimitError(`more than ${limits.files} files to copy`);
        await copyFile(a, b);
      }
    }
  };
  await walk(src, dest);
  return count;
}
