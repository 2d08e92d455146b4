import { createHash } from 'node:crypto';
import type { SourceReader } from './sourceTypes';

/**
 * What the `sources` table stores as a source's `content_hash`, and what a refresh compares to skip it.
 *
 * - `<read hash>`: the reader's hash of what it read. For git it covers placeholder targets too (the
 *   commit); for file and url sources it is the whole fingerprint when no placeholder was read — the
 *   common case, and the check stays one string comparison.
 * - `<read hash> <placeholder hash> <JSON list of targets>`: file and url sources whose descriptors read
 *   placeholders. Before skipping, a refresh reads those targets again and compares the hash of them all.
 * - `<read hash> untracked`: more targets than MAX_TRACKED_CHARS can list; the source is processed every
 *   time (as a forced refresh would), which is correct, only slower.
 *
 * Fingerprints written before placeholders were tracked are plain read hashes, so they still skip.
 */
export const MAX_TRACKED_CHARS = 64 * 1024;

const UNTRACKED = 'untracked';
/** Stands for a target that could not be read, so one that becomes readable counts as a change. */
const UNREADABLE = '\0unreadable';

/** Records what each placeholder target read, for the fingerprint of the source being processed. */
export interface PlaceholderReads {
  /** The reader to process the source with: the same, recording what `readPlaceholder` returns. */
  reader: SourceReader;
  /** resolved target → digest of its content (first read wins). */
  digests: Map<string, string>;
}

export function recordPlaceholderReads(reader: SourceReader): PlaceholderReads {
  const digests = new Map<string, string>();
  if (!reader.rereadPlaceholder) return { reader, digests };
  return {
    digests,
    reader: {
      ...reader,
      async readPlaceholder(file, resolved) {
        try {
          const text = await reader.readPlaceholder(file, resolved);
          if (!digests.has(resolved)) digests.set(resolved, digest(text));
          return text;
        } catch (err) {
          if (!digests.has(resolved)) digests.set(resolved, digest(UNREADABLE));
          throw err;
        }
      },
    },
  };
}

/** The fingerprint to store for a source that was just processed. */
export function sourceFingerprint(readHash: string, digests: Map<string, string>): string {
  if (digests.size === 0) return readHash;
  const targets = [...digests.keys()];
  const list = JSON.stringify(targets);
  if (list.length > MAX_TRACKED_CHARS) return `${readHash} ${UNTRACKED}`;
  return `${readHash} ${combine(targets.map((t) => [t, digests.get(t) ?? '']))} ${list}`;
}

/**
 * Whether a source whose reader just returned `readHash` is unchanged since `stored` was written. Cheap when
 * no placeholder was read; otherwise reads the recorded targets again (sequentially, as processing would).
 */
export async function isUnchanged(stored: string, readHash: string, reader: SourceReader): Promise<boolean> {
  if (stored === readHash) return true;
  if (!stored.startsWith(`${readHash} `) || !reader.rereadPlaceholder) return false;
  const rest = stored.slice(readHash.length + 1);
  const space = rest.indexOf(' ');
  if (space === -1) return false; // `untracked`, or not written by us
  const targets = parseTargets(rest.slice(space + 1));
  if (!targets) return false;
  const pairs: Array<[string, string]> = [];
  for (const target of targets) {
    const text = await reader.rereadPlaceholder(target).catch(() => UNREADABLE);
    pairs.push([target, digest(text)]);
  }
  return combine(pairs) === rest.slice(0, space);
}

function parseTargets(json: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) && value.every((t) => typeof t === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function combine(pairs: Array<[string, string]>): string {
  const hash = createHash('sha256');
  for (const [target, d] of pairs) hash.update(target).update('\0').update(d).update('\0');
  return hash.digest('base64url').slice(0, 32);
}
