// Time of a scorecard preview (ADR 0031) over a generated catalog, on the database PAVED_TEST_DB names:
//   PAVED_TEST_DB=sqlite node --import tsx bench/scorecardPreview.ts 10000
// Previews a new scorecard (the production-readiness example under another name), saves it, waits for
// its evaluation, then previews a change (rules moved down a level) against the stored results.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '../test/helpers/catalogFixtures';
import { ROOT, startPaved } from '../test/helpers/startPaved';
import { writeOrganisation } from './generate';

const n = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'paved-preview-bench-'));
writeOrganisation({ n, out: dir, seed: 1, chunk: 500 });
const server = await startPaved({ env: { PAVED_LOCATIONS: `file:${join(dir, 'all.yaml')}`, PAVED_REFRESH_INTERVAL_SECONDS: '3600' } });
try {
  await until('catalog loaded', async () => (await server.api<{ totalItems: number }>('GET', '/api/catalog/entities/by-query?limit=1')).body.totalItems >= n, 600_000, 1000);
  const yaml = readFileSync(join(ROOT, 'examples/scorecards/production-readiness.yaml'), 'utf8').replace('name: production-readiness', 'name: preview-bench');
  const time = async (what: string, text: string) => {
    const started = Date.now();
    const r = await server.api<{ ms: number; scanned: number; complete: boolean; gained: { count: number }; lost: { count: number }; after: { entities: number } }>('POST', '/api/scorecards/preview', { yaml: text });
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    process.stdout.write(`${what}: ${Date.now() - started} ms round trip (${r.body.ms} ms in the server), ${r.body.scanned} scanned, ${r.body.after.entities} in scope, +${r.body.gained.count} −${r.body.lost.count}, complete ${r.body.complete}\n`);
    return r.body;
  };
  const first = await time('preview of a new scorecard', yaml);
  const saved = await server.api('PUT', '/api/scorecards/default/preview-bench', { yaml });
  if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
  await until('evaluated', async () => (await server.api<{ entities?: number }>('GET', '/api/scorecards/default/preview-bench')).body.entities === first.after.entities, 600_000, 1000);
  // The silver rules (docs, runbook) move down to bronze: entities at bronze without them lose it.
  await time('preview of a change', yaml.replace(/level: silver/g, 'level: bronze'));
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
