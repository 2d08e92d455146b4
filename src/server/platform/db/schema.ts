import type { Generated } from 'kysely';

/** Kysely table types; the migrations in ./migrations are the source of truth for the DDL. */
export interface Database {
  meta: { key: string; value: string };
  locations: {
    id: string;
    type: string;
    /** Credentials redacted (`https://***@host/…`): what is shown, and what makes a location unique. */
    target: string;
    /** The full target sealed by platform/secrets when it holds credentials (ADR 0011), else null. */
    encrypted_target: string | null;
    origin: string;
    created_at: string;
    created_by: string;
  };
  sources: {
    key: string;
    location_id: string;
    parent_key: string | null;
    content_hash: string | null;
    children: string; // JSON array of child source keys emitted by Location entities in this source
    read_at: string | null;
    error: string | null;
  };
  entities: {
    id: Generated<number>;
    ref: string;
    uid: string;
    etag: string;
    kind: string;
    namespace: string;
    name: string;
    source_key: string;
    location_id: string;
    body: string;
    hash: string;
    doc_line: number | null;
    doc_text: string | null;
    orphaned_at: string | null;
    created_at: string;
    updated_at: string;
  };
  relations: { origin_id: number; from_ref: string; type: string; type_key: string; to_ref: string };
  search: { entity_id: number; key: string; value: string | null; original_value: string | null };
  catalog_errors: {
    id: string;
    source_key: string;
    location_id: string;
    location_key: string;
    entity_ref: string | null;
    kind: string;
    message: string;
    path: string | null;
    line: number | null;
    occurred_at: string;
  };
  tokens: {
    id: string;
    name: string;
    hash: string;
    actor_ref: string;
    roles: string;
    created_at: string;
    revoked_at: string | null;
  };
  audit_events: {
    id: Generated<number>;
    at: string;
    actor: string;
    action: string;
    target: string;
    outcome: string;
    payload: string;
  };
  jobs: {
    id: string;
    type: string;
    dedupe_key: string | null;
    payload: string;
    state: string;
    status: string;
    attempts: number;
    run_at: string;
    lease_owner: string | null;
    lease_until: string | null;
    last_error: string | null;
    created_at: string;
    updated_at: string;
  };
}
