import type { ProcessedEntity } from './processSource';
import type { StoredSource, WalkedSource, WalkOptions } from './walkSources';

/** What the ingestion worker is started with (structured-cloned as `workerData`). */
export interface WorkerInput {
  walk: WalkOptions;
  gitCacheDir: string;
  /** Credentials the git reader has seen for redacted repository URLs, so child sources can still be read. */
  gitCredentials: Array<[string, string]>;
  /** The `sources` rows of this location, so most skip checks need no round trip. */
  stored: Array<[string, StoredSource]>;
  /** Keys of other locations' sources: only these are looked up on the main thread. */
  elsewhere: string[];
  /** Entities (plus one per source) sent but not yet acknowledged, past which the worker waits. */
  maxInFlight: number;
}

/** An entity on the wire: `entity` is left out (it is `body` parsed) to halve the copying between threads. */
export type WireEntity = Omit<ProcessedEntity, 'entity'>;
export type WireSource = Omit<WalkedSource, 'outcome'> & { outcome?: Omit<NonNullable<WalkedSource['outcome']>, 'entities'> & { entities: WireEntity[] } };

export type FromWorker =
  | { type: 'start'; key: string; parent: string }
  | { type: 'source'; source: WireSource; weight: number }
  | { type: 'lookup'; id: number; key: string }
  | { type: 'done'; gitCredentials: Array<[string, string]> }
  | { type: 'fatal'; message: string };

export type ToWorker = { type: 'ack'; weight: number } | { type: 'stored'; id: number; row: StoredSource | undefined };

export function toWire(source: WalkedSource): WireSource {
  if (!source.outcome) return source;
  const entities = source.outcome.entities.map(({ entity: _entity, ...rest }) => rest);
  return { ...source, outcome: { ...source.outcome, entities } };
}

/** Gives each entity back its `entity`, parsed from `body` on first use (the writer reads it only for conflicts). */
export function fromWire(source: WireSource): WalkedSource {
  if (!source.outcome) return { key: source.key, parent: source.parent, hash: source.hash, children: source.children };
  const entities = source.outcome.entities.map((wire): ProcessedEntity => {
    let parsed: ProcessedEntity['entity'] | undefined;
    return Object.defineProperty(wire, 'entity', {
      enumerable: true,
      get: () => (parsed ??= JSON.parse(wire.body) as ProcessedEntity['entity']),
    }) as ProcessedEntity;
  });
  return { ...source, outcome: { ...source.outcome, entities } };
}
