import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One fact as the API returns it. */
export interface FactDto { name: string; value: unknown; source: string; collectedAt: string }
export interface FactsDto { entityRef: string; facts: FactDto[]; collectedAt: string | null; allowedActions: string[] }

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

export function componentYaml(name: string, annotations: Record<string, string> = {}): string {
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`);
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${lines.length ? `  annotations:\n${lines.join('\n')}\n` : ''}spec:
  type: service
  lifecycle: production
  owner: group:default/team-a
`;
}

export const GOLDEN_PATH_YAML = `apiVersion: paved.dev/v1alpha1
kind: GoldenPath
metadata:
  name: ts-service
spec:
  owner: group:default/team-a
  version: 1.2.0
  supportTier: supported
  template: template:default/ts-service
  standards: []
`;

/** A repository folder with every file the repository source reads. */
export const ORDERS_REPO: Record<string, string> = {
  'catalog-info.yaml': componentYaml('orders', { 'paved.dev/golden-path': 'ts-service', 'paved.dev/golden-path-version': '1.0.0' }),
  'README.md': '# Orders\n',
  Dockerfile: 'FROM node:20 AS build\nRUN npm ci\n\nFROM node:20-slim\nCOPY --from=build /app /app\n# drop privileges\nUSER node\nCMD ["node", "index.js"]\n',
  'package.json': JSON.stringify({ name: 'orders', dependencies: { fastify: '^5.0.0' }, devDependencies: { typescript: '~5.6.0' } }),
  'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
  'score.yaml': [
    'apiVersion: score.dev/v1b1',
    'metadata: { name: orders }',
    'containers:',
    '  main:',
    '    image: .',
    '    variables:',
    '      API_TOKEN: ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    '      DB_URL: ${resources.db.url}',
    '      LOG_LEVEL: info',
    'resources:',
    '  db: { type: postgres }',
    '',
  ].join('\n'),
  '.github/CODEOWNERS': '* @team-a\n',
  '.github/workflows/ci.yml': 'on: push\n',
  'src/index.ts': 'export {};\n',
};

/** Its final stage runs as root: it switches back after a non-root base stage. */
export const ROOTY_REPO: Record<string, string> = {
  'catalog-info.yaml': componentYaml('rooty', { 'paved.dev/golden-path': 'ts-service', 'paved.dev/golden-path-version': '1.2.0' }),
  Dockerfile: 'FROM node:20 AS base\nUSER node\n\nFROM base AS build\nUSER root\nRUN apt-get update \\\n  && apt-get install -y curl\n',
};

export const factMap = (facts: FactDto[]) => Object.fromEntries(facts.map((f) => [f.name, f.value]));
