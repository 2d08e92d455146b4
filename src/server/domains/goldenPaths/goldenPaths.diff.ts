// The change a template version brings to one service (ADR 0021): its template output rendered with
// its own parameters at the version it is on (from the stored snapshot) and at the current version,
// both as scaffolder dry runs in the sandbox, compared file by file. Bounded by MIGRATION_LIMITS.
import { MIGRATION_LIMITS, type FileChange, type ServiceDiff } from '../../../contracts';
import { unifiedDiff } from '../../../model';

export interface RenderedFile { path: string; base64Content: string }

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file as text, or null when it is binary (a NUL byte, or not UTF-8). */
function asText(base64: string): string | null {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.subarray(0, 8000).includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Compares two renderings file by file: added, removed and modified files with their unified diffs, within the bounds. */
export function compareRenderings(before: RenderedFile[], after: RenderedFile[], versions: { from: string; to: string }): ServiceDiff {
  const a = new Map(before.map((f) => [f.path, f.base64Content]));
  const b = new Map(after.map((f) => [f.path, f.base64Content]));
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const files: FileChange[] = [];
  let changed = 0;
  let unchanged = 0;
  let budget: number = MIGRATION_LIMITS.serviceDiffChars;
  let truncated = false;
  for (const path of paths) {
    const old = a.get(path);
    const next = b.get(path);
    if (old === next) {
      unchanged += 1;
      continue;
    }
    changed += 1;
    if (files.length >= MIGRATION_LIMITS.files) {
      truncated = true;
      continue;
    }
    const change: FileChange['change'] = old === undefined ? 'added' : next === undefined ? 'removed' : 'modified';
    const oldText = old === undefined ? '' : asText(old);
    const newText = next === undefined ? '' : asText(next);
    if (oldText === null || newText === null) {
      files.push({ path, change, binary: true, additions: 0, deletions: 0, diff: '', truncated: false });
      continue;
    }
    const d = unifiedDiff(path, old === undefined ? null : oldText, next === undefined ? null : newText);
    let text = d.text;
    let cut = false;
    const room = Math.min(MIGRATION_LIMITS.fileDiffChars, budget);
    if (text.length > room) {
      // Cut at a line end so no half line is shown.
      const end = text.lastIndexOf('\n', room);
      text = end > 0 ? text.slice(0, end + 1) : '';
      cut = true;
      truncated = true;
    }
    budget -= text.length;
    files.push({ path, change, binary: false, additions: d.additions, deletions: d.deletions, diff: text, truncated: cut });
  }
  return { available: true, reason: null, fromVersion: versions.from, toVersion: versions.to, files, changedFiles: changed, unchangedFiles: unchanged, truncated };
}

/** A service for which no diff is shown, and why. */
export function noDiff(reason: string, versions: { from: string | null; to: string }): ServiceDiff {
  return { available: false, reason, fromVersion: versions.from, toVersion: versions.to, files: [], changedFiles: 0, unchangedFiles: 0, truncated: false };
}
