// Builds the server to plain JavaScript (dist/main.js, dist/cli.js, dist/write-images.js) so `start` runs it with `node`, without
// transpiling TypeScript on every start (issue 14, item 5).
//
// Concord's own packages (@concord/*) are bundled in, and so are kysely and zod (BUNDLED below). Every other
// package stays a package: it is imported from where pnpm installed it, by a path relative to dist/, resolved
// here exactly as Node would resolve it for the file that imports it. So packages that read their own files at
// run time (PGlite's WebAssembly, pdfkit's fonts) work as they do under tsx, and nothing is copied.
import { build } from 'esbuild';
import { dirname, relative, resolve } from 'node:path';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
// CONCORD_BUILD_OUTDIR: somewhere else than dist/ (the start-up test builds into a folder of its own).
const outdir = process.env.CONCORD_BUILD_OUTDIR ? resolve(process.env.CONCORD_BUILD_OUTDIR) : resolve(root, 'dist');

// Bundled although not ours (issue 14, item 5): kysely and zod are ES modules of about 260 and 100 files, some 360
// of the 580 files Node's module loader opened, linked and evaluated on every start; bundled, loading the server took
// about 0.25 s less CPU. Both are plain JavaScript that reads no files of its own. zod is also imported by
// trpc-to-openapi, which stays a package (loaded only for the read API's document): zod keeps its registry on
// globalThis and its instanceof checks look at what a schema is, not at which copy made it, so the two copies agree
// (the read API's document comes out byte for byte the same).
const BUNDLED = new Set(['kysely', 'zod']);
const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** @type {import('esbuild').Plugin} */
const packagesWhereInstalled = {
  name: 'packages-where-installed',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('node:') || args.path.startsWith('@concord/') || args.pluginData === 'resolving') return undefined;
      if (BUNDLED.has(packageName(args.path))) return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
      if (found.errors.length > 0) return { errors: found.errors };
      // A Node built-in (imported without the node: prefix) stays as it is.
      if (found.external || !found.path.startsWith('/')) return { path: args.path, external: true };
      const target = relative(outdir, realpathSync(found.path)).split('\\').join('/');
      return { path: target.startsWith('.') ? target : `./${target}`, external: true };
    });
  },
};

await build({
  // write-images.js: run by package.json's build right after this, to write the prepared databases (src/image.ts).
  entryPoints: [resolve(root, 'src/main.ts'), resolve(root, 'src/cli.ts'), resolve(root, 'src/write-images.ts')],
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [packagesWhereInstalled],
});
