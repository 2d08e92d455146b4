// Shared set-up for the engine's tests: temp directories, a catalog port that records what it is
// asked (and reads registered git/file locations for real), and a run helper that keeps every log
// line, step state and checkpoint.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { createTemplateAction } from './actions/createTemplateAction';
import { createScaffolderEngine } from './scaffolderEngine';
import { createTemplateSource } from './templateSource';
import type { RunCheckpoint, RunTemplateInput, RunTemplateResult, ScaffolderCatalogPort, ScaffolderDeps, StepLogEvent, TemplateStepState } from './types';

export async function tempDir(prefix = 'paved-engine-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeFiles(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

export interface RecordingCatalog extends ScaffolderCatalogPort {
  registered: Array<{ location: { type: string; target: string }; dryRun: boolean; locationId?: string; entityRefs: string[] }>;
  unregistered: string[];
  entities: Map<string, Record<string, unknown>>;
}

/** Reads a registered location's descriptor: git targets (`<repo>#<ref>:<path>`) through git, file targets from disk. */
async function readLocation(location: { type: string; target: string }): Promise<string> {
  if (location.type === 'file') return readFile(location.target, 'utf8');
  if (location.type === 'git') {
    const hash = location.target.lastIndexOf('#');
    const repo = location.target.slice(0, hash);
    const fragment = location.target.slice(hash + 1);
    const colon = fragment.indexOf(':');
    const ref = fragment.slice(0, colon) || 'HEAD';
    const path = fragment.slice(colon + 1).replace(/^\/+/, '') || 'catalog-info.yaml';
    return execFileSync('git', ['--git-dir', repo, 'show', `${ref}:${path}`], { encoding: 'utf8' });
  }
  throw new Error(`cannot read ${location.type} locations`);
}

export function recordingCatalog(): RecordingCatalog {
  const catalog: RecordingCatalog = {
    registered: [],
    unregistered: [],
    entities: new Map(),
    async registerLocation(location, opts) {
      const text = await readLocation(location);
      const refs: string[] = [];
      for (const doc of parseAllDocuments(text)) {
        const e = doc.toJS() as { kind: string; metadata: { name: string; namespace?: string } };
        refs.push(`${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase());
      }
      const locationId = opts.dryRun ? undefined : randomUUID();
      const entityRefs = [`location:default/generated-${refs.length}`, ...refs];
      catalog.registered.push({ location, dryRun: opts.dryRun, locationId, entityRefs });
      return { locationId, entityRefs };
    },
    async unregisterLocation(id) {
      catalog.unregistered.push(id);
    },
    async getEntityByRef(ref) {
      return catalog.entities.get(ref);
    },
  };
  return catalog;
}

export function testDeps(dataDir: string, catalog: ScaffolderCatalogPort = recordingCatalog()): ScaffolderDeps {
  return {
    catalog,
    sources: createTemplateSource({ scratchDir: join(dataDir, 'scratch') }),
    dataDir,
    gitAuthor: { name: 'Paved Scaffolder', email: 'scaffolder@paved.invalid' },
  };
}

export interface RunRecord {
  logs: StepLogEvent[];
  steps: TemplateStepState[];
  checkpoints: RunCheckpoint[];
  result?: RunTemplateResult;
  error?: unknown;
}

/** Runs a template and keeps everything the engine reported; never throws (the error is in the record). */
export async function runRecorded(
  engine: ReturnType<typeof createScaffolderEngine>,
  input: Partial<RunTemplateInput> & Pick<RunTemplateInput, 'template' | 'workspaceDir'>,
): Promise<RunRecord> {
  const record: RunRecord = { logs: [], steps: [], checkpoints: [] };
  try {
    record.result = await engine.run({
      templateRef: 'template:default/test',
      values: {},
      signal: new AbortController().signal,
      log: (e) => record.logs.push(e),
      onStep: (s) => record.steps.push(s),
      saveCheckpoint: async (c) => { record.checkpoints.push(structuredClone(c)); },
      ...input,
    });
  } catch (err) {
    record.error = err;
  }
  return record;
}

/** A minimal v1beta3 template whose file location is `file:<dir>/template.yaml`. */
export function template(dir: string, spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'test', annotations: { 'backstage.io/managed-by-location': `file:${join(dir, 'template.yaml')}` } },
    spec: { type: 'service', ...spec },
  };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8' });
}

/** Test-only actions: `test:echo` outputs its inputs as they arrived; `test:wait` blocks until the run is cancelled. */
export const echoAction = createTemplateAction({
  id: 'test:echo',
  description: 'Outputs its input',
  schema: { input: z.record(z.string(), z.unknown()) },
  async handler(ctx) {
    for (const [k, v] of Object.entries(ctx.input)) ctx.output(k, v);
  },
});

export const waitForAbortAction = createTemplateAction({
  id: 'test:wait',
  description: 'Waits for cancellation',
  schema: { input: z.object({}) },
  async handler(ctx) {
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    throw Object.assign(new Error('aborted'), { name: 'AbortError' });
  },
});
