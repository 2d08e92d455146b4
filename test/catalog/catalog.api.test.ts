import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

interface E { kind: string; metadata: { name: string; uid: string; annotations?: Record<string, string> }; spec?: Record<string, unknown>; relations?: Array<{ type: string; targetRef: string }>; status?: { items?: Array<{ message: string }> } }
interface Page { items: E[]; totalItems: number; pageInfo: { nextCursor?: string; prevCursor?: string } }

const component = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  tags: [java, web]
spec:
  type: service
  lifecycle: production
  owner: team-a
${extra}`;

describe('catalog API', () => {
  let paved: PavedProcess;
  let dir: string;
  let locationId: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paved-cat-'));
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'catalog-info.yaml'), [
      `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: root\nspec:\n  targets: [./org.yaml, ./svc.yaml, ./broken.yaml]`,
    ].join('\n---\n'));
    writeFileSync(join(dir, 'org.yaml'), `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jane\nspec:\n  memberOf: [team-a]\n`);
    writeFileSync(join(dir, 'svc.yaml'), Array.from({ length: 30 }, (_, i) => component(`svc-${String(i).padStart(2, '0')}`)).join('---\n'));
    writeFileSync(join(dir, 'broken.yaml'), `${component('good-neighbour')}---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: "bad name!"\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`);
    paved = await startPaved();
    const res = await paved.api<{ location: { id: string }; entities: E[] }>('POST', '/api/catalog/locations', { type: 'file', target: join(dir, 'catalog-info.yaml') });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    locationId = res.body.location.id;
  });
  after(async () => {
    await paved?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests every valid entity and reports the invalid one with file and line, keeping its neighbour', async () => {
    const all = await paved.api<E[]>('GET', '/api/catalog/entities?filter=kind=component');
    assert.equal(all.body.length, 31);
    assert.ok(all.body.some((e) => e.metadata.name === 'good-neighbour'));
    const errors = await paved.api<{ items: Array<{ locationId: string; locationKey: string; line: number; path: string; message: string }> }>('GET', `/api/catalog/errors?locationId=${locationId}`);
    const bad = errors.body.items.find((e) => e.locationKey.endsWith('broken.yaml'));
    assert.ok(bad, JSON.stringify(errors.body));
    assert.equal(bad.locationId, locationId);
    assert.equal((await paved.api<{ totalItems: number }>('GET', '/api/catalog/errors?locationId=nope')).body.totalItems, 0);
    assert.equal(bad.path, 'metadata.name');
    assert.equal(bad.line, 14);
    assert.match(bad.message, /bad name!/);
  });

  it('filters: same key is OR, comma is AND, repeated filter is OR, bare key is exists, case-insensitive', async () => {
    const q = async (qs: string) => (await paved.api<E[]>('GET', `/api/catalog/entities?${qs}`)).body.map((e) => e.metadata.name).sort();
    assert.deepEqual(await q('filter=kind=USER'), ['jane']);
    assert.deepEqual(await q('filter=kind=user,kind=group'), ['jane', 'team-a']);
    assert.deepEqual(await q('filter=kind=user&filter=kind=group'), ['jane', 'team-a']);
    assert.equal((await q('filter=kind=component,metadata.tags=java')).length, 31);
    assert.deepEqual(await q('filter=spec.memberOf'), ['jane']);
    assert.deepEqual(await q('filter=relations.memberof=group:default/team-a'), ['jane']);
    assert.equal((await q('filter=relations.ownedBy=group:default/team-a')).length, 31);
    const bad = await paved.api<{ error: { name: string; message: string } }>('GET', '/api/catalog/entities?filter==x');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.name, 'InputError');
  });

  it('emits relations in both directions', async () => {
    const group = await paved.api<E>('GET', '/api/catalog/entities/by-name/group/default/team-a');
    const types = new Set(group.body.relations?.map((r) => `${r.type} ${r.targetRef}`));
    assert.ok(types.has('hasMember user:default/jane'));
    assert.ok(types.has('ownerOf component:default/svc-00'));
  });

  it('pages by-query with cursors both ways, with totalItems', async () => {
    const first = await paved.api<Page>('GET', '/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.name,asc&limit=10');
    assert.equal(first.body.totalItems, 31);
    assert.deepEqual(first.body.items.map((e) => e.metadata.name).slice(0, 2), ['good-neighbour', 'svc-00']);
    assert.equal(first.body.pageInfo.prevCursor, undefined);
    const second = await paved.api<Page>('GET', `/api/catalog/entities/by-query?cursor=${first.body.pageInfo.nextCursor}&limit=10`);
    assert.equal(second.body.items[0]?.metadata.name, 'svc-09');
    const back = await paved.api<Page>('GET', `/api/catalog/entities/by-query?cursor=${second.body.pageInfo.prevCursor}&limit=10`);
    assert.deepEqual(back.body.items.map((e) => e.metadata.name), first.body.items.map((e) => e.metadata.name));
    const full = await paved.api<Page>('GET', '/api/catalog/entities/by-query?fullTextFilterTerm=SVC-2&fullTextFilterFields=metadata.name');
    assert.equal(full.body.totalItems, 10);
  });

  it('projects fields and computes facets', async () => {
    const r = await paved.api<Array<Record<string, unknown>>>('GET', '/api/catalog/entities?filter=kind=user&fields=kind,metadata.name');
    assert.deepEqual(r.body, [{ kind: 'User', metadata: { name: 'jane' } }]);
    const f = await paved.api<{ facets: Record<string, Array<{ value: string; count: number }>> }>('GET', '/api/catalog/entity-facets?facet=kind&facet=metadata.tags');
    assert.deepEqual(f.body.facets.kind?.find((x) => x.value === 'Component'), { value: 'Component', count: 31 });
    assert.deepEqual(f.body.facets['metadata.tags']?.find((x) => x.value === 'java'), { value: 'java', count: 31 });
    const missing = await paved.api('GET', '/api/catalog/entity-facets');
    assert.equal(missing.status, 400);
  });

  it('keeps the last good version of an entity whose document breaks, with the error attached', async () => {
    writeFileSync(join(dir, 'svc.yaml'), [component('svc-00', '  system: 42\n'), ...Array.from({ length: 29 }, (_, i) => component(`svc-${String(i + 1).padStart(2, '0')}`))].join('---\n'));
    assert.equal((await paved.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/svc-00' })).status, 200);
    const e = await paved.api<E>('GET', '/api/catalog/entities/by-name/component/default/svc-00');
    assert.equal(e.status, 200);
    assert.equal(e.body.spec?.system, undefined);
    assert.match(e.body.status?.items?.[0]?.message ?? '', /spec\.system|system/);
  });

  it('orphans entities no longer emitted, and reports conflicts to the second location', async () => {
    writeFileSync(join(dir, 'svc.yaml'), Array.from({ length: 29 }, (_, i) => component(`svc-${String(i).padStart(2, '0')}`)).join('---\n'));
    await paved.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/svc-00' });
    const orphan = await paved.api<E>('GET', '/api/catalog/entities/by-name/component/default/svc-29');
    assert.equal(orphan.body.metadata.annotations?.['backstage.io/orphan'], 'true');
    const orphans = await paved.api<E[]>('GET', '/api/catalog/entities?filter=metadata.annotations.backstage.io/orphan=true');
    assert.deepEqual(orphans.body.map((e) => e.metadata.name), ['svc-29']);

    const other = join(dir, 'more', 'dup.yaml');
    writeFileSync(other, component('svc-01'));
    const reg = await paved.api('POST', '/api/catalog/locations', { type: 'file', target: other });
    assert.equal(reg.status, 201);
    const errors = await paved.api<{ items: Array<{ kind: string; message: string; locationKey: string }> }>('GET', '/api/catalog/errors');
    const conflict = errors.body.items.find((e) => e.kind === 'conflict');
    assert.ok(conflict);
    assert.match(conflict.message, /component:default\/svc-01/);
    const kept = await paved.api<E>('GET', '/api/catalog/entities/by-name/component/default/svc-01');
    assert.match(kept.body.metadata.annotations?.['backstage.io/managed-by-location'] ?? '', /svc\.yaml$/);
  });

  it('keeps entities of a file that disappears, with a read error', async () => {
    unlinkSync(join(dir, 'org.yaml'));
    await paved.api('POST', '/api/catalog/refresh', { entityRef: 'component:default/svc-00' });
    const user = await paved.api<E>('GET', '/api/catalog/entities/by-name/user/default/jane');
    assert.equal(user.status, 200);
    assert.equal(user.body.metadata.annotations?.['backstage.io/orphan'], undefined);
  });

  it('guards mutations: guests read, guests cannot register, every mutation is audited', async () => {
    const read = await paved.api('GET', '/api/catalog/entities?filter=kind=user', undefined, { token: null });
    assert.equal(read.status, 200);
    const write = await paved.api<{ error: { name: string } }>('POST', '/api/catalog/locations', { type: 'file', target: '/tmp/x.yaml' }, { token: null });
    assert.equal(write.status, 401);
    const guestDryRun = await paved.api('POST', '/api/catalog/locations?dryRun=true', { type: 'file', target: '/etc/hostname' }, { token: null });
    assert.equal(guestDryRun.status, 401, 'reading a location makes the server open files: not for guests');
    const guestAnalyze = await paved.api('POST', '/api/catalog/analyze-location', { location: { type: 'file', target: '/etc' } }, { token: null });
    assert.equal(guestAnalyze.status, 401);
    const outside = await paved.api<{ error: { name: string; message: string } }>('POST', '/api/catalog/locations', { type: 'file', target: '/etc/hostname' });
    assert.equal(outside.status, 403, 'even an admin cannot make the server read files outside PAVED_FILE_ROOTS');
    assert.match(outside.body.error.message, /PAVED_FILE_ROOTS/);
    const outsideGlob = await paved.api('POST', '/api/catalog/locations?dryRun=true', { type: 'file', target: '/etc/**/*.yaml' });
    assert.equal(outsideGlob.status, 403);
    assert.equal((await paved.api('POST', '/api/catalog/analyze-location', { location: { type: 'file', target: '/etc' } })).status, 403);
    const badToken = await paved.api('GET', '/api/catalog/entities', undefined, { token: 'nope' });
    assert.equal(badToken.status, 401);
    const audit = await paved.api<{ items: Array<{ action: string; actor: string; target: string }> }>('GET', '/api/audit?limit=100');
    assert.ok(audit.body.items.some((e) => e.action === 'catalog.location.create' && e.target === `location:${locationId}` && e.actor === 'token:admin'));
    assert.ok(audit.body.items.some((e) => e.action === 'catalog.entity.refresh'));
    const guestAudit = await paved.api('GET', '/api/audit', undefined, { token: null });
    assert.equal(guestAudit.status, 401);
  });

  it('registering an existing location is a 409, or a refresh with onConflict=refresh', async () => {
    const again = await paved.api<{ error: { name: string } }>('POST', '/api/catalog/locations', { type: 'file', target: join(dir, 'catalog-info.yaml') });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.name, 'ConflictError');
    const refresh = await paved.api<{ exists: boolean; location: { id: string } }>('POST', '/api/catalog/locations?onConflict=refresh', { type: 'file', target: join(dir, 'catalog-info.yaml') });
    assert.equal(refresh.status, 201);
    assert.equal(refresh.body.exists, true);
    assert.equal(refresh.body.location.id, locationId);
  });

  it('deletes a location with its entities', async () => {
    const locs = await paved.api<Array<{ data: { id: string; target: string } }>>('GET', '/api/catalog/locations');
    const dup = locs.body.find((l) => l.data.target.endsWith('dup.yaml'));
    assert.ok(dup);
    assert.equal((await paved.api('DELETE', `/api/catalog/locations/${dup.data.id}`)).status, 204);
    assert.equal((await paved.api('GET', `/api/catalog/locations/${dup.data.id}`)).status, 404);
  });

  it('sorts entities without the sort field last in both directions, ties by id, stable across cursors and offsets', async () => {
    // File order gives the ids: a < b < … < f. Titles compare case-insensitively; b and d have none.
    const titled = (name: string, title?: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${title ? `  title: ${title}\n` : ''}spec:\n  type: sorttest\n  lifecycle: production\n  owner: team-a\n`;
    const sortFile = join(dir, 'more', 'sorted.yaml');
    writeFileSync(sortFile, [titled('s-a', 'Bravo'), titled('s-b'), titled('s-c', 'alpha'), titled('s-d'), titled('s-e', 'bravo'), titled('s-f', 'Charlie')].join('---\n'));
    assert.equal((await paved.api('POST', '/api/catalog/locations', { type: 'file', target: sortFile })).status, 201);
    const expected = { asc: ['s-c', 's-a', 's-e', 's-f', 's-b', 's-d'], desc: ['s-f', 's-a', 's-e', 's-c', 's-b', 's-d'] };
    const names = (items: E[]) => items.map((e) => e.metadata.name);
    const list = async (qs: string) => names((await paved.api<E[]>('GET', `/api/catalog/entities?filter=spec.type=sorttest&${qs}`)).body);
    const byQuery = async (qs: string) => (await paved.api<Page>('GET', `/api/catalog/entities/by-query?${qs}`)).body;

    async function checkOrders(label: string) {
      for (const order of ['asc', 'desc'] as const) {
        const want = expected[order];
        assert.deepEqual(await list(`order=${order}:metadata.title`), want, `${label} /entities ${order}`);
        assert.deepEqual(await list(`order=${order}:metadata.title&limit=3&offset=2`), want.slice(2, 5), `${label} /entities offset ${order}`);
        for (const limit of [1, 2, 4]) {
          // Forward through every page, then back again with prevCursor: the same order both ways.
          const pages: string[][] = [];
          let page = await byQuery(`filter=spec.type=sorttest&orderField=metadata.title,${order}&limit=${limit}`);
          assert.equal(page.totalItems, 6);
          pages.push(names(page.items));
          while (page.pageInfo.nextCursor) {
            page = await byQuery(`cursor=${encodeURIComponent(page.pageInfo.nextCursor)}&limit=${limit}`);
            pages.push(names(page.items));
          }
          assert.deepEqual(pages.flat(), want, `${label} by-query ${order} limit ${limit}`);
          for (let i = pages.length - 2; i >= 0; i--) {
            assert.ok(page.pageInfo.prevCursor, `${label} by-query ${order} limit ${limit}: prevCursor on page ${i + 1}`);
            page = await byQuery(`cursor=${encodeURIComponent(page.pageInfo.prevCursor)}&limit=${limit}`);
            assert.deepEqual(names(page.items), pages[i], `${label} by-query ${order} limit ${limit} back to page ${i}`);
          }
        }
        const offset = await byQuery(`filter=spec.type=sorttest&orderField=metadata.title,${order}&limit=2&offset=3`);
        assert.deepEqual(names(offset.items), want.slice(3, 5), `${label} by-query offset ${order}`);
        assert.ok(offset.pageInfo.nextCursor);
        assert.deepEqual(names((await byQuery(`cursor=${encodeURIComponent(offset.pageInfo.nextCursor)}&limit=2`)).items), want.slice(5), `${label} after offset ${order}`);
        const byName = await byQuery(`filter=spec.type=sorttest&orderField=metadata.name,${order}&limit=4`);
        const rest = byName.pageInfo.nextCursor ? (await byQuery(`cursor=${encodeURIComponent(byName.pageInfo.nextCursor)}&limit=4`)).items : [];
        const sortedNames = [...expected.asc].sort();
        assert.deepEqual([...names(byName.items), ...names(rest)], order === 'asc' ? sortedNames : sortedNames.reverse(), `${label} by name ${order}`);
      }
    }
    // Six of ~40 entities: pages walk the sort key's index (probe).
    await checkOrders('probe');
    // Six of ~200: few enough that by-query collects the matches and sorts them (collect).
    const fillerFile = join(dir, 'more', 'filler.yaml');
    writeFileSync(fillerFile, Array.from({ length: 160 }, (_, i) => `apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: filler-${i}\nspec:\n  type: filler\n  owner: team-a\n`).join('---\n'));
    assert.equal((await paved.api('POST', '/api/catalog/locations', { type: 'file', target: fillerFile })).status, 201);
    assert.ok((await byQuery('limit=0')).totalItems > 6 * 20);
    await checkOrders('collect');
  });

  it('serves an OpenAPI document generated from the contracts', async () => {
    const doc = await paved.api<{ openapi: string; paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    assert.equal(doc.body.openapi, '3.1.0');
    assert.ok(doc.body.paths['/api/catalog/entities/by-query']);
  });
});
