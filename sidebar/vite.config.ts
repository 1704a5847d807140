import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Two pages, one build: the agent sidebar (sidebar/index.html) and the console (console/index.html),
 * written to dist/sidebar, dist/console and their shared dist/assets, which the server serves at
 * /sidebar/, /console/ and /assets/. The API is same-origin; `npm run dev -w sidebar` proxies it to
 * a server on :3000 (LODESTAR_API to change that).
 */
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@lodestar/shared': resolve(here, '../shared/src/index.ts') },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { sidebar: resolve(here, 'sidebar/index.html'), console: resolve(here, 'console/index.html') },
    },
  },
  server: {
    proxy: { '/api': { target: process.env.LODESTAR_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
