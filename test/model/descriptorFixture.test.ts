// Descriptor parsing on a fixture file: a broken document between two valid ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDescriptor, validateEntity } from '../../src/model';

test('multi-document files keep valid neighbours of a broken document', () => {
  const text = readFileSync(new URL('./fixtures/org.yaml', import.meta.url), 'utf8');
  const { documents, errors } = parseDescriptor(text, { file: 'org.yaml' });
  assert.deepEqual(documents.map((d) => d.index), [0, 2]);
  assert.deepEqual(documents.map((d) => d.line), [2, 19]);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.document, 1);
  assert.equal(errors[0]?.file, 'org.yaml');
  assert.ok((errors[0]?.line ?? 0) >= 11, `line ${errors[0]?.line}`);
  assert.deepEqual((documents[1]?.value as { spec: unknown }).spec, { targets: ['./a.yaml', './b.yaml'] });
  assert.equal(documents[1]?.lineOf(['spec', 'targets', 1]), 26);
  assert.equal(documents[1]?.lineOf(['spec', 'targets']), 24);
  assert.equal(documents[0]?.lineOf(['metadata', 'name']), 5);
  assert.equal(documents[0]?.lineOf(['metadata', 'nope', 'deeper']), 4);
  assert.equal(documents[0]?.lineOf([]), 2);
  assert.match(documents[1]?.text ?? '', /^---\napiVersion/);
});

test('fixture documents validate, with errors mapped to lines', () => {
  const text = readFileSync(new URL('./fixtures/org.yaml', import.meta.url), 'utf8');
  const { documents } = parseDescriptor(text, { file: 'org.yaml' });
  assert.deepEqual(documents.map((d) => validateEntity(d.value).ok), [true, true]);
  const group = documents[0];
  const bad = validateEntity({ ...(group?.value as object), spec: { type: 'team' } });
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.errors[0]?.path, 'spec.children');
  assert.equal(group?.lineOf(['spec', 'children']), 9);
  assert.equal(group?.lineOf(['spec', 'owner']), 7, 'a missing field points at its parent key');
});
