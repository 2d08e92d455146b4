// The five shipped golden paths (examples/golden-paths) validate as GoldenPath entities, and a broken
// one is reported with its field path and descriptor line.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDescriptor, validateEntity } from '../../src/model';

test('the shipped golden paths validate, and errors carry the descriptor line', () => {
  const dir = join(import.meta.dirname, '../../examples/golden-paths');
  const names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  assert.equal(names.length, 5);
  for (const name of names) {
    const file = join(dir, name, 'golden-path.yaml');
    const [doc] = parseDescriptor(readFileSync(file, 'utf8'), { file }).documents;
    const r = validateEntity(doc?.value);
    assert.ok(r.ok, `${name}: ${JSON.stringify(!r.ok && r.errors)}`);
    assert.equal(r.entity.spec?.version, '1.0.0');
  }
  const yaml = 'apiVersion: paved.dev/v1alpha1\nkind: GoldenPath\nmetadata:\n  name: p\nspec:\n  owner: a\n  version: "1"\n  supportTier: supported\n  template: t\n  standards: []\n';
  const parsed = parseDescriptor(yaml, { file: 'golden-path.yaml' });
  const doc = parsed.documents[0];
  assert.ok(doc);
  const r = validateEntity(doc.value);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.errors[0]?.path, 'spec.version');
    assert.equal(doc.lineOf(['spec', 'version']), 7);
  }
});

