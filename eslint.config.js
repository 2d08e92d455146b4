// Lint rules that keep the architecture honest: the import boundaries of ARCHITECTURE.md
// ("model ← contracts ← everything else; web never imports server; domains talk through services")
// fail `npm run lint` instead of being hoped for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.paved/**', 'coverage/**', 'bench/out/**', 'test/tmp/**'] },
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
  {
    files: ['src/server/domains/*/**'],
    rules: restrict([
      { group: ['../*/*', '!../*/index', '!../*/*.service'], message: 'A domain calls another only through its exported service (domains/<d>/index.ts or <d>.service.ts).' },
    ]),
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'bin/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
