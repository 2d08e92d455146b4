// The entity part of the search index follows the catalog page by page (search.service syncEntities):
// a catalog larger than one sync page is indexed whole, a changed description replaces the document,
// a deleted entity leaves the index, and a sync after one change re-reads only that entity's body.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { componentYaml, until, writeGeneratedOrganisation } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

interface SearchDto { results: Array<{ type: string; name?: string; entityRef: string }>; hasMore: boolean }
interface SyncLine { msg: string; read: number; inserted: number; deleted: number }

const tmp = mkdtempSync(join(tmpdir(), 'paved-search-sync-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('search follows the catalog', () => {
  let server: PavedProcess;
  let total = 0;
  const orgDir = join(tmp, 'org');
  const extraDir = join(tmp, 'extra');
  const extraFile = join(extraDir, 'catalog-info.yaml');

  const search = async (q: string) => (await server.api<SearchDto>('GET', `/api/search?${new URLSearchParams({ q, types: 'entity' })}`)).body.results;
  const syncs = () => server.output().split('\n').filter((l) => l.includes('search: entity index synced')).map((l) => JSON.parse(l) as SyncLine);
  const refreshExtra = async () => {
    const r = await server.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/quokka-service' });
    assert.ok(r.status < 300, `refresh: ${r.status} ${JSON.stringify(r.body)}`);
  };

  before(async () => {
    writeGeneratedOrganisation(orgDir, { n: 4500, seed: 11, chunk: 500 });
    mkdirSync(extraDir, { recursive: true });
    writeFileSync(extraFile, componentYaml('quokka-service', { description: 'Settles wombat payments' }));
    server = await startPaved({
      demo: false,
      env: { PAVED_LOCATIONS: `file:${join(orgDir, 'all.yaml')},file:${extraFile}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600', PAVED_LOG_LEVEL: 'info' },
    });
  });
  after(async () => {
    await server?.stop();
  });

  it('indexes a catalog larger than one sync page, every entity once', async () => {
    await until('both locations read', async () => (await search('wombat')).length > 0, 120_000);
    total = (await server.api<{ totalItems: number }>('GET', '/api/catalog/entities/by-query?limit=0')).body.totalItems;
    assert.ok(total > 4500, String(total));
    await until('the whole catalog in the index', async () => syncs().at(-1)?.read === total, 60_000);
    assert.equal(syncs().reduce((n, s) => n + s.inserted - s.deleted, 0), total, JSON.stringify(syncs()));
    assert.ok((await search('wombat')).some((r) => r.name === 'quokka-service'));
  });

  it('replaces the document of a changed entity and drops a deleted one', async () => {
    const before = syncs().length;
    writeFileSync(extraFile, componentYaml('quokka-service', { description: 'Settles numbat payments' }));
    await refreshExtra();
    await until('the new description in the index', async () => (await search('numbat')).some((r) => r.name === 'quokka-service'));
    assert.deepEqual(await search('wombat'), []);
    // The log line reaches this process through a pipe, possibly after the search answered.
    const last = await until('the sync\'s log line', async () => syncs().slice(before).at(-1));
    assert.equal(last.inserted, 1, JSON.stringify(last));
    assert.equal(last.deleted, 1, JSON.stringify(last));
    assert.equal(last.read, total);

    const entity = await server.api<{ metadata: { uid: string } }>('GET', '/api/catalog/entities/by-name/component/default/quokka-service');
    writeFileSync(extraFile, '');
    const del = await server.api('DELETE', `/api/catalog/entities/by-uid/${entity.body.metadata.uid}`);
    assert.equal(del.status, 204);
    await until('the deleted entity out of the index', async () => (await search('numbat')).length === 0 ? true : undefined);
  });
});
