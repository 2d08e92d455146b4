import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entity } from './entity';
import { entityRelations, type RelationTriple } from './relations';

const entity = (kind: string, spec: Record<string, unknown>, namespace = 'default', apiVersion = 'backstage.io/v1alpha1'): Entity => ({
  apiVersion,
  kind,
  metadata: { name: 'self', namespace },
  spec: spec as Entity['spec'],
});

// Every row of the relation table (reference §1.5): field, default target kind, relation, inverse.
const TABLE: Array<[kind: string, field: string, value: string | string[], target: string, type: string, inverse: string]> = [
  ['Component', 'owner', 'team-a', 'group:default/team-a', 'ownedBy', 'ownerOf'],
  ['API', 'owner', 'team-a', 'group:default/team-a', 'ownedBy', 'ownerOf'],
  ['Resource', 'owner', 'team-a', 'group:default/team-a', 'ownedBy', 'ownerOf'],
  ['System', 'owner', 'team-a', 'group:default/team-a', 'ownedBy', 'ownerOf'],
  ['Domain', 'owner', 'team-a', 'group:default/team-a', 'ownedBy', 'ownerOf'],
  ['Template', 'owner', 'team-a', 'group:default/team-a', 'ownedBy', 'ownerOf'],
  ['Component', 'owner', 'user:jdoe', 'user:default/jdoe', 'ownedBy', 'ownerOf'],
  ['Component', 'system', 'shop', 'system:default/shop', 'partOf', 'hasPart'],
  ['API', 'system', 'shop', 'system:default/shop', 'partOf', 'hasPart'],
  ['Resource', 'system', 'shop', 'system:default/shop', 'partOf', 'hasPart'],
  ['Component', 'subcomponentOf', 'big', 'component:default/big', 'partOf', 'hasPart'],
  ['System', 'domain', 'commerce', 'domain:default/commerce', 'partOf', 'hasPart'],
  ['Domain', 'subdomainOf', 'top', 'domain:default/top', 'partOf', 'hasPart'],
  ['Component', 'providesApis', ['petstore'], 'api:default/petstore', 'providesApi', 'apiProvidedBy'],
  ['Component', 'consumesApis', ['petstore'], 'api:default/petstore', 'consumesApi', 'apiConsumedBy'],
  ['Component', 'dependsOn', ['resource:db'], 'resource:default/db', 'dependsOn', 'dependencyOf'],
  ['Resource', 'dependsOn', ['component:svc'], 'component:default/svc', 'dependsOn', 'dependencyOf'],
  ['Component', 'dependencyOf', ['component:app'], 'component:default/app', 'dependencyOf', 'dependsOn'],
  ['Resource', 'dependencyOf', ['component:app'], 'component:default/app', 'dependencyOf', 'dependsOn'],
  ['User', 'memberOf', ['team-a'], 'group:default/team-a', 'memberOf', 'hasMember'],
  ['Group', 'parent', 'org', 'group:default/org', 'childOf', 'parentOf'],
  ['Group', 'children', ['sub'], 'group:default/sub', 'parentOf', 'childOf'],
  ['Group', 'members', ['jdoe'], 'user:default/jdoe', 'hasMember', 'memberOf'],
];

test('every row of the relation table emits the relation and its inverse', () => {
  for (const [kind, field, value, target, type, inverse] of TABLE) {
    const apiVersion = kind === 'Template' ? 'scaffolder.backstage.io/v1beta3' : 'backstage.io/v1alpha1';
    const self = `${kind.toLowerCase()}:default/self`;
    const { relations, errors } = entityRelations(entity(kind, { [field]: value }, 'default', apiVersion));
    assert.deepEqual(errors, [], `${kind}.${field}`);
    const expected: RelationTriple[] = [
      { source: self, type, target },
      { source: target, type: inverse, target: self },
    ];
    assert.deepEqual(relations, expected, `${kind}.${field}`);
  }
});

test('targets default to the entity namespace and are lowercased', () => {
  const { relations } = entityRelations(entity('Component', { owner: 'Team-A', system: 'other/Shop' }, 'Payments'));
  assert.deepEqual(relations.map((r) => `${r.source} ${r.type} ${r.target}`), [
    'component:payments/self ownedBy group:payments/team-a',
    'group:payments/team-a ownerOf component:payments/self',
    'component:payments/self partOf system:other/shop',
    'system:other/shop hasPart component:payments/self',
  ]);
});

test('dependsOn has no default kind: a bare name is an error, the rest still emit', () => {
  const { relations, errors } = entityRelations(entity('Component', { owner: 'a', dependsOn: ['db', 'resource:db'] }));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.path, 'spec.dependsOn.0');
  assert.match(errors[0]?.message ?? '', /had missing or empty kind/);
  assert.equal(relations.length, 4);
});

test('duplicates collapse, empty values are skipped, unknown kinds emit nothing', () => {
  const { relations } = entityRelations(entity('Component', { owner: 'a', providesApis: ['x', 'X', 'api:default/x'], system: '' }));
  assert.equal(relations.length, 4);
  assert.deepEqual(entityRelations(entity('Location', { target: 'x' })).relations, []);
  assert.deepEqual(entityRelations(entity('Widget', { owner: 'a' })).relations, []);
  const bad = entityRelations(entity('Component', { owner: 'a', dependencyOf: [5] }));
  assert.equal(bad.errors[0]?.path, 'spec.dependencyOf.0');
});
