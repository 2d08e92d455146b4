// The engine's public contract: the durable task layer (routes, CLI, jobs) codes against these types.

export type TemplateStepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

export interface TemplateStepState {
  id: string;
  name: string;
  action: string;
  status: TemplateStepStatus;
  startedAt?: string;
  endedAt?: string;
  output?: Record<string, unknown>;
  error?: string;
}

export interface RunCheckpoint {
  completed: Record<string, { output: Record<string, unknown> }>;
  compensations: Array<{ stepId: string; action: string; undo: Record<string, unknown> }>;
}

export interface ScaffolderCatalogPort {
  /** Registers a location (e.g. { type: 'url'|'file'|'git', target }) and refreshes it; returns the refs of the entities it produced. */
  registerLocation(location: { type: string; target: string }, opts: { dryRun: boolean }): Promise<{ locationId?: string; entityRefs: string[] }>;
  unregisterLocation(locationId: string): Promise<void>;
  getEntityByRef(ref: string): Promise<Record<string, unknown> | undefined>;
}

export interface TemplateSourcePort {
  /**
   * Copies the directory or file at `relativeUrl` (e.g. './skeleton'), resolved against the template's
   * location `baseLocation` (its `backstage.io/managed-by-location` value: `file:/abs/dir/template.yaml`,
   * `git:<repo>#<ref>:<path>`, `url:https://…`), into `targetDir`. A directory's contents land directly in
   * `targetDir`; a file lands as `targetDir/<its base name>`. Never escapes the template's repository/root.
   */
  fetchContents(baseLocation: string, relativeUrl: string, targetDir: string): Promise<void>;
}

export interface ScaffolderDeps {
  catalog: ScaffolderCatalogPort;
  sources: TemplateSourcePort;
  /** publish:git bare repositories go to `${dataDir}/repos/<owner>/<repo>.git`. */
  dataDir: string;
  gitAuthor: { name: string; email: string };
  publicBaseUrl?: string;
  /** Workspace bounds checked after every step; default 10,000 files and 100 MB. */
  limits?: { workspaceFiles?: number; workspaceBytes?: number };
}

export interface StepLogEvent {
  message: string;
  stepId?: string;
  level?: 'info' | 'warn' | 'error';
}

export interface RunTemplateInput {
  /** The Template entity as stored in the catalog (or its YAML text); validated by the engine. */
  template: unknown;
  templateRef: string;
  values: Record<string, unknown>;
  secrets?: Record<string, string>;
  user?: { ref: string; entity?: Record<string, unknown> };
  /** Created by the caller; kept across a restart so completed steps can be skipped. */
  workspaceDir: string;
  dryRun?: boolean;
  signal: AbortSignal;
  log(event: StepLogEvent): void;
  onStep(state: TemplateStepState): void;
  checkpoint?: RunCheckpoint;
  saveCheckpoint(c: RunCheckpoint): Promise<void>;
}

export interface DirectoryEntry {
  path: string;
  base64Content: string;
  executable?: boolean;
}

export interface RunTemplateResult {
  /** Rendered spec.output: links, text, and custom keys. */
  output: Record<string, unknown>;
  steps: TemplateStepState[];
  /** Dry-run only: the final workspace. */
  files?: DirectoryEntry[];
}

export interface TemplateProblem {
  /** e.g. 'spec.steps[2].action' */
  path: string;
  message: string;
  line?: number;
}

export interface FieldProblem {
  /** e.g. 'repoUrl' or 'owner.name' */
  field: string;
  message: string;
}

export interface ActionDescription {
  id: string;
  description: string;
  schema: { input: object; output?: object };
}

export interface ScaffolderEngine {
  /** Throws TemplateStepError on failure after running compensations; an AbortError when cancelled. */
  run(input: RunTemplateInput): Promise<RunTemplateResult>;
  validateTemplate(template: unknown): TemplateProblem[];
  validateValues(template: unknown, values: Record<string, unknown>): FieldProblem[];
  listActions(): ActionDescription[];
}
