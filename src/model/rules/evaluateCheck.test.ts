import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entity } from '../entity';
import { checkSchema, type Check } from './checkSchema';
import { compileCheck, FACT_REPOSITORY_FILES, valueAt, type CheckStatus, type CheckSubject } from './evaluateCheck';

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    description: 'Takes payments from the shop',
    annotations: { 'backstage.io/techdocs-ref': 'dir:.', 'pagerduty.com/service-id': 'P123' },
    labels: { tier: '1' },
    tags: ['java', 'payments'],
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments', replicas: 3 },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-payments' },
    { type: 'partOf', targetRef: 'system:default/shop' },
    { type: 'providesApi', targetRef: 'api:default/payments' },
    { type: 'dependsOn', targetRef: 'resource:default/db' },
    { type: 'dependsOn', targetRef: 'component:default/ledger' },
  ],
};
const bare: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'bare' }, spec: { type: 'service', owner: 'jane' } };
const api: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: 'payments' }, spec: { type: 'openapi', lifecycle: 'production', owner: 'team-payments', definition: 'openapi: 3.0.0' } };

const withFacts: CheckSubject = {
  entity: service, ownerKind: 'group',
  facts: { [FACT_REPOSITORY_FILES]: { value: ['README.md', 'Dockerfile', '.github/workflows/ci.yml'] }, coverage: { value: 84.5 }, 'ci.passing': { value: true } },
};

/** [what, check, subject, expected status, a fragment of the message] */
const cases: Array<[string, Check, CheckSubject, CheckStatus, string]> = [
  ['fieldExists set', { type: 'fieldExists', path: 'metadata.description' }, withFacts, 'pass', 'is set'],
  ['fieldExists missing', { type: 'fieldExists', path: 'metadata.description' }, { entity: bare }, 'fail', 'metadata.description is missing'],
  ['fieldExists empty list', { type: 'fieldExists', path: 'metadata.tags' }, { entity: { ...bare, metadata: { ...bare.metadata, tags: [] } } }, 'fail', 'missing'],
  ['fieldExists dotted key', { type: 'fieldExists', path: 'metadata.annotations.pagerduty.com/service-id' }, withFacts, 'pass', 'is set'],
  ['fieldEquals', { type: 'fieldEquals', path: 'spec.type', value: 'service' }, withFacts, 'pass', 'spec.type is "service"'],
  ['fieldEquals number', { type: 'fieldEquals', path: 'spec.replicas', value: 3 }, withFacts, 'pass', '3'],
  ['fieldEquals differs', { type: 'fieldEquals', path: 'spec.type', value: 'website' }, withFacts, 'fail', 'expected spec.type to be "website", but found "service"'],
  ['fieldMatches', { type: 'fieldMatches', path: 'metadata.name', pattern: '^[a-z]+-api$' }, withFacts, 'pass', 'matches'],
  ['fieldMatches no', { type: 'fieldMatches', path: 'metadata.name', pattern: '^svc-' }, withFacts, 'fail', 'expected metadata.name to match ^svc-'],
  ['fieldMatches not a string', { type: 'fieldMatches', path: 'spec.replicas', pattern: '^3$' }, withFacts, 'fail', 'to be a string'],
  ['fieldIn', { type: 'fieldIn', path: 'metadata.labels.tier', values: ['1', '2'] }, withFacts, 'pass', '"1"'],
  ['fieldIn absent', { type: 'fieldIn', path: 'metadata.labels.tier', values: ['1', '2'] }, { entity: bare }, 'fail', 'but found nothing'],
  ['annotationPresent', { type: 'annotationPresent', annotation: 'pagerduty.com/service-id' }, withFacts, 'pass', 'is set'],
  ['annotationPresent missing', { type: 'annotationPresent', annotation: 'pagerduty.com/service-id' }, { entity: bare }, 'fail', 'annotation pagerduty.com/service-id is missing'],
  ['ownerIsGroup', { type: 'ownerIsGroup' }, withFacts, 'pass', 'owned by the group team-payments'],
  ['ownerIsGroup user', { type: 'ownerIsGroup' }, { entity: bare, ownerKind: 'user' }, 'fail', 'expected the owner to be a Group, but jane is a user'],
  ['ownerIsGroup dangling', { type: 'ownerIsGroup' }, { entity: bare, ownerKind: null }, 'fail', 'not in the catalog'],
  ['ownerIsGroup unresolved', { type: 'ownerIsGroup' }, { entity: bare }, 'error', 'was not resolved'],
  ['hasDocs', { type: 'hasDocs' }, withFacts, 'pass', 'publishes docs'],
  ['hasDocs no', { type: 'hasDocs' }, { entity: bare }, 'fail', 'backstage.io/techdocs-ref is missing'],
  ['hasApiDefinition component', { type: 'hasApiDefinition' }, withFacts, 'pass', 'provides an API'],
  ['hasApiDefinition api', { type: 'hasApiDefinition' }, { entity: api }, 'pass', 'has an API definition'],
  ['hasApiDefinition empty api', { type: 'hasApiDefinition' }, { entity: { ...api, spec: { ...api.spec, definition: ' ' } } }, 'fail', 'spec.definition is empty'],
  ['lifecycleIn', { type: 'lifecycleIn', values: ['production', 'experimental'] }, withFacts, 'pass', 'production'],
  ['lifecycleIn none', { type: 'lifecycleIn', values: ['production'] }, { entity: bare }, 'fail', 'but found nothing'],
  ['relationCount min', { type: 'relationCount', relation: 'dependsOn', min: 1 }, withFacts, 'pass', '2 dependsOn'],
  ['relationCount max', { type: 'relationCount', relation: 'dependsOn', max: 1 }, withFacts, 'fail', 'expected at most 1 dependsOn relations, but found 2'],
  ['relationCount case', { type: 'relationCount', relation: 'partof', min: 1 }, withFacts, 'pass', '1 partof'],
  ['fileExists', { type: 'fileExists', path: 'Dockerfile' }, withFacts, 'pass', 'Dockerfile exists'],
  ['fileExists missing', { type: 'fileExists', path: 'CODEOWNERS' }, withFacts, 'fail', 'CODEOWNERS is missing from the repository'],
  ['fileExists unknown', { type: 'fileExists', path: 'CODEOWNERS' }, { entity: bare }, 'fail', 'no repository contents are known'],
  ['expression', { type: 'expression', expression: '"java" in entity.metadata.tags && entity.spec.replicas >= 2' }, withFacts, 'pass', 'is true'],
  ['expression facts', { type: 'expression', expression: 'facts.coverage >= 80.0 && facts["ci.passing"]' }, withFacts, 'pass', 'is true'],
  ['expression false', { type: 'expression', expression: 'size(entity.relations.filter(r, r.type == "dependsOn")) > 5' }, withFacts, 'fail', 'is false'],
  ['expression missing field', { type: 'expression', expression: 'entity.metadata.description != ""' }, { entity: bare }, 'error', 'field not found: description'],
  ['expression not boolean', { type: 'expression', expression: 'entity.metadata.name' }, withFacts, 'error', 'expected the expression to give true or false, but it gave "payments-api"'],
  ['expression divide by zero', { type: 'expression', expression: '1 / 0 == 1' }, withFacts, 'error', 'divide by zero'],
];

describe('rule checks', () => {
  for (const [what, check, subject, status, fragment] of cases) {
    it(what, () => {
      assert.ok(checkSchema.safeParse(check).success, `the case's check must itself be valid: ${JSON.stringify(check)}`);
      const r = compileCheck(check)(subject);
      assert.equal(r.status, status, `${r.status}: ${r.message}`);
      assert.ok(r.message.includes(fragment), `"${r.message}" should include "${fragment}"`);
    });
  }

  it('covers every check type', () => {
    const types = new Set(cases.map(([, c]) => c.type));
    for (const t of checkSchema.options.map((o) => o.shape.type.value)) assert.ok(types.has(t), t);
  });

  it('reads dotted annotation keys by the longest key that exists', () => {
    assert.equal(valueAt(service, 'metadata.annotations.backstage.io/techdocs-ref'), 'dir:.');
    assert.equal(valueAt(service, 'metadata.annotations.backstage'), undefined);
    assert.equal(valueAt(service, 'spec.replicas.x'), undefined);
  });
});

describe('check validation', () => {
  const message = (check: unknown) => {
    const r = checkSchema.safeParse(check);
    return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };
  it('rejects an expression that is not CEL, saying where', () => {
    assert.match(message({ type: 'expression', expression: 'entity.metadata.name +' }), /^expression: invalid CEL expression: at 1:22: found \+/);
  });
  it('rejects a pattern RE2 cannot run (backreferences, lookahead)', () => {
    assert.match(message({ type: 'fieldMatches', path: 'metadata.name', pattern: '(a)\\1' }), /^pattern: expected an RE2 regular expression/);
    assert.match(message({ type: 'fieldMatches', path: 'metadata.name', pattern: '(?=a)' }), /^pattern: expected an RE2 regular expression/);
  });
  it('rejects an unknown check type with the list of known ones', () => {
    assert.match(message({ type: 'fileIsGreen' }), /expected check.type to be one of fieldExists, /);
  });
  it('bounds expressions and lists', () => {
    assert.match(message({ type: 'expression', expression: `${'true && '.repeat(600)}true` }), /at most 4096/);
    assert.match(message({ type: 'fieldIn', path: 'spec.type', values: Array.from({ length: 101 }, (_, i) => String(i)) }), /too_big|at most|<=100/i);
  });
});

describe('untrusted expressions', () => {
  const run = (expression: string, entity: Entity = service) => compileCheck({ type: 'expression', expression })({ entity });
  it('cannot reach JavaScript', () => {
    for (const e of ['entity.constructor == null', 'entity["constructor"]["constructor"]("return process")() == 1', 'process.exit(1) == 1', 'globalThis == null', 'entity.__proto__ == null']) {
      const r = run(e);
      assert.notEqual(r.status, 'pass', `${e}: ${r.message}`);
    }
  });
  it('matches a catastrophic pattern in linear time (RE2)', () => {
    const long: Entity = { ...service, metadata: { ...service.metadata, description: `${'a'.repeat(5000)}!` } };
    const started = performance.now();
    assert.equal(run('entity.metadata.description.matches("^(a+)+$")', long).status, 'fail');
    const check = compileCheck({ type: 'fieldMatches', path: 'metadata.description', pattern: '^(a|aa)+$' });
    assert.equal(check({ entity: long }).status, 'fail');
    // A backtracking engine takes longer than the age of the universe here; RE2 takes milliseconds.
    assert.ok(performance.now() - started < 5000);
  });
});
