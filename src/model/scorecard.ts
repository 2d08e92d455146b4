// The Scorecard kind (`paved.dev/v1alpha1`): standards as code. Which entities it applies to (a catalog
// filter), ordered levels, and rules — each a check of src/model/rules belonging to one level, with a
// weight and a fix text. Evaluated by the scorecards domain (ADR 0025).
import { z } from 'zod';
import type { Entity } from './entity';
import type { KindSchema, RelationField } from './kinds';
import { checkSchema } from './rules/checkSchema';
import { buildSearchRowsFlat } from './searchRows';

export const SCORECARD_API_VERSION = 'paved.dev/v1alpha1';
export const SCORECARD_KIND = 'Scorecard';
export const SCORECARD_LIMITS = { rules: 100, levels: 10, filterKeys: 20, filterValues: 50 } as const;

const slug = z.string().min(1).max(63).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase words separated by -');
const text = (max: number) => z.string().min(1).max(max);

/**
 * Which entities a scorecard applies to, as the catalog API's filter object: keys are dotted fields
 * (case-insensitive, `relations.<type>` included), values one or several accepted values (any of them),
 * or `true` for "the field exists". Every key must match.
 */
export const scorecardFilterSchema = z.record(
  z.string().min(1).max(200),
  z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(SCORECARD_LIMITS.filterValues), z.literal(true)]),
).refine((f) => Object.keys(f).length <= SCORECARD_LIMITS.filterKeys, `expected at most ${SCORECARD_LIMITS.filterKeys} filter keys`);
export type ScorecardFilter = z.infer<typeof scorecardFilterSchema>;

export const scorecardRuleSchema = z.looseObject({
  id: slug,
  title: text(200),
  description: text(4096).optional(),
  level: slug,
  weight: z.number().int().min(1).max(100).default(1),
  /** How to fix a failing entity, in Markdown. */
  fix: text(4096).optional(),
  check: checkSchema,
});
export type ScorecardRule = z.infer<typeof scorecardRuleSchema>;

export const scorecardSpecSchema = z.looseObject({
  owner: text(1024),
  filter: scorecardFilterSchema.optional(),
  levels: z.array(slug).min(1).max(SCORECARD_LIMITS.levels),
  rules: z.array(scorecardRuleSchema).min(1).max(SCORECARD_LIMITS.rules),
}).superRefine((spec, ctx) => {
  const levels = new Set<string>();
  spec.levels.forEach((l, i) => {
    if (levels.has(l)) ctx.addIssue({ code: 'custom', path: ['levels', i], input: l, message: `expected unique levels, but found "${l}" twice` });
    levels.add(l);
  });
  const ids = new Set<string>();
  spec.rules.forEach((r, i) => {
    if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], input: r.id, message: `expected a unique rule id, but found "${r.id}" twice` });
    ids.add(r.id);
    if (!levels.has(r.level)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'level'], input: r.level, message: `expected one of the levels ${spec.levels.join(', ')}, but found "${r.level}"` });
  });
});
export type ScorecardSpec = z.infer<typeof scorecardSpecSchema>;

const scorecardRelations: RelationField[] = [{ field: 'owner', type: 'ownedBy', inverse: 'ownerOf', defaultKind: 'Group' }];

/** The Scorecard kind, registered with the built-in kinds in {@link KIND_SCHEMAS}. */
export const SCORECARD_KIND_SCHEMA: KindSchema = {
  apiVersions: [SCORECARD_API_VERSION],
  kind: SCORECARD_KIND,
  schema: scorecardSpecSchema,
  relations: scorecardRelations,
};

export type ScorecardEntity = Entity & { spec: ScorecardSpec };

export function isScorecard(entity: Entity): entity is ScorecardEntity {
  return entity.kind === SCORECARD_KIND && entity.apiVersion === SCORECARD_API_VERSION;
}

/**
 * Compiles a filter into a predicate with the catalog API's semantics: the entity's flattened
 * key/value rows (as the catalog stores them), compared lowercase.
 */
export function compileScorecardFilter(filter: ScorecardFilter | undefined): (entity: Entity) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  const wanted = Object.entries(filter).map(([key, v]) => ({
    key: key.toLowerCase(),
    values: v === true ? null : new Set((Array.isArray(v) ? v : [v]).map((x) => x.toLowerCase())),
  }));
  return (entity) => {
    let rows: Array<string | null>;
    try {
      rows = buildSearchRowsFlat(entity);
    } catch {
      return false;
    }
    return wanted.every(({ key, values }) => {
      for (let i = 0; i < rows.length; i += 3) {
        if (rows[i] !== key) continue;
        if (values === null) return true;
        const value = rows[i + 1];
        if (typeof value === 'string' && values.has(value)) return true;
      }
      return false;
    });
  };
}
