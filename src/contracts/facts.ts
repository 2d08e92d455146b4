import { z } from 'zod';

/** zod contracts of facts (`/api/facts`): what Paved collects about entities, and what tools push. */

/**
 * A fact name, dotted by convention (`repository.files`, `ci.coverage`): it starts with a lowercase
 * letter or digit; camelCase segments are allowed (`repository.dockerfile.nonRoot`, `goldenPath.current`)
 * because rules name facts that way (ADR 0026).
 */
export const FACT_NAME_PATTERN = /^[a-z0-9][a-zA-Z0-9._-]{0,99}$/;
/** Bounds of facts: the serialised JSON of one value, the facts of one entity, one push. */
export const FACT_LIMITS = { valueBytes: 16 * 1024, perEntity: 200, perPush: 200, sourceLength: 63 } as const;

export const FactNameSchema = z.string().max(100).regex(FACT_NAME_PATTERN, 'expected a fact name: letters, digits, ".", "_" or "-", starting with a lowercase letter or digit, at most 100 characters');

/** Path parameters naming the entity whose facts are read or written. */
export const FactsEntityParams = z.object({ kind: z.string().min(1).max(63), namespace: z.string().min(1).max(63), name: z.string().min(1).max(255) });

export const FactSchema = z.object({
  name: z.string().max(100),
  /** Any JSON value (at most 16 KiB serialised). */
  value: z.unknown(),
  /** `repository`, `goldenPath` (collected) or `push:<source>` (pushed by a tool). */
  source: z.string().max(100),
  collectedAt: z.string().max(64),
});
export type FactDto = z.infer<typeof FactSchema>;

export const FactsResponse = z.object({
  entityRef: z.string().max(1024),
  facts: z.array(FactSchema).max(FACT_LIMITS.perEntity),
  /** When the built-in sources last looked at the entity (null: not yet). */
  collectedAt: z.string().max(64).nullable(),
  /** What the caller may do: `push` facts, `refresh` (re-collect now). */
  allowedActions: z.array(z.enum(['push', 'refresh'])),
});
export type FactsResponseDto = z.infer<typeof FactsResponse>;

/**
 * A push from an external tool. Names and values are checked by the service so an error can name the
 * fact; the body here is only bounded.
 */
export const FactsPushRequest = z.object({
  source: z.string().min(1).max(FACT_LIMITS.sourceLength).regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a source id: lowercase letters, digits, ".", "_" or "-" (e.g. ci)'),
  facts: z.record(z.string().max(1024), z.unknown()),
});
export type FactsPushRequestDto = z.infer<typeof FactsPushRequest>;
