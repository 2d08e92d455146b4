import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { generateOrganisation } from '../../bench/generate';
import { createGitRepo, type GitRepo } from './gitRepo';

/** A minimal valid Component descriptor; `extra` is appended under `spec:` (two-space indented lines). */
export const componentYaml = (name: string, opts: { description?: string; extra?: string } = {}) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${opts.description ? `  description: ${opts.description}\n` : ''}spec:
  type: service
  lifecycle: production
  owner: team-a
${opts.extra ?? ''}`;

export const apiYaml = (name: string, definition: string) => `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${name}
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition:
    $text: ${definition}
`;

export const locationYaml = (name: string, targets: string[]) => `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: ${name}
spec:
  targets: [${targets.join(', ')}]
`;

/**
 * The "shop" repository: on `main` a root Location pointing at two services (one with an API whose
 * definition is a `$text` placeholder), plus an API whose placeholder climbs out of the repository;
 * on `release` a different root Location pointing at a legacy service.
 */
export function createShopRepo(dir: string, prefix = ''): GitRepo {
  const repo = createGitRepo(dir);
  repo.commit('release base', {
    'catalog-info.yaml': locationYaml(`${prefix}shop-release`, ['./services/legacy/catalog-info.yaml']),
    'services/legacy/catalog-info.yaml': componentYaml(`${prefix}legacy`),
  });
  repo.git('branch', 'release');
  repo.commit('shop', {
    'catalog-info.yaml': `${locationYaml(`${prefix}shop`, ['./services/cart/catalog-info.yaml', './services/pay/catalog-info.yaml'])}---\n${apiYaml(`${prefix}escapee`, '../../x')}`,
    'x': 'must never be read through ../../x\n',
    'services/cart/catalog-info.yaml': `${componentYaml(`${prefix}cart`, { description: 'Cart v1' })}---\n${apiYaml(`${prefix}cart-api`, './openapi.yaml')}`,
    'services/cart/openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: Cart\n  version: "1"\n',
    'services/pay/catalog-info.yaml': componentYaml(`${prefix}pay`),
  });
  return repo;
}

/** Serves fixed bodies by path on 127.0.0.1; a function body can stream, redirect or fail. */
export async function startFileServer(routes: Record<string, string | ((res: import('node:http').ServerResponse) => void)>): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else if (typeof route === 'function') route(res);
    else res.writeHead(200, { 'content-type': 'text/yaml' }).end(route);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000, intervalMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Writes a generated organisation (bench/generate.ts) into `dir`; returns how many entities it holds. */
export function writeGeneratedOrganisation(dir: string, opts: { n: number; seed: number; chunk: number }): { expected: number; org: ReturnType<typeof generateOrganisation> } {
  const org = generateOrganisation(opts);
  for (const f of org.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  return { expected: Object.values(org.manifest.counts).reduce((a, b) => a + b, 0), org };
}
