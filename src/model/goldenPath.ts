// The GoldenPath kind (`paved.dev/v1alpha1`): an opinionated, supported way to build one kind of
// service — a template, docs, a CI pattern and the standards a service on the path must meet. Services
// record which path (and which version of it) they follow with annotations; see ADR 0016.
import { z } from 'zod';
import type { Entity } from './entity';
import type { KindSchema, RelationField } from './kinds';
import { CHECK_TYPES, checkSchema, type Check } from './rules/checkSchema';

export const GOLDEN_PATH_API_VERSION = 'paved.dev/v1alpha1';
export const GOLDEN_PATH_KIND = 'GoldenPath';
/** Annotation on a Component (and a Template): the name of the golden path it follows. */
export const ANNOTATION_GOLDEN_PATH = 'paved.dev/golden-path';
/** Annotation on a Component (and a Template): the golden path version it was created from or last migrated to. */
export const ANNOTATION_GOLDEN_PATH_VERSION = 'paved.dev/golden-path-version';
/** Relation from a golden path to its template, and back (ADR 0016). */
export const RELATION_USES_TEMPLATE = 'usesTemplate';
export const RELATION_TEMPLATE_OF = 'templateOf';

export const SUPPORT_TIERS = ['supported', 'community', 'deprecated'] as const;
export type SupportTier = (typeof SUPPORT_TIERS)[number];

/** Bounds of a golden path (a handful of standards is the point of a golden path). */
export const GOLDEN_PATH_LIMITS = { standards: 50, values: 100, shortString: 1024, text: 4096 } as const;

/** Semantic Versioning 2.0.0 (semver.org's regular expression). */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Whether `v` is a semantic version such as `1.2.3` or `2.0.0-rc.1`. */
export function isSemver(v: string): boolean {
  return SEMVER.test(v);
}

/**
 * Compares two semantic versions by precedence (build metadata ignored); `undefined` when either is
 * not a semantic version.
 */
export function compareSemver(a: string, b: string): number | undefined {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) return undefined;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return Math.sign(d);
  }
  const [ra, rb] = [pa[4], pb[4]];
  if (ra === undefined || rb === undefined) return ra === rb ? 0 : ra === undefined ? 1 : -1;
  const xa = ra.split('.');
  const xb = rb.split('.');
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const [x, y] = [xa[i], xb[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && Number(x) !== Number(y)) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const str = z.string().min(1).max(GOLDEN_PATH_LIMITS.shortString);
const text = z.string().min(1).max(GOLDEN_PATH_LIMITS.text);
/** The checks of standards are the scorecards' rule checks (rules/checkSchema.ts, ADR 0025). */
export const STANDARD_CHECK_TYPES = CHECK_TYPES;
export const standardCheckSchema = checkSchema;
export type StandardCheck = Check;

export const standardSchema = z.looseObject({
  id: z.string().min(1).max(63).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase words separated by -'),
  title: str,
  description: text.optional(),
  fix: text.optional(),
  check: standardCheckSchema,
});
export type Standard = z.infer<typeof standardSchema>;

/** The `spec` of a GoldenPath entity. */
export const goldenPathSpecSchema = z.looseObject({
  owner: str,
  version: z.string().max(256).regex(SEMVER, 'expected a semantic version such as 1.2.0'),
  supportTier: z.enum(SUPPORT_TIERS),
  template: str,
  ci: z.looseObject({
    providers: z.array(z.string().min(1).max(63)).max(20).optional(),
    pattern: str.optional(),
  }).optional(),
  standards: z.array(standardSchema).max(GOLDEN_PATH_LIMITS.standards).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], input: s.id, message: `expected a unique standard id, but found "${s.id}" twice` });
      seen.add(s.id);
    });
  }),
});
export type GoldenPathSpec = z.infer<typeof goldenPathSpecSchema>;

const goldenPathRelations: RelationField[] = [
  { field: 'owner', type: 'ownedBy', inverse: 'ownerOf', defaultKind: 'Group' },
  { field: 'template', type: RELATION_USES_TEMPLATE, inverse: RELATION_TEMPLATE_OF, defaultKind: 'Template' },
];

/** The GoldenPath kind, registered with the built-in kinds in {@link KIND_SCHEMAS}. */
export const GOLDEN_PATH_KIND_SCHEMA: KindSchema = {
  apiVersions: [GOLDEN_PATH_API_VERSION],
  kind: GOLDEN_PATH_KIND,
  schema: goldenPathSpecSchema,
  relations: goldenPathRelations,
};

/** A validated GoldenPath entity. */
export type GoldenPathEntity = Entity & { spec: GoldenPathSpec };

/** Whether an entity (already validated by validateEntity) is a GoldenPath. */
export function isGoldenPath(entity: Entity): entity is GoldenPathEntity {
  return entity.kind === GOLDEN_PATH_KIND && entity.apiVersion === GOLDEN_PATH_API_VERSION;
}
