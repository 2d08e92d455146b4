import type { Command } from 'commander';
import { stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { isValidObjectName, parseDescriptor, parseEntityRef, validateEntity } from '../model';
import {
  DEFAULT_CATALOG_FILENAME, findRepositories, suggestEntity, type AnalysisField, type RepoView, type SuggestedEntity, type SuggestedLocation,
} from '../model/discovery';
import { createFsTree } from '../node/fsTree';
import { parseOutput, printData, printTable } from './format';

/** One repository in the command's output. */
type DiscoveredRepo = {
  path: string;
  status: string;
  name?: string;
  type?: string;
  owner?: string;
  language?: string;
  frameworks: string[];
  entity?: SuggestedEntity | SuggestedLocation;
  fields?: AnalysisField[];
};

const OptionsSchema = z.object({
  write: z.boolean().default(false),
  output: z.enum(['json', 'yaml']).optional(),
  catalogFilename: z.string().max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/, '--catalog-filename: expected a file name like catalog-info.yaml').default(DEFAULT_CATALOG_FILENAME),
  // `--owner platform` means `group:default/platform`; only groups and users can own components.
  owner: z.string().max(255).optional().transform((v, ctx) => {
    if (v === undefined) return undefined;
    try {
      const r = parseEntityRef(v, { defaultKind: 'group' });
      const kind = r.kind.toLowerCase();
      if ((kind === 'group' || kind === 'user') && isValidObjectName(r.name)) return `${kind}:${r.namespace}/${r.name}`;
    } catch {
      // fall through to the message below
    }
    ctx.addIssue({ code: 'custom', message: `--owner: expected a group or user reference like group:default/platform, but found "${v}"` });
    return z.NEVER;
  }),
});
type DiscoverOptions = z.infer<typeof OptionsSchema>;

const HEADER = '# Suggested by `paved discover`: review the owner, type and lifecycle, then register this file.\n';

function existingRow(view: RepoView, text: string | null, catalogFilename: string): DiscoveredRepo {
  const doc = text === null ? undefined : parseDescriptor(text, { file: catalogFilename }).documents.map((d) => validateEntity(d.value)).find((v) => v.ok);
  const entity = doc?.ok ? doc.entity : undefined;
  const owner = entity?.spec?.owner;
  return {
    path: view.path, status: `has ${catalogFilename}`, name: entity?.metadata.name, type: typeof entity?.spec?.type === 'string' ? entity.spec.type : undefined,
    owner: typeof owner === 'string' ? owner : undefined, frameworks: [],
  };
}

async function writeSuggestion(root: string, repo: DiscoveredRepo, catalogFilename: string): Promise<string> {
  if (!repo.entity?.metadata.name) return 'skipped: needs a name';
  if (repo.entity.kind === 'Component' && !repo.entity.spec.owner) return 'skipped: needs --owner';
  const valid = validateEntity(repo.entity);
  if (!valid.ok) return `skipped: ${valid.errors.map((e) => `${e.path ?? ''} ${e.message}`.trim()).join('; ')}`;
  try {
    // 'wx' fails when the file exists, so a file written meanwhile is never overwritten.
    await writeFile(join(root, repo.path, catalogFilename), HEADER + stringify(repo.entity, { lineWidth: 0 }), { flag: 'wx' });
    return 'written';
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err && err.code === 'EEXIST') return `skipped: ${catalogFilename} exists`;
    throw err;
  }
}

/** Finds repositories below `path`, suggests a Component for each without a descriptor, and optionally writes them. */
export async function discover(path: string, opts: DiscoverOptions): Promise<{ repos: DiscoveredRepo[]; truncated: boolean }> {
  const abs = resolve(path);
  const info = await stat(abs).catch(() => undefined);
  if (!info) throw new Error(`${path}: no such file or directory`);
  const root = info.isDirectory() ? abs : dirname(abs);
  const found = await findRepositories(createFsTree(root), { rootName: basename(root), catalogFilename: opts.catalogFilename });
  const fallbackOwner = opts.owner ? { ref: opts.owner, source: `--owner ${opts.owner}` } : undefined;
  const repos: DiscoveredRepo[] = [];
  for (const view of found.repos) {
    const descriptor = view.files.get(opts.catalogFilename);
    if (descriptor !== undefined) {
      repos.push(existingRow(view, descriptor, opts.catalogFilename));
      continue;
    }
    const a = suggestEntity(view, { fallbackOwner, catalogFilename: opts.catalogFilename });
    const component = a.entity.kind === 'Component' ? a.entity : undefined;
    const repo: DiscoveredRepo = {
      path: a.path, status: 'suggested', name: a.entity.metadata.name, type: component ? component.spec.type : 'Location', owner: component?.spec.owner,
      language: a.language, frameworks: a.frameworks, entity: a.entity, fields: a.fields,
    };
    if (opts.write) repo.status = await writeSuggestion(root, repo, opts.catalogFilename);
    repos.push(repo);
  }
  return { repos, truncated: found.truncated };
}

function printSummary(repos: DiscoveredRepo[], opts: DiscoverOptions): void {
  printTable(['REPO', 'NAME', 'TYPE', 'OWNER', 'LANGUAGE', 'STATUS'], repos.map((r) => [
    r.path, r.name ?? '<needs input>', r.type ?? '-', r.owner ?? (r.entity?.kind === 'Location' ? '-' : '<needs input>'), [r.language, ...r.frameworks].filter(Boolean).join(', ') || '-', r.status,
  ]));
  const suggested = repos.filter((r) => r.entity);
  const ownerless = suggested.filter((r) => r.entity?.kind === 'Component' && !r.owner).length;
  if (ownerless > 0) process.stdout.write(`\n${ownerless} suggestion(s) have no owner (no CODEOWNERS rule for the repository root): pass --owner group:default/<team>.\n`);
  if (!opts.write && suggested.length > 0) process.stdout.write(`Run again with --write to create ${opts.catalogFilename} in each repository that lacks one.\n`);
}

export function registerDiscoverCommand(program: Command): void {
  program.command('discover')
    .description('Suggest catalog entries for repositories without a descriptor (offline); --write creates catalog-info.yaml files')
    .argument('<path>', 'a repository (monorepo packages are suggested one by one), or a folder of repositories')
    .option('--write', 'write a catalog file into each repository that lacks one (never overwrites)')
    .option('--owner <ref>', 'owner for suggestions whose CODEOWNERS names none, e.g. group:default/platform')
    .option('--catalog-filename <name>', 'descriptor file name', DEFAULT_CATALOG_FILENAME)
    .option('-o, --output <format>', 'json | yaml')
    .action(async (path: string, raw: Record<string, unknown>) => {
      const parsed = OptionsSchema.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
      const opts = parsed.data;
      const result = await discover(path, opts);
      if (result.truncated) process.stderr.write('paved: stopped early at a discovery limit; some repositories were not analysed\n');
      if (opts.output) return printData(result, parseOutput(opts.output));
      if (result.repos.length === 0) return void process.stdout.write(`No repositories found under ${path}.\n`);
      printSummary(result.repos, opts);
    });
}
