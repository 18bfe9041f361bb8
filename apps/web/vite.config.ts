import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);
/** govuk-frontend's compiled assets (fonts, images); its CSS refers to them as /assets/fonts/… and /assets/images/… */
const govukAssets = resolve(dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk/assets');
const apiTarget = process.env.CONCORD_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  plugins: [react(), dropOldIeHacks()],
  resolve: {
    // Let Vite bundle (and fingerprint) the fonts and images the GOV.UK Frontend stylesheet asks for,
    // instead of leaving root-relative URLs that only resolve if someone copies the files by hand.
    alias: [{ find: /^\/assets\/(fonts|images)\//, replacement: `${govukAssets}/$1/` }],
  },
  css: {
    preprocessorOptions: {
      // govuk-frontend's Sass is resolved from node_modules; its deprecation notices are its own business.
      scss: { loadPaths: [resolve(dirname(require.resolve('govuk-frontend/package.json')), '..')], quietDeps: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the production build: served publicly, they would hand out the original source.
    sourcemap: false,
    rolldownOptions: {
      output: {
        // The libraries every page needs in a chunk of their own (issue 14, item 6): they change less often than the
        // service's code, so a release that changes only our pages leaves them in the browser's cache. Everything a
        // page needs beyond them (zod, charts, Markdown, autocomplete) stays in the lazily loaded chunks.
        codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|@trpc)[\\/]/ }] },
      },
    },
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

/**
 * GOV.UK Frontend's stylesheet keeps a few Internet Explorer 8–10 hacks (`@media screen\0 …`, `(min-width:0\0)`)
 * that are not valid CSS and make Vite's CSS minifier (lightningcss) fail. No supported browser applies
 * them, so remove those @media blocks before the minifier sees them.
 */
function dropOldIeHacks(): Plugin {
  return {
    name: 'concord:drop-old-ie-css-hacks',
    // Runs after Vite has compiled the Sass to CSS, before the minifier.
    transform(code, id) {
      if (!id.split('?')[0]!.endsWith('govuk.scss')) return null;
      let out = code;
      const hack = /@media[^{]*(\\0|\u0000|\uFFFD)[^{]*\{/;
      for (let at = out.search(hack); at !== -1; at = out.search(hack)) {
        let depth = 0;
        let end = out.indexOf('{', at);
        for (; end < out.length; end++) {
          if (out[end] === '{') depth++;
          else if (out[end] === '}' && --depth === 0) break;
        }
        out = out.slice(0, at) + out.slice(end + 1);
      }
      return { code: out, map: null };
    },
  };
}
