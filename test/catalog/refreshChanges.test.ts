// What a refresh must notice besides a changed descriptor: a changed placeholder target on the scheduled
// (non-forced) refresh, and a changed set of inverse relations in the receiving entity's etag (ADR 0014).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiYaml, componentYaml, startFileServer, until } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

interface E {
  kind: string;
  metadata: { name: string; uid: string; etag: string; description?: string; annotations: Record<string, string> };
  spec?: Record<string, unknown>;
  relations?: Array<{ type: string; targetRef: string }>;
}

const tmp = mkdtempSync(join(tmpdir(), 'paved-refresh-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const byName = async (server: PavedProcess, kind: string, name: string) => {
  const r = await server.api<E>('GET', `/api/catalog/entities/by-name/${kind}/default/${name}`);
  return r.status === 200 ? r.body : undefined;
};

describe('scheduled refresh sees a changed placeholder target', () => {
  let server: PavedProcess;
  let files: Awaited<ReturnType<typeof startFileServer>>;
  const dir = join(tmp, 'placeholders');
  const routes: Parameters<typeof startFileServer>[0] = {
    '/catalog-info.yaml': apiYaml('ph-url-api', './openapi.yaml'),
    '/openapi.yaml': 'openapi: 3.0.0\ninfo:\n  version: "1"\n',
  };
  before(async () => {
    mkdirSync(join(dir, 'svc'), { recursive: true });
    writeFileSync(join(dir, 'svc/catalog-info.yaml'), `${apiYaml('ph-file-api', './openapi.yaml')}---\n${apiYaml('ph-later-api', './later.yaml')}`);
    writeFileSync(join(dir, 'svc/openapi.yaml'), 'openapi: 3.0.0\ninfo:\n  version: "1"\n');
    files = await startFileServer(routes);
    server = await startPaved({
      env: { PAVED_LOG_LEVEL: 'info', PAVED_REFRESH_INTERVAL_SECONDS: '1', PAVED_LOCATIONS: `file:${dir},url:${files.url}/catalog-info.yaml` },
    });
  });
  after(async () => {
    await server?.stop();
    await files?.close();
  });

  /** The ingestion summaries the server logged (`refreshed <location> in N ms`). */
  const summaries = () => server.output().split('\n').filter((l) => l.includes('"refreshed ')).map((l) => JSON.parse(l) as { msg: string; skipped: number; sources: number });
  const definition = async (name: string) => String((await byName(server, 'api', name))?.spec?.definition ?? '');

  it('still skips a source whose descriptor and placeholder targets are unchanged, keeping etags', async () => {
    await until('both locations to be ingested', async () => (await definition('ph-file-api')).includes('"1"') && (await definition('ph-url-api')).includes('"1"'));
    const etags = [(await byName(server, 'api', 'ph-file-api'))?.metadata.etag, (await byName(server, 'api', 'ph-url-api'))?.metadata.etag];
    const seen = summaries().length;
    for (const prefix of ['refreshed file:', 'refreshed url:']) {
      await until(`an interval refresh of ${prefix} that skips everything`, async () =>
        summaries().slice(seen).find((s) => s.msg.startsWith(prefix) && s.sources > 0 && s.skipped === s.sources), 10_000);
    }
    assert.deepEqual([(await byName(server, 'api', 'ph-file-api'))?.metadata.etag, (await byName(server, 'api', 'ph-url-api'))?.metadata.etag], etags);
  });

  it('file location: picks up a change to the $text target alone', async () => {
    writeFileSync(join(dir, 'svc/openapi.yaml'), 'openapi: 3.0.0\ninfo:\n  version: "2"\n');
    await until('the interval refresh to see the new $text content', async () => (await definition('ph-file-api')).includes('version: "2"'), 10_000);
  });

  it('file location: picks up a $text target that did not exist before', async () => {
    assert.equal(await byName(server, 'api', 'ph-later-api'), undefined);
    writeFileSync(join(dir, 'svc/later.yaml'), 'openapi: 3.0.0\n');
    await until('the interval refresh to see the new file', async () => (await definition('ph-later-api')) === 'openapi: 3.0.0\n', 10_000);
  });

  it('url location: picks up a change to the $text target alone', async () => {
    routes['/openapi.yaml'] = 'openapi: 3.0.0\ninfo:\n  version: "2"\n';
    await until('the interval refresh to see the new $text content', async () => (await definition('ph-url-api')).includes('version: "2"'), 10_000);
  });
});

describe('etag of an entity whose inverse relations change', () => {
  let paved: PavedProcess;
  const dir = join(tmp, 'relations');
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const groupYaml = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n`;
  const owned = (name: string, owner: string, description?: string) =>
    componentYaml(name, { description }).replace('owner: team-a', `owner: ${owner}`);
  const get = (kind: string, name: string) => byName(paved, kind, name);
  const refresh = async () => assert.equal((await paved.api('POST', '/api/catalog/refresh', { entityRef: 'group:default/rel-g' })).status, 200);
  const ownerOf = (e: E | undefined) => (e?.relations ?? []).filter((r) => r.type === 'ownerOf').map((r) => r.targetRef).sort();
  const allEtags = async () => new Map((await paved.api<E[]>('GET', '/api/catalog/entities')).body.map((e) => [`${e.kind}:${e.metadata.name}`, e.metadata.etag]));

  before(async () => {
    write('g/catalog-info.yaml', `${groupYaml('rel-g')}---\n${groupYaml('rel-h')}`);
    write('a/catalog-info.yaml', owned('rel-a', 'rel-g'));
    paved = await startPaved();
    assert.equal((await paved.api('POST', '/api/catalog/locations', { type: 'file', target: dir })).status, 201);
  });
  after(() => paved?.stop());

  it('changes when a component starts being owned by the group', async () => {
    const g = await get('group', 'rel-g');
    assert.deepEqual(ownerOf(g), ['component:default/rel-a']);
    const a = await get('component', 'rel-a');
    write('b/catalog-info.yaml', owned('rel-b', 'rel-g'));
    await refresh();
    const after = await get('group', 'rel-g');
    assert.deepEqual(ownerOf(after), ['component:default/rel-a', 'component:default/rel-b']);
    assert.notEqual(after?.metadata.etag, g?.metadata.etag);
    assert.equal((await get('component', 'rel-a'))?.metadata.etag, a?.metadata.etag, 'an unrelated entity keeps its etag');
  });

  it('changes for both groups when a component moves from one to the other', async () => {
    const [g, h] = [await get('group', 'rel-g'), await get('group', 'rel-h')];
    write('b/catalog-info.yaml', owned('rel-b', 'rel-h'));
    await refresh();
    const [g2, h2] = [await get('group', 'rel-g'), await get('group', 'rel-h')];
    assert.deepEqual(ownerOf(g2), ['component:default/rel-a']);
    assert.deepEqual(ownerOf(h2), ['component:default/rel-b']);
    assert.notEqual(g2?.metadata.etag, g?.metadata.etag);
    assert.notEqual(h2?.metadata.etag, h?.metadata.etag);
  });

  it('does not change when the component changes but its relations do not', async () => {
    const [g, a] = [await get('group', 'rel-g'), await get('component', 'rel-a')];
    write('a/catalog-info.yaml', owned('rel-a', 'rel-g', 'now described'));
    await refresh();
    const a2 = await get('component', 'rel-a');
    assert.equal(a2?.metadata.description, 'now described');
    assert.notEqual(a2?.metadata.etag, a?.metadata.etag);
    assert.equal((await get('group', 'rel-g'))?.metadata.etag, g?.metadata.etag);
  });

  it('changes for an orphaned component, not for its owner, which still lists it (as Backstage does)', async () => {
    const [h, b] = [await get('group', 'rel-h'), await get('component', 'rel-b')];
    rmSync(join(dir, 'b'), { recursive: true });
    await refresh();
    const b2 = await get('component', 'rel-b');
    assert.equal(b2?.metadata.annotations['backstage.io/orphan'], 'true');
    assert.notEqual(b2?.metadata.etag, b?.metadata.etag);
    const h2 = await get('group', 'rel-h');
    assert.deepEqual(ownerOf(h2), ['component:default/rel-b']);
    assert.equal(h2?.metadata.etag, h?.metadata.etag);
  });

  it('changes when the owning component is deleted', async () => {
    const [g, a] = [await get('group', 'rel-g'), await get('component', 'rel-a')];
    assert.ok(a);
    assert.equal((await paved.api('DELETE', `/api/catalog/entities/by-uid/${a.metadata.uid}`)).status, 204);
    const g2 = await get('group', 'rel-g');
    assert.deepEqual(ownerOf(g2), []);
    assert.notEqual(g2?.metadata.etag, g?.metadata.etag);
  });

  it('a refresh that changes nothing keeps every etag', async () => {
    await refresh(); // re-emits rel-a, deleted above
    const etags = await allEtags();
    assert.ok(etags.size >= 5, JSON.stringify([...etags]));
    await refresh();
    assert.deepEqual(await allEtags(), etags);
  });
});
