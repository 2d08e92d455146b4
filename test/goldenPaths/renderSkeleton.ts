// Renders a golden path's skeleton/ the way fetch:template does: every file's path and content go
// through the template renderer with `{ values }`, into a fresh directory.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { TemplateRenderer } from '../../src/server/domains/scaffolder/templating/index';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map(async (e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? listFiles(full) : [full];
  }));
  return nested.flat().sort();
}

/** Returns the rendered files' paths, relative to `target`, with `/` separators. */
export async function renderSkeleton(renderer: TemplateRenderer, skeleton: string, target: string, values: Record<string, unknown>): Promise<string[]> {
  const written: string[] = [];
  for (const file of await listFiles(skeleton)) {
    const rel = relative(skeleton, file).split(sep).join('/');
    const renderedPath = await renderer.renderString(rel, { values });
    const content = await renderer.renderString(await readFile(file, 'utf8'), { values });
    const out = join(target, renderedPath);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, content, { mode: (await stat(file)).mode });
    written.push(renderedPath);
  }
  return written;
}
