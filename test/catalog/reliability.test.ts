import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { until, writeGeneratedOrganisation } from '../helpers/catalogFixtures';
import { startPaved, type PavedProcess } from '../helpers/startPaved';

const component = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-x\n`;

describe('hostile input', () => {
  let paved: PavedProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'paved-hostile-'));
  after(async () => {
    await paved?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each bad file a clear error, stays up, and ingests the valid neighbours', async () => {
    const files: Record<string, string | Buffer> = {
      'alias-bomb.yaml': `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n`,
      'huge.yaml': `${component('huge')}  description: "${'x'.repeat(10 * 1024 * 1024)}"\n`,
      'deep.yaml': `${'['.repeat(1000)}${']'.repeat(1000)}\n`,
      'binary.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0xff]),
      'bad-utf8.yaml': Buffer.concat([Buffer.from(component('bad-utf8')), Buffer.from([0xc3, 0x28, 0x0a])]),
      'nowhere.yaml': `${component('nowhere')}  dependsOn: [component:default/does-not-exist]\n  system: { $text: ../../../../etc/passwd }\n`,
      'many.yaml': Array.from({ length: 10_000 }, (_, i) => component(`many-${i}`)).join('---\n'),
      'neighbour.yaml': component('neighbour'),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    paved = await startPaved();
    const reg = await paved.api<{ entities: unknown[] }>('POST', '/api/catalog/locations', { type: 'file', target: join(dir, '*.yaml') });
    assert.equal(reg.status, 201, JSON.stringify(reg.body).slice(0, 500));
    assert.equal((await paved.api('GET', '/healthz')).status, 200);
    assert.equal((await paved.api('GET', '/api/catalog/entities/by-name/component/default/neighbour')).status, 200);
    const many = await paved.api<{ totalItems: number }>('GET', '/api/catalog/entities/by-query?filter=kind=component,metadata.name=many-9999&limit=1');
    assert.equal(many.body.totalItems, 1);
    const count = await paved.api<{ facets: { kind: Array<{ value: string; count: number }> } }>('GET', '/api/catalog/entity-facets?facet=kind');
    assert.equal(count.body.facets.kind.find((k) => k.value === 'Component')?.count, 10_001);
    const errors = await paved.api<{ items: Array<{ locationKey: string; message: string }> }>('GET', '/api/catalog/errors?limit=1000');
    const errorOf = (file: string) => errors.body.items.filter((e) => e.locationKey.endsWith(`/${file}`)).map((e) => e.message).join(' | ');
    assert.match(errorOf('alias-bomb.yaml'), /alias/i);
    assert.match(errorOf('huge.yaml'), /larger than/);
    assert.match(errorOf('deep.yaml'), /deep|nest/i);
    assert.match(errorOf('binary.yaml'), /binary/i);
    assert.match(errorOf('bad-utf8.yaml'), /UTF-8/i);
    assert.match(errorOf('nowhere.yaml'), /outside|escape|root/i);
    assert.equal(errorOf('many.yaml'), '');
  });
});

describe('crash during ingestion', () => {
  let paved: PavedProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'paved-crash-'));
  after(async () => {
    await paved?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGKILL mid-ingestion, restart: ingestion completes and the catalog is consistent', async () => {
    const { expected, org } = writeGeneratedOrganisation(dir, { n: 6000, seed: 7, chunk: 250 });
    const countOf = async (p: PavedProcess) => (await p.api<{ totalItems: number }>('GET', '/api/catalog/entities/by-query?limit=0&filter=kind=component,kind=api,kind=group,kind=user,kind=system,kind=domain,kind=resource')).body.totalItems;
    paved = await startPaved({ env: { PAVED_LOCATIONS: `file:${join(dir, 'all.yaml')}` } });
    const first = paved;
    const partial = await until('partial ingestion', async () => {
      const n = await countOf(first);
      return n > 0 ? n : undefined;
    }, 120_000, 50);
    await first.kill();
    assert.ok(partial < expected, `killed after ${partial} of ${expected}: too late to prove anything`);
    paved = await first.restart();
    const p = paved;
    await until('complete ingestion', async () => ((await countOf(p)) === expected ? true : undefined), 120_000);
    const errors = await p.api<{ totalItems: number }>('GET', '/api/catalog/errors');
    assert.equal(errors.body.totalItems, 0);
    const group = await p.api<{ relations: Array<{ type: string }> }>('GET', `/api/catalog/entities/by-name/group/default/${org.manifest.sample.group}`);
    assert.ok(group.body.relations.length > 0);
  });
});
