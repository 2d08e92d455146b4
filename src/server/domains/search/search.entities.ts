import { createHash } from 'node:crypto';
import type { IndexedDocument } from './search.repo';

/** The catalog fields an entity document is built from (a projection, so the catalog loads little). */
export const ENTITY_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'metadata.tags', 'spec.owner', 'spec.type', 'spec.lifecycle'];

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
 * heading, description, kind, type, owner and lifecycle as the body. `hash` covers everything written,
 * so a catalog change that does not touch these fields does not rewrite the document.
 */
export function entityDocument(item: Record<string, unknown>): IndexedDocument | undefined {
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
  const doc = {
    type: 'entity' as const,
    entity_ref: `${kind}:${meta.namespace}/${name}`.toLocaleLowerCase('en-US'),
    slug: null,
    anchor: null,
    title: [name, meta.title].filter(Boolean).join(' '),
    heading: meta.tags.join(' '),
    body: [meta.description, kind, text(spec.type), meta.owner, text(spec.lifecycle)].filter(Boolean).join(' '),
    meta: JSON.stringify(meta),
  };
  return { ...doc, hash: createHash('sha1').update(JSON.stringify(doc)).digest('hex') };
}
