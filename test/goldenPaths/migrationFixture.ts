// A golden path of our own that moves from 1.0.0 to 2.0.0, with a service created from it at 1.0.0 by
// the scaffolder (a real task: publish to a Paved-hosted repository, register). Shared by the API, CLI
// and browser tests of the migration diff.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoldenPathMigration } from '../../src/contracts';

export type Call = <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;

export const PATH = 'billing-path';
export const TEMPLATE = 'template:default/billing-service';
export const SERVICE = 'component:default/invoices-api';

const goldenPath = (version: string) => `apiVersion: paved.dev/v1alpha1
kind: GoldenPath
metadata:
  name: ${PATH}
  title: Billing service
spec:
  owner: group:default/team-a
  version: ${version}
  supportTier: supported
  template: ${TEMPLATE}
  standards:
    - id: has-owner
      title: Has an owner
      check: { type: ownerIsGroup }
`;

const template = (version: string) => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: billing-service
  title: Billing service
spec:
  owner: group:default/team-a
  type: service
  parameters:
    - title: Details
      required: [name]
      properties:
        name: { type: string }
        description: { type: string }
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
          description: \${{ parameters.description }}
          version: ${version}
    - id: publish
      action: publish:git
      input:
        repoUrl: paved?owner=team-a&repo=\${{ parameters.name }}
    - id: register
      action: catalog:register
      input:
        repoContentsUrl: \${{ steps['publish'].output.repoContentsUrl }}
`;

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: \${{ values.name | dump }}
  annotations:
    backstage.io/source-template: ${TEMPLATE}
    paved.dev/golden-path: ${PATH}
    paved.dev/golden-path-version: \${{ values.version | dump }}
spec:
  type: service
  lifecycle: production
  owner: group:default/team-a
`;
const README_V1 = '# ${{ values.name }}\n\n${{ values.description }}\n\n## Build\n\nnpm test\n';
const README_V2 = '# ${{ values.name }}\n\n${{ values.description }}\n\n## Build\n\nnpm test\n\n## Runbook\n\nPage the billing on-call.\n';

/** Writes version `version` of the path, its template and skeleton to `dir`. */
export function writeBillingPath(dir: string, version: '1.0.0' | '2.0.0'): void {
  mkdirSync(join(dir, 'skeleton', 'src'), { recursive: true });
  writeFileSync(join(dir, 'golden-path.yaml'), goldenPath(version));
  writeFileSync(join(dir, 'template.yaml'), template(version));
  writeFileSync(join(dir, 'skeleton', 'catalog-info.yaml'), CATALOG_INFO);
  writeFileSync(join(dir, 'skeleton', 'README.md'), version === '1.0.0' ? README_V1 : README_V2);
  writeFileSync(join(dir, 'skeleton', 'src', 'index.js'), "console.log('${{ values.name }}');\n");
}

/** The diff lines the move from 1.0.0 to 2.0.0 gives the service (what the tests assert). */
export const EXPECTED = {
  files: [['README.md', 'modified'], ['catalog-info.yaml', 'modified']],
  readme: '--- a/README.md\n+++ b/README.md\n@@ -5,3 +5,7 @@\n ## Build\n \n npm test\n+\n+## Runbook\n+\n+Page the billing on-call.\n',
  catalogInfo: /^- {4}paved\.dev\/golden-path-version: "1\.0\.0"\n\+ {4}paved\.dev\/golden-path-version: "2\.0\.0"$/m,
};

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const migration = (call: Call) => call<GoldenPathMigration>('GET', `/api/golden-paths/default/${PATH}/migration?diffs=0`);

/**
 * Registers the path at 1.0.0, waits until that version is stored, creates `invoices-api` through the
 * scaffolder, then moves the path to 2.0.0 (a skeleton file and the version change) and refreshes.
 */
export async function setUpBillingMigration(call: Call, dir: string): Promise<void> {
  writeBillingPath(dir, '1.0.0');
  const reg = await call('POST', '/api/catalog/locations', { type: 'file', target: join(dir, '*.yaml') });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  await until('version 1.0.0 to be stored', async () => ((await migration(call)).body.diff?.snapshots.includes('1.0.0') ? true : undefined));
  const task = await call<{ id: string }>('POST', '/api/scaffolder/v2/tasks', { templateRef: TEMPLATE, values: { name: 'invoices-api', description: 'Sends invoices' } });
  assert.equal(task.status, 201, JSON.stringify(task.body));
  await until('the task to complete', async () => {
    const t = await call<{ status: string; error?: string }>('GET', `/api/scaffolder/v2/tasks/${task.body.id}`);
    if (t.body.status === 'failed') throw new Error(`task failed: ${t.body.error}`);
    return t.body.status === 'completed' ? true : undefined;
  });
  writeBillingPath(dir, '2.0.0');
  for (const entityRef of [`goldenpath:default/${PATH}`, TEMPLATE]) assert.equal((await call('POST', '/api/catalog/refresh', { entityRef })).status, 200);
  await until('the service to be behind 2.0.0, and 2.0.0 stored', async () => {
    const m = (await migration(call)).body;
    return m.version === '2.0.0' && m.behind.some((s) => s.entityRef === SERVICE) && m.diff.snapshots.includes('2.0.0') ? true : undefined;
  });
}
