// Entity references as the UI needs them: parsing with defaults (shared with the server's model)
// and the URL of an entity's page.
import { parseEntityRef, stringifyEntityRef } from '../../../src/model/entityRef';
import type { CompoundEntityRef, Entity } from '../../../src/model/entity';

export type { CompoundEntityRef };
export { stringifyEntityRef };

/** Parses a ref, or returns null for a malformed one (the UI shows it as text instead of a link). */
export function tryParseRef(ref: string, defaultKind?: string, defaultNamespace?: string): CompoundEntityRef | null {
  try {
    return parseEntityRef(ref, { defaultKind, defaultNamespace });
  } catch {
    return null;
  }
}

export function refOfEntity(entity: Entity): CompoundEntityRef {
  return { kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name };
}

/** Route params of an entity page: `/catalog/:namespace/:kind/:name` (kind lowercased, as Backstage does). */
export function entityParams(ref: CompoundEntityRef): { namespace: string; kind: string; name: string } {
  return { namespace: ref.namespace, kind: ref.kind.toLowerCase(), name: ref.name };
}

export function entityPath(ref: CompoundEntityRef): string {
  const p = entityParams(ref);
  return `/catalog/${encodeURIComponent(p.namespace)}/${encodeURIComponent(p.kind)}/${encodeURIComponent(p.name)}`;
}

/** `name` for the default namespace, `namespace/name` otherwise — how people write refs by hand. */
export function shortRef(ref: CompoundEntityRef, showKind = false): string {
  const base = ref.namespace.toLowerCase() === 'default' ? ref.name : `${ref.namespace}/${ref.name}`;
  return showKind ? `${ref.kind.toLowerCase()}:${base}` : base;
}

export const entityTitle = (e: Entity): string => e.metadata.title || e.metadata.name;

export const isOrphan = (e: Entity): boolean => e.metadata.annotations?.['backstage.io/orphan'] === 'true';

export const errorItems = (e: Entity) => (e.status?.items ?? []).filter((i) => i.level === 'error');

/** A string field of `spec`, or undefined. */
export function specString(e: Entity, key: string): string | undefined {
  const v = e.spec?.[key];
  return typeof v === 'string' ? v : undefined;
}
