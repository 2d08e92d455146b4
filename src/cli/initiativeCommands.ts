import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CreateInitiativeRequest, type InitiativeDetailResponse, type InitiativeListResponse, type InitiativeProgressResponse, type InitiativeTodoResponse } from '../contracts';
import { api } from './client';
import { parseOutput, printData, printTable, type OutputFormat } from './format';

type List = z.infer<typeof InitiativeListResponse>;
type Detail = z.infer<typeof InitiativeDetailResponse>;
type Progress = z.infer<typeof InitiativeProgressResponse>;
type Todo = z.infer<typeof InitiativeTodoResponse>;

const structured = (f: OutputFormat): f is 'json' | 'yaml' => f === 'json' || f === 'yaml';
const short = (ref: string) => ref.replace(/^group:default\//, '');
const path = (name: string, tail = '') => `/api/initiatives/${encodeURIComponent(name)}${tail}`;
const MAX_FILE_BYTES = 256 * 1024;

function printDetail(d: Detail, p: Progress): void {
  process.stdout.write(`${d.title} (${d.name}): ${d.status}, ${p.overall.percent}% (${p.overall.met}/${p.overall.total} rule checks met), target ${d.targetDate}\n`);
  process.stdout.write(`owner ${short(d.owner)}, scorecard ${short(d.scorecard)}, rules ${d.rules.map((r) => r.id).join(', ')}\n\nPer team:\n`);
  printTable(['TEAM', 'MET', 'TOTAL', 'DONE', 'ENTITIES', 'ENTITIES DONE'], p.teams.map((t) => [short(t.owner) || '(none)', String(t.met), String(t.total), `${t.percent}%`, String(t.entities), String(t.entitiesDone)]));
}

function printTodo(t: Todo): void {
  if (t.teams.length === 0) process.stdout.write('Nothing left to fix.\n');
  for (const team of t.teams) {
    process.stdout.write(`${short(team.owner) || '(no owner)'}:\n`);
    for (const e of team.entities) {
      process.stdout.write(`  ${e.entityRef}\n`);
      for (const r of e.rules) {
        process.stdout.write(`    ✖ ${r.title} (${r.ruleId}): ${r.message}\n`);
        if (r.fix) process.stdout.write(`        fix: ${r.fix}\n`);
      }
    }
  }
  if (t.nextCursor) process.stdout.write(`(more: --after ${t.nextCursor})\n`);
}

/** The create request from a YAML/JSON file and flags (flags win), checked with the API's contract before sending. */
function createRequest(opts: Record<string, string | undefined>) {
  let body: Record<string, unknown> = {};
  if (opts.file) {
    if (statSync(opts.file).size > MAX_FILE_BYTES) throw new Error(`${opts.file}: larger than ${MAX_FILE_BYTES} bytes`);
    const parsed: unknown = parseYaml(readFileSync(opts.file, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${opts.file}: expected a mapping of initiative fields`);
    body = parsed as Record<string, unknown>;
  }
  const flags: Record<string, unknown> = {
    name: opts.name, title: opts.title, owner: opts.owner, scorecard: opts.scorecard, level: opts.level, startDate: opts.start, targetDate: opts.target,
    rules: opts.rules?.split(',').map((r) => r.trim()).filter(Boolean),
    brief: opts.briefFile ? readFileSync(opts.briefFile, 'utf8') : undefined,
  };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) body[k] = v;
  const checked = CreateInitiativeRequest.safeParse(body);
  if (!checked.success) {
    throw new Error(`invalid initiative${opts.file ? ` (${opts.file})` : ''}: ${checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return checked.data;
}

/** `paved initiatives [name] [--todo]`, `paved initiatives create|publish|close`. */
export function registerInitiativeCommands(program: Command): void {
  const cmd = program.command('initiatives')
    .alias('initiative')
    .description('List initiatives with status and progress, or show one: progress per team, and with --todo what each team still has to fix')
    .argument('[name]', 'initiative name')
    .option('--todo', 'list what is left to fix, with the fix text of each rule')
    .option('--owner <ref>', 'with --todo: only this team (e.g. group:team-a)')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (name: string | undefined, opts: { todo?: boolean; owner?: string; output?: string }) => {
      const format = parseOutput(opts.output);
      if (!name) {
        const list = await api<List>('GET', '/api/initiatives');
        if (structured(format)) return printData(list, format);
        printTable(['NAME', 'STATUS', 'DONE', 'MET', 'OWNER', 'TARGET', 'TITLE'], list.items.map((i) => [
          i.name, i.status, `${i.progress.percent}%`, `${i.progress.met}/${i.progress.total}`, short(i.owner), i.targetDate, i.title,
        ]));
        return;
      }
      if (opts.todo) {
        const todo = await api<Todo>('GET', path(name, `/todo${opts.owner ? `?owner=${encodeURIComponent(opts.owner)}` : ''}`));
        return structured(format) ? printData(todo, format) : printTodo(todo);
      }
      const [d, p] = await Promise.all([api<Detail>('GET', path(name)), api<Progress>('GET', path(name, '/progress?limit=1'))]);
      if (structured(format)) return printData({ ...d, progress: p }, format);
      printDetail(d, p);
    });

  cmd.command('create')
    .description('Create a draft initiative from a YAML file (-f) and/or flags')
    .option('-f, --file <file>', 'YAML or JSON with name, title, owner, scorecard, rules or level, startDate, targetDate, brief, filter')
    .option('--name <name>').option('--title <title>').option('--owner <ref>').option('--scorecard <ref>')
    .option('--rules <ids>', 'comma-separated rule ids').option('--level <level>', 'every rule of this level and below')
    .option('--start <date>', 'YYYY-MM-DD').option('--target <date>', 'YYYY-MM-DD').option('--brief-file <file>', 'Markdown brief')
    .action(async (opts: Record<string, string | undefined>) => {
      // `--owner` is also an option of `paved initiatives` (with --todo), which takes it first.
      const d = await api<Detail>('POST', '/api/initiatives', createRequest({ ...opts, owner: opts.owner ?? (cmd.opts() as { owner?: string }).owner }));
      process.stdout.write(`initiative ${d.name} created (${d.status}): ${d.progress.percent}% met, ${d.progress.met}/${d.progress.total}\n`);
    });

  for (const verb of ['publish', 'close'] as const) {
    cmd.command(verb)
      .description(verb === 'publish' ? 'Publish a draft initiative (it becomes active)' : 'Close an initiative (its progress stops being recorded)')
      .argument('<name>', 'initiative name')
      .action(async (name: string) => {
        const d = await api<Detail>('POST', path(name, `/${verb}`));
        process.stdout.write(`initiative ${d.name}: ${d.status}\n`);
      });
  }
}
