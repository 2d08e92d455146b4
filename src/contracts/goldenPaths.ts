import { z } from 'zod';
import { SUPPORT_TIERS } from '../model/goldenPath';

/** zod contracts of the golden paths API (`/api/golden-paths`): paths, adoption and conformance. */

const ref = z.string().max(1024);
const count = z.number().int().min(0);

/** Path parameters naming one golden path. */
export const GoldenPathParams = z.object({ namespace: z.string().min(1).max(63), name: z.string().min(1).max(255) });

/** How many services a detail or migration response lists (the counts always cover all of them). */
export const GoldenPathServicesQuery = z.object({
  limit: z.coerce.number().int().min(0).max(1000).default(200),
  cursor: z.string().max(16_384).optional(),
});

/** Adoption of one golden path: services on it, split by whether they follow its current version. */
export const GoldenPathAdoptionSchema = z.object({
  total: count,
  current: count,
  /** On an earlier version than the current one. */
  older: count,
  /** With no version annotation, a version that is not semver, or one newer than the published version. */
  unknownVersion: count,
  /** Services per recorded version (`null`: no version annotation), newest first. */
  versions: z.array(z.object({ version: z.string().nullable(), count, status: z.enum(['current', 'older', 'unknown']) })).max(1000),
});
export type GoldenPathAdoption = z.infer<typeof GoldenPathAdoptionSchema>;

export const GoldenPathSummarySchema = z.object({
  entityRef: ref,
  namespace: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  tags: z.array(z.string()).max(100),
  version: z.string(),
  supportTier: z.enum(SUPPORT_TIERS),
  /** Canonical ref of the owner (a Group by default). */
  owner: ref,
  /** Canonical ref of the Template. */
  template: ref,
  templateExists: z.boolean(),
  ci: z.object({ providers: z.array(z.string()).max(20), pattern: z.string().nullable() }).nullable(),
  standardCount: count,
  hasDocs: z.boolean(),
  adoption: GoldenPathAdoptionSchema,
});
export type GoldenPathSummary = z.infer<typeof GoldenPathSummarySchema>;

/** Conformance of one owning team: its Components and how many follow a golden path. */
export const TeamConformanceSchema = z.object({
  owner: ref,
  components: count,
  onPath: count,
  current: count,
  older: count,
  /** onPath / components, 0..1 (0 when the team owns no component). */
  share: z.number().min(0).max(1),
});
export type TeamConformance = z.infer<typeof TeamConformanceSchema>;

/** One Component on a golden path. */
export const GoldenPathServiceSchema = z.object({
  entityRef: ref,
  namespace: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  owner: ref.nullable(),
  lifecycle: z.string().nullable(),
  version: z.string().nullable(),
  status: z.enum(['current', 'older', 'unknown']),
  /** Why it counts as on the path: the `paved.dev/golden-path` annotation, or only its source template. */
  via: z.enum(['annotation', 'template']),
});
export type GoldenPathService = z.infer<typeof GoldenPathServiceSchema>;

/** A Component on no golden path. */
export const UnpavedComponentSchema = z.object({
  entityRef: ref,
  name: z.string(),
  title: z.string().nullable(),
  owner: ref.nullable(),
  type: z.string().nullable(),
});

/** A processing error of a golden path descriptor (a broken one never becomes an entity). */
export const GoldenPathErrorSchema = z.object({
  entityRef: ref.nullable(),
  locationKey: z.string(),
  path: z.string().nullable(),
  line: z.number().nullable(),
  message: z.string(),
});

export const GoldenPathListResponse = z.object({
  items: z.array(GoldenPathSummarySchema).max(1000),
  /** All Components, those on some golden path, and those on none (with the first few listed). */
  components: z.object({
    total: count,
    onPath: count,
    current: count,
    older: count,
    unpaved: count,
    unpavedItems: z.array(UnpavedComponentSchema).max(1000),
  }),
  teams: z.array(TeamConformanceSchema).max(10_000),
  errors: z.array(GoldenPathErrorSchema).max(1000),
});
export type GoldenPathList = z.infer<typeof GoldenPathListResponse>;

export const StandardSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  fix: z.string().nullable(),
  check: z.looseObject({ type: z.string() }),
});

export const GoldenPathDetailResponse = GoldenPathSummarySchema.extend({
  standards: z.array(StandardSchema).max(100),
  services: z.array(GoldenPathServiceSchema).max(1000),
  /** Present when more services follow than were listed. */
  nextCursor: z.string().optional(),
  teams: z.array(TeamConformanceSchema).max(10_000),
  errors: z.array(GoldenPathErrorSchema).max(1000),
});
export type GoldenPathDetail = z.infer<typeof GoldenPathDetailResponse>;

/** Bounds of a migration diff: services diffed per listing, files per service, characters of diff text. */
export const MIGRATION_LIMITS = { diffs: 50, files: 100, fileDiffChars: 20_000, serviceDiffChars: 200_000 } as const;

/** How many services behind a listing pages through, and how many of them (the first) get their diff computed. */
export const GoldenPathMigrationQuery = GoldenPathServicesQuery.extend({
  diffs: z.coerce.number().int().min(0).max(MIGRATION_LIMITS.diffs).default(10),
});

/** One file of a service's template output that differs between its version and the current one. */
export const FileChangeSchema = z.object({
  /** Relative to the generated repository's root. */
  path: z.string().max(4096),
  change: z.enum(['added', 'removed', 'modified']),
  /** Not text: no diff lines are shown. */
  binary: z.boolean(),
  additions: count,
  deletions: count,
  /** Unified diff (`--- a/…`, `+++ b/…`, hunks); empty for binary files and past the service's bound. */
  diff: z.string().max(MIGRATION_LIMITS.fileDiffChars + 200),
  /** The diff text was cut (at the file or the service bound). */
  truncated: z.boolean(),
});
export type FileChange = z.infer<typeof FileChangeSchema>;

/** What changed in one service's template output between its version and the path's current version. */
export const ServiceDiffSchema = z.object({
  available: z.boolean(),
  /** Why there is no diff, when there is none. */
  reason: z.string().max(2000).nullable(),
  fromVersion: z.string().nullable(),
  toVersion: z.string(),
  files: z.array(FileChangeSchema).max(MIGRATION_LIMITS.files),
  /** Files that differ in all (`files` lists at most MIGRATION_LIMITS.files of them). */
  changedFiles: count,
  unchangedFiles: count,
  /** Files or diff text were left out to stay within MIGRATION_LIMITS. */
  truncated: z.boolean(),
});
export type ServiceDiff = z.infer<typeof ServiceDiffSchema>;

/** A service behind the current version, with the diff of its template output (when one could be computed). */
export const GoldenPathMigrationServiceSchema = GoldenPathServiceSchema.extend({ diff: ServiceDiffSchema });
export type GoldenPathMigrationService = z.infer<typeof GoldenPathMigrationServiceSchema>;

export const GoldenPathMigrationResponse = z.object({
  entityRef: ref,
  version: z.string(),
  /** Services on the path but not on its current version, with the version they are on and what changed for them. */
  behind: z.array(GoldenPathMigrationServiceSchema).max(1000),
  totalBehind: count,
  nextCursor: z.string().optional(),
  /** Whether diffs can be shown here: a stored older version of the template, and a caller allowed to dry-run it. */
  diff: z.object({
    available: z.boolean(),
    reason: z.string().max(2000),
    /** Versions of this path whose template is stored (ADR 0021), newest first. */
    snapshots: z.array(z.string()).max(1000),
    /** The caller may have diffs computed (they run the template as a dry run). */
    canCompute: z.boolean(),
  }),
});
export type GoldenPathMigration = z.infer<typeof GoldenPathMigrationResponse>;

/** One service behind a path, by entity ref: its diff (what the UI loads when a row is expanded). */
export const GoldenPathServiceDiffQuery = z.object({ entityRef: ref });
export const GoldenPathServiceDiffResponse = GoldenPathMigrationServiceSchema;
