#!/usr/bin/env node
// `npm test`: lint, typecheck, web build, then every suite — model tests once, server/integration suites
// on the embedded database and again on PostgreSQL when one is available (PAVED_TEST_PG_URL), browser
// tests in Debian's Chromium. Ends with one plain "N passed, N failed" line over all runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2); // optional: run only the named step(s)
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

function run(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${name}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failedSteps.push(name);
}

function runTests(name, files, env = {}) {
  if (only.length && !only.includes(name)) return;
  if (files.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'paved-tap-'));
  const tap = join(dir, 'out.tap');
  run(name, process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], env);
  if (existsSync(tap)) {
    const text = readFileSync(tap, 'utf8');
    const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
    totals.passed += count('pass');
    totals.failed += count('fail');
    totals.skipped += count('skipped');
  }
  rmSync(dir, { recursive: true, force: true });
}

const glob = (patterns) => globSync(patterns, { cwd: root, ignore: ['node_modules/**'] }).sort();

run('lint', 'npx', ['eslint', '.']);
run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (existsSync(join(root, 'web/vite.config.ts'))) run('build-web', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
// The suites start `bin/paved.mjs`, which runs this bundle (ADR 0012): what `npm start` runs is what is tested.
run('build-server', 'node', ['scripts/build-server.mjs']);

const pure = glob(['src/model/**/*.test.ts', 'src/contracts/**/*.test.ts', 'test/model/**/*.test.ts', 'test/lint/**/*.test.ts', 'bench/**/*.test.ts']);
const db = glob(['src/server/**/*.test.ts', 'src/cli/**/*.test.ts', 'test/**/*.test.ts', '!test/model/**', '!test/lint/**', '!test/browser/**']);
const browser = glob(['test/browser/**/*.test.ts']);

runTests('model', pure);
runTests('sqlite', db, { PAVED_TEST_DB: 'sqlite' });
if (process.env.PAVED_TEST_PG_URL) runTests('postgres', db, { PAVED_TEST_DB: 'postgres' });
else console.log('\n=== postgres: skipped (PAVED_TEST_PG_URL not set; .ci/run sets it)');
runTests('browser', browser, { PAVED_TEST_DB: 'sqlite' });

console.log(`\nsteps failed: ${failedSteps.length ? failedSteps.join(', ') : 'none'}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
