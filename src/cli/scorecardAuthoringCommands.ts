import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import type { ScorecardPreviewResponse, ScorecardSaveResponse } from '../contracts';
import { parseDescriptor } from '../model';
import { splitRef } from './catalogCommands';
import { api } from './client';
import { parseOutput, printData, printTable } from './format';

type Preview = z.infer<typeof ScorecardPreviewResponse>;
type Saved = z.infer<typeof ScorecardSaveResponse>;

const short = (ref: string) => ref.replace(/^group:default\//, '') || '(none)';
const path = (namespace: string, name: string) => `/api/scorecards/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

/** namespace and name of the one document of a scorecard file (the server validates the rest, with lines). */
function nameOf(file: string, yaml: string): { namespace: string; name: string } {
  const meta = (parseDescriptor(yaml, { file }).documents[0]?.value as { metadata?: { name?: unknown; namespace?: unknown } } | undefined)?.metadata;
  if (typeof meta?.name !== 'string') throw new Error(`${file}: expected a Scorecard document with metadata.name`);
  return { namespace: typeof meta.namespace === 'string' ? meta.namespace : 'default', name: meta.name };
}

export function printPreview(p: Preview): void {
  const scope = p.complete ? `${p.scanned} catalog entities` : `the first ${p.scanned} catalog entities (time budget reached)`;
  process.stdout.write(`Preview of ${p.entityRef} (${p.exists ? 'changed' : 'new'}) over ${scope}, in ${p.ms} ms:\n`);
  const levels = [...new Set([...p.levels, ...Object.keys(p.before.distribution)].filter((l) => l !== 'none')), 'none'];
  printTable(['LEVEL', 'BEFORE', 'AFTER'], levels.map((l) => [l, String(p.before.distribution[l] ?? 0), String(p.after.distribution[l] ?? 0)]));
  process.stdout.write(`\n${p.gained.count} entities would gain a level, ${p.lost.count} would lose one; ${p.entered} enter the scope, ${p.left} leave it.\n`);
  if (p.teams.length > 0) {
    process.stdout.write('\nTeams:\n');
    printTable(['TEAM', 'ENTITIES', 'GAINED', 'LOST'], p.teams.map((t) => [short(t.owner), String(t.entities), String(t.gained), String(t.lost)]));
  }
  for (const [label, list] of [['Gaining', p.gained.sample], ['Losing', p.lost.sample]] as const) {
    if (list.length === 0) continue;
    process.stdout.write(`\n${label}:\n`);
    for (const c of list) process.stdout.write(`  ${c.entityRef} (${short(c.owner)}): ${c.before ?? 'not in scope'} → ${c.after ?? 'not in scope'}\n`);
  }
  process.stdout.write('\nRules:\n');
  printTable(['RULE', 'LEVEL', 'PASSED', 'FAILED', 'ERRORS'], p.rulePassRates.map((r) => [r.ruleId, r.level, String(r.passed), String(r.failed), String(r.errors)]));
}

/** `paved scorecards apply -f <file> [--dry-run]` and `paved scorecards delete <name>` (ADR 0031). */
export function registerScorecardAuthoringCommands(program: Command): void {
  const scorecards = program.commands.find((c) => c.name() === 'scorecards');
  if (!scorecards) throw new Error('register the scorecards command first');

  scorecards.command('apply')
    .description('Save a scorecard from a YAML file through the API (the managed location); --dry-run shows what it would change')
    .requiredOption('-f, --file <file>', 'the Scorecard YAML file')
    .option('--dry-run', 'preview only: levels before → after, teams gaining and losing a level; saves nothing')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (opts: { file: string; dryRun?: boolean; output?: string }) => {
      const format = parseOutput(opts.output);
      const yaml = readFileSync(opts.file, 'utf8');
      if (opts.dryRun) {
        const p = await api<Preview>('POST', '/api/scorecards/preview', { yaml });
        if (format === 'json' || format === 'yaml') printData(p, format);
        else printPreview(p);
        return;
      }
      const { namespace, name } = nameOf(opts.file, yaml);
      const saved = await api<Saved>('PUT', path(namespace, name), { yaml });
      if (format === 'json' || format === 'yaml') return printData(saved, format);
      process.stdout.write(`${saved.created ? 'Created' : 'Updated'} ${saved.entityRef} (${saved.location}); its evaluation is queued.\n`);
    });

  scorecards.command('delete')
    .description('Delete a scorecard saved through the API (one from a file is deleted by removing it from the file)')
    .argument('<name>', 'scorecard name, optionally namespace/name')
    .action(async (name: string) => {
      const ref = splitRef(name, 'scorecard');
      await api('DELETE', path(ref.namespace, ref.name));
      process.stdout.write(`Deleted scorecard:${ref.namespace}/${ref.name}.\n`);
    });
}
