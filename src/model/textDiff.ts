// Line diffs in the unified format (`diff -u`, `git diff`), pure and bounded. Used for the golden
// path migration diff: what a template renders for a service at one version against another.
// jsdiff would do the same; it is not a dependency, and a longest-common-subsequence over the lines
// left after trimming the common head and tail is all template files need.

/** What a unified diff of one file says. */
export interface UnifiedDiff {
  /** `--- a/…`, `+++ b/…` and the hunks; empty when the texts are equal. */
  text: string;
  additions: number;
  deletions: number;
  /** True when the changed middle was too large to align line by line: shown as all removed, all added. */
  coarse: boolean;
}

interface Line {
  key: string;
  text: string;
  /** The file's last line, without a newline after it. */
  noEol: boolean;
}

type Op = { type: ' ' | '-' | '+'; line: Line; a: number; b: number };

/** Above this many cells (changed lines of a × changed lines of b) the middle is not aligned line by line. */
const MAX_CELLS = 4_000_000;

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const endsWithEol = parts[parts.length - 1] === '';
  if (endsWithEol) parts.pop();
  return parts.map((t, i) => {
    const noEol = !endsWithEol && i === parts.length - 1;
    return { key: noEol ? `${t}\u0000` : t, text: t, noEol };
  });
}

/** The edit script turning `a` into `b`: common head and tail kept, the middle aligned by LCS. */
function editScript(a: Line[], b: Line[], maxCells: number): { ops: Op[]; coarse: boolean } {
  let head = 0;
  while (head < a.length && head < b.length && a[head]?.key === b[head]?.key) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail]?.key === b[b.length - 1 - tail]?.key) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ type: ' ', line: a[i] as Line, a: i, b: i });
  let coarse = false;
  if (n > 0 && m > 0 && n * m <= maxCells) {
    // lcs[i][j] = length of the LCS of a[head+i..] and b[head+j..] (suffixes), so the walk goes forward.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[head + i]?.key === b[head + j]?.key ? (lcs[(i + 1) * w + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i]?.key === b[head + j]?.key) {
        ops.push({ type: ' ', line: a[head + i] as Line, a: head + i, b: head + j });
        i++;
        j++;
      } else if (j < m && (i === n || (lcs[i * w + j + 1] as number) >= (lcs[(i + 1) * w + j] as number))) {
        ops.push({ type: '+', line: b[head + j] as Line, a: head + i, b: head + j });
        j++;
      } else {
        ops.push({ type: '-', line: a[head + i] as Line, a: head + i, b: head + j });
        i++;
      }
    }
    // Removals before additions inside each run of changes, as diff(1) prints them.
    normaliseRuns(ops, head);
  } else {
    coarse = n > 0 && m > 0;
    for (let i = 0; i < n; i++) ops.push({ type: '-', line: a[head + i] as Line, a: head + i, b: head });
    for (let j = 0; j < m; j++) ops.push({ type: '+', line: b[head + j] as Line, a: head + n, b: head + j });
  }
  for (let k = 0; k < tail; k++) ops.push({ type: ' ', line: a[a.length - tail + k] as Line, a: a.length - tail + k, b: b.length - tail + k });
  return { ops, coarse };
}

function normaliseRuns(ops: Op[], from: number): void {
  let k = from;
  while (k < ops.length) {
    if (ops[k]?.type === ' ') {
      k++;
      continue;
    }
    let end = k;
    while (end < ops.length && ops[end]?.type !== ' ') end++;
    const run = ops.slice(k, end);
    const sorted = [...run.filter((o) => o.type === '-'), ...run.filter((o) => o.type === '+')];
    ops.splice(k, run.length, ...sorted);
    k = end;
  }
}

/** A hunk header range: `start,count` with a 1-based start; an empty range names the line before it. */
const range = (index: number, count: number) => (count === 0 ? `${index},0` : count === 1 ? `${index + 1}` : `${index + 1},${count}`);

/**
 * The unified diff of one file between two texts (`null`: the file does not exist on that side), with
 * `context` lines around each change. Equal texts give an empty `text`.
 */
export function unifiedDiff(path: string, before: string | null, after: string | null, opts: { context?: number; maxCells?: number } = {}): UnifiedDiff {
  const context = opts.context ?? 3;
  const a = splitLines(before ?? '');
  const b = splitLines(after ?? '');
  const { ops, coarse } = editScript(a, b, opts.maxCells ?? MAX_CELLS);
  const additions = ops.filter((o) => o.type === '+').length;
  const deletions = ops.filter((o) => o.type === '-').length;
  if (additions === 0 && deletions === 0 && (before === null) === (after === null)) return { text: '', additions, deletions, coarse };
  const out = [`--- ${before === null ? '/dev/null' : `a/${path}`}`, `+++ ${after === null ? '/dev/null' : `b/${path}`}`];
  const changed = ops.map((o, i) => (o.type === ' ' ? -1 : i)).filter((i) => i >= 0);
  let k = 0;
  while (k < changed.length) {
    // A hunk spans changes closer than 2 × context lines apart.
    let last = changed[k] as number;
    let next = k + 1;
    while (next < changed.length && (changed[next] as number) - last <= 2 * context) last = changed[next++] as number;
    const start = Math.max(0, (changed[k] as number) - context);
    const end = Math.min(ops.length, last + context + 1);
    const slice = ops.slice(start, end);
    const first = slice[0] as Op;
    const aCount = slice.filter((o) => o.type !== '+').length;
    const bCount = slice.filter((o) => o.type !== '-').length;
    out.push(`@@ -${range(first.a, aCount)} +${range(first.b, bCount)} @@`);
    for (const o of slice) {
      out.push(`${o.type}${o.line.text}`);
      if (o.line.noEol) out.push('\\ No newline at end of file');
    }
    k = next;
  }
  return { text: `${out.join('\n')}\n`, additions, deletions, coarse };
}
