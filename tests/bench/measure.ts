/**
 * Each hot procedure through the real server (p50/p95 over repeated calls, statements per request, answer size)
 * beside the raw SQL of the same result, and the EXPLAIN check of its statements.
 */
import { performance } from 'node:perf_hooks';
import { preparedFromEnv } from '@concord/db';
import pg from 'pg';
import { percentile, type BenchServer } from './harness.ts';
import { explainStatements, largeTables, leadingColumns, recordStatements, type SeqScan, type StatementPlan } from './plans.ts';
import { HOT_PROCEDURES, type BenchContext } from './procedures.ts';
import { BENCH_DATABASE, benchUrl, databaseUrl } from './shape.ts';

export interface ProcedureResult {
  path: string;
  p50: number;
  p95: number;
  statements: number;
  bytes: number;
  rawP50: number | null;
  rawP95: number | null;
  error?: string;
}

export function benchContext(server: BenchServer): BenchContext {
  // The server's "today" is London's date: near enough for the raw SQL's calendar.
  return { authorityId: server.authorityId, networkId: server.networkId, today: new Date().toISOString().slice(0, 10) };
}

async function timeRaw(client: pg.Client, query: { text: string; values: unknown[] }, repeats: number): Promise<number[]> {
  for (let i = 0; i < 2; i++) await client.query(query.text, query.values);
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await client.query(query.text, query.values);
    times.push(performance.now() - t0);
  }
  return times;
}

export async function measureProcedures(server: BenchServer, repeats: number): Promise<{ results: ProcedureResult[]; scans: SeqScan[]; plans: StatementPlan[] }> {
  const context = benchContext(server);
  const large = await largeTables(server);
  const leading = await leadingColumns(server);
  const raw = new pg.Client({ connectionString: databaseUrl(benchUrl(), BENCH_DATABASE) });
  await raw.connect();
  const results: ProcedureResult[] = [];
  const scans: SeqScan[] = [];
  const plans: StatementPlan[] = [];
  try {
    for (const procedure of HOT_PROCEDURES) {
      try {
        const statements = await recordStatements(server, procedure, context);
        const explained = await explainStatements(procedure.path, statements, large, leading);
        scans.push(...explained.scans);
        plans.push(...explained.plans);
        // The server sends named prepared statements (unless CONCORD_PREPARED=false): their generic plans too.
        if (preparedFromEnv()) scans.push(...(await explainStatements(`${procedure.path} (generic plan)`, statements, large, leading, { generic: true })).scans);
        const input = procedure.input?.(context);
        await server.call(procedure.path, input);
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < repeats; i++) {
          const r = await server.call(procedure.path, input);
          times.push(r.ms);
          bytes = r.bytes;
        }
        const rawTimes = procedure.raw ? await timeRaw(raw, procedure.raw(context), repeats) : null;
        results.push({
          path: procedure.path,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          statements: statements.length,
          bytes,
          rawP50: rawTimes ? percentile(rawTimes, 50) : null,
          rawP95: rawTimes ? percentile(rawTimes, 95) : null,
        });
        console.log(`  ${procedure.path}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ${statements.length} statements`);
      } catch (error) {
        results.push({ path: procedure.path, p50: NaN, p95: NaN, statements: NaN, bytes: NaN, rawP50: null, rawP95: null, error: String(error).slice(0, 300) });
        console.log(`  ${procedure.path}: failed: ${String(error).slice(0, 300)}`);
      }
    }
  } finally {
    await raw.end();
  }
  return { results, scans, plans };
}
