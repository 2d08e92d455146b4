import type { Command } from 'commander';
import type { GoldenPathDetail, GoldenPathList, GoldenPathMigration, TeamConformance } from '../contracts';
import { api } from './client';
import { splitRef } from './catalogCommands';
import { parseOutput, printData, printTable } from './format';
import { printMigration } from './goldenPathMigration';

const pct = (share: number) => `${Math.round(share * 100)}%`;
const short = (ref: string) => ref.replace(/^[a-z]+:default\//, '');

function printTeams(teams: TeamConformance[]): void {
  printTable(['TEAM', 'SERVICES', 'ON PATH', 'CURRENT', 'OLDER', 'SHARE'],
    teams.map((t) => [short(t.owner), String(t.components), String(t.onPath), String(t.current), String(t.older), pct(t.share)]));
}

function printDetail(d: GoldenPathDetail): void {
  const a = d.adoption;
  const lines = [
    `Golden path:  ${d.entityRef}`,
    `Title:        ${d.title ?? ''}`,
    `Description:  ${d.description ?? ''}`,
    `Version:      ${d.version}`,
    `Tier:         ${d.supportTier}`,
    `Owner:        ${d.owner}`,
    `Template:     ${d.template}${d.templateExists ? '' : ' (not in the catalog)'}`,
    `CI:           ${d.ci ? `${d.ci.pattern ?? ''} on ${d.ci.providers.join(', ')}` : ''}`,
    `Services:     ${a.total} (${a.current} current, ${a.older} older, ${a.unknownVersion} unknown version)`,
    '',
    'Standards:',
    ...d.standards.map((s) => `  ${s.id.padEnd(24)} ${s.title} [${s.check.type}]${s.fix ? `\n  ${''.padEnd(24)} fix: ${s.fix}` : ''}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (d.services.length > 0) {
    process.stdout.write('Services on this path:\n');
    printTable(['NAME', 'OWNER', 'VERSION', 'STATUS', 'VIA'], d.services.map((s) => [s.name, s.owner ? short(s.owner) : '', s.version ?? '-', s.status, s.via]));
    if (d.nextCursor) process.stderr.write(`(${d.services.length} of ${a.total} shown; use --limit)\n`);
  } else {
    process.stdout.write('No services on this path yet.\n');
  }
  if (d.teams.length > 0) {
    process.stdout.write('\nConformance per team:\n');
    printTeams(d.teams);
  }
  for (const e of d.errors) process.stdout.write(`error: ${e.locationKey}${e.line ? `:${e.line}` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}\n`);
}

/** `paved golden-paths [name]`: the golden paths with their adoption, or one in detail. */
export function registerGoldenPathCommands(program: Command): void {
  program.command('golden-paths')
    .alias('golden-path')
    .description('List golden paths with their adoption, or show one (standards, services, conformance per team, or with --migration what changed for the services behind)')
    .argument('[name]', 'golden path name, optionally namespace/name')
    .option('-o, --output <format>', 'json | yaml')
    .option('-l, --limit <n>', 'services listed for one path', '200')
    .option('--migration', 'the services behind the current version, each with the files its template output changes (needs a name)')
    .option('--diffs <n>', 'with --migration: how many services get their diff computed (each runs the template twice)', '10')
    .option('--no-diff-text', 'with --migration: list the changed files without the diff lines')
    .action(async (name: string | undefined, opts: { output?: string; limit: string; migration?: boolean; diffs: string; diffText: boolean }) => {
      const format = parseOutput(opts.output);
      if (opts.migration && !name) throw new Error('--migration needs the name of a golden path');
      if (name) {
        const ref = splitRef(name.includes(':') ? name : `goldenpath:${name}`);
        if (opts.migration) {
          const m = await api<GoldenPathMigration>('GET', `/api/golden-paths/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}/migration?limit=${encodeURIComponent(opts.limit)}&diffs=${encodeURIComponent(opts.diffs)}`);
          return format === 'json' || format === 'yaml' ? printData(m, format) : printMigration(m, { diffs: opts.diffText });
        }
        const d = await api<GoldenPathDetail>('GET', `/api/golden-paths/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}?limit=${encodeURIComponent(opts.limit)}`);
        return format === 'json' || format === 'yaml' ? printData(d, format) : printDetail(d);
      }
      const list = await api<GoldenPathList>('GET', '/api/golden-paths');
      if (format === 'json' || format === 'yaml') return printData(list, format);
      printTable(['NAME', 'VERSION', 'TIER', 'OWNER', 'SERVICES', 'CURRENT', 'OLDER'],
        list.items.map((p) => [p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`, p.version, p.supportTier, short(p.owner), String(p.adoption.total), String(p.adoption.current), String(p.adoption.older + p.adoption.unknownVersion)]));
      const c = list.components;
      process.stdout.write(`\n${c.onPath} of ${c.total} components on a golden path (${c.current} on the current version, ${c.older} behind); ${c.unpaved} on none.\n`);
      for (const e of list.errors) process.stdout.write(`error: ${e.locationKey}${e.line ? `:${e.line}` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}\n`);
    });
}
