import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { recordingCatalog, testDeps } from './engineTestKit';
import { createScaffolderEngine } from './scaffolderEngine';

const engine = createScaffolderEngine(testDeps('/nonexistent-data-dir', recordingCatalog()));
const GOLDEN = fileURLToPath(new URL('../../../../../examples/golden-paths/', import.meta.url));
const base = (spec: Record<string, unknown>) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 't' }, spec: { type: 'service', ...spec },
});

describe('validateTemplate', () => {
  it('accepts every shipped golden path template', () => {
    const names = readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    assert.ok(names.length >= 5);
    for (const name of names) {
      assert.deepEqual(engine.validateTemplate(readFileSync(join(GOLDEN, name, 'template.yaml'), 'utf8')), [], name);
      assert.deepEqual(engine.validateTemplate(parse(readFileSync(join(GOLDEN, name, 'template.yaml'), 'utf8'))), [], name);
    }
  });

  it('reports a value that is not a v1beta3 Template', () => {
    const problems = engine.validateTemplate({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' }, spec: {} });
    assert.deepEqual(problems.map((p) => p.path).sort(), ['apiVersion', 'kind', 'spec.steps', 'spec.type']);
  });

  it('reports bad YAML shape with paths and line numbers', () => {
    const yaml = [
      'apiVersion: scaffolder.backstage.io/v1beta3',
      'kind: Template',
      'metadata:',
      '  name: t',
      'spec:',
      '  type: service',
      '  steps:',
      '    - id: one',
      '      name: no action here',
      '    - action: debug:log',
      '      if: [1]',
    ].join('\n');
    assert.deepEqual(engine.validateTemplate(yaml).map((p) => [p.path, p.line]), [['spec.steps[0].action', 8], ['spec.steps[1].if', 11]]);
    const broken = engine.validateTemplate('spec:\n  steps: [\n');
    assert.equal(broken[0]?.path, '(yaml)');
    assert.ok(broken[0]?.line);
  });

  it('reports unknown actions and duplicate step ids', () => {
    const problems = engine.validateTemplate(base({
      steps: [{ id: 'a', action: 'debug:log' }, { id: 'a', action: 'publish:github' }],
    }));
    assert.deepEqual(problems, [
      { path: 'spec.steps[1].id', message: 'duplicate step id "a"' },
      { path: 'spec.steps[1].action', message: 'unknown action "publish:github"' },
    ]);
  });

  it('reports a parameter page that is not a valid JSON Schema', () => {
    const problems = engine.validateTemplate(base({
      parameters: [{ properties: { ok: { type: 'string' } } }, { properties: { bad: { type: 'strin' } } }],
      steps: [],
    }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.path, 'spec.parameters[1]');
    assert.match(problems[0]?.message ?? '', /invalid JSON Schema: .*type/);
  });

  it('reports step inputs that read steps which do not run before them', () => {
    const problems = engine.validateTemplate(base({
      steps: [
        { id: 'first', action: 'debug:log', input: { message: '${{ steps.second.output.x }}' } },
        { id: 'second', action: 'debug:log', input: { extra: { deep: ["${{ steps['first'].output.x }}", "${{ steps['ghost'].output.y }}"] } } },
        { id: 'third', action: 'debug:log', if: '${{ steps.third.output.done }}', input: { message: 'parameters.steps.x is not a step ref ${{ parameters.steps.x }}' } },
      ],
      output: { links: [{ url: '${{ steps.nowhere.output.url }}' }] },
    }));
    assert.deepEqual(problems.map((p) => [p.path, p.message]), [
      ['spec.steps[0].input.message', 'refers to the output of step "second", which runs later'],
      ['spec.steps[1].input.extra.deep[1]', 'refers to the output of step "ghost", which does not exist'],
      ['spec.steps[2].if', 'refers to the output of its own output'],
      ['spec.output.links[0].url', 'refers to the output of step "nowhere", which does not exist'],
    ]);
  });

  it('bounds the number of steps', () => {
    const problems = engine.validateTemplate(base({ steps: Array.from({ length: 101 }, () => ({ action: 'debug:log' })) }));
    assert.deepEqual(problems.map((p) => p.path), ['spec.steps']);
    assert.match(problems[0]?.message ?? '', /at most 100 steps/);
  });
});

describe('validateValues', () => {
  const golden = readFileSync(join(GOLDEN, 'typescript-http-service', 'template.yaml'), 'utf8');

  it('accepts valid values', () => {
    assert.deepEqual(engine.validateValues(golden, { name: 'orders', owner: 'group:default/a', repoUrl: 'paved?owner=a&repo=orders' }), []);
  });

  it('reports each field that is missing, malformed or unknown', () => {
    const problems = engine.validateValues(golden, { name: 'Orders!', description: 'x'.repeat(201), repoUrl: 7, surprise: true });
    assert.deepEqual(problems.map((p) => p.field).sort(), ['description', 'name', 'owner', 'repoUrl', 'surprise']);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    assert.match(byField.name!, /must match pattern/);
    assert.equal(byField.owner, 'is required');
    assert.match(byField.description!, /must NOT have more than 200 characters/);
    assert.equal(byField.repoUrl, 'must be string');
    assert.equal(byField.surprise, 'is not a parameter of this template');
  });

  it('names nested fields and checks formats and enums; conditional fields are known', () => {
    const t = base({
      steps: [],
      parameters: {
        properties: {
          owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } }, 'ui:field': 'X' },
          tier: { type: 'string', enum: ['gold', 'silver'] },
          useDb: { type: 'boolean' },
        },
        dependencies: { useDb: { oneOf: [{ properties: { useDb: { const: true }, dbName: { type: 'string' } } }, { properties: { useDb: { const: false } } }] } },
      },
    });
    const problems = engine.validateValues(t, { owner: { email: 'not-an-email' }, tier: 'bronze', useDb: true, dbName: 'x' });
    assert.deepEqual(problems, [
      { field: 'owner.name', message: 'is required' },
      { field: 'owner.email', message: 'must match format "email"' },
      { field: 'tier', message: 'must be one of "gold", "silver"' },
    ]);
  });
});
