// Catalog predicates (POST /entities/by-query syntax) that select the Components on a golden path.
// Everything is answered by the catalog's filter tables, so counting adoption at 100k entities is a
// handful of indexed aggregate queries, never a scan in JavaScript.
import { ANNOTATION_GOLDEN_PATH, ANNOTATION_GOLDEN_PATH_VERSION, ANNOTATION_SOURCE_TEMPLATE } from '../../../model';

export const KEY_PATH = `metadata.annotations.${ANNOTATION_GOLDEN_PATH}`;
export const KEY_VERSION = `metadata.annotations.${ANNOTATION_GOLDEN_PATH_VERSION}`;
export const KEY_TEMPLATE = `metadata.annotations.${ANNOTATION_SOURCE_TEMPLATE}`;

export type Predicate = Record<string, unknown>;

/** What identifies a golden path for matching: its names as an annotation may write them, and its template. */
export interface PathKey {
  namespace: string;
  name: string;
  /** Canonical ref of the path's Template. */
  template: string;
  version: string;
}

/** The values a `paved.dev/golden-path` annotation may use to name a path: `name` (default namespace only), `ns/name`, `goldenpath:ns/name`. */
export function annotationNames(p: Pick<PathKey, 'namespace' | 'name'>): string[] {
  const qualified = [`${p.namespace}/${p.name}`, `goldenpath:${p.namespace}/${p.name}`];
  return p.namespace === 'default' ? [p.name, ...qualified] : qualified;
}

/**
 * Components on any of `paths`: the annotation names one of them, or — with no annotation at all —
 * the source template is one of their templates. The annotation wins over the template, so a service
 * is on at most one path. The size of the predicate does not grow with the number of paths.
 */
export function onPaths(paths: readonly PathKey[]): Predicate {
  if (paths.length === 0) return { $all: [{ kind: 'component' }, { $any: [] }] };
  return {
    $all: [
      { kind: 'component' },
      {
        $any: [
          { [KEY_PATH]: { $in: paths.flatMap(annotationNames) } },
          { $all: [{ [KEY_TEMPLATE]: { $in: [...new Set(paths.map((p) => p.template))] } }, { [KEY_PATH]: { $exists: false } }] },
        ],
      },
    ],
  };
}

/** Components on one of `paths` at that path's current version (paths grouped by version to keep the predicate small). */
export function onCurrentVersion(paths: readonly PathKey[]): Predicate {
  const byVersion = new Map<string, PathKey[]>();
  for (const p of paths) byVersion.set(p.version, [...(byVersion.get(p.version) ?? []), p]);
  return { $any: [...byVersion].map(([version, group]) => ({ $all: [onPaths(group), { [KEY_VERSION]: version }] })) };
}

/** Components on `path` but not on its current version (older, unversioned or unknown). */
export function behindCurrentVersion(path: PathKey): Predicate {
  return { $all: [onPaths([path]), { $not: { [KEY_VERSION]: path.version } }] };
}

/** Components on no golden path at all. */
export function onNoPath(paths: readonly PathKey[]): Predicate {
  return paths.length === 0 ? { kind: 'component' } : { $all: [{ kind: 'component' }, { $not: onPaths(paths) }] };
}
