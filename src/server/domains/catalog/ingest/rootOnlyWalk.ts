import { parseGitTarget } from './gitReader';
import type { SourceReader } from './sourceTypes';
import { walkSources, type StoredSource, type WalkOptions } from './walkSources';
import type { WorkerWalk } from './workerWalk';

const GLOB = /[*?[\]{}!]/;

/** A target that reads exactly one file: a git path or file path without glob characters, or a URL. */
export function namesOneFile(type: string, target: string): boolean {
  if (type === 'url') return true;
  if (type === 'git') {
    try {
      return !GLOB.test(parseGitTarget(target).path);
    } catch {
      return false;
    }
  }
  return type === 'file' && /\.(ya?ml|json)$/i.test(target) && !GLOB.test(target);
}

/**
 * Reads the root source of a walk on this thread. Most registrations are one `catalog-info.yaml` that
 * points nowhere else (a repository the scaffolder just published), and starting the ingestion worker
 * thread costs more than reading it (~150–500 ms measured on this 2-core machine, bench/scaffolder.ts).
 * When the root leads on (Location entities), answers undefined: the caller starts the worker walk,
 * which reads the root again — one small extra read on a load large enough to want the worker.
 */
export async function walkRootOnly(
  walk: WalkOptions, readers: Record<string, SourceReader>, lookup: (key: string) => Promise<StoredSource | undefined>,
): Promise<WorkerWalk | undefined> {
  const sources = walkSources(walk, readers, lookup);
  const first = await sources.next();
  await sources.return(undefined);
  if (!first.done && first.value.children.length > 0) return undefined;
  const root = first.done ? [] : [first.value];
  return {
    sources: { async *[Symbol.asyncIterator]() { for (const source of root) yield { source, weight: 0 }; } },
    ack: () => undefined, gitCredentials: () => [], close: async () => undefined,
  };
}
