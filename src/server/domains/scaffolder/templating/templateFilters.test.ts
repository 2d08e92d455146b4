import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseEntityRef as backstageParseEntityRef } from '@backstage/catalog-model';
import { createTemplateRenderer, TemplateRenderError, type TemplateRenderer } from './index';

describe('scaffolder filters (Backstage createDefaultFilters)', () => {
  let r: TemplateRenderer;
  before(async () => { r = await createTemplateRenderer(); });
  after(() => r.dispose());
  const value = (expr: string, parameters: Record<string, unknown> = {}) => r.renderValue(`\${{ ${expr} }}`, { parameters });

  describe('parseRepoUrl', () => {
    const cases: Array<[string, Record<string, string>]> = [
      // Backstage's documented example.
      ['github.com?repo=backstage&owner=backstage', { host: 'github.com', owner: 'backstage', repo: 'backstage' }],
      ['github.com?owner=o&repo=r', { host: 'github.com', owner: 'o', repo: 'r' }],
      ['GitHub.example.com:8443?owner=%2Fo%2F&repo=r%20x', { host: 'github.example.com:8443', owner: 'o', repo: 'r x' }],
      ['gitlab.com?owner=group%2Fsub&repo=r', { host: 'gitlab.com', owner: 'group/sub', repo: 'r' }],
      ['gitlab.com?project=123', { host: 'gitlab.com', project: '123' }],
      ['bitbucket.org?workspace=w&project=p&repo=r', { host: 'bitbucket.org', workspace: 'w', project: 'p', repo: 'r' }],
      ['dev.azure.com?organization=org&project=p&repo=r', { host: 'dev.azure.com', organization: 'org', project: 'p', repo: 'r' }],
      ['gitea.example.com?repo=r&owner=o', { host: 'gitea.example.com', owner: 'o', repo: 'r' }],
    ];
    for (const [url, expected] of cases) {
      test(url, async () => assert.deepEqual(await value('parameters.u | parseRepoUrl', { u: url }), expected));
    }
    const bad: Array<[string, RegExp]> = [
      ['github.com?owner=o', /missing repo/],
      ['github.com?repo=r', /missing owner/],
      ['bitbucket.org?project=p&repo=r', /missing workspace/],
      ['dev.azure.com?repo=r', /missing project/],
      ['not a url?owner=o&repo=r', /Invalid repo URL passed to parseRepoUrl, got "not a url\?owner=o&repo=r"/],
      ['', /Invalid repo URL/],
    ];
    for (const [url, message] of bad) {
      test(`rejects ${JSON.stringify(url)}`, async () => {
        await assert.rejects(value('parameters.u | parseRepoUrl', { u: url }), (e: unknown) =>
          e instanceof TemplateRenderError && e.reason === 'render' && message.test(e.message));
      });
    }
  });

  describe('parseEntityRef matches @backstage/catalog-model', () => {
    const cases: Array<[string | Record<string, string>, Record<string, string> | undefined]> = [
      ['group:techdocs', undefined], // Backstage's example → {kind: group, namespace: default, name: techdocs}
      ['techdocs', { defaultKind: 'group', defaultNamespace: 'another-namespace' }],
      ['component:ns/name', undefined],
      ['Component:ns/name', { defaultKind: 'group' }],
      ['ns/name', { defaultKind: 'api' }],
      ['user:a:b', undefined],
      ['a/b:c', { defaultKind: 'k' }],
      [{ kind: 'User', name: 'x' }, undefined],
    ];
    for (const [ref, ctx] of cases) {
      test(`${JSON.stringify(ref)} ${JSON.stringify(ctx ?? {})}`, async () => {
        const expected = { ...backstageParseEntityRef(ref as string, ctx) };
        const expr = ctx ? 'parameters.ref | parseEntityRef(parameters.ctx)' : 'parameters.ref | parseEntityRef';
        assert.deepEqual(await value(expr, { ref, ctx }), expected);
      });
    }
    test('documented output', async () => {
      assert.deepEqual(await value('"group:techdocs" | parseEntityRef'), { kind: 'group', namespace: 'default', name: 'techdocs' });
    });
    for (const bad of ['techdocs', 'component:', ':x', 'ns/']) {
      test(`rejects ${bad} like Backstage`, async () => {
        let expected = '';
        try { backstageParseEntityRef(bad); } catch (e) { expected = (e as Error).message; }
        assert.ok(expected);
        await assert.rejects(value('parameters.ref | parseEntityRef', { ref: bad }), (e: unknown) =>
          e instanceof TemplateRenderError && e.message === expected);
      });
    }
  });

  describe('pick', () => {
    const obj = { kind: 'Group', namespace: 'default', name: 'techdocs', a: { b: [{ c: 1 }] }, 'x.y': 2 };
    const cases: Array<[string, unknown]> = [
      ['name', 'techdocs'],
      ['a.b[0].c', 1],
      ['a.b.0.c', 1],
      ['a["b"][0]', { c: 1 }],
      ['x.y', 2],
      ['a.missing.c', undefined],
      ['constructor', undefined],
      ['a.__proto__', undefined],
    ];
    for (const [path, expected] of cases) {
      test(path, async () => assert.deepEqual(await value('parameters.obj | pick(parameters.path)', { obj, path }), expected));
    }
    test("Backstage's example: parseEntityRef | pick('name')", async () => {
      assert.equal(await value("parameters.owner | parseEntityRef | pick('name')", { owner: 'group:default/techdocs' }), 'techdocs');
    });
  });

  describe('projectSlug', () => {
    test("Backstage's example", async () => {
      assert.equal(await value('parameters.u | projectSlug', { u: 'github.com?repo=backstage&owner=backstage' }), 'backstage/backstage');
    });
    test('in text', async () => {
      assert.equal(await r.renderString('https://github.com/${{ parameters.u | projectSlug }}.git', { parameters: { u: 'github.com?owner=o&repo=r' } }),
        'https://github.com/o/r.git');
    });
    test('bad URL', async () => {
      await assert.rejects(value('"github.com?owner=o" | projectSlug'), /missing repo/);
    });
  });
});
