// The oracle: Backstage's own validators (catalog-model's default policy chain plus the kind
// validators of BuiltinKindsEntityProcessor and the scaffolder's Template validator) judge every
// case, and validateEntity() must reach the same verdict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity as BackstageEntity,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { validateEntity } from '../../src/model';
import { oracleCases } from './oracleCases';

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const validators = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  templateEntityV1beta3Validator,
];

async function backstageAccepts(input: unknown): Promise<{ ok: boolean; why: string }> {
  try {
    const entity = await policy.enforce(structuredClone(input) as BackstageEntity);
    if (!entity) return { ok: false, why: 'policy returned nothing' };
    for (const v of validators) if (await v.check(entity)) return { ok: true, why: '' };
    return { ok: false, why: 'no kind validator accepted it' };
  } catch (e) {
    return { ok: false, why: e instanceof Error ? e.message : String(e) };
  }
}

test('validateEntity agrees with Backstage on every oracle case', async () => {
  const cases = oracleCases();
  const disagreements: string[] = [];
  let accepted = 0;
  for (const c of cases) {
    const expected = await backstageAccepts(c.entity);
    const actual = validateEntity(c.entity);
    if (expected.ok) accepted += 1;
    if (actual.ok !== expected.ok) {
      const ours = actual.ok ? 'accepted' : JSON.stringify(actual.errors);
      disagreements.push(`${c.name}: Backstage ${expected.ok ? 'accepts' : `rejects (${expected.why})`}, Paved ${ours}`);
    }
  }
  console.log(`oracle: ${cases.length} cases (${accepted} valid, ${cases.length - accepted} invalid), ${cases.length - disagreements.length} agreements`);
  assert.ok(cases.length >= 250, `only ${cases.length} cases`);
  assert.ok(accepted >= 60 && cases.length - accepted >= 60, 'both verdicts are well represented');
  assert.deepEqual(disagreements, []);
});

test('accepted entities come back normalised', () => {
  for (const c of oracleCases()) {
    const r = validateEntity(c.entity);
    if (r.ok) assert.equal(typeof r.entity.metadata.namespace, 'string', c.name);
  }
});
