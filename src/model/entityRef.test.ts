import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as backstage from '@backstage/catalog-model';
import { entityRefOf, parseEntityRef, parseLocationRef, stringifyEntityRef, stringifyLocationRef } from './entityRef';

const PARSE: Array<[string, { defaultKind?: string; defaultNamespace?: string } | undefined, string]> = [
  ['component:default/svc', undefined, 'component/default/svc'],
  ['Component:NS/Svc', undefined, 'Component/NS/Svc'],
  ['component:svc', undefined, 'component/default/svc'],
  ['svc', { defaultKind: 'Group' }, 'Group/default/svc'],
  ['ns/svc', { defaultKind: 'Group' }, 'Group/ns/svc'],
  ['svc', { defaultKind: 'Group', defaultNamespace: 'team' }, 'Group/team/svc'],
  ['ns/na:me', { defaultKind: 'X' }, 'X/ns/na:me'],
  ['k:ns/a/b', undefined, 'k/ns/a/b'],
  ['k:a:b', undefined, 'k/default/a:b'],
  ['svc', { defaultKind: 'Group', defaultNamespace: '' }, 'Group/default/svc'],
];

test('parseEntityRef splits like Backstage', () => {
  for (const [ref, ctx, expected] of PARSE) {
    const r = parseEntityRef(ref, ctx);
    assert.equal(`${r.kind}/${r.namespace}/${r.name}`, expected, ref);
    assert.deepEqual(r, backstage.parseEntityRef(ref, ctx), ref);
  }
});

test('parseEntityRef throws Backstage messages as TypeError', () => {
  const bad: Array<[string | { name: string; kind?: string; namespace?: string }, { defaultKind?: string } | undefined]> = [
    [':svc', undefined], ['k:/svc', undefined], ['k:ns/', undefined], ['/svc', { defaultKind: 'X' }], ['svc', undefined],
    ['ns/svc', undefined], [{ name: 'x' }, undefined], [{ name: '', kind: 'k' }, undefined], [{ name: 'x', kind: 'k', namespace: '' }, undefined], ['', undefined],
  ];
  for (const [ref, ctx] of bad) {
    let expected = '';
    try {
      backstage.parseEntityRef(ref, ctx);
    } catch (e) {
      expected = (e as Error).message;
    }
    assert.ok(expected, `Backstage rejects ${JSON.stringify(ref)}`);
    assert.throws(() => parseEntityRef(ref, ctx), (e: unknown) => e instanceof TypeError && e.message === expected);
  }
  assert.throws(() => parseEntityRef('svc'), /had missing or empty kind \(e\.g\. did not start with "component:" or similar\)/);
  assert.throws(() => parseEntityRef('k:/x'), /was not on the form \[<kind>:\]\[<namespace>\/\]<name>/);
});

test('stringifyEntityRef lowercases and defaults the namespace', () => {
  assert.equal(stringifyEntityRef({ kind: 'Component', namespace: 'NS', name: 'Svc' }), 'component:ns/svc');
  const entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'Team-A' } };
  assert.equal(stringifyEntityRef(entity), 'group:default/team-a');
  assert.equal(entityRefOf(entity), 'group:default/team-a');
});

test('location refs keep colons in the target', () => {
  assert.deepEqual(parseLocationRef('url:https://x.y/a:b'), { type: 'url', target: 'https://x.y/a:b' });
  assert.deepEqual(parseLocationRef('file: /a/b.yaml '), { type: 'file', target: '/a/b.yaml' });
  assert.equal(stringifyLocationRef({ type: 'url', target: 'https://x/y' }), 'url:https://x/y');
  for (const bad of ['nocolon', ':x', 'url:', 'https://x.y', 'url:javascript:alert(1)', 'url: \tjava\nscript:x']) {
    assert.throws(() => parseLocationRef(bad), TypeError, bad);
    assert.throws(() => backstage.parseLocationRef(bad), TypeError, `Backstage also rejects ${bad}`);
  }
  assert.throws(() => stringifyLocationRef({ type: '', target: 'x' }), /empty type/);
  assert.throws(() => stringifyLocationRef({ type: 'url', target: '' }), /empty target/);
});
