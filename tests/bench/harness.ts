/**
 * The real server on the generated database, for the measurements: createConcordServer over a pg pool whose
 * clients count (and, when asked, record) every statement they send, so a request's statements can be counted
 * and its queries replayed under EXPLAIN.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { loadApiConfig } from '@concord/api';
import { createConcordServer } from '@concord/api-server/server';
import { beginWithFirstStatement, preparedFromEnv, prepareStatements, wrapEachConnection, type Database } from '@concord/db';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { BENCH_DATABASE, BENCH_NETWORK_REGION, BENCH_USER_EMAIL, benchUrl, databaseUrl, networkName } from './shape.ts';

export const DEMO_PASSWORD = 'concord-demo';

export interface Statement {
  text: string;
  values: unknown[];
}

export interface BenchServer {
  base: string;
  cookie: string;
  db: Kysely<Database>;
  /** The bench user's authority and the 16-member network's id. */
  authorityId: string;
  networkId: string;
  /** Statements sent since the last reset. */
  statements: Statement[];
  call(path: string, input?: unknown): Promise<{ ms: number; status: number; bytes: number }>;
  close(): Promise<void>;
}

/**
 * A pg pool whose clients note every statement in `log` (one request at a time, so the log is that request's), and
 * send them as named prepared statements and with BEGIN going with the statement after it, as connectPostgres does
 * (unless CONCORD_PREPARED=false): BEGIN and that statement are noted as the one text sent.
 */
export function countingPool(url: string, max: number, log: Statement[]): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  if (preparedFromEnv()) prepareStatements(pool);
  wrapEachConnection(pool, (query) => (...args: unknown[]) => {
    const first = args[0] as string | { text: string; values?: unknown[] };
    if (typeof first === 'string') log.push({ text: first, values: Array.isArray(args[1]) ? (args[1] as unknown[]) : [] });
    else if (first && typeof first === 'object' && 'text' in first) log.push({ text: first.text, values: first.values ?? [] });
    return query(...args);
  });
  pool.on('error', () => {});
  return beginWithFirstStatement(pool);
}

export function trpcUrl(base: string, path: string, input?: unknown): string {
  return input === undefined ? `${base}/trpc/${path}` : `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

export async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-concord-csrf': '1' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

export async function timedGet(base: string, cookie: string, path: string, input?: unknown) {
  const t0 = performance.now();
  const response = await fetch(trpcUrl(base, path, input), { headers: { cookie, 'accept-encoding': 'gzip, br' } });
  const body = await response.arrayBuffer();
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${Buffer.from(body).toString().slice(0, 500)}`);
  // fetch decompresses: the size is what the server sent before compression.
  return { ms, status: response.status, bytes: body.byteLength };
}

export async function startBenchServer(poolSize = 10): Promise<BenchServer> {
  const url = databaseUrl(benchUrl(), BENCH_DATABASE);
  const statements: Statement[] = [];
  const pool = countingPool(url, poolSize, statements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const server = createConcordServer({ db, databaseKind: 'postgres', api: loadApiConfig({}), webDist: '/nonexistent', log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = await signIn(base, BENCH_USER_EMAIL);
  const home = await sql<{ authority_id: string; network: string }>`
    SELECT m.authority_id, p.id AS network FROM app_user u JOIN membership m ON m.user_id = u.id
    JOIN partnership p ON p.name = ${networkName(BENCH_NETWORK_REGION)} WHERE u.email = ${BENCH_USER_EMAIL}`.execute(db);
  const row = home.rows[0];
  if (!row) throw new Error(`${BENCH_USER_EMAIL} not found: run pnpm bench:data first`);
  return {
    base,
    cookie,
    db,
    authorityId: row.authority_id,
    networkId: row.network,
    statements,
    call: (path, input) => timedGet(base, cookie, path, input),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
