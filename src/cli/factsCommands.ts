import type { Command } from 'commander';
import { FACT_NAME_PATTERN, FactsPushRequest, type FactsResponseDto } from '../contracts';
import { api } from './client';
import { splitRef } from './catalogCommands';
import { parseOutput, printData, printTable } from './format';

const enc = encodeURIComponent;
const factsPath = (ref: string) => {
  const r = splitRef(ref, 'component');
  return `/api/facts/entities/${enc(r.kind)}/${enc(r.namespace)}/${enc(r.name)}`;
};
const MAX_SHOWN = 80;

/** `name=value` pairs of `paved facts push`: a value is JSON when it parses (84.5, true, ["a"]), else a string. */
export function parseFactPairs(pairs: string[]): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`"${pair}": expected name=value, e.g. ci.coverage=84.5`);
    const name = pair.slice(0, eq);
    if (!FACT_NAME_PATTERN.test(name)) throw new Error(`"${name}": expected a fact name of letters, digits, ".", "_" or "-", starting with a lowercase letter or digit`);
    const raw = pair.slice(eq + 1);
    try {
      facts[name] = JSON.parse(raw) as unknown;
    } catch {
      facts[name] = raw;
    }
  }
  return facts;
}

/** `paved facts <ref>` and `paved facts push <ref> --source <id> name=value…`. */
export function registerFactsCommands(program: Command): void {
  const facts = program.command('facts')
    .description('Show the facts Paved collected or tools pushed about an entity: paved facts <entityRef>')
    .argument('<entityRef>', 'entity reference [kind:][namespace/]name (kind defaults to component)')
    .option('-o, --output <format>', 'json | yaml')
    .option('--refresh', 'collect the entity\'s facts again first')
    .action(async (ref: string, opts: { output?: string; refresh?: boolean }) => {
      const format = opts.output ? parseOutput(opts.output) : undefined;
      const res = await api<FactsResponseDto>(opts.refresh ? 'POST' : 'GET', `${factsPath(ref)}${opts.refresh ? '/refresh' : ''}`);
      if (format) return printData(res, format);
      printFacts(res);
    });

  facts.command('push')
    .description('Push facts about an entity, e.g. from CI: paved facts push <entityRef> --source ci ci.coverage=84.5')
    .argument('<entityRef>', 'entity reference [kind:][namespace/]name')
    .argument('<facts...>', 'name=value pairs; values are parsed as JSON when they parse, else kept as strings')
    .requiredOption('-s, --source <id>', 'who pushes (stored as push:<id>), e.g. ci')
    .option('-o, --output <format>', 'json | yaml')
    .action(async (ref: string, pairs: string[], opts: { source: string; output?: string }) => {
      const parsed = FactsPushRequest.safeParse({ source: opts.source, facts: parseFactPairs(pairs) });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${issue?.path[0] === 'source' ? '--source' : (issue?.path.join('.') ?? 'facts')}: ${issue?.message ?? 'invalid'}`);
      }
      const body = parsed.data;
      const res = await api<FactsResponseDto>('POST', factsPath(ref), body);
      if (opts.output) return printData(res, parseOutput(opts.output));
      process.stdout.write(`Pushed ${Object.keys(body.facts).length} fact(s) to ${res.entityRef} as push:${body.source}\n`);
    });
}

function printFacts(res: FactsResponseDto): void {
  if (res.facts.length === 0) {
    process.stdout.write(`No facts about ${res.entityRef} yet${res.collectedAt ? '' : ' (not collected yet)'}.\n`);
    return;
  }
  printTable(['NAME', 'VALUE', 'SOURCE', 'COLLECTED'], res.facts.map((f) => {
    const json = JSON.stringify(f.value) ?? 'null';
    return [f.name, json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN - 1)}…` : json, f.source, f.collectedAt];
  }));
}
