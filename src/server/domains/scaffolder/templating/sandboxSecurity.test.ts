import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRequire } from 'node:module';
import { createTemplateRenderer, TemplateRenderError, type TemplateRenderer } from './index';

// nunjucks ships no types; the control test needs only this much of it.
const nunjucks = createRequire(import.meta.url)('nunjucks') as {
  Environment: new (loaders: null, opts: object) => { renderString(t: string, c: object): string };
};

const context = { parameters: { name: 'svc', list: [1, 2] }, secrets: { token: 's3cr3t' } };

describe('template sandbox: escapes', () => {
  let r: TemplateRenderer;
  before(async () => { r = await createTemplateRenderer(); });
  after(() => r.dispose());

  test('control: plain nunjucks in Node does reach process', () => {
    const env = new nunjucks.Environment(null, { tags: { variableStart: '${{', variableEnd: '}}' } });
    assert.equal(env.renderString("${{ range.constructor('return typeof process')() }}", {}), 'object');
  });

  const escapes = [
    "${{ range.constructor('return process')() }}",
    "${{ range.constructor('return typeof process')() }}",
    "${{ range.constructor.constructor('return process')() }}",
    "${{ cycler.constructor('return globalThis.process')() }}",
    "${{ joiner()['constructor']('return require')() }}",
    "${{ parameters.constructor.constructor('return this')() }}",
    "${{ parameters.list.map.constructor('return process.env')() }}",
    "${{ ''.sub.call.constructor('return process')() }}",
    "{% set f = range.constructor %}${{ f('return process.mainModule')() }}",
    '${{ process }}${{ require }}${{ globalThis }}${{ global }}${{ this }}${{ module }}${{ eval }}${{ Function }}',
    "${{ parameters.__proto__.__defineGetter__('polluted', range) }}",
  ];
  for (const template of escapes) {
    test(template, async () => {
      let output: string | undefined;
      try {
        output = await r.renderString(template, context);
      } catch (err) {
        assert.ok(err instanceof TemplateRenderError, `unexpected error type: ${String(err)}`);
        assert.doesNotMatch(err.message, /\[object process\]|node:|\/work\//);
        return;
      }
      assert.equal(output, '', `escape produced ${JSON.stringify(output)}`);
    });
  }

  test('code generation is refused with a clear message', async () => {
    await assert.rejects(r.renderString("${{ range.constructor('return 1')() }}", {}), /code generation is disabled in templates/);
  });

  test('one render cannot tamper with the next', async () => {
    const attempts = [
      "${{ parameters.__proto__.__defineGetter__('polluted', range) }}",
      "${{ parameters.list.__proto__.push.call(parameters.list.__proto__, 'x') }}",
      "{% set s = 'a' | safe %}${{ s.__proto__.__defineSetter__('val', range) }}",
    ];
    for (const t of attempts) await r.renderString(t, context).catch(() => undefined);
    assert.equal(await r.renderString('${{ {} | dump }}|${{ [] | length }}|${{ {}.polluted }}|${{ "a" | safe }}', {}), '{}|0||a');
  });
});

describe('template sandbox: bounds', () => {
  let r: TemplateRenderer;
  before(async () => { r = await createTemplateRenderer({ timeoutMs: 500, memoryLimitMb: 64 }); });
  after(() => r.dispose());
  const stillWorks = async () => assert.equal(await r.renderString('ok ${{ parameters.name }}', context), 'ok svc');

  test('an endless loop times out, and the renderer recovers', async () => {
    const started = Date.now();
    await assert.rejects(r.renderString('{% for i in range(0, 1000000000000) %}x{% endfor %}', {}), (e: unknown) =>
      e instanceof TemplateRenderError && e.reason === 'timeout' && e.message === 'template rendering timed out after 500 ms');
    assert.ok(Date.now() - started < 3000);
    await stillWorks();
  });

  test('1e12 is not a nunjucks number literal: range(0, 1e12) is empty, not a hang', async () => {
    assert.equal(await r.renderString('{% for i in range(0, 1e12) %}x{% endfor %}', {}), '');
  });

  test('a huge allocation hits the memory limit, and the renderer recovers', async () => {
    await assert.rejects(r.renderString('${{ "x".repeat(50000000) | upper | lower | length }}', {}), (e: unknown) =>
      e instanceof TemplateRenderError && e.reason === 'memory' && /memory limit of 64 MB/.test(e.message));
    await stillWorks();
  });

  test('an allocation that makes V8 abort only kills the sandbox process', async () => {
    // In-process, this line aborts Node itself ("Fatal JavaScript invalid size error").
    await assert.rejects(r.renderString('${{ "x".repeat(300000000).split("") | length }}', {}), (e: unknown) =>
      e instanceof TemplateRenderError && e.reason === 'memory');
    await stillWorks();
    assert.deepEqual(await r.renderValue('${{ parameters.list }}', context), [1, 2]);
  });

  test('renders queued behind a failing one still succeed', async () => {
    const results = await Promise.allSettled([
      r.renderString('{% for i in range(0, 1000000000000) %}{% endfor %}', {}),
      r.renderString('a${{ parameters.name }}', context),
      r.renderValue('${{ parameters.list | length }}', context),
    ]);
    assert.equal(results[0].status, 'rejected');
    assert.deepEqual(results.slice(1).map((x) => (x.status === 'fulfilled' ? x.value : x.reason)), ['asvc', 2]);
  });

  test('input sizes are bounded', async () => {
    await assert.rejects(r.renderString('x'.repeat(1024 * 1024 + 1), {}), (e: unknown) =>
      e instanceof TemplateRenderError && e.reason === 'input' && e.message === 'template is larger than 1 MiB');
    await assert.rejects(r.renderString('x', { blob: 'y'.repeat(8 * 1024 * 1024) }), (e: unknown) =>
      e instanceof TemplateRenderError && e.reason === 'input' && e.message === 'template context is larger than 8 MiB');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await assert.rejects(r.renderString('x', cyclic), /not JSON-serialisable/);
    await stillWorks();
  });
});
