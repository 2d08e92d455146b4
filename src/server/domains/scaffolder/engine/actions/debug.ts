import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { listWorkspaceFiles } from '../workspace';
import { createTemplateAction } from './createTemplateAction';

const MAX_LISTED_CONTENT_BYTES = 64 * 1024;

const debugLog = createTemplateAction({
  id: 'debug:log',
  description: 'Writes a message, and optionally the workspace listing, to the task log.',
  schema: {
    input: z.object({
      message: z.string().max(64 * 1024).optional(),
      listWorkspace: z.union([z.boolean(), z.enum(['with-filenames', 'with-contents'])]).optional()
        .describe('true or with-filenames: list the files; with-contents: also print their contents'),
      extra: z.unknown().optional().describe('Any value; logged as JSON'),
    }),
  },
  async handler(ctx) {
    const { message, listWorkspace, extra } = ctx.input;
    if (message !== undefined) ctx.logger.info(message);
    if (extra !== undefined) ctx.logger.info(`extra: ${JSON.stringify(extra)}`);
    if (listWorkspace) {
      const files = await listWorkspaceFiles(ctx.workspacePath);
      const lines: string[] = [];
      for (const f of files) {
        if (listWorkspace !== 'with-contents') { lines.push(`  ${f.path}`); continue; }
        const content = f.size > MAX_LISTED_CONTENT_BYTES ? `(${f.size} bytes, not shown)` : await readFile(join(ctx.workspacePath, f.path), 'utf8');
        lines.push(`  ${f.path}:\n${content}`);
      }
      ctx.logger.info(`Workspace:\n${lines.join('\n')}`);
    }
  },
});

export const debugActions = [debugLog];
