import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);
/** govuk-frontend's compiled assets (fonts, images); its CSS refers to them as /assets/fonts/… and /assets/images/… */
const govukAssets = resolve(dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk/assets');
const apiTarget = process.env.CONCORD_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  plugins: [react()],
  resolve: {
    // Let Vite bundle (and fingerprint) the fonts and images the GOV.UK Frontend stylesheet asks for,
    // instead of leaving root-relative URLs that only resolve if someone copies the files by hand.
    alias: [{ find: /^\/assets\/(fonts|images)\//, replacement: `${govukAssets}/$1/` }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/trpc': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
});
