import type { IndexedDocument } from './search.repo';

/** What an entity result shows; stored as the document's `meta`. */
export interface EntityMeta {
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  owner?: string;
  tags: string[];
}

const text = (v: unknown, max = 2000): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, max) : undefined);

/**
 * The search document of a catalog entity: name and title as the title (weighted highest), tags as the
 * heading, description, kind, type, owner and lifecycle as the body. `hash` is the catalog's stored
 * etag of the entity, which changes with its body: the sync compares it to know what to re-read.
 */
export function entityDocument(item: Record<string, unknown>, stored: { ref: string; etag: string }): IndexedDocument | undefined {
  const metadata = (item.metadata ?? {}) as Record<string, unknown>;
  const spec = (item.spec ?? {}) as Record<string, unknown>;
  const kind = text(item.kind, 63);
  const name = text(metadata.name, 255);
  if (!kind || !name) return undefined;
  const meta: EntityMeta = {
    kind,
    namespace: text(metadata.namespace, 63) ?? 'default',
    name,
    title: text(metadata.title, 500),
    description: text(metadata.description),
    owner: text(spec.owner, 500),
    tags: Array.isArray(metadata.tags) ? metadata.tags.filter((t): t is string => typeof t === 'string').slice(0, 50) : [],
  };
  return {
    type: 'entity',
    entity_ref: stored.ref,
    slug: null,
    anchor: null,
    title: [name, meta.title].filter(Boolean).join(' '),
    heading: meta.tags.join(' '),
    body: [meta.description, kind, text(spec.type), meta.owner, text(spec.lifecycle)].filter(Boolean).join(' '),
    meta: JSON.stringify(meta),
    hash: stored.etag,
  };
}
