/**
 * A mixed read load (autocannon): 50 connections for ~20 s, each its own signed-in session, cycling through the
 * hot procedures, against the server in a process of its own (bench/serve.ts).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadServerConfig } from '@concord/api-server/config';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuPerRequest, readCpu } from './cpu.ts';
import { signIn, trpcUrl } from './harness.ts';
import { HOT_PROCEDURES, type BenchContext } from './procedures.ts';
import { BENCH_DATABASE, BENCH_USER_EMAIL, benchUrl, databaseUrl } from './shape.ts';

export interface LoadResult {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  detail: string;
  /** CPU ms a request cost, in the server process (all of them with CONCORD_WORKERS > 1: not counted then) and its backends. */
  cpu: { node: number; postgres: number } | null;
}

async function startServerProcess(): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
  const script = fileURLToPath(new URL('./serve.ts', import.meta.url));
  // BENCH_SERVER_NODE_ARGS: more options for the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim().split('\n')[0]!));
  });
  return {
    base,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function mixedLoad(context: BenchContext, connections = 50, seconds = 20): Promise<LoadResult> {
  const { base, pid, stop } = await startServerProcess();
  const observer = new pg.Client({ connectionString: databaseUrl(benchUrl(), BENCH_DATABASE) });
  await observer.connect();
  try {
    const cookies: string[] = [];
    for (let i = 0; i < connections; i++) cookies.push(await signIn(base, BENCH_USER_EMAIL));
    const paths = HOT_PROCEDURES.map((p) => {
      const url = new URL(trpcUrl(base, p.path, p.input?.(context)));
      return url.pathname + url.search;
    });
    let next = 0;
    // Each connection (autocannon's client, with its own context) keeps one session of its own and goes round
    // the procedures from its own starting point, so the connections do not all ask for the same one at once.
    const nextRequest = (req: autocannon.Request, context: object): autocannon.Request => {
      const connection = context as { cookie?: string; at?: number };
      if (connection.cookie === undefined) {
        connection.at = next;
        connection.cookie = cookies[next++ % cookies.length]!;
      }
      const path = paths[connection.at! % paths.length]!;
      connection.at! += 1;
      return { ...req, method: 'GET', path, headers: { ...req.headers, cookie: connection.cookie, 'accept-encoding': 'gzip' } };
    };
    const requests = [{ method: 'GET' as const, path: paths[0]!, setupRequest: nextRequest }];
    const before = await readCpu(pid, observer);
    const result = await autocannon({ url: base, connections, duration: seconds, requests });
    const single = loadServerConfig({ DATABASE_URL: databaseUrl(benchUrl(), BENCH_DATABASE), CONCORD_WORKERS: process.env.CONCORD_WORKERS }).workers === 1;
    const cpu = single ? cpuPerRequest(before, await readCpu(pid, observer), result.requests.total) : null;
    if (cpu) console.log(`  CPU a request: Node ${cpu.node.toFixed(1)} ms, PostgreSQL ${cpu.postgres.toFixed(1)} ms`);
    return {
      connections,
      seconds,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      // autocannon's errors include its timeouts (no answer within 10 s); non-2xx answers are errors too.
      errors: result.errors + result.non2xx,
      requests: result.requests.total,
      detail: `errors ${result.errors}, timeouts ${result.timeouts}, status ${JSON.stringify(result.statusCodeStats)}`,
      cpu,
    };
  } finally {
    await observer.end();
    await stop();
  }
}
