// The `catalog` fact source through the API, on the database PAVED_TEST_DB names: an owner that exists
// (group or user) or not, relations whose target is missing, a processing error that names an entity kept
// at its last good version, an entity its location stopped emitting, and when each descriptor was processed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { factMap, writeFiles, type FactsDto } from './factsFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'paved-facts-catalog-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const component = (name: string, spec: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
${spec}`;

const ORG = [
  'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n',
  'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jane\nspec:\n  memberOf: [team-a]\n',
  'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: db\nspec:\n  type: database\n  owner: team-a\n',
  component('good', '  owner: team-a\n  dependsOn: [resource:default/db]\n'),
  component('dangling', '  owner: team-a\n  dependsOn: [resource:default/db, resource:default/gone-db]\n  consumesApis: [nowhere-api]\n'),
  component('ownerless', '  owner: group:default/disbanded\n'),
  component('janes', '  owner: user:jane\n'),
].join('---\n');

describe('catalog facts', () => {
  let server: PavedProcess;
  const dir = join(tmp, 'catalog');
  const refresh = async (name: string) => {
    const r = await server.api<FactsDto>('POST', `/api/facts/entities/component/default/${name}/refresh`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  before(async () => {
    writeFiles(dir, {
      'catalog-info.yaml': ORG,
      'changing/catalog-info.yaml': [component('breaking', '  owner: team-a\n'), component('leaving', '  owner: team-a\n')].join('---\n'),
    });
    server = await startPaved({ env: { PAVED_LOCATIONS: `file:${dir}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
    await until('the catalog loaded', async () => (await server.api('GET', '/api/catalog/entities/by-name/component/default/leaving')).status === 200, 30_000);
  });
  after(async () => server?.stop());

  it('a trusted entity: owner group exists, relations resolve, no errors, processed at a time, with collectedAt', async () => {
    const body = await refresh('good');
    const facts = factMap(body.facts);
    assert.equal(facts['catalog.ownerKind'], 'group');
    assert.deepEqual(facts['catalog.unresolvedRelations'], []);
    assert.equal(facts['catalog.processingErrors'], 0);
    assert.equal(facts['catalog.current'], true);
    const refreshedAt = Date.parse(String(facts['catalog.refreshedAt']));
    assert.ok(refreshedAt > Date.now() - 10 * 60_000 && refreshedAt <= Date.now(), `catalog.refreshedAt ${String(facts['catalog.refreshedAt'])}`);
    const fact = body.facts.find((f) => f.name === 'catalog.refreshedAt')!;
    assert.equal(fact.source, 'catalog');
    assert.ok(!Number.isNaN(Date.parse(fact.collectedAt)));
    assert.equal(factMap((await refresh('janes')).facts)['catalog.ownerKind'], 'user');
  });

  it('catches relations to missing entities and an owner that does not exist', async () => {
    assert.deepEqual(factMap((await refresh('dangling')).facts)['catalog.unresolvedRelations'], ['consumesApi api:default/nowhere-api', 'dependsOn resource:default/gone-db']);
    const ownerless = factMap((await refresh('ownerless')).facts);
    assert.equal(ownerless['catalog.ownerKind'], null);
    assert.deepEqual(ownerless['catalog.unresolvedRelations'], ['ownedBy group:default/disbanded']);
  });

  it('counts a processing error that names the entity, and marks an entity its location stopped emitting', async () => {
    // `breaking` loses its owner (an error naming it; the last good version stays); `leaving` is dropped from the file.
    writeFiles(dir, { 'changing/catalog-info.yaml': component('breaking', '  owner: 42\n') });
    const r = await server.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/breaking' });
    assert.ok(r.status < 300, JSON.stringify(r.body));
    const errors = await server.api<{ items: Array<{ entityRef: string | null }> }>('GET', '/api/catalog/errors?entityRef=component:default/breaking');
    assert.equal(errors.body.items.length, 1, JSON.stringify(errors.body));
    const breaking = factMap((await refresh('breaking')).facts);
    assert.equal(breaking['catalog.processingErrors'], 1);
    assert.equal(breaking['catalog.current'], true, 'its file was read; the error is counted on its own');
    const leaving = factMap((await refresh('leaving')).facts);
    assert.equal(leaving['catalog.current'], false);
    assert.equal(leaving['catalog.processingErrors'], 0);
  });
});
