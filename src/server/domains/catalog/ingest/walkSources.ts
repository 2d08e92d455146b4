import { processSource, type SourceOutcome } from './processSource';
import { isUnchanged, recordPlaceholderReads, sourceFingerprint } from './sourceFingerprint';
import type { SourceReader } from './sourceTypes';

export const MAX_SOURCES_PER_LOCATION = 50_000;

/** What the `sources` table holds for a source key: its last fingerprint and the children it emitted. */
export interface StoredSource {
  /** See sourceFingerprint.ts: the reader's hash, plus the placeholder targets read where it does not cover them. */
  hash: string;
  children: string[];
}

/** One source visited by a refresh: `outcome` is absent when the source is unchanged and was skipped. */
export interface WalkedSource {
  key: string;
  parent: string;
  /** The fingerprint to store (sourceFingerprint.ts). */
  hash: string;
  outcome?: SourceOutcome;
  /** Sources this one points at: from `outcome`, or as stored when it was skipped. */
  children: string[];
}

export interface WalkOptions {
  /** `type:redacted-target` of the registered location; names it everywhere. */
  origin: string;
  /** The registered target, credentials included: only the root read gets it. */
  target: string;
  rootKey: string;
  force: boolean;
}

/**
 * Reads and processes a location's tree of sources breadth-first, following Location entities, and
 * yields each source as it is done. Pure reading and CPU work: it never writes, so it can run in a
 * worker thread (ingestWorker.ts) while the caller writes earlier sources to the database.
 */
export async function* walkSources(
  opts: WalkOptions, readers: Record<string, SourceReader>, lookup: (key: string) => Promise<StoredSource | undefined>,
  onStart: (key: string, parent: string) => void = () => undefined,
): AsyncGenerator<WalkedSource> {
  const visited = new Set<string>([opts.rootKey]);
  const queue: Array<{ key: string; parent: string; target?: string }> = [{ key: opts.origin, parent: opts.rootKey, target: opts.target }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { key, parent, target } = next;
    if (visited.has(key)) continue;
    if (visited.size >= MAX_SOURCES_PER_LOCATION) throw new Error(`Location ${opts.origin} expands to more than ${MAX_SOURCES_PER_LOCATION} sources`);
    visited.add(key);
    onStart(key, parent);
    const i = key.indexOf(':');
    const walked = await prepareSource(readers, key, key.slice(0, i), target ?? key.slice(i + 1), parent, opts, lookup);
    yield walked;
    for (const child of walked.children) queue.push({ key: child, parent: key });
  }
}

/**
 * Reads and processes one source. `key` is what is stored and shown (credentials redacted); `target` is
 * what the reader reads. Leaves `outcome` out when the source is unchanged.
 */
async function prepareSource(
  readers: Record<string, SourceReader>, key: string, type: string, target: string, parent: string, opts: WalkOptions,
  lookup: (key: string) => Promise<StoredSource | undefined>,
): Promise<WalkedSource> {
  const stored = await lookup(key);
  try {
    const reader = readers[type];
    if (!reader) throw new Error(`Unknown location type "${type}"; supported: ${Object.keys(readers).join(', ')}`);
    const read = await reader.read(target);
    if (stored && !opts.force && (await isUnchanged(stored.hash, read.hash, reader))) return { key, parent, hash: stored.hash, children: stored.children };
    const recorded = recordPlaceholderReads(reader);
    const outcome = await processSource(read, recorded.reader, { type, originLocation: opts.origin });
    return { key, parent, hash: sourceFingerprint(read.hash, recorded.digests), outcome, children: outcome.children };
  } catch (err) {
    const outcome = unreadableSource(key, stored, err instanceof Error ? err.message : String(err));
    return { key, parent, hash: 'error', outcome, children: outcome.children };
  }
}

/** The whole source is unreadable: keep what it emitted before (its children), and say why. */
export function unreadableSource(key: string, stored: StoredSource | undefined, message: string): SourceOutcome {
  return { entities: [], children: stored ? [...stored.children] : [], errors: [{ locationKey: key, entityRef: null, kind: 'read', message, path: null, line: null }] };
}
