import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entity } from './entity';
import { buildSearchRows, SearchKeyCaseError } from './searchRows';

const rows = (e: Entity): string[] => buildSearchRows(e).map((r) => `${r.key}=${r.value}`);

test('flattens with lowercased keys and values, array items twice, relations and specials', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'Svc', namespace: 'Default', uid: 'U1', etag: 'e', tags: ['Java', 'web', 'java'], annotations: { 'Example.com/X': 'Y' } },
    spec: { type: 'service', replicas: 3, public: true, nothing: null, owner: 'Team-A', list: [{ a: 1 }, { a: 2 }] },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
    status: { items: [] },
  };
  assert.deepEqual(rows(entity), [
    'apiversion=backstage.io/v1alpha1',
    'kind=component',
    'metadata.tags=java',
    'metadata.tags.java=true',
    'metadata.tags=web',
    'metadata.tags.web=true',
    'metadata.annotations.example.com/x=y',
    'spec.type=service',
    'spec.replicas=3',
    'spec.public=true',
    'spec.nothing=null',
    'spec.owner=team-a',
    'spec.list.a=1',
    'spec.list.a=2',
    'metadata.name=svc',
    'metadata.namespace=default',
    'metadata.uid=u1',
    'relations.ownedby=group:default/team-a',
  ]);
});

test('originalValue keeps the case as written', () => {
  const entity: Entity = { apiVersion: 'v1', kind: 'K', metadata: { name: 'N', namespace: 'default', title: 'Big Title' } };
  const title = buildSearchRows(entity).find((r) => r.key === 'metadata.title');
  assert.deepEqual(title, { key: 'metadata.title', value: 'big title', originalValue: 'Big Title' });
  assert.deepEqual(buildSearchRows(entity).find((r) => r.key === 'metadata.uid'), { key: 'metadata.uid', value: null, originalValue: null });
});

test('a missing namespace also matches default; long values are null, long keys dropped', () => {
  const long = 'x'.repeat(201);
  const entity: Entity = { apiVersion: 'v1', kind: 'K', metadata: { name: 'n', description: long, [long]: 'v', ok: 'y'.repeat(200) } };
  const r = rows(entity);
  assert.ok(r.includes('metadata.description=null'));
  assert.ok(r.includes(`metadata.ok=${'y'.repeat(200)}`));
  assert.ok(!r.some((x) => x.includes(long)));
  assert.deepEqual(r.filter((x) => x.startsWith('metadata.namespace')), ['metadata.namespace=null', 'metadata.namespace=default']);
  assert.ok(r.includes('metadata.uid=null'));
});

test('keys that differ only in case are rejected', () => {
  const entity: Entity = { apiVersion: 'v1', kind: 'K', metadata: { name: 'n' }, spec: { foo: 1, Foo: 2 } };
  assert.throws(() => buildSearchRows(entity), (e: unknown) => e instanceof SearchKeyCaseError && /duplicate keys that vary only in casing, 'spec.foo'/.test(e.message));
});
