// Facts through the API, on the database PAVED_TEST_DB names: what the repository and golden-path
// sources collect from file and git locations (exact values, no secret values stored), collection
// following the catalog, pushed facts (validation, audit, guests refused, not overwritten by collection).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '../helpers/catalogFixtures';
import { createGitRepo } from '../helpers/gitRepo';
import { startPaved, type PavedProcess } from '../helpers/startPaved';
import { componentYaml, factMap, GOLDEN_PATH_YAML, ORDERS_REPO, ROOTY_REPO, writeFiles, type FactsDto } from './factsFixtures';

const tmp = mkdtempSync(join(tmpdir(), 'paved-facts-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('facts API', () => {
  let server: PavedProcess;
  const fileDir = join(tmp, 'files');
  const repo = createGitRepo(join(tmp, 'repo'));

  before(async () => {
    writeFiles(join(fileDir, 'orders'), ORDERS_REPO);
    writeFiles(join(fileDir, 'rooty'), ROOTY_REPO);
    writeFiles(join(fileDir, 'paths'), { 'catalog-info.yaml': GOLDEN_PATH_YAML });
    repo.commit('initial', {
      'catalog-info.yaml': componentYaml('ledger'),
      'README.md': '# Ledger\n',
      Dockerfile: 'FROM golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/static\nUSER 65532:65532\n',
      'go.sum': '',
      '.gitlab-ci.yml': 'test: { script: [go test] }\n',
      'docs/CODEOWNERS': '* @ledger\n',
    });
    server = await startPaved({ env: { PAVED_REFRESH_INTERVAL_SECONDS: '3', PAVED_FACTS_INTERVAL_SECONDS: '3' } });
    for (const body of [{ type: 'file', target: fileDir }, { type: 'git', target: `${repo.dir}#main:catalog-info.yaml` }]) {
      const r = await server.api('POST', '/api/catalog/locations', body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
  });
  after(async () => {
    await server?.stop();
  });

  // The owner group:default/team-a is not in this catalog: the catalog source says so.
  const catalogFacts = { 'catalog.current': true, 'catalog.ownerKind': null, 'catalog.processingErrors': 0, 'catalog.unresolvedRelations': ['ownedBy group:default/team-a'] };
  const get = (name: string, token?: string | null) => server.api<FactsDto>('GET', `/api/facts/entities/component/default/${name}`, undefined, { token });
  const refresh = (name: string) => server.api<FactsDto>('POST', `/api/facts/entities/component/default/${name}/refresh`);
  const push = (name: string, body: unknown, token?: string | null) => server.api<FactsDto & { error?: { message: string } }>('POST', `/api/facts/entities/component/default/${name}`, body, { token });

  it('collects repository and golden-path facts of a file location, without secret values', async () => {
    const res = await refresh('orders');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.entityRef, 'component:default/orders');
    const { 'catalog.refreshedAt': refreshedAt, ...facts } = factMap(res.body.facts);
    assert.ok(!Number.isNaN(Date.parse(String(refreshedAt))), `catalog.refreshedAt is a time: ${String(refreshedAt)}`);
    assert.deepEqual(facts, {
      ...catalogFacts,
      'goldenPath.current': false,
      'goldenPath.name': 'ts-service',
      'goldenPath.version': '1.0.0',
      'repository.dockerfile.nonRoot': true,
      'repository.ci': ['.github/workflows/ci.yml'],
      'repository.codeowners': '.github/CODEOWNERS',
      'repository.files': ['.github/CODEOWNERS', '.github/workflows/ci.yml', 'Dockerfile', 'README.md', 'catalog-info.yaml', 'package.json', 'pnpm-lock.yaml', 'score.yaml'],
      'repository.lockfiles': ['pnpm-lock.yaml'],
      'repository.packageJson.dependencies': { fastify: '^5.0.0', typescript: '~5.6.0' },
      'repository.score.probes': [{ container: 'main', liveness: false, readiness: false }],
      'repository.score.variables': [
        { container: 'main', name: 'API_TOKEN', kind: 'literal', secretLike: true },
        { container: 'main', name: 'DB_URL', kind: 'reference' },
        { container: 'main', name: 'LOG_LEVEL', kind: 'literal', secretLike: false },
      ],
    });
    assert.doesNotMatch(JSON.stringify(res.body), /ghp_|resources\.db\.url|"info"/);
    const sources = Object.fromEntries(res.body.facts.map((f) => [f.name, f.source]));
    assert.equal(sources['repository.files'], 'repository');
    assert.equal(sources['goldenPath.name'], 'goldenPath');
    assert.ok(res.body.facts.every((f) => !Number.isNaN(Date.parse(f.collectedAt))));
    assert.deepEqual(res.body.allowedActions, ['push', 'refresh']);
  });

  it('a final stage that switches back to root is not non-root; the current golden path version is current', async () => {
    const facts = factMap((await refresh('rooty')).body.facts);
    assert.equal(facts['repository.dockerfile.nonRoot'], false);
    assert.deepEqual(facts['repository.files'], ['Dockerfile', 'catalog-info.yaml']);
    assert.equal(facts['goldenPath.current'], true);
    assert.equal(facts['repository.packageJson.dependencies'], undefined);
  });

  it('collects a git location from the catalog\'s mirror', async () => {
    await until('the git entity', async () => (await server.api('GET', '/api/catalog/entities/by-name/component/default/ledger')).status === 200);
    const { 'catalog.refreshedAt': refreshedAt, ...facts } = factMap((await refresh('ledger')).body.facts);
    assert.equal(typeof refreshedAt, 'string');
    assert.deepEqual(facts, {
      ...catalogFacts,
      'repository.ci': ['.gitlab-ci.yml'],
      'repository.codeowners': 'docs/CODEOWNERS',
      'repository.dockerfile.nonRoot': true,
      'repository.files': ['.gitlab-ci.yml', 'Dockerfile', 'README.md', 'catalog-info.yaml', 'docs/CODEOWNERS', 'go.sum'],
      'repository.lockfiles': ['go.sum'],
    });
  });

  it('collects on its own after catalog changes, and again when files change', async () => {
    // Guests may read facts; the scheduler collected the entity without an explicit refresh.
    const first = await until('scheduled collection', async () => {
      const r = await get('rooty', null);
      return r.status === 200 && r.body.collectedAt ? r.body : undefined;
    });
    assert.deepEqual(first.allowedActions, []);
    writeFileSync(join(fileDir, 'rooty/Dockerfile'), 'FROM node:20\nUSER 1000\n');
    await until('re-collection after the interval', async () => factMap((await get('rooty')).body.facts)['repository.dockerfile.nonRoot'] === true, 30_000);
  });

  it('stores pushed facts as push:<source>, audited; collection does not overwrite them', async () => {
    const res = await push('orders', { source: 'ci', facts: { 'ci.coverage': 84.5, 'ci.passing': true, 'repository.files': ['pushed'] } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const byName = Object.fromEntries(res.body.facts.map((f) => [f.name, f]));
    assert.equal(byName['ci.coverage']?.value, 84.5);
    assert.equal(byName['ci.coverage']?.source, 'push:ci');
    assert.deepEqual(byName['repository.files']?.value, ['pushed']);
    const again = factMap((await refresh('orders')).body.facts);
    assert.deepEqual(again['repository.files'], ['pushed']);
    assert.equal(again['repository.dockerfile.nonRoot'], true);
    const audit = await server.api<{ items: Array<{ action: string; target: string; actor: string; outcome: string; payload: { source: string; names: string[] } }> }>('GET', '/api/audit?action=facts.push');
    const event = audit.body.items.find((e) => e.target === 'component:default/orders');
    assert.ok(event, JSON.stringify(audit.body));
    assert.equal(event.outcome, 'success');
    assert.deepEqual(event.payload, { source: 'push:ci', names: ['ci.coverage', 'ci.passing', 'repository.files'] });
  });

  it('refuses bad pushes with a 400 naming the fact, unknown entities with 404, guests with 401', async () => {
    const badName = await push('orders', { source: 'ci', facts: { 'Coverage Percent': 1 } });
    assert.equal(badName.status, 400);
    assert.match(badName.body.error?.message ?? '', /^facts\.Coverage Percent: expected a fact name/);
    const big = await push('orders', { source: 'ci', facts: { 'ci.report': 'x'.repeat(17 * 1024) } });
    assert.equal(big.status, 400);
    assert.match(big.body.error?.message ?? '', /^facts\.ci\.report: the value is 17410 bytes of JSON, over the limit of 16384/);
    const many = await push('orders', { source: 'ci', facts: Object.fromEntries(Array.from({ length: 195 }, (_, i) => [`m.${i}`, i])) });
    assert.equal(many.status, 400);
    assert.match(many.body.error?.message ?? '', /component:default\/orders would have 2\d\d facts, over the limit of 200 per entity/);
    const badSource = await push('orders', { source: 'CI Server', facts: { 'a.b': 1 } });
    assert.equal(badSource.status, 400);
    const empty = await push('orders', { source: 'ci', facts: {} });
    assert.equal(empty.status, 400);
    assert.equal((await push('nobody', { source: 'ci', facts: { 'a.b': 1 } })).status, 404);
    assert.equal((await get('nobody')).status, 404);
    const guest = await push('orders', { source: 'ci', facts: { 'ci.coverage': 1 } }, null);
    assert.equal(guest.status, 401);
    assert.equal((await server.api('POST', '/api/facts/entities/component/default/orders/refresh', undefined, { token: null })).status, 401);
    assert.equal(factMap((await get('orders')).body.facts)['ci.coverage'], 84.5);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await server.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    assert.ok(doc.body.paths['/api/facts/entities/{kind}/{namespace}/{name}']);
    assert.ok(doc.body.paths['/api/facts/entities/{kind}/{namespace}/{name}/refresh']);
  });
});
