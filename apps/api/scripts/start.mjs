// `pnpm start` (issue 14, item 5): builds the web app and the server only when their sources changed since the
// last build, then runs the built server in this same process.
//
// Turbo already replays a current build from its cache, but starting it and hashing every input costs about a
// second on each start. Here the inputs' paths, sizes and modification times are fingerprinted (a few hundred
// files, milliseconds) and compared with the fingerprint written after the last successful build. The same
// fingerprint and both outputs present: no build is started. Anything else (a fresh clone, an edited or deleted
// file, a removed dist folder, another Node version, a new lockfile): turbo builds as before.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER = join(ROOT, 'apps/api/dist/main.js');
const OUTPUTS = [SERVER, join(ROOT, 'apps/web/dist/index.html')];
const STAMP = join(ROOT, 'apps/api/dist/.built-from');
// What the two builds read: the workspace packages they bundle, the apps themselves, and the root's
// manifests and compiler settings (a new dependency changes the lockfile).
const INPUT_DIRS = ['apps/web', 'apps/api', 'packages'];
const INPUT_FILES = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'turbo.json', 'tsconfig.base.json'];
const SKIPPED = new Set(['node_modules', 'dist', '.turbo']);

/** Every file under `dir` but the skipped folders, as paths relative to the root. */
function collect(dir, into) {
  for (const entry of readdirSync(ROOT + dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) collect(path, into);
    else if (entry.isFile()) into.push(path);
  }
  return into;
}

// Run once per start, before any of it is optimised: plain strings, no path.relative or join per file (they were
// about half of the check's ~100 ms in a fresh process).
function fingerprint() {
  const hash = createHash('sha256').update(process.version);
  const paths = [...INPUT_DIRS.flatMap((d) => collect(d, [])), ...INPUT_FILES.filter((f) => existsSync(ROOT + f))];
  for (const path of paths.sort()) {
    const { size, mtimeMs } = statSync(ROOT + path);
    hash.update(`${path}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

const current = fingerprint();
const built = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : null;
if (built !== current || !OUTPUTS.every((f) => existsSync(f))) {
  // As `pnpm run` would: the workspace's own binaries (turbo, and the pnpm it looks for) first on the path.
  const bin = join(ROOT, 'node_modules/.bin');
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  const args = ['run', 'build', '--filter=@concord/web', '--filter=@concord/api-server', '--output-logs=errors-only'];
  const run = spawnSync('turbo', args, { cwd: ROOT, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) {
    console.error(`Concord did not start: the build failed${run.error ? ` (${run.error.message})` : ''}.`);
    process.exit(run.status || 1);
  }
  // The fingerprint taken before the build: a file edited while it ran is seen as changed next time.
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${current}\n`);
}

await import(pathToFileURL(SERVER).href);
