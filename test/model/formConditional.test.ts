// The Create form's conditional schema resolution (web/src/pages/create/form/conditional.ts), table-driven:
// which fields a page shows for given values, and which values survive a submit — as rjsf resolves them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSchema, visibleValues } from '../../web/src/pages/create/form/conditional';
import { propertiesOf, requiredOf, type JsonSchema } from '../../web/src/pages/create/form/schema';
import { isValid } from '../../web/src/pages/create/form/validate';

const page: JsonSchema = {
  properties: { db: { type: 'boolean' }, kind: { type: 'string', enum: ['a', 'b'] }, list: { type: 'array', items: { type: 'object', properties: { x: { type: 'string' } }, dependencies: { x: ['y'] } } } },
  dependencies: {
    db: { oneOf: [{ properties: { db: { const: false } } }, { properties: { db: { const: true }, dbName: { type: 'string' } }, required: ['dbName'] }] },
    kind: { properties: { kindNote: { type: 'string' } } },
  },
  allOf: [{ if: { properties: { kind: { const: 'b' } }, required: ['kind'] }, then: { properties: { bOnly: { type: 'string' } }, required: ['bOnly'] }, else: { properties: { notB: { type: 'string' } } } }],
};

describe('form conditional resolution', () => {
  const cases: Array<[string, Record<string, unknown>, string[], string[]]> = [
    ['no trigger set: the else branch only', {}, ['db', 'kind', 'list', 'notB'], []],
    ['oneOf branch chosen by the trigger value', { db: true }, ['db', 'kind', 'list', 'notB', 'dbName'], ['dbName']],
    ['the other branch adds nothing', { db: false }, ['db', 'kind', 'list', 'notB'], []],
    ['a schema dependency and if/then', { kind: 'b' }, ['db', 'kind', 'list', 'bOnly', 'kindNote'], ['bOnly']],
    ['an empty string does not trigger', { kind: '' }, ['db', 'kind', 'list', 'notB'], []],
  ];
  for (const [name, values, fields, required] of cases) {
    it(name, () => {
      const r = resolveSchema(page, values, isValid);
      assert.deepEqual(propertiesOf(r).map(([k]) => k).sort(), [...fields].sort());
      assert.deepEqual(requiredOf(r).sort(), [...required].sort());
    });
  }

  it('drops the values of fields that are not shown, in list items too', () => {
    const values = { db: false, dbName: 'typed-before', kind: 'a', notB: 'n', bOnly: 'stale', list: [{ x: '1', stray: true }], other: 1 };
    assert.deepEqual(visibleValues([page], values, isValid), { db: false, kind: 'a', notB: 'n', list: [{ x: '1' }] });
  });
});
