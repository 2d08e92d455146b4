// `npm run build:server`: bundles the CLI/server and the ingestion worker into dist/server with esbuild,
// so `paved` runs as plain JavaScript: no TypeScript loader thread at run time (ADR 0012).
// npm packages stay external (resolved from node_modules as usual).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/server`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'src/cli/main.ts',
    ingestHost: 'src/server/domains/catalog/ingest/ingestHost.ts',
    ingestWorker: 'src/server/domains/catalog/ingest/ingestWorker.ts',
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
});
