// Deterministic generator of a synthetic Backstage organisation for benchmarks.
//
//   node --import tsx bench/generate.ts N --out DIR [--seed S] [--chunk C]
//
// Mix of the N entities: 5% Group (an org tree), 10% User, 10% System, 15% API, a few Domains,
// and the rest (~60%) Components with owners, systems, provided/consumed APIs and dependencies.
// Output: part-NNNN.yaml (multi-document YAML, `chunk` entities each), all.yaml (a root Location
// listing the parts as relative targets) and manifest.json. Same n/seed/chunk → same bytes.
//
// YAML is built with template strings rather than a YAML library: every value we emit is drawn
// from a fixed vocabulary that is safe as a plain scalar, and yaml's stringify() per entity
// measured ~16 s for 100k entities against ~2 s for the whole run this way.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface GenerateOptions {
  n: number;
  seed?: number;
  chunk?: number;
}

export interface GeneratedFile {
  /** Relative to the output directory. */
  path: string;
  text: string;
}

export interface OrganisationManifest {
  /** Generated entities per kind, spelled as in `kind:` (the root Location is not counted). */
  counts: Record<string, number>;
  /** Distinct (source, type, target) relations, both directions, as the catalog stores them. */
  relations: number;
  /** `metadata.name`s (namespace `default`) that exist, and a full-text term that matches some. */
  sample: { component: string; group: string; user: string; api: string; term: string };
}

export interface GeneratedOrganisation {
  files: GeneratedFile[];
  manifest: OrganisationManifest;
}

const API_VERSION = 'backstage.io/v1alpha1';
export const ROOT_FILE = 'all.yaml';

const WORDS = ['payments', 'checkout', 'search', 'identity', 'billing', 'catalog', 'shipping', 'inventory',
  'analytics', 'messaging', 'notifications', 'pricing', 'recommendations', 'fraud', 'ledger', 'onboarding',
  'profile', 'reviews', 'media', 'gateway', 'scheduler', 'reporting', 'compliance', 'support'];
const NOUNS = ['service', 'worker', 'api', 'processor', 'store', 'adapter', 'engine', 'indexer', 'sync',
  'portal', 'ui', 'lib', 'sdk', 'connector', 'router', 'cache', 'exporter', 'bridge'];
const ANIMALS = ['falcon', 'otter', 'lynx', 'heron', 'bison', 'orca', 'panda', 'raven', 'tiger', 'koala',
  'puma', 'yak', 'wolf', 'ibis', 'crane', 'gecko', 'moose', 'newt', 'eagle', 'shark'];
const FIRST = ['alex', 'sam', 'jordan', 'taylor', 'morgan', 'casey', 'riley', 'jamie', 'avery', 'quinn',
  'robin', 'drew', 'kai', 'noa', 'lee', 'eli', 'ira', 'max', 'ren', 'sol'];
const LAST = ['smith', 'garcia', 'chen', 'muller', 'rossi', 'kowalski', 'silva', 'ivanova', 'tanaka', 'okafor',
  'dubois', 'nielsen', 'haddad', 'kim', 'novak', 'santos', 'berg', 'lopez', 'patel', 'wright'];
const LANGS = ['java', 'go', 'typescript', 'python', 'kotlin', 'rust'];
// Repeats weight the pick: most real software is in production.
const LIFECYCLES = ['production', 'production', 'production', 'experimental', 'deprecated'];
const API_TYPES = ['openapi', 'openapi', 'openapi', 'grpc', 'graphql', 'asyncapi'];
const API_FLAVOURS = ['v1', 'v2', 'public', 'internal', 'events'];
// An 8-ary org tree stays 4–5 levels deep at 5,000 groups, deep enough to exercise hierarchy queries.
const GROUP_FANOUT = 8;

type Rng = () => number;

/** mulberry32: tiny, fast and good enough for test data; Math.random cannot be seeded. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// noUncheckedIndexedAccess makes every xs[i] possibly undefined; indices here are always in range.
function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`index ${i} out of range 0..${items.length - 1}`);
  return item;
}

function pick<T>(r: Rng, items: readonly T[]): T {
  return at(items, Math.floor(r() * items.length));
}

function int(r: Rng, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** k distinct items; duplicates in a spec list would yield fewer relations than planned. */
function sampleDistinct<T>(r: Rng, items: readonly T[], k: number, exclude?: T): T[] {
  const want = Math.min(k, items.length - (exclude === undefined ? 0 : 1));
  const chosen = new Set<T>();
  while (chosen.size < want) {
    const item = pick(r, items);
    if (item !== exclude) chosen.add(item);
  }
  return [...chosen];
}

const pad = (i: number, width = 5): string => String(i).padStart(width, '0');

function block(key: string, items: readonly string[]): string {
  return items.length === 0 ? '' : `  ${key}:\n${items.map((i) => `    - ${i}\n`).join('')}`;
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => (line ? prefix + line : line)).join('\n');
}

interface Counts {
  Group: number;
  User: number;
  System: number;
  API: number;
  Domain: number;
  Component: number;
}

function planCounts(n: number): Counts {
  const Group = Math.max(1, Math.round(n * 0.05));
  const User = Math.max(1, Math.round(n * 0.1));
  const System = Math.max(1, Math.round(n * 0.1));
  const API = Math.max(1, Math.round(n * 0.15));
  // A handful of domains, taken from the component share so the other kinds keep their exact mix.
  const Domain = Math.min(WORDS.length, Math.max(1, Math.round(n / 1000)));
  return { Group, User, System, API, Domain, Component: n - Group - User - System - API - Domain };
}

interface Names {
  groups: string[];
  teams: string[];
  departments: string[];
  users: string[];
  domains: string[];
  systems: string[];
  apis: string[];
  components: string[];
}

function groupType(i: number): string {
  if (i === 0) return 'organization';
  return i <= GROUP_FANOUT ? 'department' : 'team';
}

function makeNames(r: Rng, c: Counts): Names {
  const prefix: Record<string, string> = { organization: 'org', department: 'dept', team: 'team' };
  const groups = Array.from({ length: c.Group }, (_, i) =>
    `${prefix[groupType(i)]}-${at(ANIMALS, i % ANIMALS.length)}-${pad(i)}`);
  const teams = groups.filter((_, i) => groupType(i) === 'team');
  const departments = groups.filter((_, i) => groupType(i) !== 'team');
  return {
    groups,
    // Small organisations have no team level; then anyone may own anything.
    teams: teams.length > 0 ? teams : groups,
    departments,
    users: Array.from({ length: c.User }, (_, i) =>
      `${at(FIRST, i % FIRST.length)}.${at(LAST, Math.floor(i / FIRST.length) % LAST.length)}-${pad(i)}`),
    domains: Array.from({ length: c.Domain }, (_, i) => at(WORDS, i)),
    systems: Array.from({ length: c.System }, (_, i) => `${at(WORDS, i % WORDS.length)}-system-${pad(i)}`),
    apis: Array.from({ length: c.API }, (_, i) =>
      `${at(WORDS, (i * 7) % WORDS.length)}-${pick(r, API_FLAVOURS)}-api-${pad(i)}`),
    components: Array.from({ length: c.Component }, (_, i) =>
      `${at(WORDS, (i * 5 + (i >> 3)) % WORDS.length)}-${at(NOUNS, i % NOUNS.length)}-${pad(i)}`),
  };
}

function head(kind: string, name: string, meta: string): string {
  return `apiVersion: ${API_VERSION}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${meta}spec:\n`;
}

/** Returns each group's document and the number of relations it adds (childOf + parentOf). */
function groupDocs(names: Names): { docs: string[]; relations: number } {
  const { groups } = names;
  const docs = groups.map((g, i) => {
    const parent = i === 0 ? undefined : at(groups, Math.floor((i - 1) / GROUP_FANOUT));
    const first = i * GROUP_FANOUT + 1;
    const children = groups.slice(first, first + GROUP_FANOUT);
    const label = g.replace(/-\d+$/, '').replace(/-/g, ' ');
    // Both parent and children are written, as HR syncs do; they describe the same edge once.
    return head('Group', g, `  description: The ${label} group\n`)
      + `  type: ${groupType(i)}\n  profile:\n    displayName: ${label}\n    email: ${g}@example.com\n`
      + (parent ? `  parent: ${parent}\n` : '')
      + (children.length ? block('children', children) : '  children: []\n');
  });
  return { docs, relations: 2 * (groups.length - 1) };
}

function userDocs(r: Rng, names: Names): { docs: string[]; relations: number } {
  let relations = 0;
  const docs = names.users.map((u) => {
    const memberOf = sampleDistinct(r, names.teams, int(r, 1, 2));
    relations += 2 * memberOf.length;
    const [first = '', last = ''] = (u.split('-')[0] ?? '').split('.');
    const display = `${first.charAt(0).toUpperCase()}${first.slice(1)} ${last.charAt(0).toUpperCase()}${last.slice(1)}`;
    return head('User', u, '')
      + `  profile:\n    displayName: ${display}\n    email: ${u}@example.com\n` + block('memberOf', memberOf);
  });
  return { docs, relations };
}

function domainDocs(r: Rng, names: Names): { docs: string[]; relations: number } {
  const docs = names.domains.map((d) =>
    head('Domain', d, `  description: Everything about ${d}\n`) + `  owner: ${pick(r, names.departments)}\n`);
  return { docs, relations: 2 * docs.length };
}

function systemDocs(r: Rng, names: Names, ownerOf: Map<string, string>): { docs: string[]; relations: number } {
  const docs = names.systems.map((s, i) => {
    const owner = pick(r, names.teams);
    ownerOf.set(s, owner);
    const word = s.split('-')[0] ?? s;
    return head('System', s, `  title: ${s.replace(/-/g, ' ')}\n  description: The ${word} system\n  tags:\n    - ${word}\n`)
      + `  owner: ${owner}\n  domain: ${at(names.domains, i % names.domains.length)}\n`;
  });
  return { docs, relations: 4 * docs.length };
}

function apiDefinition(type: string, name: string, word: string): string {
  switch (type) {
    case 'openapi':
      return `openapi: 3.0.3\ninfo:\n  title: ${name}\n  version: 1.0.0\npaths:\n  /${word}:\n    get:\n`
        + `      summary: List ${word}\n      responses:\n        '200':\n          description: OK\n`;
    case 'grpc':
      return `syntax = "proto3";\n\nmessage GetRequest {\n  string id = 1;\n}\n\nmessage GetResponse {\n  string body = 1;\n}\n\n`
        + `service ${word.charAt(0).toUpperCase()}${word.slice(1)} {\n  rpc Get(GetRequest) returns (GetResponse);\n}\n`;
    case 'graphql':
      return `type Item {\n  id: ID!\n  name: String\n}\n\ntype Query {\n  ${word}(first: Int): [Item!]!\n}\n`;
    default:
      return `asyncapi: 2.6.0\ninfo:\n  title: ${name}\n  version: 1.0.0\nchannels:\n  ${word}.events:\n`
        + `    subscribe:\n      message:\n        payload:\n          type: object\n`;
  }
}

function apiDocs(r: Rng, names: Names, ownerOf: Map<string, string>): { docs: string[]; relations: number } {
  const docs = names.apis.map((a) => {
    const system = pick(r, names.systems);
    const type = pick(r, API_TYPES);
    const word = a.split('-')[0] ?? a;
    return head('API', a, `  description: The ${word} ${type} API\n  tags:\n    - ${type}\n    - ${word}\n`)
      + `  type: ${type}\n  lifecycle: ${pick(r, LIFECYCLES)}\n  owner: ${ownerOf.get(system)}\n  system: ${system}\n`
      + `  definition: |\n${indent(apiDefinition(type, a, word), '    ')}`;
  });
  return { docs, relations: 4 * docs.length };
}

interface ComponentSpec {
  type: string;
  owner: string;
  system: string;
  provides: string[];
  consumes: string[];
  dependsOn: string[];
}

function planComponent(r: Rng, names: Names, ownerOf: Map<string, string>, self: string): ComponentSpec {
  const x = r();
  const type = x < 0.6 ? 'service' : x < 0.8 ? 'website' : 'library';
  const system = pick(r, names.systems);
  // One in ten components is owned by a person, as happens with prototypes and side projects.
  const owner = r() < 0.1 ? `user:default/${pick(r, names.users)}` : (ownerOf.get(system) ?? '');
  const provides = type === 'service' ? sampleDistinct(r, names.apis, int(r, 0, 2)) : [];
  const consumes = sampleDistinct(r, names.apis, int(r, 0, 3)).filter((a) => !provides.includes(a));
  const dependsOn = sampleDistinct(r, names.components, int(r, 0, 3), self);
  return { type, owner, system, provides, consumes, dependsOn };
}

function componentDocs(r: Rng, names: Names, ownerOf: Map<string, string>): { docs: string[]; relations: number } {
  let relations = 0;
  const docs = names.components.map((c, i) => {
    const s = planComponent(r, names, ownerOf, c);
    relations += 2 * (2 + s.provides.length + s.consumes.length + s.dependsOn.length);
    const lang = pick(r, LANGS);
    const word = c.split('-')[0] ?? c;
    const pager = s.type === 'service'
      ? `    pagerduty.com/service-id: P${((i * 2654435761) >>> 0).toString(36).toUpperCase().padStart(7, '0')}\n` : '';
    const meta = `  title: ${c.replace(/-\d+$/, '').replace(/-/g, ' ')}\n`
      + `  description: A ${s.type} for ${word} written in ${lang}, part of ${s.system}\n`
      + `  tags:\n    - ${lang}\n    - ${word}\n  labels:\n    tier: "${int(r, 1, 3)}"\n`
      // No techdocs-ref: generated components have no docs folder, and 60k failing docs builds would measure the
      // docs domain, not the catalog. source-location keeps the descriptor the same size.
      + `  annotations:\n    github.com/project-slug: example-org/${c}\n    backstage.io/source-location: url:https://github.com/example-org/${c}/\n${pager}`
      + `  links:\n    - url: https://example.com/dashboards/${c}\n      title: Dashboard\n`;
    return head('Component', c, meta)
      + `  type: ${s.type}\n  lifecycle: ${pick(r, LIFECYCLES)}\n  owner: ${s.owner}\n  system: ${s.system}\n`
      + block('providesApis', s.provides) + block('consumesApis', s.consumes)
      + block('dependsOn', s.dependsOn.map((d) => `component:default/${d}`));
  });
  return { docs, relations };
}

/** Fisher–Yates, so every part file holds a realistic mix of kinds rather than one kind each. */
function shuffle<T>(r: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const tmp = at(items, i);
    items[i] = at(items, j);
    items[j] = tmp;
  }
}

function rootLocation(n: number, parts: readonly string[]): string {
  return head('Location', `bench-root-n${n}`, `  description: Synthetic organisation of ${n} entities\n`)
    + `  type: file\n` + block('targets', parts.map((p) => `./${p}`));
}

/**
 * Generates a synthetic organisation of `n` entities (n ≥ 20) as multi-document YAML parts of
 * `chunk` entities each plus a root `all.yaml` Location. Deterministic for a given n/seed/chunk.
 */
export function generateOrganisation(opts: GenerateOptions): GeneratedOrganisation {
  const { n, seed = 42, chunk = 500 } = opts;
  if (!Number.isInteger(n) || n < 20) throw new RangeError(`n must be an integer ≥ 20, got ${n}`);
  if (!Number.isInteger(chunk) || chunk < 1) throw new RangeError(`chunk must be a positive integer, got ${chunk}`);
  const r = mulberry32(seed);
  const counts = planCounts(n);
  const names = makeNames(r, counts);
  const ownerOf = new Map<string, string>();
  const sections = [
    groupDocs(names), userDocs(r, names), domainDocs(r, names), systemDocs(r, names, ownerOf),
    apiDocs(r, names, ownerOf), componentDocs(r, names, ownerOf),
  ];
  const docs = sections.flatMap((s) => s.docs);
  shuffle(r, docs);

  const files: GeneratedFile[] = [];
  for (let i = 0; i * chunk < docs.length; i++) {
    files.push({ path: `part-${pad(i, 4)}.yaml`, text: docs.slice(i * chunk, (i + 1) * chunk).join('---\n') });
  }
  files.push({ path: ROOT_FILE, text: rootLocation(n, files.map((f) => f.path)) });

  const sampleIndex = Math.floor(r() * names.components.length);
  const component = at(names.components, sampleIndex);
  return {
    files,
    manifest: {
      counts: { ...counts },
      relations: sections.reduce((sum, s) => sum + s.relations, 0),
      sample: {
        component,
        group: pick(r, names.teams),
        user: pick(r, names.users),
        api: pick(r, names.apis),
        // The leading word of a component name appears in its name, title, tags and description.
        term: component.split('-')[0] ?? component,
      },
    },
  };
}

const CliArgs = z.object({
  n: z.coerce.number().int().min(20).max(10_000_000),
  out: z.string().min(1).max(4096),
  seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).default(42),
  chunk: z.coerce.number().int().min(1).max(1_000_000).default(500),
});

/** Parses `N --out DIR [--seed S] [--chunk C]`; throws with a usage line on bad input. */
export function parseCliArgs(argv: readonly string[]): z.infer<typeof CliArgs> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { out: { type: 'string' }, seed: { type: 'string' }, chunk: { type: 'string' } },
  });
  const parsed = CliArgs.safeParse({ n: positionals[0], ...values });
  if (!parsed.success || positionals.length !== 1) {
    const why = parsed.success ? 'expected exactly one N' : parsed.error.issues
      .map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; ');
    throw new Error(`${why}\nusage: node --import tsx bench/generate.ts N --out DIR [--seed S] [--chunk C]`);
  }
  return parsed.data;
}

/** Generates and writes the parts, all.yaml and manifest.json into `out`. */
export function writeOrganisation(args: z.infer<typeof CliArgs>): OrganisationManifest {
  const { files, manifest } = generateOrganisation(args);
  mkdirSync(args.out, { recursive: true });
  for (const f of files) writeFileSync(path.join(args.out, f.path), f.text);
  const meta = { n: args.n, seed: args.seed, chunk: args.chunk, root: ROOT_FILE };
  writeFileSync(path.join(args.out, 'manifest.json'), `${JSON.stringify({ ...meta, ...manifest }, null, 2)}\n`);
  return manifest;
}

function main(): void {
  const args = parseCliArgs(process.argv.slice(2));
  const t0 = performance.now();
  const manifest = writeOrganisation(args);
  const ms = Math.round(performance.now() - t0);
  process.stdout.write(`${JSON.stringify({ out: args.out, ms, ...manifest })}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
