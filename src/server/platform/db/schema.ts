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
  /** Which entity body (hash + checker version) a checker from another domain last checked. */
  scorecard_results: {
    scorecard_ref: string;
    entity_ref: string;
    /** The entity's owner ref (lowercase), or '' without one: results are grouped by team. */
    owner_ref: string;
    level: string | null;
    score: number;
    results: string; // JSON RuleResult[]
    version: string;
    evaluated_at: string;
  };
  scorecard_daily: { day: string; scorecard_ref: string; owner_ref: string; level: string; entities: number };
  /** Exemptions of one rule for one entity (migration 0011, ADR 0028); `expired` is derived from `expires_at`. */
  scorecard_exemptions: {
    id: string;
    scorecard_ref: string;
    rule_id: string;
    entity_ref: string;
    reason: string;
    requested_by: string;
    requested_at: string;
    expires_at: string;
    status: 'requested' | 'approved' | 'rejected' | 'revoked';
    decided_by: string | null;
    decided_at: string | null;
    decision_comment: string | null;
    open_key: string | null;
    lapse_recorded_at: string | null;
  };
  /** An entity's level changes per scorecard (migration 0015). */
  scorecard_level_changes: { scorecard_ref: string; entity_ref: string; at: string; from_level: string | null; to_level: string | null; score: number };
  entity_checks: { checker: string; entity_ref: string; checked: string; checked_at: string };
  /** What those checkers found; listed with `catalog_errors` (migration 0008). */
  entity_check_problems: {
    id: string;
    checker: string;
    entity_ref: string;
    location_id: string;
    location_key: string;
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
  docs_sites: {
    /** The entity's ref, lowercased as in `entities.ref`. */
    entity_ref: string;
    kind: string;
    namespace: string;
    name: string;
    site_name: string;
    /** Where the docs were read (`file:/abs/dir`, `git:<repo>#<commit>:<dir>`), or the reason they could not be. */
    source: string;
    fingerprint: string | null;
    nav: string; // JSON DocsNavItem[]
    errors: string; // JSON DocsBuildError[]
    error_count: number;
    page_count: number;
    build_count: number;
    built_at: string | null;
    checked_at: string;
  };
  docs_pages: { entity_ref: string; slug: string; path: string; title: string; html: string; headings: string; position: number };
  /** Files (images, PDFs) a site's pages link to, stored with the site (migration 0008). */
  docs_assets: { entity_ref: string; path: string; content_type: string; size: number; sha256: string; content: Buffer };
  /** Full-text documents of docs sections and catalog entities; the per-engine index lives in migration 0004. */
  search_documents: {
    id: Generated<number>;
    type: string;
    entity_ref: string;
    slug: string | null;
    anchor: string | null;
    title: string;
    heading: string;
    body: string;
    meta: string; // JSON, what a result shows beyond the indexed text
    hash: string;
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
  scaffolder_tasks: {
    id: string;
    template_ref: string;
    /** The Template entity as it was at submit time (JSON). */
    template: string;
    task_values: string;
    /** Secrets sealed by platform/secrets (context `scaffolder_tasks.encrypted_secrets:<id>`), or null. */
    encrypted_secrets: string | null;
    status: string;
    created_by: string;
    created_at: string;
    started_at: string | null;
    finished_at: string | null;
    last_heartbeat_at: string | null;
    cancel_requested_at: string | null;
    steps: string;
    checkpoint: string | null;
    /** Locations this task asked the catalog to register (JSON), so a failed run leaves none behind. */
    registrations: string;
    output: string | null;
    error: string | null;
    dry_run: number;
    workspace_dir: string;
    runs: number;
    job_id: string | null;
  };
  scaffolder_task_events: { id: Generated<number>; task_id: string; type: string; body: string; created_at: string };
  /** The entities a completed task registered (its `catalog:register` outputs), lowercased refs (ADR 0021). */
  scaffolder_task_entities: { entity_ref: string; task_id: string; template_ref: string; created_at: string };
  /** What re-renders a golden path's template at one version (ADR 0021). */
  golden_path_snapshots: {
    /** `goldenpath:<ns>/<name>`, lowercased. */
    path_ref: string;
    version: string;
    template_ref: string;
    /** The Template entity (JSON). */
    template: string;
    /** The files its `fetch:*` steps read, relative to the template's directory (JSON DirectoryEntry[]). */
    files: string;
    file_count: number;
    byte_count: number;
    hash: string;
    taken_at: string;
  };
  /** Facts about entities (migration 0009, ADR 0026): value as JSON text, lowercase refs. */
  facts: { entity_ref: string; name: string; value: string; source: string; collected_at: string };
  /** Per entity: the etag and time of the last collection by the built-in sources, and the facts generation of its last change. */
  /** Per entity: the inputs of its last scorecard evaluation, as one version (migration 0016). */
  scorecard_entities: { entity_ref: string; owner_ref: string; version: string };
  fact_entities: { entity_ref: string; etag: string | null; collected_at: string | null; changed_seq: number | string };
  /** Initiatives (migration 0012, ADR 0029); rule_ids and filter are JSON text, dates YYYY-MM-DD. */
  initiatives: {
    name: string; title: string; owner_ref: string; brief: string; scorecard_ref: string;
    rule_ids: string | null; level: string | null; filter: string | null;
    start_date: string; target_date: string; state: string;
    created_at: string; created_by: string; updated_at: string; published_at: string | null; closed_at: string | null;
  };
  initiative_daily: { initiative: string; day: string; owner_ref: string; met: number; total: number; entities: number; entities_done: number; recorded_at: string };
  /** YAML documents of the managed location (migration 0014, ADR 0031), by lowercase entity ref. */
  managed_documents: { entity_ref: string; yaml: string; updated_at: string; updated_by: string };
}
