import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { TemplateRenderer } from '../../templating/index';
import { ActionInputError } from '../errors';
import { listWorkspaceFiles, resolveInputPath, resolveSafeChildPath } from '../workspace';
import type { ActionContext } from './actionTypes';
import { createTemplateAction } from './createTemplateAction';

const url = z.string().min(1).max(4096).describe('Relative path (e.g. ./skeleton) against the template location, or an absolute URL');
const relPath = z.string().min(1).max(1024);
const glob = z.string().min(1).max(1024);
const values = z.record(z.string().max(256), z.unknown()).describe('Values available as `values.*` in the skeleton');
const renderFlags = {
  cookiecutterCompat: z.boolean().optional().describe('Use `{{ }}` and `cookiecutter.*` like cookiecutter'),
  replace: z.boolean().optional().describe('Replace files that already exist in the target instead of skipping them'),
  trimBlocks: z.boolean().optional(),
  lstripBlocks: z.boolean().optional(),
  token: z.string().max(4096).optional().describe('Accepted for Backstage compatibility; sources are read by the server'),
};

/** Fetches `url` into a fresh directory inside the workspace and returns it; the caller removes it. */
async function fetchToScratch(ctx: ActionContext<{ url: string }>): Promise<string> {
  const base = ctx.templateInfo.baseLocation;
  if (!base && !/^[a-z][a-z0-9+.-]*:/i.test(ctx.input.url)) {
    throw new ActionInputError('url', 'the template has no backstage.io/managed-by-location annotation, so a relative url cannot be resolved');
  }
  const scratch = join(ctx.workspacePath, `.paved-fetch-${randomUUID()}`);
  await mkdir(scratch);
  try {
    await ctx.deps.sources.fetchContents(base ?? '', ctx.input.url, scratch);
  } catch (err) {
    await rm(scratch, { recursive: true, force: true });
    throw new ActionInputError('url', `could not fetch ${ctx.input.url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return scratch;
}

async function singleFile(scratch: string, what: string): Promise<string> {
  const entries = await readdir(scratch, { withFileTypes: true });
  const file = entries.length === 1 && entries[0]?.isFile() ? entries[0].name : undefined;
  if (!file) throw new ActionInputError('url', `${what} is not a single file`);
  return join(scratch, file);
}

/** Text files are rendered; anything with a NUL byte or invalid UTF-8 is copied byte for byte. */
function asText(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const looksTemplated = (s: string) => s.includes('{{') || s.includes('{%') || s.includes('{#');

async function render(renderer: TemplateRenderer, text: string, context: Record<string, unknown>, what: string): Promise<string> {
  if (!looksTemplated(text)) return text;
  try {
    return await renderer.renderString(text, context);
  } catch (err) {
    throw new Error(`rendering ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A rendered path that came out empty, absolute or with an empty segment means "skip this file" (Backstage). */
const skipped = (p: string) => p.trim() === '' || p.startsWith('/') || p.includes('//') || p.endsWith('/');

const fetchPlain = createTemplateAction({
  id: 'fetch:plain',
  description: 'Downloads a directory or file (without templating) into the workspace.',
  schema: {
    input: z.object({ url, targetPath: relPath.optional().describe('Where in the workspace; default the workspace root'), token: renderFlags.token }),
  },
  async handler(ctx) {
    const target = resolveInputPath(ctx.workspacePath, ctx.input.targetPath ?? './', 'targetPath');
    ctx.logger.info(`Fetching plain content from ${ctx.input.url}`);
    const scratch = await fetchToScratch(ctx);
    try {
      await mergeInto(scratch, target);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  },
});

async function mergeInto(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    const a = join(from, e.name);
    const b = join(to, e.name);
    if (e.isDirectory()) await mergeInto(a, b);
    else if (e.isFile()) await rename(a, b);
  }
}

const fetchPlainFile = createTemplateAction({
  id: 'fetch:plain:file',
  description: 'Downloads a single file (without templating) into the workspace.',
  schema: { input: z.object({ url, targetPath: relPath.describe('File path in the workspace'), token: renderFlags.token }) },
  async handler(ctx) {
    const target = resolveInputPath(ctx.workspacePath, ctx.input.targetPath, 'targetPath');
    const scratch = await fetchToScratch(ctx);
    try {
      const file = await singleFile(scratch, ctx.input.url);
      await mkdir(dirname(target), { recursive: true });
      await rename(file, target);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  },
});

const fetchTemplateInput = z.object({
  url,
  targetPath: relPath.optional().describe('Where in the workspace; default the workspace root'),
  values,
  copyWithoutRender: z.array(glob).max(200).optional().describe('Deprecated name of copyWithoutTemplating'),
  copyWithoutTemplating: z.array(glob).max(200).optional().describe('Globs of files whose contents are copied without templating (paths are still rendered)'),
  templateFileExtension: z.union([z.boolean(), z.string().min(1).max(32)]).optional().describe('Only files with this extension (true: .njk) are rendered; the extension is removed'),
  ...renderFlags,
});

const fetchTemplate = createTemplateAction({
  id: 'fetch:template',
  description: 'Downloads a skeleton, renders file contents and paths with `values`, and places it in the workspace.',
  schema: { input: fetchTemplateInput },
  async handler(ctx) {
    const { input } = ctx;
    if (input.copyWithoutRender && input.copyWithoutTemplating) {
      throw new ActionInputError('copyWithoutTemplating', 'copyWithoutRender and copyWithoutTemplating cannot both be set');
    }
    const noRender = input.copyWithoutTemplating ?? input.copyWithoutRender ?? [];
    if (input.templateFileExtension && (noRender.length > 0 || input.cookiecutterCompat)) {
      throw new ActionInputError('templateFileExtension', 'templateFileExtension cannot be combined with copyWithoutTemplating or cookiecutterCompat');
    }
    const ext = input.templateFileExtension === true ? '.njk'
      : typeof input.templateFileExtension === 'string' ? (input.templateFileExtension.startsWith('.') ? input.templateFileExtension : `.${input.templateFileExtension}`)
        : undefined;
    const outDir = resolveInputPath(ctx.workspacePath, input.targetPath ?? './', 'targetPath');
    const isNoRender = noRender.length ? picomatch(noRender, { dot: true }) : () => false;
    const renderer = await ctx.renderer({ cookiecutterCompat: input.cookiecutterCompat, trimBlocks: input.trimBlocks, lstripBlocks: input.lstripBlocks });
    const context = { values: input.values };
    ctx.logger.info(`Fetching template content from ${input.url}`);
    const scratch = await fetchToScratch(ctx);
    try {
      const files = await listWorkspaceFiles(scratch);
      let written = 0;
      for (const file of files) {
        const ancestors = file.path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
        let renderContents = !ancestors.some((p) => isNoRender(p));
        let outPath = file.path;
        if (ext) {
          renderContents = outPath.endsWith(ext);
          if (renderContents) outPath = outPath.slice(0, -ext.length);
        }
        outPath = await render(renderer, outPath, context, `the path ${file.path}`);
        if (skipped(outPath)) continue;
        const target = resolveSafeChildPath(outDir, outPath);
        const exists = await stat(target).then(() => true, () => false);
        if (exists && !input.replace) {
          ctx.logger.info(`Skipping ${outPath}: it already exists (set replace: true to overwrite)`);
          continue;
        }
        const src = join(scratch, file.path);
        const bytes = await readFile(src);
        const text = renderContents ? asText(bytes) : undefined;
        const content = text === undefined ? bytes : await render(renderer, text, context, file.path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, content);
        if (file.executable) await chmod(target, 0o755);
        written++;
      }
      ctx.logger.info(`Wrote ${written} file(s) to ${input.targetPath ?? 'the workspace'}`);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  },
});

const fetchTemplateFile = createTemplateAction({
  id: 'fetch:template:file',
  description: 'Downloads a single file, renders its contents with `values`, and writes it to targetPath.',
  schema: { input: z.object({ url, targetPath: relPath.describe('File path in the workspace'), values, ...renderFlags }) },
  async handler(ctx) {
    const { input } = ctx;
    const target = resolveInputPath(ctx.workspacePath, input.targetPath, 'targetPath');
    if (!input.replace && await stat(target).then(() => true, () => false)) {
      ctx.logger.info(`Skipping ${input.targetPath}: it already exists (set replace: true to overwrite)`);
      return;
    }
    const renderer = await ctx.renderer({ cookiecutterCompat: input.cookiecutterCompat, trimBlocks: input.trimBlocks, lstripBlocks: input.lstripBlocks });
    const scratch = await fetchToScratch(ctx);
    try {
      const file = await singleFile(scratch, input.url);
      const bytes = await readFile(file);
      const text = asText(bytes);
      const content = text === undefined ? bytes : await render(renderer, text, { values: input.values }, basename(file));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
      if (((await stat(file)).mode & 0o111) !== 0) await chmod(target, 0o755);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  },
});

export const fetchActions = [fetchPlain, fetchPlainFile, fetchTemplate, fetchTemplateFile];
