import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { ActionInputError } from '../errors';
import { listWorkspaceFiles, resolveInputPath, resolveSafeChildPath } from '../workspace';
import { createTemplateAction } from './createTemplateAction';

const exists = (p: string) => stat(p).then(() => true, () => false);

const fsRename = createTemplateAction({
  id: 'fs:rename',
  description: 'Renames (moves) files or directories in the workspace.',
  schema: {
    input: z.object({
      files: z.array(z.object({
        from: z.string().min(1).max(1024),
        to: z.string().min(1).max(1024),
        overwrite: z.boolean().optional(),
      })).min(1).max(1000),
    }),
  },
  async handler(ctx) {
    for (const [i, file] of ctx.input.files.entries()) {
      const from = resolveInputPath(ctx.workspacePath, file.from, `files[${i}].from`);
      const to = resolveInputPath(ctx.workspacePath, file.to, `files[${i}].to`);
      if (!(await exists(from))) throw new ActionInputError(`files[${i}].from`, `${file.from} does not exist`);
      if (await exists(to)) {
        if (!file.overwrite) throw new ActionInputError(`files[${i}].to`, `${file.to} already exists (set overwrite: true to replace it)`);
        await rm(to, { recursive: true, force: true });
      }
      await mkdir(dirname(to), { recursive: true });
      await rename(from, to);
      ctx.logger.info(`Renamed ${file.from} to ${file.to}`);
    }
  },
});

const fsDelete = createTemplateAction({
  id: 'fs:delete',
  description: 'Deletes files and directories matching globs from the workspace.',
  schema: { input: z.object({ files: z.array(z.string().min(1).max(1024)).min(1).max(1000).describe('Globs relative to the workspace') }) },
  async handler(ctx) {
    const all = await listWorkspaceFiles(ctx.workspacePath);
    for (const [i, pattern] of ctx.input.files.entries()) {
      // A plain path may name a directory; remove it as a whole.
      const direct = resolveInputPath(ctx.workspacePath, pattern, `files[${i}]`);
      if (!/[*?[\]{}!]/.test(pattern)) {
        await rm(direct, { recursive: true, force: true });
        ctx.logger.info(`Deleted ${pattern}`);
        continue;
      }
      let isMatch;
      try {
        isMatch = picomatch(pattern, { dot: true });
      } catch (err) {
        throw new ActionInputError(`files[${i}]`, `invalid glob: ${err instanceof Error ? err.message : String(err)}`);
      }
      const matched = all.filter((f) => isMatch(f.path));
      for (const f of matched) await rm(resolveSafeChildPath(ctx.workspacePath, f.path), { force: true });
      ctx.logger.info(`Deleted ${matched.length} file(s) matching ${pattern}`);
    }
  },
});

export const fsActions = [fsRename, fsDelete];
