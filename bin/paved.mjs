#!/usr/bin/env -S node --max-semi-space-size=4
// The flag (also in `npm start`) keeps V8's young generation at 4 MB instead of growing to 16 MB after a
// burst of work, which an idle server would otherwise hold on to (ADR 0022).
// Launcher for the `paved` CLI. It runs the bundle in dist/server (`npm run build:server`) when that is
// newer than every source file, and otherwise the TypeScript sources through tsx, so an edit is never
// shadowed by a stale build (ADR 0012; ADR 0002 for tsx).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/server/main.mjs`;

function newestSourceMs() {
  let newest = statSync(`${root}package.json`).mtimeMs;
  for (const file of readdirSync(`${root}src`, { recursive: true })) {
    if (String(file).endsWith('.ts')) newest = Math.max(newest, statSync(`${root}src/${file}`).mtimeMs);
  }
  return newest;
}

if (process.env.PAVED_FROM_SOURCE !== '1' && existsSync(bundle) && statSync(bundle).mtimeMs >= newestSourceMs()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
