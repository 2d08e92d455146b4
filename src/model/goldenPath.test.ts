import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSemver, isGoldenPath } from './goldenPath';
import { entityRelations } from './relations';
import { validateEntity } from './validateEntity';

const base = {
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'GoldenPath',
  metadata: { name: 'http-service', title: 'HTTP service' },
  spec: {
    owner: 'platform-team',
    version: '1.2.0',
    supportTier: 'supported',
    template: 'http-service',
    ci: { providers: ['github-actions'], pattern: 'build-test-scan-image' },
    standards: [{ id: 'has-owner', title: 'Has an owner', fix: 'Set spec.owner.', check: { type: 'ownerIsGroup' } }],
  },
};
type Spec = Record<string, unknown>;
const withSpec = (spec: Spec) => ({ ...base, spec: { ...base.spec, ...spec } });
const withCheck = (check: unknown) => withSpec({ standards: [{ id: 'x', title: 'X', check }] });

const VALID: Array<[string, unknown]> = [
  ['the base', base],
  ['without ci', { ...base, spec: { ...base.spec, ci: undefined } }],
  ['no standards', withSpec({ standards: [] })],
  ['prerelease version', withSpec({ version: '2.0.0-rc.1+build.5' })],
  ['community tier', withSpec({ supportTier: 'community' })],
  ['deprecated tier', withSpec({ supportTier: 'deprecated' })],
  ['fieldExists', withCheck({ type: 'fieldExists', path: 'spec.system' })],
  ['fieldEquals', withCheck({ type: 'fieldEquals', path: 'spec.type', value: 'worker' })],
  ['fieldMatches', withCheck({ type: 'fieldMatches', path: 'metadata.name', pattern: '^[a-z]+-svc$' })],
  ['fieldIn', withCheck({ type: 'fieldIn', path: 'spec.type', values: ['website', 'documentation'] })],
  ['annotationPresent', withCheck({ type: 'annotationPresent', annotation: 'paved.dev/golden-path-version' })],
  ['ownerIsGroup', withCheck({ type: 'ownerIsGroup' })],
  ['hasDocs', withCheck({ type: 'hasDocs' })],
  ['hasApiDefinition', withCheck({ type: 'hasApiDefinition' })],
  ['lifecycleIn', withCheck({ type: 'lifecycleIn', values: ['production'] })],
  ['relationCount min', withCheck({ type: 'relationCount', relation: 'partOf', min: 1 })],
  ['relationCount max', withCheck({ type: 'relationCount', relation: 'dependsOn', max: 10 })],
  ['fileExists', withCheck({ type: 'fileExists', path: '.github/workflows/ci.yml' })],
  ['expression', withCheck({ type: 'expression', expression: 'size(entity.metadata.description) >= 20' })],
];

test('valid golden paths are accepted', () => {
  for (const [name, input] of VALID) {
    const r = validateEntity(input);
    assert.ok(r.ok, `${name}: ${JSON.stringify(!r.ok && r.errors)}`);
    assert.ok(isGoldenPath(r.entity), name);
  }
});

// [case, input, error path, part of the message]
const INVALID: Array<[string, unknown, string, string]> = [
  ['missing owner', { ...base, spec: { ...base.spec, owner: undefined } }, 'spec.owner', 'expected a string, but found nothing'],
  ['empty owner', withSpec({ owner: '' }), 'spec.owner', 'expected a non-empty string, but found ""'],
  ['not semver', withSpec({ version: '1.2' }), 'spec.version', 'expected a semantic version such as 1.2.0, but found "1.2"'],
  ['v-prefixed version', withSpec({ version: 'v1.0.0' }), 'spec.version', 'semantic version'],
  ['numeric version', withSpec({ version: 1 }), 'spec.version', 'expected a string, but found a number (1)'],
  ['unknown tier', withSpec({ supportTier: 'gold' }), 'spec.supportTier', 'expected one of "supported", "community", "deprecated", but found "gold"'],
  ['missing template', { ...base, spec: { ...base.spec, template: undefined } }, 'spec.template', 'expected a string'],
  ['ci not an object', withSpec({ ci: 'github' }), 'spec.ci', 'expected an object'],
  ['standards not a list', withSpec({ standards: {} }), 'spec.standards', 'expected a array'],
  ['too many standards', withSpec({ standards: Array.from({ length: 51 }, (_, i) => ({ id: `s${i}`, title: 'T', check: { type: 'hasDocs' } })) }), 'spec.standards', 'at most 50 items'],
  ['duplicate ids', withSpec({ standards: [{ id: 'a', title: 'A', check: { type: 'hasDocs' } }, { id: 'a', title: 'B', check: { type: 'hasDocs' } }] }), 'spec.standards.1.id', 'expected a unique standard id, but found "a" twice'],
  ['bad id', withSpec({ standards: [{ id: 'Has Owner', title: 'A', check: { type: 'hasDocs' } }] }), 'spec.standards.0.id', 'lowercase words'],
  ['missing title', withSpec({ standards: [{ id: 'a', check: { type: 'hasDocs' } }] }), 'spec.standards.0.title', 'expected a string'],
  ['unknown check type', withCheck({ type: 'isAwesome' }), 'spec.standards.0.check.type', 'expected check.type to be one of fieldExists'],
  ['missing check', withSpec({ standards: [{ id: 'a', title: 'A' }] }), 'spec.standards.0.check', 'expected'],
  ['fieldExists without path', withCheck({ type: 'fieldExists' }), 'spec.standards.0.check.path', 'expected a string, but found nothing'],
  ['fieldEquals with an object', withCheck({ type: 'fieldEquals', path: 'spec.type', value: { a: 1 } }), 'spec.standards.0.check.value', 'expected a string, number or boolean'],
  ['fieldMatches bad regex', withCheck({ type: 'fieldMatches', path: 'metadata.name', pattern: '([a-z' }), 'spec.standards.0.check.pattern', 'expected an RE2 regular expression'],
  ['fieldIn empty', withCheck({ type: 'fieldIn', path: 'spec.type', values: [] }), 'spec.standards.0.check.values', 'at least 1 items'],
  ['annotationPresent typo', withCheck({ type: 'annotationPresent', anotation: 'x' }), 'spec.standards.0.check.annotation', 'expected a string'],
  ['ownerIsGroup extra key', withCheck({ type: 'ownerIsGroup', strict: true }), 'spec.standards.0.check', 'Unrecognized key'],
  ['lifecycleIn with a string', withCheck({ type: 'lifecycleIn', values: 'production' }), 'spec.standards.0.check.values', 'expected a array'],
  ['relationCount without bounds', withCheck({ type: 'relationCount', relation: 'partOf' }), 'spec.standards.0.check', 'expected min or max'],
  ['relationCount negative', withCheck({ type: 'relationCount', relation: 'partOf', min: -1 }), 'spec.standards.0.check.min', ''],
  ['fileExists escaping', withCheck({ type: 'fileExists', path: '../secrets' }), 'spec.standards.0.check.path', 'relative path inside the repository'],
  ['expression empty', withCheck({ type: 'expression', expression: '' }), 'spec.standards.0.check.expression', 'non-empty'],
  ['expression not CEL', withCheck({ type: 'expression', expression: '$length(metadata.description) >= 20' }), 'spec.standards.0.check.expression', 'invalid CEL expression'],
  ['wrong apiVersion', { ...base, apiVersion: 'backstage.io/v1alpha1' }, 'kind', 'No processor recognized the entity goldenpath:default/http-service'],
  ['bad metadata still reported', { ...base, metadata: { name: 'bad name' } }, 'metadata.name', 'but found "bad name"'],
];

test('invalid golden paths say where, what was expected and what was found', () => {
  for (const [name, input, path, message] of INVALID) {
    const r = validateEntity(input);
    assert.equal(r.ok, false, name);
    if (r.ok) continue;
    const e = r.errors.find((x) => x.path === path);
    assert.ok(e, `${name}: no error at ${path} in ${JSON.stringify(r.errors)}`);
    assert.ok(e.message.includes(message), `${name}: "${e.message}" should include "${message}"`);
  }
});

test('relations: ownedBy/ownerOf for the owner and usesTemplate/templateOf for the template', () => {
  const r = validateEntity(withSpec({ owner: 'group:default/Platform-Team', template: 'http-service' }));
  assert.ok(r.ok);
  const { relations, errors } = entityRelations(r.entity);
  assert.deepEqual(errors, []);
  assert.deepEqual(relations.map((x) => `${x.source} ${x.type} ${x.target}`), [
    'goldenpath:default/http-service ownedBy group:default/platform-team',
    'group:default/platform-team ownerOf goldenpath:default/http-service',
    'goldenpath:default/http-service usesTemplate template:default/http-service',
    'template:default/http-service templateOf goldenpath:default/http-service',
  ]);
  const bad = entityRelations({ ...r.entity, spec: { ...r.entity.spec, template: 'a:b:c/' } });
  assert.equal(bad.errors[0]?.path, 'spec.template');
});

test('compareSemver orders by precedence', () => {
  const CASES: Array<[string, string, number | undefined]> = [
    ['1.0.0', '1.0.0', 0], ['1.0.0', '1.1.0', -1], ['2.0.0', '1.9.9', 1], ['1.10.0', '1.9.0', 1],
    ['1.0.0-rc.1', '1.0.0', -1], ['1.0.0-alpha', '1.0.0-alpha.1', -1], ['1.0.0-alpha.2', '1.0.0-alpha.10', -1],
    ['1.0.0+b1', '1.0.0+b2', 0], ['1.0', '1.0.0', undefined],
  ];
  for (const [a, b, want] of CASES) assert.equal(compareSemver(a, b), want, `${a} vs ${b}`);
});
