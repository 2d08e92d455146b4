// The kind registry: which (apiVersion, kind) pairs the catalog accepts, the zod schema of each
// kind's `spec` (mirroring Backstage's kinds/*.schema.json and scaffolder's Template.v1beta3
// schema), and the spec fields that produce relations. Paved adds kinds by passing
// `[...KIND_SCHEMAS, myKind]` as the `kinds` option of validateEntity() and entityRelations() —
// a value, not global state, so tests and tenants never see each other's kinds.
import { z } from 'zod';
import { GOLDEN_PATH_KIND_SCHEMA } from './goldenPath';
import { SCORECARD_KIND_SCHEMA } from './scorecard';

/** Paved's bounds on spec values (Backstage has none; descriptors are size-limited anyway). */
export const SPEC_LIMITS = {
  /** Reference-like and short strings (owner, type, system, …). */
  shortString: 4096,
  /** Long text such as an API definition. */
  text: 16 * 1024 * 1024,
  /** Items in any spec list. */
  items: 10_000,
} as const;

/** A spec field whose value (string or list of strings) names related entities. */
export type RelationField = {
  /** Field under `spec`, e.g. `owner`. */
  field: string;
  /** Relation from this entity to the target, e.g. `ownedBy`. */
  type: string;
  /** Relation from the target back to this entity, e.g. `ownerOf`. */
  inverse: string;
  /** Kind assumed when the ref names none; without one, a bare name is an error. */
  defaultKind?: string;
};

/** One kind the catalog accepts. `schema` validates `entity.spec` (`undefined` when absent). */
export type KindSchema = {
  apiVersions: readonly string[];
  kind: string;
  schema: z.ZodType;
  relations?: readonly RelationField[];
};

const str = z.string().min(1).max(SPEC_LIMITS.shortString);
const text = z.string().min(1).max(SPEC_LIMITS.text);
const anyStr = z.string().max(SPEC_LIMITS.text);
const strList = z.array(str).max(SPEC_LIMITS.items);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(SPEC_LIMITS.items);
const stringOrBoolean = z.union([anyStr, z.boolean()], { error: 'expected a string or a boolean' });
const permissions = z.looseObject({ tags: list(anyStr).optional() }).optional();
const profile = z.looseObject({ displayName: str.optional(), email: str.optional(), picture: str.optional() }).optional();

const BACKSTAGE = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;

const owner = (): RelationField => ({ field: 'owner', type: 'ownedBy', inverse: 'ownerOf', defaultKind: 'Group' });
const partOf = (field: string, defaultKind: string): RelationField => ({ field, type: 'partOf', inverse: 'hasPart', defaultKind });
const dependencies: RelationField[] = [
  { field: 'dependsOn', type: 'dependsOn', inverse: 'dependencyOf' },
  { field: 'dependencyOf', type: 'dependencyOf', inverse: 'dependsOn' },
];

const component: KindSchema = {
  apiVersions: BACKSTAGE,
  kind: 'Component',
  schema: z.looseObject({
    type: str,
    lifecycle: str,
    owner: str,
    system: str.optional(),
    subcomponentOf: str.optional(),
    providesApis: strList.optional(),
    consumesApis: strList.optional(),
    dependsOn: strList.optional(),
  }),
  relations: [
    owner(),
    partOf('subcomponentOf', 'Component'),
    { field: 'providesApis', type: 'providesApi', inverse: 'apiProvidedBy', defaultKind: 'API' },
    { field: 'consumesApis', type: 'consumesApi', inverse: 'apiConsumedBy', defaultKind: 'API' },
    ...dependencies,
    partOf('system', 'System'),
  ],
};

const api: KindSchema = {
  apiVersions: BACKSTAGE,
  kind: 'API',
  schema: z.looseObject({ type: str, lifecycle: str, owner: str, system: str.optional(), definition: text }),
  relations: [owner(), partOf('system', 'System')],
};

const resource: KindSchema = {
  apiVersions: BACKSTAGE,
  kind: 'Resource',
  schema: z.looseObject({ type: str, owner: str, dependsOn: strList.optional(), system: str.optional() }),
  relations: [owner(), ...dependencies, partOf('system', 'System')],
};

const system: KindSchema = {
  apiVersions: BACKSTAGE,
  kind: 'System',
  schema: z.looseObject({ owner: str, domain: str.optional(), type: str.optional() }),
  relations: [owner(), partOf('domain', 'Domain')],
};

const domain: KindSchema = {
  apiVersions: BACKSTAGE,
  kind: 'Domain',
  schema: z.looseObject({ owner: str, subdomainOf: str.optional(), type: str.optional() }),
  relations: [owner(), partOf('subdomainOf', 'Domain')],
};

const group: KindSchema = {
  apiVersions: BACKSTAGE,
  kind: 'Group',
  schema: z.looseObject({ type: str, profile, parent: str.optional(), children: strList, members: strList.optional() }),
  relations: [
    { field: 'parent', type: 'childOf', inverse: 'parentOf', defaultKind: 'Group' },
    { field: 'children', type: 'parentOf', inverse: 'childOf', defaultKind: 'Group' },
    { field: 'members', type: 'hasMember', inverse: 'memberOf', defaultKind: 'User' },
  ],
};

const user: KindSchema = {
  apiVersions: BACKSTAGE,
  kind: 'User',
  schema: z.looseObject({ profile, memberOf: strList }),
  relations: [{ field: 'memberOf', type: 'memberOf', inverse: 'hasMember', defaultKind: 'Group' }],
};

const location: KindSchema = {
  apiVersions: BACKSTAGE,
  kind: 'Location',
  schema: z.looseObject({
    type: str.optional(),
    target: str.optional(),
    targets: strList.optional(),
    presence: z.enum(['required', 'optional']).optional(),
  }),
};

const jsonObject = z.record(z.string(), z.unknown());
const templateStep = z.looseObject({
  id: anyStr.optional(),
  name: anyStr.optional(),
  action: anyStr,
  input: jsonObject.optional(),
  if: stringOrBoolean.optional(),
  'backstage:permissions': permissions,
});
const parameterPage = z.looseObject({ when: stringOrBoolean.optional(), 'backstage:permissions': permissions });
const outputLink = z.looseObject({
  if: stringOrBoolean.optional(),
  url: str.optional(),
  entityRef: str.optional(),
  title: str.optional(),
  icon: str.optional(),
});
const outputText = z.looseObject({
  if: stringOrBoolean.optional(),
  title: str.optional(),
  icon: str.optional(),
  content: anyStr.optional(),
});
const formDecorators = list(z.looseObject({ id: anyStr.optional(), input: jsonObject.optional() })).optional();

const template: KindSchema = {
  apiVersions: ['scaffolder.backstage.io/v1beta3'],
  kind: 'Template',
  schema: z.looseObject({
    type: str,
    owner: str.optional(),
    lifecycle: str.optional(),
    parameters: z
      .union([z.looseObject({ 'backstage:permissions': permissions }), list(parameterPage)], {
        error: 'expected an object (one form page) or an array of objects (several pages)',
      })
      .optional(),
    secrets: z.looseObject({ schema: jsonObject.optional() }).optional(),
    presentation: z
      .looseObject({
        buttonLabels: z
          .looseObject({
            backButtonText: anyStr.optional(),
            createButtonText: anyStr.optional(),
            reviewButtonText: anyStr.optional(),
          })
          .optional(),
      })
      .optional(),
    EXPERIMENTAL_recovery: z.looseObject({ EXPERIMENTAL_strategy: anyStr.optional() }).optional(),
    formDecorators,
    EXPERIMENTAL_formDecorators: formDecorators,
    steps: list(templateStep),
    output: z
      .object({ links: list(outputLink).optional(), text: list(outputText).optional() })
      .catchall(anyStr)
      .optional(),
  }),
  relations: [owner()],
};

/**
 * The built-in kinds: Backstage's eight (v1alpha1 and v1beta1), the scaffolder's Template v1beta3 and
 * Paved's GoldenPath (paved.dev/v1alpha1, ADR 0016).
 */
export const KIND_SCHEMAS: readonly KindSchema[] = [component, api, resource, system, domain, group, user, location, template, GOLDEN_PATH_KIND_SCHEMA, SCORECARD_KIND_SCHEMA];

/** The schema registered for exactly this apiVersion and kind (both case-sensitive), if any. */
export function findKindSchema(
  apiVersion: string,
  kind: string,
  kinds: readonly KindSchema[] = KIND_SCHEMAS,
): KindSchema | undefined {
  return kinds.find((k) => k.kind === kind && k.apiVersions.includes(apiVersion));
}
