import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { NotAllowedError } from '../../../platform/errors';

/**
 * Locations registered through the API may only read files under the configured roots
 * (`PAVED_FILE_ROOTS`, default: the server's working directory), so an API caller cannot make the
 * server read `/etc` or another service's secrets. Symlinks are resolved before the check.
 */
export async function assertUnderFileRoots(target: string, roots: readonly string[]): Promise<void> {
  // Globs are checked by their fixed prefix: the part before the first wildcard.
  const fixed = target.split(/[*?[{]/)[0] ?? target;
  const abs = resolve(fixed);
  const real = await realpath(abs).catch(() => abs);
  for (const root of roots) {
    const realRoot = await realpath(resolve(root)).catch(() => resolve(root));
    const rel = relative(realRoot, real);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return;
  }
  throw new NotAllowedError(`File locations must be under ${roots.join(', ')} (PAVED_FILE_ROOTS); ${abs} is not`);
}
