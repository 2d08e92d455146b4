import type { Command } from 'commander';
import type { z } from 'zod';
import type { EntityScoresResponse, ScorecardDetailResponse, ScorecardListResponse } from '../contracts';
import { api } from './client';
import { splitRef } from './catalogCommands';
import { parseOutput, printData, printTable, type OutputFormat } from './format';

type Scores = z.infer<typeof EntityScoresResponse>;
type List = z.infer<typeof ScorecardListResponse>;
type Detail = z.infer<typeof ScorecardDetailResponse>;

const structured = (f: OutputFormat): f is 'json' | 'yaml' => f === 'json' || f === 'yaml';
const short = (ref: string) => ref.replace(/^[a-z]+:default\//, '');
const mark = { pass: '✔', fail: '✖', error: '!' } as const;

function printScores(s: Scores): void {
  if (s.scores.length === 0) {
    process.stdout.write(`No scorecard applies to ${s.entityRef} (or it was not evaluated yet).\n`);
    return;
  }
  for (const sc of s.scores) {
    process.stdout.write(`${sc.scorecard.title ?? sc.scorecard.name}: ${sc.level ?? 'no level'} (score ${sc.score}%)${sc.next ? `, next ${sc.next.level}: fix ${sc.next.blocking.join(', ')}` : ''}\n`);
    for (const r of sc.rules) {
      process.stdout.write(`  ${mark[r.status]} [${r.level}] ${r.title}: ${r.message}\n`);
      if (r.status !== 'pass' && r.fix) process.stdout.write(`      fix: ${r.fix}\n`);
    }
  }
}

function printDetail(d: Detail): void {
  const levels = [...d.levels, 'none'];
  process.stdout.write(`${d.title ?? d.name} (${d.entityRef}), owner ${d.owner}: ${d.entities} entities\n`);
  printTable(['LEVEL', 'ENTITIES'], levels.map((l) => [l, String(d.distribution[l] ?? 0)]));
  process.stdout.write('\nRules:\n');
  printTable(['RULE', 'LEVEL', 'WEIGHT', 'PASSED', 'FAILED', 'ERRORS'], d.ruleDetails.map((r) => {
    const rate = d.rulePassRates.find((x) => x.ruleId === r.id);
    return [r.id, r.level, String(r.weight), String(rate?.passed ?? 0), String(rate?.failed ?? 0), String(rate?.errors ?? 0)];
  }));
  process.stdout.write('\nPer team:\n');
  printTable(['TEAM', 'ENTITIES', ...levels.map((l) => l.toUpperCase())], d.byOwner.map((o) => [short(o.owner) || '(none)', String(o.entities), ...levels.map((l) => String(o.distribution[l] ?? 0))]));
}

/** `paved scorecards [name]` and `paved score <ref> [--min-level L]` (the exit code fails a pipeline below L). */
export function registerScorecardCommands(program: Command): void {
  program.command('scorecards')
    .alias('scorecard')
    .description('List scorecards with how many entities reach each level, or show one (rules, pass rates, teams)')
    .argument('[name]', 'scorecard name, optionally namespace/name')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (name: string | undefined, opts: { output?: string }) => {
      const format = parseOutput(opts.output);
      if (name) {
        const ref = splitRef(name, 'scorecard');
        const d = await api<Detail>('GET', `/api/scorecards/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}`);
        if (structured(format)) printData(d, format);
        else printDetail(d);
        return;
      }
      const list = await api<List>('GET', '/api/scorecards');
      if (structured(format)) return printData(list, format);
      printTable(['NAME', 'OWNER', 'RULES', 'ENTITIES', 'LEVELS'], list.items.map((s) => [
        short(s.entityRef), short(s.owner), String(s.rules), String(s.entities), [...s.levels, 'none'].map((l) => `${l} ${s.distribution[l] ?? 0}`).join(', '),
      ]));
    });

  program.command('score')
    .description('Show how an entity scores on every scorecard that applies to it: each rule, why it fails, how to fix it')
    .argument('<ref>', 'entity reference, e.g. component:default/payments')
    .option('--scorecard <name>', 'only this scorecard')
    .option('--min-level <level>', 'exit 1 unless the entity reaches this level (on every scorecard that has it, or on --scorecard)')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (refText: string, opts: { scorecard?: string; minLevel?: string; output?: string }) => {
      const format = parseOutput(opts.output);
      const ref = splitRef(refText, 'component');
      const all = await api<Scores>('GET', `/api/scorecards/entities/${encodeURIComponent(ref.kind)}/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}`);
      const wanted = opts.scorecard ? splitRef(opts.scorecard, 'scorecard') : undefined;
      const scores = { ...all, scores: all.scores.filter((s) => !wanted || s.scorecard.entityRef === `scorecard:${wanted.namespace}/${wanted.name}`.toLowerCase()) };
      if (structured(format)) printData(scores, format);
      else printScores(scores);
      if (!opts.minLevel) return;
      const min = opts.minLevel;
      const judged = scores.scores.filter((s) => s.scorecard.levels.includes(min));
      if (judged.length === 0) {
        process.stderr.write(`error: no scorecard of ${all.entityRef} has the level "${min}"\n`);
        process.exitCode = 1;
        return;
      }
      const below = judged.filter((s) => s.level === null || s.scorecard.levels.indexOf(s.level) < s.scorecard.levels.indexOf(min));
      for (const s of below) process.stderr.write(`${all.entityRef} is below ${min} on ${s.scorecard.name} (${s.level ?? 'no level'})\n`);
      if (below.length > 0) process.exitCode = 1;
    });
}
