import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTemplateRenderer, TemplateRenderError, type TemplateRenderer } from './index';

const context = {
  parameters: {
    name: 'payments',
    count: 3,
    flag: true,
    nothing: null,
    tags: ['a', 'b'],
    obj: { x: 1, nested: { y: 'z' } },
    repoUrl: 'github.com?owner=acme&repo=payments',
  },
  steps: { fetch: { output: { remoteUrl: 'https://git.example/acme/payments' } } },
  user: { ref: 'user:default/alice', entity: { metadata: { name: 'alice' } } },
  each: { key: 'k1', value: { env: 'prod' } },
  secrets: { token: 's3cr3t' },
};

describe('createTemplateRenderer', () => {
  let r: TemplateRenderer;
  before(async () => { r = await createTemplateRenderer(); });
  after(() => r.dispose());

  describe('renderValue keeps the type of a single ${{ }} expression', () => {
    const cases: Array<[string, unknown, unknown]> = [
      ['number', '${{ parameters.count }}', 3],
      ['boolean', '${{ parameters.flag }}', true],
      ['null', '${{ parameters.nothing }}', null],
      ['string', '${{ parameters.name }}', 'payments'],
      ['object', '${{ parameters.obj }}', { x: 1, nested: { y: 'z' } }],
      ['array', '${{ parameters.tags }}', ['a', 'b']],
      ['missing path is undefined', '${{ parameters.missing.deeper }}', undefined],
      ['arithmetic', '${{ parameters.count + 1 }}', 4],
      ['filter result', '${{ parameters.count | string }}', '3'],
      ['filter to object', '${{ parameters.repoUrl | parseRepoUrl }}', { host: 'github.com', owner: 'acme', repo: 'payments' }],
      ['steps output', "${{ steps['fetch'].output.remoteUrl }}", 'https://git.example/acme/payments'],
      ['user', '${{ user.entity.metadata.name }}', 'alice'],
      ['each', '${{ each.value }}', { env: 'prod' }],
      ['secrets', '${{ secrets.token }}', 's3cr3t'],
      ['mixed text is a string', 'svc-${{ parameters.count }}', 'svc-3'],
      ['leading space makes it text', ' ${{ parameters.count }}', ' 3'],
      ['two expressions are text', '${{ parameters.count }}${{ parameters.count }}', '33'],
      ['plain string untouched', 'hello {{ world }}', 'hello {{ world }}'],
      ['number untouched', 42, 42],
      ['null untouched', null, null],
      ['nested walk', { a: '${{ parameters.count }}', b: ['${{ parameters.flag }}', 'x-${{ parameters.name }}'], c: { d: '${{ parameters.tags }}' } },
        { a: 3, b: [true, 'x-payments'], c: { d: ['a', 'b'] } }],
      ['undefined keys are dropped', { a: '${{ parameters.missing }}', b: 1 }, { b: 1 }],
    ];
    for (const [name, input, expected] of cases) {
      test(name, async () => {
        assert.deepEqual(await r.renderValue(input, context), expected);
      });
    }
  });

  describe('renderString', () => {
    const cases: Array<[string, string, string]> = [
      ['mixed text', 'name: ${{ parameters.name }}, count: ${{ parameters.count }}', 'name: payments, count: 3'],
      ['if/else', '{% if parameters.flag %}on{% else %}off{% endif %}', 'on'],
      ['loop', '{% for t in parameters.tags %}${{ loop.index }}:${{ t }}{% if not loop.last %},{% endif %}{% endfor %}', '1:a,2:b'],
      ['skeleton values', 'app: ${{ values.name }}\n{% if values.db %}db: true\n{% endif %}', 'app: svc\ndb: true\n'],
      ['built-in filters', '${{ parameters.name | upper }} ${{ parameters.tags | join("|") }} ${{ parameters.obj | dump }}',
        'PAYMENTS a|b {"x":1,"nested":{"y":"z"}}'],
      ['missing value renders empty', '[${{ parameters.nope }}]', '[]'],
      ['{{ }} is not a tag', '{{ parameters.name }}', '{{ parameters.name }}'],
      ['raw block', '{% raw %}${{ x }}{% endraw %}', '${{ x }}'],
      ['file name', '${{ values.name }}/README.md', 'svc/README.md'],
    ];
    for (const [name, template, expected] of cases) {
      test(name, async () => {
        assert.equal(await r.renderString(template, { ...context, values: { name: 'svc', db: true } }), expected);
      });
    }
  });

  describe('errors', () => {
    test('a syntax error names its line and column', async () => {
      const err = await r.renderString('line one\nline two {% endif %}\n', context).catch((e: unknown) => e);
      assert.ok(err instanceof TemplateRenderError);
      assert.equal(err.reason, 'syntax');
      assert.equal(err.line, 2);
      assert.match(err.message, /unknown block tag: endif \(line 2, column \d+\)/);
    });
    test('an unknown filter is named, with its position', async () => {
      const err = await r.renderString('a\nb ${{ parameters.name | foo }}', context).catch((e: unknown) => e);
      assert.ok(err instanceof TemplateRenderError);
      assert.equal(err.message, "unknown filter 'foo' (line 2, column 25)");
    });
    test('renderValue reports errors too', async () => {
      await assert.rejects(r.renderValue({ a: '${{ parameters.name | foo }}' }, context), /unknown filter 'foo'/);
    });
    test('calling a non-function', async () => {
      await assert.rejects(r.renderString('${{ parameters.name() }}', context), (e: unknown) =>
        e instanceof TemplateRenderError && e.reason === 'render' && /Unable to call/.test(e.message));
    });
    test('include/import have no loader', async () => {
      await assert.rejects(r.renderString('{% include "/etc/passwd" %}', context), /template not found/);
    });
  });
});

describe('renderer options', () => {
  test('cookiecutterCompat maps cookiecutter to values and adds jsonify', async () => {
    const r = await createTemplateRenderer({ cookiecutterCompat: true });
    try {
      const values = { name: 'svc', owner: 'team-a' };
      assert.equal(await r.renderString('{{ cookiecutter.name }} by {{ values.owner }}', { values }), 'svc by team-a');
      assert.equal(await r.renderString('{{ cookiecutter | jsonify }}', { values }), '{"name":"svc","owner":"team-a"}');
      // Parameters and step inputs keep Backstage's ${{ }} syntax.
      assert.equal(await r.renderValue('${{ parameters.n }}', { parameters: { n: 2 } }), 2);
    } finally {
      r.dispose();
    }
  });

  test('trimBlocks and lstripBlocks pass through to nunjucks', async () => {
    const template = 'a\n  {% if true %}\nb\n  {% endif %}\nc\n';
    const plain = await createTemplateRenderer();
    const trimmed = await createTemplateRenderer({ trimBlocks: true, lstripBlocks: true });
    try {
      assert.equal(await plain.renderString(template, {}), 'a\n  \nb\n  \nc\n');
      assert.equal(await trimmed.renderString(template, {}), 'a\nb\nc\n');
    } finally {
      plain.dispose();
      trimmed.dispose();
    }
  });

  test('a disposed renderer refuses to render', async () => {
    const r = await createTemplateRenderer();
    r.dispose();
    await assert.rejects(r.renderString('x', {}), /disposed/);
  });
});
