import { z } from 'zod';

export const MAX_STEPS = 100;
const name = z.string().min(1).max(253);
const text = z.string().max(64 * 1024);
const jsonObject = z.record(z.string().max(256), z.unknown());

export const templateStepSchema = z.looseObject({
  id: z.string().min(1).max(200).optional(),
  name: z.string().max(500).optional(),
  action: z.string().min(1).max(200),
  input: jsonObject.optional(),
  if: z.union([z.string().max(4096), z.boolean()]).optional(),
  each: z.union([z.string().max(4096), z.array(z.unknown()).max(1000), jsonObject]).optional(),
});

const outputLinkSchema = z.looseObject({
  url: text.optional(),
  entityRef: text.optional(),
  title: text.optional(),
  icon: z.string().max(200).optional(),
  if: z.union([z.string().max(4096), z.boolean()]).optional(),
});
const outputTextSchema = z.looseObject({
  title: text.optional(),
  content: text.optional(),
  icon: z.string().max(200).optional(),
  default: z.boolean().optional(),
  if: z.union([z.string().max(4096), z.boolean()]).optional(),
});

/** A JSON Schema page: only its object-ness is checked here; ajv checks the rest (validateTemplate). */
const parameterPage = jsonObject;

/** `scaffolder.backstage.io/v1beta3` Template, as Backstage's Template.v1beta3.schema.json describes it. */
export const templateSchema = z.looseObject({
  apiVersion: z.literal('scaffolder.backstage.io/v1beta3', { message: 'expected "scaffolder.backstage.io/v1beta3"' }),
  kind: z.literal('Template', { message: 'expected "Template"' }),
  metadata: z.looseObject({
    name,
    namespace: name.optional(),
    title: z.string().max(500).optional(),
    annotations: z.record(z.string().max(256), z.string().max(4096)).optional(),
  }),
  spec: z.looseObject({
    type: z.string().min(1).max(200),
    owner: z.string().max(500).optional(),
    parameters: z.union([parameterPage, z.array(parameterPage).max(50)]).optional(),
    steps: z.array(templateStepSchema).max(MAX_STEPS, { message: `a template has at most ${MAX_STEPS} steps` }),
    output: z.looseObject({
      links: z.array(outputLinkSchema).max(100).optional(),
      text: z.array(outputTextSchema).max(100).optional(),
    }).optional(),
  }),
});

export type TemplateEntity = z.infer<typeof templateSchema>;
export type TemplateStep = z.infer<typeof templateStepSchema>;

/** A step with its defaults applied: id `step-<n>` (1-based), name = action. */
export interface NormalizedStep {
  id: string;
  name: string;
  action: string;
  input: Record<string, unknown>;
  if?: string | boolean;
  each?: unknown;
  index: number;
}

export function normalizeSteps(template: TemplateEntity): NormalizedStep[] {
  return template.spec.steps.map((step, i) => ({
    id: step.id ?? `step-${i + 1}`,
    name: step.name ?? step.action,
    action: step.action,
    input: step.input ?? {},
    if: step.if,
    each: step.each,
    index: i,
  }));
}

/** `spec.parameters` as a list of pages. */
export function parameterPages(template: TemplateEntity): Array<Record<string, unknown>> {
  const p = template.spec.parameters;
  if (p === undefined) return [];
  return Array.isArray(p) ? p : [p];
}
