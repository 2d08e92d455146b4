import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'yaml';
import type { z } from 'zod';
import type { DryRunResult, ParameterSchema, ScaffolderTaskDto, TaskEventDto, TaskListResponse } from '../contracts/scaffolder';
import { api, apiBase, ApiError } from './client';
import { parseOutput, printData, printTable } from './format';
import { splitRef } from './catalogCommands';

interface TemplateEntity { metadata: { name: string; namespace?: string; title?: string; description?: string; tags?: string[] }; spec?: { type?: string; owner?: string } }

const collect = (v: string, prev: string[] = []) => [...prev, v];
const templateRefOf = (ref: string) => {
  const r = splitRef(ref.includes(':') ? ref : `template:${ref}`);
  return { ...r, ref: `${r.kind}:${r.namespace}/${r.name}` };
};

/** The JSON-Schema type of a top-level field, looked up across the template's parameter pages. */
function fieldType(schema: ParameterSchema, field: string): string | undefined {
  for (const step of schema.steps) {
    const props = (step.schema.properties ?? {}) as Record<string, { type?: unknown }>;
    const t = props[field]?.type;
    if (typeof t === 'string') return t;
  }
  return undefined;
}

/** `--set key=value`, typed by the template's parameter schema (`count=3` is a number when the schema says number). */
export function typedValue(raw: string, type: string | undefined, key: string): unknown {
  switch (type) {
    case 'number':
    case 'integer': {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n)) throw new Error(`--set ${key}: expected a number but found "${raw}"`);
      return n;
    }
    case 'boolean':
      if (!['true', 'false'].includes(raw)) throw new Error(`--set ${key}: expected true or false but found "${raw}"`);
      return raw === 'true';
    case 'array':
    case 'object':
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        if (type === 'array') return raw.split(',').map((s) => s.trim()).filter(Boolean);
        throw new Error(`--set ${key}: expected JSON for an object`);
      }
    default:
      return raw;
  }
}

function pairs(list: string[] | undefined, flag: string): Array<[string, string]> {
  return (list ?? []).map((p) => {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`${flag} expects key=value, got "${p}"`);
    return [p.slice(0, i), p.slice(i + 1)];
  });
}

/** Streams a task's events (SSE) to stdout until it ends; returns the final status. */
async function follow(id: string, print: boolean, after = 0): Promise<string> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (process.env.PAVED_TOKEN) headers.authorization = `Bearer ${process.env.PAVED_TOKEN}`;
  const res = await fetch(`${apiBase()}/api/scaffolder/v2/tasks/${encodeURIComponent(id)}/eventstream?after=${after}`, { headers });
  if (!res.ok || !res.body) throw new ApiError(`${res.status} ${res.statusText}: ${await res.text()}`, res.status);
  let buffer = '';
  let status = 'unknown';
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!data) continue;
      const e = JSON.parse(data) as TaskEventDto;
      if (print) process.stdout.write(`${e.createdAt.slice(11, 19)} ${e.type.padEnd(10)} ${e.body.stepId ? `[${e.body.stepId}] ` : ''}${e.body.message}\n`);
      if (e.type === 'completion') status = String(e.body.status ?? 'completed');
      if (e.type === 'cancelled') status = 'cancelled';
    }
  }
  return status;
}

function printTask(t: ScaffolderTaskDto): void {
  process.stdout.write(`Task:      ${t.id}\nTemplate:  ${t.spec.templateInfo.entityRef}\nStatus:    ${t.status}\nCreatedBy: ${t.createdBy}\nCreated:   ${t.createdAt}\n`);
  if (t.error) process.stdout.write(`Error:     ${t.error}\n`);
  process.stdout.write('Steps:\n');
  for (const s of t.steps) process.stdout.write(`  ${s.status.padEnd(10)} ${s.id} (${s.action})${s.error ? `: ${s.error}` : ''}\n`);
  const links = (t.output?.links ?? []) as Array<{ title?: string; url?: string; entityRef?: string }>;
  for (const l of links) process.stdout.write(`Link:      ${l.title ?? ''} ${l.url ?? l.entityRef ?? ''}\n`);
}

export function registerScaffolderCommands(program: Command): void {
  program.command('templates')
    .description('List the software templates (Template entities) in the catalog')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (opts: { output?: string }) => {
      const page = await api<{ items: TemplateEntity[] }>('GET', '/api/catalog/entities/by-query?filter=kind=template&orderField=metadata.name,asc&limit=1000');
      if (opts.output) return printData(page.items, parseOutput(opts.output));
      printTable(['REF', 'TYPE', 'OWNER', 'TITLE'], page.items.map((e) => [`template:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`, e.spec?.type ?? '', e.spec?.owner ?? '', e.metadata.title ?? '']));
    });

  program.command('create')
    .description('Run a software template: paved create <templateRef> --set name=my-service --set owner=group:default/team')
    .argument('<templateRef>', 'template reference, e.g. typescript-http-service or template:default/typescript-http-service')
    .option('--set <key=value>', 'a parameter value, typed by the template (repeatable)', collect)
    .option('--values <file>', 'a YAML or JSON file of parameter values (--set wins)')
    .option('--secret <key=value>', 'a secret for the run, never stored in clear nor shown (repeatable)', collect)
    .option('--dry-run', 'show what would be created, without creating anything')
    .option('--wait', 'wait until the task ends; exit non-zero unless it completed')
    .option('-f, --follow', 'stream the task\'s events until it ends; exit non-zero unless it completed')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (ref: string, opts: { set?: string[]; values?: string; secret?: string[]; dryRun?: boolean; wait?: boolean; follow?: boolean; output?: string }) => {
      const t = templateRefOf(ref);
      const schema = await api<ParameterSchema>('GET', `/api/scaffolder/v2/templates/${encodeURIComponent(t.namespace)}/${encodeURIComponent(t.kind)}/${encodeURIComponent(t.name)}/parameter-schema`);
      const values: Record<string, unknown> = opts.values ? ((parse(readFileSync(opts.values, 'utf8')) ?? {}) as Record<string, unknown>) : {};
      for (const [k, v] of pairs(opts.set, '--set')) values[k] = typedValue(v, fieldType(schema, k), k);
      const secrets = Object.fromEntries(pairs(opts.secret, '--secret'));
      const withSecrets = Object.keys(secrets).length > 0 ? { secrets } : {};
      if (opts.dryRun) {
        const r = await api<DryRunResult>('POST', '/api/scaffolder/v2/dry-run', { templateRef: t.ref, values, ...withSecrets });
        if (opts.output) return printData(r, parseOutput(opts.output));
        process.stdout.write(`Dry run of ${t.ref}: nothing was created.\nFiles that would be written:\n`);
        printTable(['PATH', 'BYTES'], r.directoryContents.map((f) => [f.path, String(Buffer.from(f.base64Content, 'base64').length)]));
        const info = r.directoryContents.find((f) => /(^|\/)catalog-info\.ya?ml$/.test(f.path));
        if (info) process.stdout.write(`\nEntity that would be registered (${info.path}):\n${Buffer.from(info.base64Content, 'base64').toString('utf8')}\n`);
        return;
      }
      const { id } = await api<{ id: string }>('POST', '/api/scaffolder/v2/tasks', { templateRef: t.ref, values, ...withSecrets });
      if (!opts.follow && !opts.wait) {
        if (opts.output) return printData({ id }, parseOutput(opts.output));
        process.stdout.write(`Created task ${id}; follow it with: paved tasks ${id} --follow\n`);
        return;
      }
      process.stderr.write(`Task ${id}\n`);
      const status = await follow(id, Boolean(opts.follow));
      const task = await api<ScaffolderTaskDto>('GET', `/api/scaffolder/v2/tasks/${encodeURIComponent(id)}`);
      if (opts.output) printData(task, parseOutput(opts.output));
      else printTask(task);
      if (status !== 'completed' || task.status !== 'completed') process.exitCode = 1;
    });

  const tasks = program.command('tasks')
    .description('List your scaffolder tasks, or show one: paved tasks [id] [--follow]')
    .argument('[id]', 'task id')
    .option('-f, --follow', 'stream the task\'s events until it ends; exit non-zero unless it completed')
    .option('--status <status>', 'only tasks with this status')
    .option('-l, --limit <n>', 'how many', '50')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (id: string | undefined, opts: { follow?: boolean; status?: string; limit: string; output?: string }) => {
      if (id) {
        if (opts.follow) {
          const status = await follow(id, true);
          if (status !== 'completed') process.exitCode = 1;
        }
        const task = await api<ScaffolderTaskDto>('GET', `/api/scaffolder/v2/tasks/${encodeURIComponent(id)}`);
        return opts.output ? printData(task, parseOutput(opts.output)) : printTask(task);
      }
      const params = new URLSearchParams({ limit: opts.limit });
      if (opts.status) params.set('status', opts.status);
      const list = await api<z.infer<typeof TaskListResponse>>('GET', `/api/scaffolder/v2/tasks?${params}`);
      if (opts.output) return printData(list, parseOutput(opts.output));
      printTable(['ID', 'TEMPLATE', 'STATUS', 'CREATED BY', 'CREATED'], list.tasks.map((t) => [t.id, t.spec.templateInfo.entityRef, t.status, t.createdBy, t.createdAt]));
    });

  tasks.command('cancel')
    .description('Cancel a task that is open or running')
    .argument('<id>', 'task id')
    .action(async (id: string) => {
      await api('POST', `/api/scaffolder/v2/tasks/${encodeURIComponent(id)}/cancel`);
      process.stdout.write(`Cancellation of task ${id} requested\n`);
    });

  tasks.command('retry')
    .description('Run a failed or cancelled task again, from scratch')
    .argument('<id>', 'task id')
    .option('-f, --follow', 'stream the events of the new run')
    .action(async (id: string, opts: { follow?: boolean }) => {
      // Follow only the new run: its events come after those already there.
      const seen = await api<TaskEventDto[]>('GET', `/api/scaffolder/v2/tasks/${encodeURIComponent(id)}/events`);
      await api('POST', `/api/scaffolder/v2/tasks/${encodeURIComponent(id)}/retry`);
      process.stdout.write(`Task ${id} queued again\n`);
      if (opts.follow && (await follow(id, true, seen.at(-1)?.id ?? 0)) !== 'completed') process.exitCode = 1;
    });
}
