#!/usr/bin/env node
// Launcher for the `paved` CLI: Paved runs its TypeScript sources through tsx (docs/adr/0002-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
