import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CATALOG_FILTER_EXISTS, CatalogClient, type QueryEntitiesInitialRequest } from '@backstage/catalog-client';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

/** The official Backstage client, unchanged, against a live Paved with the demo organisation. */
describe('@backstage/catalog-client against Paved (demo organisation)', () => {
  let paved: PavedProcess;
  let client: CatalogClient;
  const token = { token: '' };

  before(async () => {
    paved = await startPaved({ demo: true });
    token.token = paved.adminToken;
    client = new CatalogClient({ discoveryApi: { getBaseUrl: async () => `${paved.url}/api/catalog` } });
  });
  after(async () => paved?.stop());

  it('loads the demo organisation without a single processing error', async () => {
    const errors = await paved.api<{ totalItems: number; items: unknown[] }>('GET', '/api/catalog/errors');
    assert.equal(errors.body.totalItems, 0, JSON.stringify(errors.body.items));
    const api = await client.getEntityByRef('api:default/product-catalog-api');
    assert.match(String(api?.spec?.definition), /^openapi: 3/m, 'the $text definition is pulled in');
  });

  it('getEntities with filters, fields and order', async () => {
    const { items } = await client.getEntities({ filter: { kind: 'Component' }, fields: ['kind', 'metadata.name', 'spec.owner'], order: { field: 'metadata.name', order: 'asc' } });
    assert.ok(items.length >= 25, `only ${items.length} components`);
    const names = items.map((e) => e.metadata.name);
    assert.deepEqual(names, [...names].sort());
    assert.deepEqual(Object.keys(items[0] ?? {}).sort(), ['kind', 'metadata', 'spec']);
    const groups = await client.getEntities({ filter: [{ kind: 'Group' }, { kind: 'User' }] });
    assert.ok(groups.items.filter((e) => e.kind === 'Group').length >= 6);
    assert.ok(groups.items.filter((e) => e.kind === 'User').length >= 20);
    const withOwner = await client.getEntities({ filter: { kind: 'API', 'spec.owner': CATALOG_FILTER_EXISTS } });
    assert.ok(withOwner.items.length >= 10);
  });

  it('queryEntities pages with cursors until the end, totalItems stable', async () => {
    const seen = new Set<string>();
    let res = await client.queryEntities({ filter: { kind: 'Component' }, limit: 7, orderFields: { field: 'metadata.name', order: 'asc' } });
    const total = res.totalItems;
    for (;;) {
      for (const e of res.items) seen.add(e.metadata.name);
      assert.equal(res.totalItems, total);
      if (!res.pageInfo.nextCursor) break;
      res = await client.queryEntities({ cursor: res.pageInfo.nextCursor, limit: 7 });
    }
    assert.equal(seen.size, total);
    const search = await client.queryEntities({ filter: { kind: 'Component' }, fullTextFilter: { term: [...seen][0]?.slice(0, 5) ?? '', fields: ['metadata.name'] } });
    assert.ok(search.items.length >= 1);
  });

  it('predicate queries (POST by-query and entity-facets), paged with the predicate in the cursor', async () => {
    const query: NonNullable<QueryEntitiesInitialRequest['query']> = { $all: [{ kind: 'component' }, { 'spec.lifecycle': { $in: ['production', 'EXPERIMENTAL'] } }, { $not: { 'spec.type': 'library' } }] };
    const viaFilter = await client.getEntities({ filter: [{ kind: 'Component', 'spec.lifecycle': 'production' }, { kind: 'Component', 'spec.lifecycle': 'experimental' }] });
    const expected = viaFilter.items.filter((e) => e.spec?.type !== 'library').map((e) => e.metadata.name).sort();
    const names: string[] = [];
    let res = await client.queryEntities({ query, limit: 5, orderFields: { field: 'metadata.name', order: 'asc' } });
    assert.equal(res.totalItems, expected.length);
    for (;;) {
      names.push(...res.items.map((e) => e.metadata.name));
      if (!res.pageInfo.nextCursor) break;
      res = await client.queryEntities({ cursor: res.pageInfo.nextCursor, limit: 5 });
    }
    assert.deepEqual(names, expected);
    const tagged = await client.queryEntities({ query: { 'metadata.tags': { $contains: 'go' }, 'metadata.name': { $hasPrefix: '' } } });
    assert.ok(tagged.items.length > 0 && tagged.items.every((e) => e.metadata.tags?.includes('go')));
    const noOwner = await client.queryEntities({ query: { kind: 'component', 'spec.owner': { $exists: false } } });
    assert.equal(noOwner.totalItems, 0);
    const { facets } = await client.getEntityFacets({ facets: ['spec.type'], query: { kind: 'component', 'spec.lifecycle': 'production' } });
    const viaGet = await client.getEntityFacets({ facets: ['spec.type'], filter: { kind: 'component', 'spec.lifecycle': 'production' } });
    assert.deepEqual(facets, viaGet.facets);
    const bad = await paved.api<{ error: { name: string; message: string } }>('POST', '/api/catalog/entities/by-query', { query: { $all: 'nope' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /\$all: expected an array/);
  });

  it('queryLocations and streamLocations with a predicate', async () => {
    const all = await client.queryLocations({ limit: 10 }, token);
    assert.equal(all.totalItems, all.items.length);
    const files = await client.queryLocations({ query: { type: 'file', target: { $hasPrefix: '/' } } }, token);
    assert.equal(files.items.length, all.items.filter((l) => l.type === 'file').length);
    const pages: number[] = [];
    for await (const page of client.streamLocations({}, token)) pages.push(page.length);
    assert.equal(pages.reduce((a, b) => a + b, 0), all.totalItems);
  });

  it('getEntityByRef, getEntitiesByRefs (order kept, unknown → undefined) and ancestry', async () => {
    const { items } = await client.getEntities({ filter: { kind: 'Component' }, limit: 2 });
    const [a, b] = items;
    assert.ok(a && b);
    const ref = `component:default/${a.metadata.name}`;
    const one = await client.getEntityByRef(ref);
    assert.equal(one?.metadata.uid, a.metadata.uid);
    assert.equal(await client.getEntityByRef('component:default/does-not-exist'), undefined);
    const many = await client.getEntitiesByRefs({ entityRefs: [`component:default/${b.metadata.name}`, 'component:default/nope', ref] });
    assert.deepEqual(many.items.map((e) => e?.metadata.name), [b.metadata.name, undefined, a.metadata.name]);
    const anc = await client.getEntityAncestors({ entityRef: ref });
    assert.equal(anc.rootEntityRef, ref);
    assert.ok(anc.items.length >= 2, 'the component and at least the Location that emitted it');
    assert.ok(anc.items.some((i) => i.entity.kind === 'Location'));
  });

  it('getEntityFacets', async () => {
    const { facets } = await client.getEntityFacets({ facets: ['kind', 'spec.lifecycle'], filter: { kind: 'Component' } });
    assert.equal(facets.kind?.length, 1);
    assert.ok((facets.kind?.[0]?.count ?? 0) >= 25);
    assert.ok((facets['spec.lifecycle'] ?? []).length >= 2);
  });

  it('locations: list, by id, by entity; addLocation dry-run; validateEntity', async () => {
    const { items } = await client.getLocations({}, token);
    assert.ok(items.length >= 1);
    const first = items[0];
    assert.ok(first);
    const byId = await client.getLocationById(first.id, token);
    assert.equal(byId?.target, first.target);
    const { items: comps } = await client.getEntities({ filter: { kind: 'Component' }, limit: 1 });
    const byEntity = await client.getLocationByEntity(`component:default/${comps[0]?.metadata.name}`, token);
    assert.equal(byEntity?.id, first.id);
    const dry = await client.addLocation({ type: 'file', target: first.target, dryRun: true }, token);
    assert.equal(dry.exists, true);
    assert.ok(dry.entities.length > 10);
    const ok = await client.validateEntity({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' }, spec: { type: 'service', lifecycle: 'production', owner: 'team' } }, 'url:https://example.com/catalog-info.yaml', token);
    assert.deepEqual(ok, { valid: true });
    const bad = await client.validateEntity({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x y' }, spec: {} }, 'url:https://example.com/catalog-info.yaml', token);
    assert.equal(bad.valid, false);
  });

  it('refreshEntity and removeEntityByUid (the entity comes back on the next refresh, as in Backstage)', async () => {
    const { items } = await client.getEntities({ filter: { kind: 'Resource' }, limit: 1 });
    const e = items[0];
    assert.ok(e?.metadata.uid);
    await client.removeEntityByUid(e.metadata.uid, token);
    assert.equal(await client.getEntityByRef(`resource:default/${e.metadata.name}`), undefined);
    await client.refreshEntity('location:default/demo-root', token).catch(() => undefined);
    const { items: locs } = await client.getEntities({ filter: { kind: 'Location' }, limit: 1 });
    await client.refreshEntity(`location:default/${locs[0]?.metadata.name}`, token);
    const back = await client.getEntityByRef(`resource:default/${e.metadata.name}`);
    assert.ok(back, 'entity re-emitted by its location after refresh');
  });
});
