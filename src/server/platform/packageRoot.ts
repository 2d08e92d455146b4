import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory of Paved's package.json, found by walking up from this module. The same code runs from
 * `src/` (through tsx) and from the bundle in `dist/server/` (ADR 0012), so paths to `examples/` or
 * `dist/web` cannot be fixed relative offsets.
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'paved') return dir;
    if (dirname(dir) === dir) throw new Error(`Paved's package.json not found above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
