import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { formatFieldError } from './formatError';
import { KIND_SCHEMAS, type KindSchema } from './kinds';
import { validateEntity } from './validateEntity';

const component = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'svc' }, spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } };

test('success returns a normalised copy with the default namespace', () => {
  const r = validateEntity(component);
  assert.ok(r.ok);
  assert.equal(r.entity.metadata.namespace, 'default');
  assert.equal((component.metadata as { namespace?: string }).namespace, undefined, 'input untouched');
});

const MESSAGES: Array<[unknown, string, string]> = [
  [{ ...component, metadata: { name: 'x y' } }, 'metadata.name', 'expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total, but found "x y"'],
  [{ ...component, metadata: { name: 'a', namespace: 'Upper' } }, 'metadata.namespace', 'expected a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total, but found "Upper"'],
  [{ ...component, spec: { type: 'service', lifecycle: 'production' } }, 'spec.owner', 'expected a string, but found nothing'],
  [{ ...component, spec: { ...component.spec, owner: '' } }, 'spec.owner', 'expected a non-empty string, but found ""'],
  [{ ...component, metadata: { name: 'a', annotations: { 'a/b/c': 'x' } } }, 'metadata.annotations.a/b/c', 'invalid key; expected'],
  [{ ...component, metadata: { name: 'a', tags: ['Java'] } }, 'metadata.tags.0', 'but found "Java"'],
  [{ ...component, metadata: { name: 'a', links: [{ url: 'nope' }] } }, 'metadata.links.0.url', 'a valid absolute URL, but found "nope"'],
  [{ ...component, relations: [] }, 'relations', 'unknown root field (it is produced by the catalog'],
  [{ ...component, kind: 'Widget' }, 'kind', 'No processor recognized the entity widget:default/svc as valid, possibly caused by a foreign kind or apiVersion'],
  [[component], '', 'expected an object (an entity), but found an array'],
];

test('messages say where, what was expected and what was found', () => {
  for (const [input, path, message] of MESSAGES) {
    const r = validateEntity(input);
    assert.equal(r.ok, false, path);
    if (r.ok) continue;
    const e = r.errors.find((x) => x.path === path);
    assert.ok(e, `${path} in ${JSON.stringify(r.errors)}`);
    assert.ok(e.message.includes(message), `${e.message} should include ${message}`);
  }
});

test('all problems are reported at once', () => {
  const r = validateEntity({ apiVersion: 'x/y/z', kind: '1', metadata: { name: '-', tags: 'x' }, extra: 1 });
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.errors.map((e) => e.path).sort(), ['apiVersion', 'extra', 'kind', 'metadata.name', 'metadata.tags']);
});

test('Paved can add kinds through the kinds option', () => {
  const scorecard: KindSchema = { apiVersions: ['paved.dev/v1'], kind: 'Scorecard', schema: z.looseObject({ rules: z.array(z.string().max(100)).max(50) }) };
  const entity = { apiVersion: 'paved.dev/v1', kind: 'Scorecard', metadata: { name: 's' }, spec: { rules: ['a'] } };
  assert.equal(validateEntity(entity).ok, false);
  assert.equal(validateEntity(entity, { kinds: [...KIND_SCHEMAS, scorecard] }).ok, true);
  const bad = validateEntity({ ...entity, spec: { rules: [1] } }, { kinds: [...KIND_SCHEMAS, scorecard] });
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.errors[0]?.path, 'spec.rules.0');
});

test('spec values are bounded', () => {
  const r = validateEntity({ ...component, spec: { ...component.spec, owner: 'x'.repeat(5000) } });
  assert.equal(r.ok, false);
});

test('formatFieldError gives file:line: path: message', () => {
  assert.equal(formatFieldError('catalog-info.yaml', 4, { path: 'metadata.name', message: 'bad' }), 'catalog-info.yaml:4: metadata.name: bad');
  assert.equal(formatFieldError('f.yaml', undefined, { path: '', message: 'bad' }), 'f.yaml: bad');
});
