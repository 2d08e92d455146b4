// What re-renders a template later (ADR 0021): the Template entity and the files its `fetch:*` steps
// read, relative to the template's directory, read now through the template source port. A dry run
// given both (as `directoryContents`) renders exactly what the template rendered when it was read.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { InputError } from '../../platform/errors';
import type { DirectoryEntry, TemplateSourcePort } from './engine';
import { serializeWorkspace } from './engine/workspace';
import { templateSteps } from './scaffolder.task';

/** Bounds on one snapshot: a template's skeleton is a few dozen small files. */
export const MAX_SNAPSHOT_FILES = 2_000;
export const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024;

const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
const FETCH_DIRECTORY = new Set(['fetch:plain', 'fetch:template']);
const FETCH_FILE = new Set(['fetch:plain:file', 'fetch:template:file']);

export interface TemplateFiles {
  files: DirectoryEntry[];
  byteCount: number;
  /** sha256 over the template entity and the files: equal hashes render equally. */
  hash: string;
}

/** The relative paths (normalised) the template's fetch steps read, each a directory or a file. */
export function fetchedPaths(template: unknown): Array<{ path: string; file: boolean; stepId: string }> {
  const out: Array<{ path: string; file: boolean; stepId: string }> = [];
  for (const step of templateSteps(template)) {
    const file = FETCH_FILE.has(step.action);
    if (!file && !FETCH_DIRECTORY.has(step.action)) continue;
    const url = (step.input as { url?: unknown } | undefined)?.url;
    if (typeof url !== 'string') continue;
    if (url.includes('${{')) throw new InputError(`step ${step.id} fetches a templated url (${url}), which cannot be read ahead of a run`);
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) throw new InputError(`step ${step.id} fetches an absolute URL (${url}); only files next to the template are kept`);
    const path = posix.normalize(url).replace(/^\.\/?/, '').replace(/\/+$/, '');
    if (path === '..' || path.startsWith('../') || posix.isAbsolute(path)) throw new InputError(`step ${step.id} fetches ${url}, outside the template's directory`);
    if (!out.some((o) => o.path === path)) out.push({ path, file, stepId: step.id });
  }
  return out;
}

/** Reads the files the template's fetch steps need, into memory, within MAX_SNAPSHOT_FILES / MAX_SNAPSHOT_BYTES. */
export async function readTemplateFiles(sources: TemplateSourcePort, template: Record<string, unknown>, scratchRoot: string): Promise<TemplateFiles> {
  const metadata = template.metadata as { annotations?: Record<string, string> } | undefined;
  const base = metadata?.annotations?.[MANAGED_BY_LOCATION];
  const paths = fetchedPaths(template);
  if (paths.length > 0 && !base) throw new InputError('the template has no backstage.io/managed-by-location annotation, so its files cannot be found');
  await mkdir(scratchRoot, { recursive: true });
  const scratch = await mkdtemp(join(scratchRoot, 'snapshot-'));
  try {
    for (const p of paths) {
      // A directory's contents land in the target; a file lands as target/<its name>.
      const target = join(scratch, p.file ? posix.dirname(p.path) : p.path);
      await mkdir(target, { recursive: true });
      await sources.fetchContents(base as string, `./${p.path}`, target);
    }
    const files = await serializeWorkspace(scratch);
    const byteCount = files.reduce((n, f) => n + Buffer.byteLength(f.base64Content, 'base64'), 0);
    if (files.length > MAX_SNAPSHOT_FILES || byteCount > MAX_SNAPSHOT_BYTES) {
      throw new InputError(`the template's files (${files.length} files, ${byteCount} bytes) exceed the snapshot bound of ${MAX_SNAPSHOT_FILES} files and ${MAX_SNAPSHOT_BYTES} bytes`);
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const hash = createHash('sha256').update(JSON.stringify(stableTemplate(template))).update('\0').update(JSON.stringify(files)).digest('hex');
    return { files, byteCount, hash };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The template without what changes on every read but not its rendering (uid, etag, relations). */
export function stableTemplate(template: Record<string, unknown>): Record<string, unknown> {
  const { relations: _relations, status: _status, ...rest } = template;
  const metadata = { ...(template.metadata as Record<string, unknown> | undefined) };
  delete metadata.uid;
  delete metadata.etag;
  delete metadata.generation;
  return { ...rest, metadata };
}
