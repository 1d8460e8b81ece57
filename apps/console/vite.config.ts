import { defineConfig } from 'vite';

/** The console is served by the API at /console (same origin, same auth). */
export default defineConfig({
  root: __dirname,
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
