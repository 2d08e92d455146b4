import type { Command } from 'commander';
import type { z } from 'zod';
import { EXEMPTION_STATUSES, type ExemptionDto, type ExemptionListResponse } from '../contracts';
import { api } from './client';
import { parseOutput, printData, printTable } from './format';

type List = z.infer<typeof ExemptionListResponse>;

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const short = (ref: string) => ref.replace(/^[a-z]+:default\//, '');

/** `30d`, `12h`, `90s` from now; a date (midnight UTC) or an ISO time as given. */
export function parseExpiry(text: string, now = Date.now()): string {
  const m = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (m) return new Date(now + Number(m[1]) * (UNIT_MS[m[2] ?? 'd'] ?? 0)).toISOString();
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text);
  if (Number.isNaN(t)) throw new Error(`--expires: expected a date (2026-03-31), an ISO time or a duration (30d, 12h), but found "${text}"`);
  return new Date(t).toISOString();
}

function printOne(e: ExemptionDto): void {
  process.stdout.write(`Exemption ${e.id}: ${e.status}\n  ${e.entityRef}, rule ${e.ruleId}${e.ruleTitle ? ` (${e.ruleTitle})` : ''} of ${e.scorecardRef}\n`);
  process.stdout.write(`  requested by ${e.requestedBy} at ${e.requestedAt}, expires ${e.expiresAt}\n  reason: ${e.reason}\n`);
  if (e.decidedBy) process.stdout.write(`  decided by ${e.decidedBy} at ${e.decidedAt}${e.decisionComment ? `: ${e.decisionComment}` : ''}\n`);
}

/** `paved exemptions [--status S]`, `paved exemptions request|approve|reject|revoke` (ADR 0028). */
export function registerExemptionCommands(program: Command): void {
  const cmd = program.command('exemptions')
    .alias('exemption')
    .description('List exemptions of scorecard rules, ask for one, or decide one (platform engineers)');
  // `list` is the default, so `paved exemptions --status requested` lists; its options stay off the parent,
  // where they would swallow the subcommands' own --scorecard.
  cmd.command('list', { isDefault: true })
    .description('List exemptions, newest first')
    .option('--status <status>', EXEMPTION_STATUSES.join(' | '))
    .option('--entity <ref>', 'only this entity')
    .option('--scorecard <ref>', 'only this scorecard')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (opts: { status?: string; entity?: string; scorecard?: string; output?: string }) => {
      const format = parseOutput(opts.output);
      if (opts.status && !(EXEMPTION_STATUSES as readonly string[]).includes(opts.status)) throw new Error(`--status must be one of ${EXEMPTION_STATUSES.join(', ')} (got "${opts.status}")`);
      const q = new URLSearchParams(Object.entries({ status: opts.status, entityRef: opts.entity, scorecardRef: opts.scorecard }).filter((e): e is [string, string] => Boolean(e[1])));
      const list = await api<List>('GET', `/api/scorecards/exemptions${q.size ? `?${q}` : ''}`);
      if (format === 'json' || format === 'yaml') return printData(list, format);
      if (list.items.length === 0) return void process.stdout.write('No exemptions.\n');
      printTable(['ID', 'STATUS', 'ENTITY', 'SCORECARD', 'RULE', 'EXPIRES', 'REQUESTED BY'], list.items.map((e) => [
        e.id, e.status, short(e.entityRef), short(e.scorecardRef), e.ruleId, e.expiresAt.slice(0, 16).replace('T', ' '), e.requestedBy,
      ]));
    });

  cmd.command('request')
    .description('Ask for an exemption of one rule for one entity your team owns')
    .argument('<entityRef>', 'e.g. component:default/payments')
    .requiredOption('--scorecard <ref>', 'the scorecard, e.g. production-readiness')
    .requiredOption('--rule <id>', 'the rule id')
    .requiredOption('--reason <text>', 'why the rule cannot be met now')
    .requiredOption('--expires <when>', 'a date (2026-03-31), an ISO time or a duration from now (30d, 12h); at most a year')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (entityRef: string, opts: { scorecard: string; rule: string; reason: string; expires: string; output?: string }) => {
      const format = parseOutput(opts.output);
      const body = { entityRef, scorecardRef: opts.scorecard, ruleId: opts.rule, reason: opts.reason, expiresAt: parseExpiry(opts.expires) };
      const e = await api<ExemptionDto>('POST', '/api/scorecards/exemptions', body);
      if (format === 'json' || format === 'yaml') return printData(e, format);
      printOne(e);
    });

  for (const decision of ['approve', 'reject', 'revoke'] as const) {
    cmd.command(decision)
      .description(`${decision[0]?.toUpperCase()}${decision.slice(1)} an exemption (platform engineers)`)
      .argument('<id>', 'the exemption id')
      .option('--comment <text>', 'why')
      .option('-o, --output <format>', 'json | yaml')
      .action(async (id: string, opts: { comment?: string; output?: string }) => {
        const format = parseOutput(opts.output);
        const e = await api<ExemptionDto>('POST', `/api/scorecards/exemptions/${encodeURIComponent(id)}/${decision}`, opts.comment ? { comment: opts.comment } : {});
        if (format === 'json' || format === 'yaml') return printData(e, format);
        printOne(e);
      });
  }

  cmd.command('show')
    .description('Show one exemption')
    .argument('<id>', 'the exemption id')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (id: string, opts: { output?: string }) => {
      const format = parseOutput(opts.output);
      const e = await api<ExemptionDto>('GET', `/api/scorecards/exemptions/${encodeURIComponent(id)}`);
      if (format === 'json' || format === 'yaml') return printData(e, format);
      printOne(e);
    });
}
