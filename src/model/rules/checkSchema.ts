// The typed checks of golden-path standards and scorecard rules (ADR 0016, ADR 0025), validated at the
// boundary: a check that cannot run (a bad pattern, an invalid expression) is rejected when its file is
// read, with the path of the field, never when it is evaluated.
import { RE2JS } from '@bufbuild/re2';
import { z } from 'zod';
import { compileExpression, MAX_EXPRESSION_LENGTH } from './ruleExpression';

const MAX_STRING = 1024;
const MAX_VALUES = 100;

const str = z.string().min(1).max(MAX_STRING);
/** A dotted entity path such as `spec.type` or `metadata.annotations.x`. */
const fieldPath = z.string().min(1).max(200).regex(/^[A-Za-z0-9_$@/.-]+$/, 'expected a dotted field path such as spec.type');
const scalar = z.union([z.string().max(MAX_STRING), z.number(), z.boolean()], { error: 'expected a string, number or boolean' });
const values = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(MAX_VALUES);
/** RE2 syntax (what CEL's `matches` uses): linear-time matching, no backreferences or lookaround. */
const pattern = z.string().min(1).max(MAX_STRING).superRefine((p, ctx) => {
  try {
    RE2JS.compile(p);
  } catch (err) {
    ctx.addIssue({ code: 'custom', input: p, message: `expected an RE2 regular expression: ${err instanceof Error ? err.message : String(err)}` });
  }
});
const expression = z.string().min(1).max(MAX_EXPRESSION_LENGTH).superRefine((source, ctx) => {
  const compiled = compileExpression(source);
  if (!compiled.ok) ctx.addIssue({ code: 'custom', input: source, message: compiled.error });
});
/** A path inside the service's repository: relative, no `..`. */
const repoPath = z.string().min(1).max(500).refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'expected a relative path inside the repository');

export const CHECK_TYPES = [
  'fieldExists', 'fieldEquals', 'fieldMatches', 'fieldIn', 'annotationPresent', 'ownerIsGroup',
  'hasDocs', 'hasApiDefinition', 'lifecycleIn', 'relationCount', 'fileExists', 'expression',
] as const;

/** One check: a typed rule over the entity, its facts (fileExists reads the repository's), or a CEL expression. */
export const checkSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fieldExists'), path: fieldPath }),
  z.strictObject({ type: z.literal('fieldEquals'), path: fieldPath, value: scalar }),
  z.strictObject({ type: z.literal('fieldMatches'), path: fieldPath, pattern }),
  z.strictObject({ type: z.literal('fieldIn'), path: fieldPath, values: values(scalar) }),
  z.strictObject({ type: z.literal('annotationPresent'), annotation: str }),
  z.strictObject({ type: z.literal('ownerIsGroup') }),
  z.strictObject({ type: z.literal('hasDocs') }),
  z.strictObject({ type: z.literal('hasApiDefinition') }),
  z.strictObject({ type: z.literal('lifecycleIn'), values: values(str) }),
  z.strictObject({ type: z.literal('relationCount'), relation: z.string().min(1).max(63).regex(/^\w+$/, 'expected a relation type such as partOf'), min: z.number().int().min(0).max(100_000).optional(), max: z.number().int().min(0).max(100_000).optional() })
    .refine((c) => c.min !== undefined || c.max !== undefined, 'expected min or max'),
  z.strictObject({ type: z.literal('fileExists'), path: repoPath }),
  z.strictObject({ type: z.literal('expression'), expression }),
], { error: (issue) => (issue.code === 'invalid_union' ? `expected check.type to be one of ${CHECK_TYPES.join(', ')}` : undefined) });
export type Check = z.infer<typeof checkSchema>;
