// `paved golden-paths <name> --migration`: the services behind a path's current version and, for each,
// the files its template output changes between its version and the current one (unified diffs).
import type { GoldenPathMigration, GoldenPathMigrationService } from '../contracts';
import { printTable } from './format';

const short = (ref: string) => ref.replace(/^[a-z]+:default\//, '');

/** Colours diff lines (ANSI) when writing to a terminal and NO_COLOR is unset. */
function colourDiff(text: string, colour: boolean): string {
  if (!colour) return text;
  return text.split('\n').map((l) => (l.startsWith('+++') || l.startsWith('---') ? `\x1b[1m${l}\x1b[0m`
    : l.startsWith('@@') ? `\x1b[36m${l}\x1b[0m`
      : l.startsWith('+') ? `\x1b[32m${l}\x1b[0m`
        : l.startsWith('-') ? `\x1b[31m${l}\x1b[0m` : l)).join('\n');
}

function printService(s: GoldenPathMigrationService, opts: { diffs: boolean; colour: boolean }): void {
  const d = s.diff;
  process.stdout.write(`\n${s.name} (${s.entityRef})  ${s.version ?? 'no version'} → ${d.toVersion}${s.owner ? `  owner ${short(s.owner)}` : ''}\n`);
  if (!d.available) {
    process.stdout.write(`  no diff: ${d.reason ?? 'unknown reason'}\n`);
    return;
  }
  if (d.changedFiles === 0) {
    process.stdout.write(`  the template output is the same at ${d.toVersion} (${d.unchangedFiles} files)\n`);
    return;
  }
  process.stdout.write(`  ${d.changedFiles} file${d.changedFiles === 1 ? '' : 's'} changed, ${d.unchangedFiles} unchanged${d.truncated ? ' (output truncated)' : ''}\n`);
  for (const f of d.files) process.stdout.write(`  ${f.change.padEnd(9)} ${f.path}${f.binary ? ' (binary)' : `  +${f.additions} -${f.deletions}`}\n`);
  if (!opts.diffs) return;
  for (const f of d.files) {
    if (!f.diff) continue;
    process.stdout.write(`\n${colourDiff(f.diff.trimEnd(), opts.colour)}\n${f.truncated ? '  … (diff truncated)\n' : ''}`);
  }
}

export function printMigration(m: GoldenPathMigration, opts: { diffs: boolean }): void {
  process.stdout.write(`Golden path ${m.entityRef} is at ${m.version}; ${m.totalBehind} service${m.totalBehind === 1 ? '' : 's'} behind.\n`);
  process.stdout.write(`Stored template versions: ${m.diff.snapshots.join(', ') || 'none'}\n`);
  if (!m.diff.available) process.stdout.write(`${m.diff.reason}\n`);
  if (m.behind.length === 0) return;
  process.stdout.write('\n');
  printTable(['NAME', 'OWNER', 'VERSION', 'CHANGED FILES'], m.behind.map((s) => [s.name, s.owner ? short(s.owner) : '', s.version ?? '-', s.diff.available ? String(s.diff.changedFiles) : '-']));
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  for (const s of m.behind) printService(s, { diffs: opts.diffs, colour });
  if (m.nextCursor) process.stderr.write(`(${m.behind.length} of ${m.totalBehind} shown; use --limit)\n`);
}
