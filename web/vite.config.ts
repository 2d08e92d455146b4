import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
// In dev (`vite --config web/vite.config.ts`) and preview, /api goes to a running server:
// Paved on 7007 by default, or any Backstage-compatible catalog via PAVED_API.
const api = process.env.PAVED_API ?? 'http://localhost:7007';
const proxy = { '/api': { target: api, changeOrigin: true } };

export const config = defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: { proxy },
  preview: { proxy },
});

// Vite loads a config file through its default export; the rest of the code base uses named exports.
export default config;
