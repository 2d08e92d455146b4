// Lint rules that keep the architecture honest: the import boundaries of ARCHITECTURE.md
// ("model ← contracts ← everything else; web never imports server; domains talk through services")
// fail `npm run lint` instead of being hoped for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { readdirSync } from 'node:fs';

const domains = readdirSync(new URL('./src/server/domains', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  // Skeletons of Backstage's sample templates are template text for another project's conventions (CRA's
  // default exports), not Paved code.
  { ignores: ['dist/**', 'node_modules/**', '.paved/**', 'coverage/**', 'bench/out/**', 'test/tmp/**', 'examples/templates/backstage-samples/*/skeleton/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' }],
    },
  },
  {
    files: ['src/model/**'],
    rules: restrict([
      { group: ['**/contracts/**', '**/server/**', '**/cli/**', '**/web/**'], message: 'src/model is pure: it imports nothing of ours.' },
      { group: ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:https', 'node:child_process', 'pg', 'better-sqlite3', 'kysely', 'fastify'], message: 'src/model does no I/O.' },
    ]),
  },
  {
    files: ['src/contracts/**'],
    rules: restrict([
      { group: ['**/server/**', '**/cli/**', '**/web/**'], message: 'src/contracts imports only src/model.' },
    ]),
  },
  {
    // Node adapters (disk readers and the like) shared by the server and the CLI: they may use model
    // and contracts, never either of their users (or web), so both can depend on them.
    files: ['src/node/**'],
    rules: restrict([
      { group: ['**/server/**', '**/cli/**', '**/web/**'], message: 'src/node holds Node adapters shared by server and CLI: it imports only src/model and src/contracts.' },
    ]),
  },
  {
    files: ['src/cli/**'],
    rules: restrict([
      { group: ['**/server/domains/**', '**/server/platform/**'], message: 'The CLI talks to the API through contracts; only `paved serve` may import the server entry (src/server/main).' },
    ]),
  },
  {
    files: ['web/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      { group: ['**/server/**', '**/cli/**'], message: 'web never imports server or cli.' },
    ]),
  },
  // A domain reaches another only through that domain's index.ts or <d>.service.ts.
  ...domains.map((d) => ({
    files: [`src/server/domains/${d}/**`],
    rules: restrict(domains.filter((o) => o !== d).map((o) => ({
      group: [`../${o}/*`, `../../${o}/*`, `**/domains/${o}/*`, `!../${o}/index`, `!../../${o}/index`, `!**/domains/${o}/index`, `!../${o}/${o}.service`, `!../../${o}/${o}.service`, `!**/domains/${o}/${o}.service`],
      message: `Domain ${d} may use domain ${o} only through its index.ts or ${o}.service.ts.`,
    }))),
  })),
  {
    files: ['*.config.js', '*.config.ts', 'web/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'bin/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
