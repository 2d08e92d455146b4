// The shapes golden-path.yaml, template.yaml and score.yaml must have, as zod schemas: parsing a
// file both asserts its shape and types it for the rest of the test.
import { z } from 'zod';

const path = z.string().min(1).max(200);

/** The scorecard checks a standard may use (and the parameters each one needs). */
export const standardCheckSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fieldExists'), path }).strict(),
  z.object({ type: z.literal('fieldEquals'), path, value: z.unknown() }).strict(),
  z.object({ type: z.literal('fieldMatches'), path, pattern: z.string().refine((p) => { try { new RegExp(p); return true; } catch { return false; } }, 'not a valid regular expression') }).strict(),
  z.object({ type: z.literal('fieldIn'), path, values: z.array(z.unknown()).min(1) }).strict(),
  z.object({ type: z.literal('annotationPresent'), annotation: z.string().min(1) }).strict(),
  z.object({ type: z.literal('ownerIsGroup') }).strict(),
  z.object({ type: z.literal('hasDocs') }).strict(),
  z.object({ type: z.literal('hasApiDefinition') }).strict(),
  z.object({ type: z.literal('lifecycleIn'), values: z.array(z.string()).min(1) }).strict(),
  z.object({ type: z.literal('relationCount'), relation: z.string().min(1), min: z.number().int().min(0) }).strict(),
  z.object({ type: z.literal('fileExists'), path }).strict(),
  z.object({ type: z.literal('expression'), expression: z.string().min(1) }).strict(),
]);

export const goldenPathSchema = z.object({
  apiVersion: z.literal('paved.dev/v1alpha1'),
  kind: z.literal('GoldenPath'),
  metadata: z.object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/),
    title: z.string().min(3).max(100),
    description: z.string().min(20).max(300).refine((d) => d.endsWith('.') && !/[.!?]\s+[A-Z]/.test(d), 'one sentence ending in a full stop'),
    annotations: z.object({ 'backstage.io/techdocs-ref': z.literal('dir:.') }).strict(),
    tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1).max(10),
  }).strict(),
  spec: z.object({
    owner: z.literal('group:default/platform-team'),
    version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'semver'),
    supportTier: z.enum(['supported', 'community', 'deprecated']),
    template: z.string().regex(/^template:default\/[a-z0-9-]+$/),
    ci: z.object({ providers: z.array(z.enum(['github-actions', 'gitlab-ci'])).min(1), pattern: z.string().min(1) }).strict(),
    standards: z.array(z.object({
      id: z.string().regex(/^[a-z][a-z0-9-]+$/),
      title: z.string().min(3).max(100),
      fix: z.string().min(10).max(300),
      check: standardCheckSchema,
    }).strict()).min(5).max(8),
  }).strict(),
}).strict();
export type GoldenPath = z.infer<typeof goldenPathSchema>;

const step = <A extends string, I extends z.ZodRawShape>(id: string, action: A, input: I) =>
  z.object({ id: z.literal(id), name: z.string().min(1), action: z.literal(action), input: z.object(input).strict() });

export const templateSchema = z.object({
  apiVersion: z.literal('scaffolder.backstage.io/v1beta3'),
  kind: z.literal('Template'),
  metadata: z.object({
    name: z.string(),
    title: z.string(),
    description: z.string(),
    tags: z.array(z.string()).optional(),
    annotations: z.object({ 'paved.dev/golden-path': z.string(), 'paved.dev/golden-path-version': z.string() }).strict(),
  }),
  spec: z.object({
    owner: z.literal('group:default/platform-team'),
    type: z.string(),
    parameters: z.tuple([
      z.object({
        title: z.string(),
        required: z.array(z.string()).refine((r) => r.includes('name') && r.includes('owner'), 'name and owner are required'),
        properties: z.object({
          name: z.object({ type: z.literal('string'), pattern: z.literal('^[a-z][a-z0-9-]{1,62}$') }).passthrough(),
          description: z.object({ type: z.literal('string') }).passthrough(),
          owner: z.object({
            type: z.literal('string'),
            'ui:field': z.literal('OwnerPicker'),
            'ui:options': z.object({ catalogFilter: z.object({ kind: z.literal('Group') }) }),
          }).passthrough(),
        }).catchall(z.object({ type: z.string() }).passthrough()),
      }),
      z.object({
        title: z.string(),
        required: z.tuple([z.literal('repoUrl')]),
        properties: z.object({ repoUrl: z.object({ type: z.literal('string'), 'ui:field': z.literal('RepoUrlPicker') }).passthrough() }).strict(),
      }),
    ]),
    steps: z.tuple([
      step('fetch', 'fetch:template', {
        url: z.literal('./skeleton'),
        values: z.object({
          name: z.literal('${{ parameters.name }}'),
          description: z.literal('${{ parameters.description }}'),
          owner: z.literal('${{ parameters.owner }}'),
          goldenPath: z.string(),
          goldenPathVersion: z.string(),
          sourceTemplate: z.string(),
        }).catchall(z.string()),
      }),
      step('publish', 'publish:git', {
        repoUrl: z.literal('${{ parameters.repoUrl }}'),
        description: z.string().min(1),
        defaultBranch: z.literal('main'),
      }),
      step('register', 'catalog:register', {
        repoContentsUrl: z.literal("${{ steps['publish'].output.repoContentsUrl }}"),
        catalogInfoPath: z.literal('/catalog-info.yaml'),
      }),
    ]),
    output: z.object({
      links: z.array(z.object({ title: z.string(), icon: z.string().optional(), url: z.string().optional(), entityRef: z.string().optional() }).strict()).min(2),
    }),
  }),
});
export type Template = z.infer<typeof templateSchema>;

// Kubernetes quantities as Score's schema accepts them (cpu "250m", "2"; memory "128Mi", "1Gi").
const quantity = z.union([z.number().positive(), z.string().regex(/^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/)]);
const resourceList = z.object({ cpu: quantity.optional(), memory: quantity.optional() }).strict();
const probe = z.object({
  httpGet: z.object({ path: z.string().startsWith('/'), port: z.number().int().min(1).max(65535), scheme: z.enum(['HTTP', 'HTTPS']).optional() }).strict().optional(),
  exec: z.object({ command: z.array(z.string()).min(1) }).strict().optional(),
}).strict().refine((p) => p.httpGet || p.exec, 'a probe needs httpGet or exec');

/** The parts of score.dev/v1b1 (closed schema) the golden paths use; unknown keys fail. */
export const scoreSchema = z.object({
  apiVersion: z.literal('score.dev/v1b1'),
  metadata: z.object({ name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/), annotations: z.record(z.string(), z.string()).optional() }).passthrough(),
  service: z.object({
    ports: z.record(z.string(), z.object({ port: z.number().int(), protocol: z.enum(['TCP', 'UDP']).optional(), targetPort: z.number().int().optional() }).strict()),
  }).strict().optional(),
  containers: z.record(z.string(), z.object({
    image: z.literal('.'),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    variables: z.record(z.string(), z.string()).optional(),
    files: z.record(z.string(), z.unknown()).optional(),
    volumes: z.record(z.string(), z.object({ source: z.string(), path: z.string().optional(), readOnly: z.boolean().optional() }).strict()).optional(),
    resources: z.object({ requests: resourceList.optional(), limits: resourceList.optional() }).strict(),
    livenessProbe: probe,
    readinessProbe: probe,
  }).strict()).refine((c) => Object.keys(c).length >= 1, 'at least one container'),
  resources: z.record(z.string(), z.object({
    type: z.string().min(2).max(63),
    class: z.string().optional(),
    id: z.string().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  }).strict()).optional(),
}).strict();
export type ScoreWorkload = z.infer<typeof scoreSchema>;
