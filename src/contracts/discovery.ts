import { z } from 'zod';
import type { AnalysisField } from '../model/discovery';

/** zod contracts of `POST /api/catalog/analyze-location` (Backstage's `AnalyzeLocationRequest`/`Response`). */

export const LocationSpecSchema = z.object({
  type: z.string().max(32),
  target: z.string().min(1).max(4096),
});

export const AnalyzeLocationBodySchema = z.object({
  location: LocationSpecSchema,
  /** A plain file name: it is looked up in every repository found, never used as a path. */
  catalogFilename: z.string().max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/, 'expected a file name like catalog-info.yaml').optional(),
});
export type AnalyzeLocationBody = z.infer<typeof AnalyzeLocationBodySchema>;

export const AnalysisFieldSchema = z.object({
  field: z.string().max(256),
  state: z.enum(['analysisSuggestedValue', 'analysisSuggestedNoValue', 'needsUserInput']),
  value: z.string().max(4096).nullable(),
  description: z.string().max(2048),
});
// The model owns the type; this line fails to compile if the schema drifts from it.
const _fieldMatchesModel: z.infer<typeof AnalysisFieldSchema> extends AnalysisField ? true : never = true;
void _fieldMatchesModel;

const LooseEntitySchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({}),
  spec: z.record(z.string(), z.unknown()).optional(),
});

export const AnalyzeLocationResponseSchema = z.object({
  existingEntityFiles: z.array(z.object({ entity: LooseEntitySchema, isRegistered: z.boolean(), location: LocationSpecSchema })).max(20_000),
  generateEntities: z.array(z.object({
    entity: LooseEntitySchema,
    fields: z.array(AnalysisFieldSchema).max(50),
    /** Paved addition (Backstage clients ignore it): which repository the suggestion is for. */
    repository: z.object({ path: z.string().max(4096), language: z.string().max(64).nullable(), frameworks: z.array(z.string().max(64)).max(50) }),
    /** Paved addition: where the suggested descriptor belongs (inside the package folder for a monorepo package). */
    location: LocationSpecSchema.optional(),
  })).max(1_000),
  /** Paved addition: true when a discovery bound stopped the walk and some repositories were not analysed. */
  truncated: z.boolean().optional(),
});
export type AnalyzeLocationResponse = z.infer<typeof AnalyzeLocationResponseSchema>;
