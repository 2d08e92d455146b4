// Cases for the oracle test: for every built-in kind a valid base entity, then mutations that
// exercise each rule of Backstage's policies and kind schemas. Each case is judged by Backstage's
// own validators and by validateEntity(); their verdicts must agree.

export type OracleCase = { name: string; entity: unknown };

type Obj = Record<string, unknown>;

const BASES: Record<string, Obj> = {
  Component: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'svc' }, spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } },
  API: { apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: 'petstore' }, spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0' } },
  Resource: { apiVersion: 'backstage.io/v1alpha1', kind: 'Resource', metadata: { name: 'db' }, spec: { type: 'database', owner: 'team-a' } },
  System: { apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { name: 'shop' }, spec: { owner: 'team-a' } },
  Domain: { apiVersion: 'backstage.io/v1alpha1', kind: 'Domain', metadata: { name: 'commerce' }, spec: { owner: 'team-a' } },
  Group: { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team-a' }, spec: { type: 'team', children: [] } },
  User: { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'jdoe' }, spec: { memberOf: ['team-a'] } },
  Location: { apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: 'loc' }, spec: {} },
  Template: {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'tpl' },
    spec: { type: 'service', owner: 'team-a', steps: [{ id: 'fetch', action: 'fetch:template', input: { url: './skeleton' } }] },
  },
};

const clone = <T>(v: T): T => structuredClone(v);

/** Sets (or, with undefined, deletes) a dotted path on a copy of the base. */
function withPath(base: Obj, path: string, value: unknown): Obj {
  const out = clone(base);
  const parts = path.split('.');
  let node: Obj = out;
  for (const p of parts.slice(0, -1)) {
    if (typeof node[p] !== 'object' || node[p] === null) node[p] = {};
    node = node[p] as Obj;
  }
  const last = parts[parts.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return out;
}

const NAME_VALUES: unknown[] = [
  'a', 'A', '0', 'abc', 'a-b', 'a_b', 'a.b', 'a--b', 'a__b', 'a..b', 'Ab.C_d-E', 'x'.repeat(63), 'x'.repeat(64),
  '-a', 'a-', '_a', 'a_', '.a', 'a.', 'a b', 'a/b', 'a:b', 'ä', '', 5, null, true, ['a'], { a: 1 }, 'a\nb', 'a-1.2_3',
];
const NAMESPACE_VALUES: unknown[] = [
  'default', 'ns', 'a-b', 'a--b', 'Default', 'UPPER', 'a_b', 'a.b', '-a', 'a-', 'x'.repeat(63), 'x'.repeat(64), '', null, 7, '0', 'a1-2b',
];
const API_VERSIONS: unknown[] = [
  'backstage.io/v1alpha1', 'backstage.io/v1beta1', 'backstage.io/v1', 'backstage.io/V1alpha1', 'v1alpha1', 'Backstage.io/v1alpha1',
  'backstage.io/', '/v1alpha1', 'a/b/c', 'backstage.io/v1-alpha1', 'example.com/v1', '', 3, null, 'scaffolder.backstage.io/v1beta3',
];
const KINDS: unknown[] = ['Component', 'component', 'COMPONENT', 'Comp-onent', '1Component', 'Foo', '', null, 4, 'Template', 'Group', 'K'.repeat(64)];
const LABEL_KEYS = [
  'a', 'app', 'example.com/app', 'backstage.io/custom', 'a/b/c', '/a', 'a/', 'Example.com/app', 'ex_ample.com/app', 'a b', '-a',
  `${'x'.repeat(63)}`, `${'x'.repeat(64)}`, `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}/k`,
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}/k`, 'a..b/c', 'a.b/C_d.e', '',
];
const LABEL_VALUES: unknown[] = ['', 'v', 'V-1.2_3', 'a b', '-v', 'x'.repeat(63), 'x'.repeat(64), 5, null, true, ['a']];
const ANNOTATION_VALUES: unknown[] = ['', 'anything at all: / \n', 5, null, false, { a: 1 }, ['x']];
const TAGS: unknown[] = [
  'java', 'a-b', 'a--b', 'c++', 'c#', 'a:b', 'k8s', 'Java', 'a_b', 'a.b', '-a', 'a-', 'a b', '', 'x'.repeat(63), 'x'.repeat(64), 5, null, '+', '#', ':',
];
const LINKS: unknown[] = [
  { url: 'https://example.com' }, { url: 'https://example.com', title: 'Docs', icon: 'docs', type: 'doc' }, { url: 'not a url' },
  { url: 'mailto:a@b.c' }, { url: '/relative' }, { url: '' }, { title: 'no url' }, { url: 5 }, { url: 'https://x', title: '' },
  { url: 'https://x', title: '   ' }, { url: 'https://x', icon: '' }, { url: 'https://x', icon: ' ' }, { url: 'https://x', type: '' },
  { url: 'https://x', type: 5 }, { url: 'https://x', icon: 'Some Icon!' }, 'https://x', null, { url: 'https://x', extra: { a: 1 } },
];

function push(cases: OracleCase[], name: string, entity: unknown): void {
  cases.push({ name, entity });
}

function metadataCases(cases: OracleCase[]): void {
  const c = BASES.Component as Obj;
  NAME_VALUES.forEach((v, i) => push(cases, `metadata.name #${i} ${JSON.stringify(v)?.slice(0, 20)}`, withPath(c, 'metadata.name', v)));
  NAMESPACE_VALUES.forEach((v, i) => push(cases, `metadata.namespace #${i}`, withPath(c, 'metadata.namespace', v)));
  API_VERSIONS.forEach((v, i) => push(cases, `apiVersion #${i}`, withPath(c, 'apiVersion', v)));
  KINDS.forEach((v, i) => push(cases, `kind #${i}`, withPath(c, 'kind', v)));
  LABEL_KEYS.forEach((k, i) => push(cases, `label key #${i}`, withPath(c, 'metadata.labels', { [k]: 'v' })));
  LABEL_KEYS.forEach((k, i) => push(cases, `annotation key #${i}`, withPath(c, 'metadata.annotations', { [k]: 'v' })));
  LABEL_VALUES.forEach((v, i) => push(cases, `label value #${i}`, withPath(c, 'metadata.labels', { app: v })));
  ANNOTATION_VALUES.forEach((v, i) => push(cases, `annotation value #${i}`, withPath(c, 'metadata.annotations', { 'example.com/a': v })));
  TAGS.forEach((t, i) => push(cases, `tag #${i}`, withPath(c, 'metadata.tags', [t])));
  LINKS.forEach((l, i) => push(cases, `link #${i}`, withPath(c, 'metadata.links', [l])));
  const fields: Array<[string, unknown]> = [
    ['metadata.title', 'Title'], ['metadata.title', ''], ['metadata.title', 5], ['metadata.description', ''], ['metadata.description', 'd'],
    ['metadata.description', 5], ['metadata.uid', 'abc'], ['metadata.uid', ''], ['metadata.etag', 'e'], ['metadata.etag', ''], ['metadata.etag', 1],
    ['metadata.labels', []], ['metadata.labels', 'a=b'], ['metadata.labels', null], ['metadata.annotations', []], ['metadata.annotations', {}],
    ['metadata.tags', 'java'], ['metadata.tags', []], ['metadata.tags', {}], ['metadata.links', {}], ['metadata.links', []],
    ['metadata.extra', { anything: [1, 2] }], ['metadata.generation', 3], ['metadata.name', undefined], ['metadata', undefined],
    ['metadata', []], ['metadata', 'x'], ['metadata', null], ['spec', undefined], ['spec', []], ['spec', 'x'], ['spec', null],
    ['apiVersion', undefined], ['kind', undefined], ['relations', []], ['relations', [{ type: 'ownedBy', targetRef: 'group:default/a' }]],
    ['status', {}], ['status', { items: [] }], ['extra', 1], ['Metadata', {}], ['metadata.namespace', undefined],
  ];
  fields.forEach(([p, v], i) => push(cases, `field ${p} #${i}`, withPath(c, p, v)));
  push(cases, 'root array', [c]);
  push(cases, 'root null', null);
  push(cases, 'root string', 'component');
  push(cases, 'root empty', {});
  push(cases, 'labels two keys mixed', withPath(c, 'metadata.labels', { a: 'b', 'c/d/e': 'f' }));
  push(cases, 'tags mixed', withPath(c, 'metadata.tags', ['ok', 'Not-ok']));
  push(cases, 'tags many ok', withPath(c, 'metadata.tags', ['a', 'b', 'c++', 'go:1']));
}

type SpecCase = [kind: string, path: string, value: unknown];

const SPEC_CASES: SpecCase[] = [
  ['Component', 'type', undefined], ['Component', 'type', ''], ['Component', 'type', 5], ['Component', 'lifecycle', undefined],
  ['Component', 'lifecycle', ''], ['Component', 'owner', undefined], ['Component', 'owner', ''], ['Component', 'owner', 'user:jdoe'],
  ['Component', 'owner', ['a']], ['Component', 'system', 'shop'], ['Component', 'system', ''], ['Component', 'system', 3],
  ['Component', 'subcomponentOf', 'parent'], ['Component', 'subcomponentOf', ''], ['Component', 'providesApis', ['a', 'api:b']],
  ['Component', 'providesApis', 'a'], ['Component', 'providesApis', ['']], ['Component', 'providesApis', [1]], ['Component', 'consumesApis', []],
  ['Component', 'consumesApis', [null]], ['Component', 'dependsOn', ['resource:db']], ['Component', 'dependsOn', ['']],
  ['Component', 'dependsOn', 'resource:db'], ['Component', 'dependencyOf', ['component:x']], ['Component', 'dependencyOf', 5],
  ['Component', 'extra', { deep: true }], ['Component', 'lifecycle', 'anything-goes'],
  ['API', 'definition', undefined], ['API', 'definition', ''], ['API', 'definition', { $text: './x' }], ['API', 'type', 'mcp-server'],
  ['API', 'type', 'custom'], ['API', 'system', 'shop'], ['API', 'system', ''], ['API', 'owner', undefined], ['API', 'lifecycle', 3],
  ['Resource', 'type', undefined], ['Resource', 'owner', undefined], ['Resource', 'owner', ''], ['Resource', 'dependsOn', ['a']],
  ['Resource', 'dependsOn', [5]], ['Resource', 'system', ''], ['Resource', 'dependencyOf', 'x'], ['Resource', 'lifecycle', 5],
  ['System', 'owner', undefined], ['System', 'owner', ''], ['System', 'domain', 'commerce'], ['System', 'domain', ''],
  ['System', 'type', ''], ['System', 'type', 'product'], ['Domain', 'owner', undefined], ['Domain', 'subdomainOf', 'x'],
  ['Domain', 'subdomainOf', ''], ['Domain', 'type', 7],
  ['Group', 'children', undefined], ['Group', 'children', ['b', 'c']], ['Group', 'children', ['']], ['Group', 'children', 'b'],
  ['Group', 'type', undefined], ['Group', 'type', ''], ['Group', 'parent', 'org'], ['Group', 'parent', ''], ['Group', 'members', ['jdoe']],
  ['Group', 'members', [3]], ['Group', 'profile', { displayName: 'A', email: 'a@b.c', picture: 'https://x/p.png' }],
  ['Group', 'profile', { displayName: '' }], ['Group', 'profile', 'x'], ['Group', 'profile', { extra: 1 }],
  ['User', 'memberOf', undefined], ['User', 'memberOf', []], ['User', 'memberOf', 'team-a'], ['User', 'memberOf', ['']],
  ['User', 'profile', { email: 'j@x.y' }], ['User', 'profile', { email: '' }], ['User', 'profile', { picture: 5 }],
  ['Location', 'type', 'url'], ['Location', 'type', ''], ['Location', 'target', 'https://x/catalog-info.yaml'], ['Location', 'target', ''],
  ['Location', 'targets', ['./a.yaml', './b.yaml']], ['Location', 'targets', ['']], ['Location', 'targets', './a.yaml'],
  ['Location', 'presence', 'required'], ['Location', 'presence', 'optional'], ['Location', 'presence', 'maybe'], ['Location', 'presence', ''],
  ['Template', 'steps', undefined], ['Template', 'steps', []], ['Template', 'steps', [{}]], ['Template', 'steps', [{ action: '' }]],
  ['Template', 'steps', [{ action: 5 }]], ['Template', 'steps', [{ action: 'a', if: true }]], ['Template', 'steps', [{ action: 'a', if: 1 }]],
  ['Template', 'steps', [{ action: 'a', input: [] }]], ['Template', 'steps', [{ action: 'a', id: 5 }]], ['Template', 'steps', 'x'],
  ['Template', 'steps', [{ action: 'a', 'backstage:permissions': { tags: ['x'] } }]], ['Template', 'steps', [{ action: 'a', 'backstage:permissions': { tags: [1] } }]],
  ['Template', 'type', undefined], ['Template', 'type', ''], ['Template', 'owner', ''], ['Template', 'owner', undefined],
  ['Template', 'lifecycle', ''], ['Template', 'parameters', { properties: { name: { type: 'string' } } }],
  ['Template', 'parameters', [{ title: 'p1' }, { title: 'p2', when: '${{ x }}' }]], ['Template', 'parameters', [{ when: 5 }]],
  ['Template', 'parameters', 'x'], ['Template', 'parameters', [1]], ['Template', 'parameters', null], ['Template', 'parameters', []],
  ['Template', 'parameters', { 'backstage:permissions': { tags: 'x' } }], ['Template', 'output', { links: [{ url: 'https://x', title: 'Repo' }] }],
  ['Template', 'output', { links: [{ url: '' }] }], ['Template', 'output', { text: [{ title: 'T', content: 'c' }] }],
  ['Template', 'output', { text: [{ content: 5 }] }], ['Template', 'output', { remoteUrl: '${{ steps.x.output.url }}' }],
  ['Template', 'output', { remoteUrl: 5 }], ['Template', 'output', 'x'], ['Template', 'secrets', { schema: {} }],
  ['Template', 'secrets', { schema: 5 }], ['Template', 'presentation', { buttonLabels: { createButtonText: 'Go' } }],
  ['Template', 'presentation', { buttonLabels: { createButtonText: 5 } }], ['Template', 'EXPERIMENTAL_recovery', { EXPERIMENTAL_strategy: 'startOver' }],
  ['Template', 'EXPERIMENTAL_recovery', { EXPERIMENTAL_strategy: 1 }], ['Template', 'formDecorators', [{ id: 'x', input: {} }]],
  ['Template', 'formDecorators', [{ id: 1 }]], ['Template', 'EXPERIMENTAL_formDecorators', 'x'],
];

function specCases(cases: OracleCase[]): void {
  for (const [kind, base] of Object.entries(BASES)) {
    push(cases, `${kind} base`, base);
    push(cases, `${kind} v1beta1`, withPath(base, 'apiVersion', 'backstage.io/v1beta1'));
    push(cases, `${kind} without spec`, withPath(base, 'spec', undefined));
    push(cases, `${kind} empty spec`, withPath(base, 'spec', {}));
    push(cases, `${kind} lowercased kind`, withPath(base, 'kind', kind.toLowerCase()));
    push(cases, `${kind} with namespace`, withPath(base, 'metadata.namespace', 'other-ns'));
    push(cases, `${kind} with relations`, withPath(base, 'relations', []));
  }
  SPEC_CASES.forEach(([kind, path, value], i) => push(cases, `${kind} spec.${path} #${i}`, withPath(BASES[kind] as Obj, `spec.${path}`, value)));
  push(cases, 'Template with backstage apiVersion', withPath(BASES.Template as Obj, 'apiVersion', 'backstage.io/v1alpha1'));
  push(cases, 'Template v1beta2', withPath(BASES.Template as Obj, 'apiVersion', 'scaffolder.backstage.io/v1beta2'));
  push(cases, 'Component with scaffolder apiVersion', withPath(BASES.Component as Obj, 'apiVersion', 'scaffolder.backstage.io/v1beta3'));
}

/** All oracle cases. */
export function oracleCases(): OracleCase[] {
  const cases: OracleCase[] = [];
  metadataCases(cases);
  specCases(cases);
  return cases;
}
