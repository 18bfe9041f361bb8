/**
 * The SPA's first page (what index.html loads: its script, module preloads and stylesheets, gzipped) from
 * apps/web/dist as last built, and `pnpm start` to a healthy /healthz: cold (an empty embedded database folder, into
 * which the build's prepared database is unpacked) and warm (the same folder again), each with start.mjs checking the builds.
 * Besides the seconds, the CPU the started processes spent until then (on Linux): on a shared machine the seconds
 * follow the load, the CPU much less. `node bench/startup.ts N` (with tsx) measures N cold and warm pairs alone.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { procStat } from './cpu.ts';

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

export interface StartTime {
  /** seconds from running the README's start command to /healthz answering 200 */
  seconds: number;
  /** CPU seconds (user + system) the command's processes spent by then; null off Linux */
  cpu: number | null;
}

/**
 * CPU seconds spent so far by the process group `group` (npx and everything it started): each live process's own
 * time and that of its children that have ended, from /proc (clock ticks of 1/100 s, as Linux reports them).
 */
function groupCpu(group: number): number | null {
  if (process.platform !== 'linux') return null;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const fields = procStat(pid); // null: ended meanwhile
    if (!fields || Number(fields[2]) !== group) continue;
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks / 100;
}

/** From running the README's start command to /healthz answering 200. */
async function timeStart(dataDir: string): Promise<StartTime> {
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
      if (ok) return { seconds: (performance.now() - t0) / 1000, cpu: groupCpu(child.pid!) };
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

export async function startTimes(): Promise<{ cold: number; warm: number; coldCpu: number | null; warmCpu: number | null }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-start-'));
  try {
    const cold = await timeStart(dataDir);
    const warm = await timeStart(dataDir);
    return { cold: cold.seconds, warm: warm.seconds, coldCpu: cold.cpu, warmCpu: warm.cpu };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Starts of `pairs` cold and warm pairs, each a fresh data folder: the medians and every start, in seconds. */
export async function startMedians(pairs = 3): Promise<{ cold: number; warm: number; colds: number[]; warms: number[] }> {
  const runs: Awaited<ReturnType<typeof startTimes>>[] = [];
  for (let i = 0; i < pairs; i++) runs.push(await startTimes());
  const colds = runs.map((r) => r.cold);
  const warms = runs.map((r) => r.warm);
  return { cold: median(colds), warm: median(warms), colds, warms };
}
const minAndMedian = (xs: number[]) => `min ${Math.min(...xs).toFixed(2)}, median ${median(xs).toFixed(2)}`;

// Run alone (`npx tsx bench/startup.ts 5`): N cold and warm starts, each printed, then their min and median.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = Number(process.argv[2] ?? 5);
  const all: Awaited<ReturnType<typeof startTimes>>[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await startTimes();
    all.push(t);
    const cpu = (c: number | null) => (c === null ? '' : ` (CPU ${c.toFixed(2)} s)`);
    console.log(`run ${i + 1}: cold ${t.cold.toFixed(2)} s${cpu(t.coldCpu)}, warm ${t.warm.toFixed(2)} s${cpu(t.warmCpu)}, load ${loadavg()[0]!.toFixed(1)}`);
  }
  console.log(`cold: ${minAndMedian(all.map((t) => t.cold))} s; warm: ${minAndMedian(all.map((t) => t.warm))} s`);
  if (all.every((t) => t.coldCpu !== null && t.warmCpu !== null)) {
    console.log(`CPU cold: ${minAndMedian(all.map((t) => t.coldCpu!))} s; warm: ${minAndMedian(all.map((t) => t.warmCpu!))} s`);
  }
}
