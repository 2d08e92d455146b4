// Shapes of the responses the web UI reads. Catalog shapes follow Backstage's REST API; the
// Paved-only shapes (health, errors, source, whoami) follow the server's contracts.
import type { Entity, EntityRelation, EntityStatusItem } from '../../../src/model/entity';

export type { Entity, EntityRelation, EntityStatusItem };

export type EntityPage = {
  items: Entity[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
};

export type FacetCount = { value: string; count: number };
export type FacetsResponse = { facets: Record<string, FacetCount[]> };

export type CatalogErrorKind = 'parse' | 'validation' | 'placeholder' | 'conflict' | 'read' | 'template';
export type CatalogError = {
  id: string;
  locationId: string;
  locationKey: string;
  entityRef: string | null;
  kind: CatalogErrorKind;
  message: string;
  path: string | null;
  line: number | null;
  occurredAt: string;
};
export type CatalogErrorPage = { items: CatalogError[]; totalItems: number };

export type HealthSummary = {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  reason: string;
};
export type CatalogHealth = {
  totals: { entities: number; errors: number; orphans: number; ownerless: number };
  withErrors: HealthSummary[];
  orphans: HealthSummary[];
  ownerless: HealthSummary[];
};

export type EntitySource = { entityRef: string; locationKey: string; line: number | null; yaml: string };

export type ActorKind = 'guest' | 'token' | 'user';
export type WhoAmI = {
  actor: { kind: ActorKind; ref: string; displayName: string };
  permissions: string[];
};

export type LocationSpec = { id: string; type: string; target: string };
export type AddLocationResponse = { location: LocationSpec; entities: Entity[]; exists?: boolean };

export type AuditEvent = {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  payload: Record<string, unknown>;
};
export type AuditPage = { items: AuditEvent[] };
