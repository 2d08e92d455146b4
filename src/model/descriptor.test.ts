import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { parseDescriptor } from './descriptor';
import { parseFastYaml } from './fastYaml';

const file = 'catalog-info.yaml';
const entityYaml = (i: number): string =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-${i}\n  tags: [java, web]\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n  dependsOn:\n    - resource:db\n`;

test('JSON is YAML, and lineOf works on the slow path too', () => {
  const { documents, errors } = parseDescriptor('{"apiVersion": "v1",\n "kind": "K",\n "metadata": {"name": "x"}}', { file });
  assert.deepEqual(errors, []);
  assert.deepEqual(documents[0]?.value, { apiVersion: 'v1', kind: 'K', metadata: { name: 'x' } });
  assert.equal(documents[0]?.lineOf(['metadata', 'name']), 3);
  assert.equal(documents[0]?.lineOf(['spec']), 1);
});

test('empty documents are skipped; non-mappings are errors with their line', () => {
  const { documents, errors } = parseDescriptor('---\na: 1\n---\n---\n- x\n---\njust text\n---\n42\n---\n', { file });
  assert.equal(documents.length, 1);
  assert.deepEqual(errors.map((e) => [e.document, e.line]), [[2, 5], [3, 7], [4, 9]]);
  assert.match(errors[0]?.message ?? '', /expected a mapping \(an entity\) at the document root, but found a list/);
  assert.match(errors[1]?.message ?? '', /found the string "just text"/);
});

const HOSTILE: Array<[string, string | Uint8Array, RegExp, Record<string, number>?]> = [
  ['binary (NUL bytes)', new Uint8Array([0x61, 0x3a, 0x20, 0x00, 0x01]), /binary \(it contains NUL bytes\)/],
  ['NUL in a string', 'a: b\u0000c', /binary/],
  ['invalid UTF-8', new Uint8Array([0x61, 0x3a, 0x20, 0xc3, 0x28]), /not valid UTF-8/],
  ['unpaired surrogate', 'a: \uD800x', /not valid UTF-8/],
  ['over maxBytes', 'a: 1\n'.repeat(100), /larger than 64 bytes/, { maxBytes: 64 }],
  ['over maxBytes (bytes)', new Uint8Array(100).fill(0x20), /larger than 64 bytes/, { maxBytes: 64 }],
  ['alias bomb', 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', /Excessive alias count/],
  ['deep flow nesting', `a: ${'['.repeat(100_000)}`, /nesting is deeper than 64 levels/],
  ['deep block sequences', `${'- '.repeat(100_000)}x`, /nesting is deeper than 64 levels/],
  ['deep block mappings', Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), /nesting is deeper than 64 levels/],
  ['deeper than a custom maxDepth', 'a:\n  b:\n    c:\n      d: 1\n', /deeper than 2 levels/, { maxDepth: 2 }],
  ['too many tokens', `a: [${'1,'.repeat(300_000)}1]`, /more than 200000 YAML tokens/],
  ['too many documents', '---\na: 1\n'.repeat(30), /more than 20 documents/, { maxDocuments: 20 }],
  ['syntax error', 'a: [1, 2\nb: 3', /./],
  ['duplicate keys', 'a: 1\na: 2\n', /Map keys must be unique/],
];

test('hostile input gives a clear error quickly and never hangs', () => {
  for (const [name, input, message, opts] of HOSTILE) {
    const started = Date.now();
    const { documents, errors } = parseDescriptor(input, { file, ...opts });
    assert.equal(documents.length, 0, name);
    assert.equal(errors.length, 1, `${name}: ${JSON.stringify(errors)}`);
    assert.match(errors[0]?.message ?? '', message, name);
    assert.equal(errors[0]?.file, file);
    assert.ok(Date.now() - started < 3000, `${name} took ${Date.now() - started} ms`);
  }
});

test('a hostile document does not hide its neighbours', () => {
  const text = `${entityYaml(1)}---\nx: ${'['.repeat(1000)}\n---\n${entityYaml(2)}`;
  const { documents, errors } = parseDescriptor(text, { file });
  assert.deepEqual(documents.map((d) => d.index), [0, 2]);
  assert.equal(errors[0]?.document, 1);
});

test('10k small entities parse in well under two seconds', () => {
  const text = Array.from({ length: 10_000 }, (_, i) => entityYaml(i)).join('---\n');
  const started = performance.now();
  const { documents, errors } = parseDescriptor(text, { file });
  const ms = performance.now() - started;
  console.log(`parseDescriptor: 10000 entities, ${(text.length / 1e6).toFixed(2)} MB in ${ms.toFixed(0)} ms`);
  assert.equal(documents.length, 10_000);
  assert.deepEqual(errors, []);
  assert.equal(documents[9999]?.lineOf(['spec', 'dependsOn', 0]), 9999 * 14 + 13);
  assert.ok(ms < 2000, `${ms} ms`);
});

// The fast path must read exactly what the yaml package reads, or decline.
const FAST_SAMPLES = [
  entityYaml(1),
  'a: 1\nb: 007\nc: 1.5\nd: -1\ne: 0x1F\nf: .inf\ng: ~\nh: null\ni: True\nj: yes\nk: no\nl: on\n',
  'a: "quoted: #not comment"\nb: \'single\'\nc: plain # comment\nd: x#y\ne: ""\nf:\ng: []\nh: {}\n',
  'list:\n- a\n- b\nnext: 1\nnested:\n  - name: x\n    deep:\n      k: v\n  - name: y\n    tags: [a, "b c"]\n',
  'a: https://example.com/x?y=1#frag\nb: user:default/x\nc: $text\n$text: ./x\nbackstage:permissions: 1\n',
  'a: b: c\n', 'a: |\n  text\n', 'a: >\n  folded\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: "esc\\n"\n', 'a: \'it\'\'s\'\n',
  'a: multi\n  line\n', 'a:\n\tb: 1\n', '- top\n', '? a\n: b\n', 'a: [1, [2]]\n', 'a: {b: 1}\n', 'a: 1\na: 2\n', '"q": 1\n',
  'null: 1\n', '1: x\n', 'a: -\n', 'a:\n  - - x\n', 'a: [a, b, ]\n', 'a: x\n b: y\n', 'a:\n  b: 1\n c: 2\n', 'key: value   \n',
  'a:   \n  b: 1\n', 'a: 1 # c\n# full\n  # indented comment\nb: 2\n', 'a: "x" y\n', "a: 'x'#c\n", 'a: [x] y\n', 'a: 12345678901234567890\n',
  '---\na: 1\n', '--- \na: 1\n', 'a: 1\r\nb: 2\r\n', 'a: b\rc\n', '__proto__: 1\n', 'a: (x)\n', 'a: /path\n', 'a: ./x\n', 'a: @x\n',
];

test('the fast path agrees with the yaml package or declines', () => {
  let taken = 0;
  for (const sample of FAST_SAMPLES) {
    const fast = parseFastYaml(sample, 1, 64);
    if (!fast) continue;
    taken += 1;
    const docs = parseAllDocuments(sample);
    assert.equal(docs.length, 1, sample);
    assert.deepEqual(docs[0]?.errors, [], `fast path accepted invalid YAML: ${sample}`);
    assert.deepEqual(fast.value, docs[0]?.toJS(), sample);
  }
  assert.ok(taken >= 10, `fast path took only ${taken} samples`);
});
