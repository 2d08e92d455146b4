import { stringify } from 'yaml';

export type OutputFormat = 'table' | 'json' | 'yaml' | 'wide';

export function parseOutput(v: string | undefined): OutputFormat {
  const o = v ?? 'table';
  if (!['table', 'json', 'yaml', 'wide'].includes(o)) throw new Error(`-o must be one of json, yaml, wide (got "${o}")`);
  return o as OutputFormat;
}

export function printData(data: unknown, format: OutputFormat): void {
  if (format === 'json') process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else process.stdout.write(stringify(data, { lineWidth: 0 }));
}

/** A plain aligned table, like kubectl's. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('   ').trimEnd();
  process.stdout.write(`${[line(headers), ...rows.map(line)].join('\n')}\n`);
}
