import type { Command } from 'commander';
import { resolve } from 'node:path';
import { api } from './client';
import { parseOutput, printData, printTable } from './format';

interface CliEntity {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string; description?: string; annotations?: Record<string, string>; tags?: string[] };
  spec?: Record<string, unknown>;
  relations?: Array<{ type: string; targetRef: string }>;
  status?: { items?: Array<{ level: string; message: string }> };
}

const KIND_ALIASES: Record<string, string> = { components: 'component', apis: 'api', groups: 'group', users: 'user', systems: 'system', domains: 'domain', resources: 'resource', locations: 'location', templates: 'template' };
const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
const refOf = (e: CliEntity) => `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;

/** Splits `[kind:][namespace/]name` for URL paths; the server does the canonical parsing. */
export function splitRef(ref: string, defaultKind?: string): { kind: string; namespace: string; name: string } {
  const colon = ref.indexOf(':');
  const kind = colon === -1 ? defaultKind : ref.slice(0, colon);
  const rest = colon === -1 ? ref : ref.slice(colon + 1);
  const slash = rest.indexOf('/');
  if (!kind) throw new Error(`Entity reference "${ref}" needs a kind, e.g. component:${ref}`);
  return { kind, namespace: slash === -1 ? 'default' : rest.slice(0, slash), name: slash === -1 ? rest : rest.slice(slash + 1) };
}
const byNamePath = (r: { kind: string; namespace: string; name: string }) => `${encodeURIComponent(r.kind)}/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`;

export function registerCatalogCommands(program: Command): void {
  program.command('get')
    .description('List entities of a kind, or show one: paved get component [name]')
    .argument('<kind>', 'entity kind (component, api, group, user, system, domain, resource, location, template, all)')
    .argument('[name]', 'entity name, optionally namespace/name')
    .option('-o, --output <format>', 'json | yaml | wide')
    .option('-f, --filter <filter...>', 'Backstage filter, e.g. spec.type=service (repeat for OR)')
    .option('-l, --limit <n>', 'page size', '500')
    .action(async (kindArg: string, name: string | undefined, opts: { output?: string; filter?: string[]; limit: string }) => {
      const format = parseOutput(opts.output);
      const kind = KIND_ALIASES[kindArg.toLowerCase()] ?? kindArg.toLowerCase();
      if (name) {
        const entity = await api<CliEntity>('GET', `/api/catalog/entities/by-name/${byNamePath(splitRef(name.includes(':') ? name : `${kind}:${name}`))}`);
        return format === 'table' || format === 'wide' ? printEntities([entity], format) : printData(entity, format);
      }
      const filters = (opts.filter ?? ['']).map((f) => [kind === 'all' ? '' : `kind=${kind}`, f].filter(Boolean).join(','));
      const params = new URLSearchParams({ limit: opts.limit, orderField: 'metadata.name,asc' });
      for (const f of filters) if (f) params.append('filter', f);
      const page = await api<{ items: CliEntity[]; totalItems: number }>('GET', `/api/catalog/entities/by-query?${params}`);
      if (format === 'json' || format === 'yaml') return printData(page.items, format);
      printEntities(page.items, format);
      if (page.totalItems > page.items.length) process.stderr.write(`(${page.items.length} of ${page.totalItems} shown; use --limit)\n`);
    });

  program.command('describe')
    .description('Show an entity with its relations, source and processing errors')
    .argument('<ref>', 'entity reference [kind:][namespace/]name')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (ref: string, opts: { output?: string }) => {
      const path = byNamePath(splitRef(ref, 'component'));
      const entity = await api<CliEntity>('GET', `/api/catalog/entities/by-name/${path}`);
      if (opts.output) return printData(entity, parseOutput(opts.output));
      const source = await api<{ locationKey: string; line: number | null }>('GET', `/api/catalog/source/by-name/${path}`).catch(() => undefined);
      const spec = entity.spec ?? {};
      const lines = [
        `Ref:          ${refOf(entity)}`,
        `Title:        ${entity.metadata.title ?? ''}`,
        `Description:  ${entity.metadata.description ?? ''}`,
        ...['type', 'lifecycle', 'owner', 'system', 'domain'].filter((k) => spec[k] !== undefined).map((k) => `${(k[0]?.toUpperCase() ?? '') + k.slice(1)}:`.padEnd(14) + str(spec[k])),
        `Tags:         ${(entity.metadata.tags ?? []).join(', ')}`,
        `Source:       ${source ? `${source.locationKey}${source.line ? `:${source.line}` : ''}` : ''}`,
        'Relations:',
        ...(entity.relations ?? []).map((r) => `  ${r.type.padEnd(16)} ${r.targetRef}`),
        `Errors:       ${(entity.status?.items ?? []).length === 0 ? 'none' : ''}`,
        ...(entity.status?.items ?? []).map((i) => `  ${i.level}: ${i.message}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  program.command('register')
    .description('Register a location: a file, directory or glob, a git repository (repo#ref:path), or an http(s) URL')
    .argument('<target>', 'path, URL, or git repository')
    .option('-t, --type <type>', 'file | url | git (guessed when omitted)')
    .option('--dry-run', 'show what would be registered without registering')
    .action(async (target: string, opts: { type?: string; dryRun?: boolean }) => {
      const type = opts.type ?? (/^https?:\/\//.test(target) ? (/\.git(#|$)/.test(target) ? 'git' : 'url') : /\.git(#|$)/.test(target) ? 'git' : 'file');
      const finalTarget = type === 'file' ? resolve(target) : target;
      const res = await api<{ location: { id: string; type: string; target: string }; entities: CliEntity[] }>('POST', `/api/catalog/locations${opts.dryRun ? '?dryRun=true' : ''}`, { type, target: finalTarget });
      process.stdout.write(`${opts.dryRun ? 'Would register' : 'Registered'} ${res.location.type}:${res.location.target}${opts.dryRun ? '' : ` (id ${res.location.id})`}\n`);
      printEntities(res.entities, 'table');
    });

  program.command('refresh')
    .description('Re-read the location an entity comes from, now')
    .argument('<ref>', 'entity reference [kind:][namespace/]name')
    .action(async (ref: string) => {
      const r = splitRef(ref, 'component');
      await api('POST', '/api/catalog/refresh', { entityRef: `${r.kind}:${r.namespace}/${r.name}` });
      process.stdout.write(`Refreshed ${r.kind}:${r.namespace}/${r.name}\n`);
    });

  program.command('errors')
    .description('List catalog processing errors (file:line: message)')
    .option('-o, --output <format>', 'json | yaml')
    .option('-l, --limit <n>', 'how many', '200')
    .action(async (opts: { output?: string; limit: string }) => {
      const res = await api<{ items: Array<{ locationKey: string; line: number | null; path: string | null; message: string; entityRef: string | null; kind: string }>; totalItems: number }>('GET', `/api/catalog/errors?limit=${encodeURIComponent(opts.limit)}`);
      if (opts.output) return printData(res, parseOutput(opts.output));
      if (res.items.length === 0) return void process.stdout.write('No catalog errors.\n');
      for (const e of res.items) process.stdout.write(`${e.locationKey}${e.line ? `:${e.line}` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}${e.entityRef ? ` [${e.entityRef}]` : ''}\n`);
      process.stdout.write(`${res.totalItems} error(s)\n`);
    });
}

function printEntities(entities: CliEntity[], format: 'table' | 'wide'): void {
  const headers = ['KIND', 'NAME', 'NAMESPACE', 'TYPE', 'OWNER', 'LIFECYCLE', ...(format === 'wide' ? ['SYSTEM', 'TAGS', 'ERRORS'] : [])];
  printTable(headers, entities.map((e) => [
    e.kind, e.metadata.name, e.metadata.namespace ?? 'default', str(e.spec?.type), str(e.spec?.owner), str(e.spec?.lifecycle),
    ...(format === 'wide' ? [str(e.spec?.system), (e.metadata.tags ?? []).join(','), String(e.status?.items?.length ?? 0)] : []),
  ]));
}
