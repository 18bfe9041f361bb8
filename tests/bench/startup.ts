/**
 * The SPA's first page (what index.html loads: its script, module preloads and stylesheets, gzipped) from
 * apps/web/dist as last built, and `pnpm start` to a healthy /healthz: cold (an empty embedded database folder,
 * so migrations and the demo seed run) and warm (the same folder again), each with turbo checking the builds.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WEB_DIST = join(REPO, 'apps/web/dist');

export interface SpaResult {
  builtAt: string;
  firstPageJsGzip: number;
  firstPageCssGzip: number;
  files: number;
  sourceMaps: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export function spaSize(): SpaResult | null {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return null;
  const html = readFileSync(index, 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  const gz = (file: string) => gzipSync(readFileSync(join(WEB_DIST, file)), { level: 9 }).byteLength;
  const js = refs.filter((r) => r.endsWith('.js'));
  const css = refs.filter((r) => r.endsWith('.css'));
  return {
    builtAt: statSync(index).mtime.toISOString(),
    firstPageJsGzip: js.reduce((n, f) => n + gz(f), 0),
    firstPageCssGzip: css.reduce((n, f) => n + gz(f), 0),
    files: js.length + css.length,
    sourceMaps: walk(WEB_DIST).filter((f) => f.endsWith('.map')).length,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** This environment with the given settings, and without a PostgreSQL URL: start uses embedded PGlite. */
function startEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...settings };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  return env;
}

/** Seconds from running the README's start command to /healthz answering 200. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npx', ['-y', 'pnpm@10.34.8', 'start'], {
    cwd: REPO,
    detached: true,
    stdio: 'ignore',
    env: startEnv({ PORT: String(port), HOST: '127.0.0.1', CONCORD_DATA_DIR: dataDir }),
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}`);
      if (performance.now() - t0 > 180_000) throw new Error('pnpm start: no /healthz within 180 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) return (performance.now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    // The whole process group we started (npx → pnpm → turbo/node), by its id.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function startTimes(): Promise<{ cold: number; warm: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-start-'));
  try {
    const cold = await timeStart(dataDir);
    const warm = await timeStart(dataDir);
    return { cold, warm };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
