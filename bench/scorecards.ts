// `npm run bench -- --only scorecards [--sizes 100000] [--repeat 3]` — scorecard evaluation at scale.
//
// For each run: generates an organisation of N entities, starts the real server on it and waits until the
// catalog, the search index and the facts have caught up (as the catalog bench does). Then registers one
// scorecard of 20 rules (typed checks, CEL expressions and facts) that applies to every entity, and times:
//  - full: the scheduler's first pass, every (scorecard, entity) pair evaluated (the server's own log line);
//  - unchanged: `POST /api/scorecards/evaluate` with nothing changed (every pair compared, none re-run);
//  - incremental: a fact pushed for one entity → its new score served by the API (end to end), and the pass.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_TOKEN } from './server';

/** Twenty rules over every kind: the target is 100k entities × 20 rules in ≤ 60 s. */
export const BENCH_SCORECARD = `apiVersion: paved.dev/v1alpha1
kind: Scorecard
metadata:
  name: bench-twenty-rules
  title: Twenty rules
spec:
  owner: group:default/platform
  levels: [bronze, silver, gold]
  rules:
${[
  ['has-owner', 'bronze', '{ type: ownerIsGroup }'],
  ['has-description', 'bronze', '{ type: fieldExists, path: metadata.description }'],
  ['known-lifecycle', 'bronze', '{ type: lifecycleIn, values: [production, experimental, deprecated] }'],
  ['has-title', 'bronze', '{ type: fieldExists, path: metadata.title }'],
  ['name-kebab', 'bronze', '{ type: fieldMatches, path: metadata.name, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" }'],
  ['type-known', 'bronze', '{ type: fieldIn, path: spec.type, values: [service, website, library, openapi, grpc, team] }'],
  ['in-namespace', 'bronze', '{ type: fieldEquals, path: metadata.namespace, value: default }'],
  ['has-docs', 'silver', '{ type: hasDocs }'],
  ['has-api', 'silver', '{ type: hasApiDefinition }'],
  ['part-of-system', 'silver', '{ type: relationCount, relation: partOf, min: 1 }'],
  ['few-deps', 'silver', '{ type: relationCount, relation: dependsOn, max: 20 }'],
  ['pagerduty', 'silver', '{ type: annotationPresent, annotation: pagerduty.com/service-id }'],
  ['has-readme', 'silver', '{ type: fileExists, path: README.md }'],
  ['tags', 'gold', '{ type: expression, expression: "has(entity.metadata.tags) && size(entity.metadata.tags) > 0" }'],
  ['links', 'gold', '{ type: expression, expression: "has(entity.metadata.links) && entity.metadata.links.exists(l, l.url.startsWith(\'https://\'))" }'],
  ['desc-long', 'gold', '{ type: expression, expression: "has(entity.metadata.description) && size(entity.metadata.description) >= 20" }'],
  ['owner-ref', 'gold', '{ type: expression, expression: "entity.relations.exists(r, r.type == \'ownedBy\' && r.targetRef.startsWith(\'group:\'))" }'],
  ['coverage', 'gold', '{ type: expression, expression: "has(facts.coverage) && facts.coverage >= 80" }'],
  ['not-deprecated', 'gold', '{ type: expression, expression: "!has(entity.spec.lifecycle) || entity.spec.lifecycle != \'deprecated\'" }'],
  ['label-tier', 'gold', '{ type: expression, expression: "has(entity.metadata.labels) && \'tier\' in entity.metadata.labels" }'],
].map(([id, level, check]) => `    - { id: ${id}, title: ${id}, level: ${level}, check: ${check} }`).join('\n')}
`;

export interface ScorecardRun {
  entities: number;
  /** The scheduler's first pass after the scorecard was registered: every pair evaluated. */
  fullS: number;
  fullEvaluated: number;
  /** A forced pass with nothing changed. */
  unchangedS: number;
  /** From a fact pushed for one entity until the API serves its new score. */
  incrementalS: number;
  /** The pass that the push caused, as the server logged it. */
  incrementalPassS: number;
}

interface Server { url: string; output(): string }

const headers = { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' };

async function api<T>(server: Server, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const PASS_LINE = /"msg":"scorecards: (\d+) evaluated, (\d+) unchanged, (\d+) removed in (\d+) ms"/g;
const passes = (server: Server) => [...server.output().matchAll(PASS_LINE)].map((m) => ({ evaluated: Number(m[1]), ms: Number(m[4]) }));

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs the three measurements on a server whose catalog and facts have caught up; `orgDir` receives the scorecard file. */
export async function measureScorecards(server: Server, orgDir: string, entities: number, sample: { kind: string; name: string }): Promise<ScorecardRun> {
  const file = path.join(orgDir, 'bench-scorecard.yaml');
  writeFileSync(file, BENCH_SCORECARD);
  const before = passes(server).length;
  await api(server, 'POST', '/api/catalog/locations', { type: 'file', target: file });
  const full = await waitFor('the first scorecard pass', 900_000, () => passes(server).slice(before).find((p) => p.evaluated >= entities * 0.99));

  const unchanged = await api<{ evaluated: number; ms: number }>(server, 'POST', '/api/scorecards/evaluate');
  if (unchanged.evaluated !== 0) throw new Error(`an unchanged pass evaluated ${unchanged.evaluated} pairs`);

  const ref = `${sample.kind.toLowerCase()}/default/${sample.name}`;
  const afterPush = passes(server).length;
  const pushedAt = performance.now();
  await api(server, 'POST', `/api/facts/entities/${ref}`, { source: 'bench-ci', facts: { coverage: 91 } });
  await waitFor('the pushed fact in the score', 120_000, async () => {
    const scores = await api<{ scores: Array<{ rules: Array<{ ruleId: string; status: string }> }> }>(server, 'GET', `/api/scorecards/entities/${ref}`);
    return scores.scores[0]?.rules.find((r) => r.ruleId === 'coverage')?.status === 'pass' ? true : undefined;
  });
  const incrementalS = (performance.now() - pushedAt) / 1000;
  const pass = await waitFor('the incremental pass log', 60_000, () => passes(server).slice(afterPush).find((p) => p.evaluated >= 1));
  return { entities, fullS: full.ms / 1000, fullEvaluated: full.evaluated, unchangedS: unchanged.ms / 1000, incrementalS, incrementalPassS: pass.ms / 1000 };
}
