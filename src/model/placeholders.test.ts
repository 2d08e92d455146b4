import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolvePlaceholders, resolvePlaceholderTarget, type PlaceholderRead } from './placeholders';

const files: Record<string, string> = {
  './api.yaml': 'openapi: 3.0.0\ninfo:\n  title: x\n',
  './data.json': '{"a": [1, 2]}',
  './two.yaml': 'a: 1\n---\nb: 2\n',
  './empty.yaml': '',
  './bad.json': '{nope',
  './bomb.yaml': 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
  './deep.json': `${'['.repeat(200)}${']'.repeat(200)}`,
};
const reads: PlaceholderRead[] = [];
const read = async (req: PlaceholderRead): Promise<string> => {
  reads.push(req);
  const content = files[req.target];
  if (content === undefined) throw new Error('ENOENT');
  return content;
};

test('$text, $json and $yaml are replaced by the content read', async () => {
  const input = { spec: { definition: { $text: './api.yaml' }, data: { $json: './data.json' }, doc: { $yaml: './api.yaml' }, list: [{ $text: './data.json' }] } };
  const { value, errors } = await resolvePlaceholders(input, read);
  assert.deepEqual(errors, []);
  assert.deepEqual(value, {
    spec: { definition: files['./api.yaml'], data: { a: [1, 2] }, doc: { openapi: '3.0.0', info: { title: 'x' } }, list: ['{"a": [1, 2]}'] },
  });
  assert.deepEqual(reads.find((r) => r.kind === 'json'), { kind: 'json', target: './data.json', path: 'spec.data' });
  assert.equal((input.spec.definition as { $text: string }).$text, './api.yaml', 'the input is not modified');
});

test('other $ keys and mixed objects are left untouched', async () => {
  const input = { schema: { $ref: '#/definitions/x' }, mixed: { $text: './api.yaml', other: 1 }, nested: { $ref: { $text: './api.yaml' } }, $unknown: 1 };
  const { value, errors } = await resolvePlaceholders(input, read);
  assert.deepEqual(errors, []);
  assert.deepEqual(value, input);
});

test('failures are errors at the placeholder path, with Backstage wording', async () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ $text: 5 }, /Placeholder \$text expected a string value parameter/],
    [{ $text: './missing' }, /Placeholder \$text could not read location \.\/missing, ENOENT/],
    [{ $yaml: './two.yaml' }, /Placeholder \$yaml expected to find exactly one document of data at \.\/two\.yaml, found 2/],
    [{ $yaml: './empty.yaml' }, /exactly one document .* found 0/],
    [{ $json: './bad.json' }, /Placeholder \$json failed to parse JSON data at \.\/bad\.json/],
    [{ $yaml: './bomb.yaml' }, /Excessive alias count/],
    [{ $json: './deep.json' }, /nests deeper than 64 levels/],
    [{ $text: './api.yaml' }, /larger than 10 bytes/],
  ];
  for (const [placeholder, message] of cases) {
    const opts = String(message).includes('larger') ? { maxBytes: 10 } : {};
    const { value, errors } = await resolvePlaceholders({ spec: { definition: placeholder } }, read, opts);
    assert.equal(errors.length, 1, String(message));
    assert.equal(errors[0]?.path, 'spec.definition');
    assert.match(errors[0]?.message ?? '', message);
    assert.deepEqual(value, { spec: { definition: placeholder } }, 'a failed placeholder stays in place');
  }
});

const TARGETS: Array<[base: string, target: string, root: string, expected: string | RegExp]> = [
  ['/repo/services/a/catalog-info.yaml', './api.yaml', '/repo', '/repo/services/a/api.yaml'],
  ['/repo/services/a/catalog-info.yaml', 'docs/api.yaml', '/repo', '/repo/services/a/docs/api.yaml'],
  ['/repo/services/a/catalog-info.yaml', '../b/api.yaml', '/repo', '/repo/services/b/api.yaml'],
  ['/repo/services/a/catalog-info.yaml', '../../../etc/passwd', '/repo', /outside the allowed root/],
  ['/repo/catalog-info.yaml', '../repo-evil/x', '/repo', /outside the allowed root/],
  ['/repo/catalog-info.yaml', '/etc/passwd', '/repo', /relative to the descriptor/],
  ['/repo/catalog-info.yaml', 'https://evil.example/x', '/repo', /relative to the descriptor/],
  ['/repo/catalog-info.yaml', 'file:///etc/passwd', '/repo', /relative to the descriptor/],
  ['/repo/catalog-info.yaml', '.', '/repo', /outside the allowed root/],
  ['/repo/catalog-info.yaml', '', '/repo', /empty or invalid/],
  ['https://git.example/org/repo/blob/main/a/catalog-info.yaml', './api.yaml', 'https://git.example/org/repo/', 'https://git.example/org/repo/blob/main/a/api.yaml'],
  ['https://git.example/org/repo/blob/main/catalog-info.yaml', 'https://git.example/org/repo/blob/main/x.yaml', 'https://git.example/org/repo', 'https://git.example/org/repo/blob/main/x.yaml'],
  ['https://git.example/org/repo/blob/main/catalog-info.yaml', 'https://evil.example/x', 'https://git.example/org/repo', /another origin/],
  ['https://git.example/org/repo/blob/main/catalog-info.yaml', '../../../../other/secret', 'https://git.example/org/repo', /outside the allowed root/],
  ['https://git.example/org/repo/blob/main/catalog-info.yaml', '%2e%2e/%2e%2e/%2e%2e/%2e%2e/other', 'https://git.example/org/repo', /outside the allowed root/],
  ['https://git.example/org/repo/blob/main/catalog-info.yaml', 'https://git.example/org/repository-evil/x', 'https://git.example/org/repo', /outside the allowed root/],
  ['https://git.example/org/repo/blob/main/catalog-info.yaml', 'file:///etc/passwd', 'https://git.example/org/repo', /http\(s\) URL/],
  ['https://git.example/org/repo/blob/main/catalog-info.yaml', 'https://user:pw@git.example/org/repo/x', 'https://git.example/org/repo', /outside the allowed root/],
];

test('resolvePlaceholderTarget stays inside the root', () => {
  for (const [base, target, root, expected] of TARGETS) {
    const r = resolvePlaceholderTarget(base, target, root);
    if (typeof expected === 'string') assert.deepEqual(r, { ok: true, target: expected }, `${base} + ${target}`);
    else {
      assert.equal(r.ok, false, `${base} + ${target} should be rejected`);
      if (!r.ok) assert.match(r.message, expected, target);
    }
  }
});
