/**
 * `pnpm bench` (issue 14, item 7): measures Concord on the database `pnpm bench:data --scale N` made (on the
 * PostgreSQL at BENCH_DATABASE_URL) and prints every figure of the table beside its goal, then writes
 * them into BENCHMARKS.md with the date, the machine and the scale. Never part of `pnpm test`.
 *
 * Options (environment): BENCH_REPEATS (calls per procedure, default 30), BENCH_LOAD_SECONDS (default 20),
 * BENCH_SKIP=load,pglite,start (parts to leave out), BENCH_NO_WRITE=1 (print only).
 * Exits 1 when the EXPLAIN check finds a sequential scan of a large table (bench/plans.test.ts checks the same
 * under vitest: `pnpm --filter @concord/tests run bench:plans`).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { sql } from 'kysely';
import { startBenchServer } from './harness.ts';
import { mixedLoad, type LoadResult } from './load.ts';
import { benchContext, measureProcedures } from './measure.ts';
import { pglitePages, type PgliteResult } from './pglite.ts';
import { loadRow, pgliteRow, planRow, printTable, procedureRows, resultsMarkdown, spaRows, startRows, writeBenchmarksMd, type Machine, type Row } from './report.ts';
import { rowCounts } from './shape.ts';
import { spaSize, startMedians } from './startup.ts';

const repeats = Number(process.env.BENCH_REPEATS) || 30;
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS) || 20;
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

const server = await startBenchServer();
let machine: Machine;
const rows: Row[] = [];
let scansFound = 0;
try {
  const version = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(server.db);
  const comment = await sql<{ c: string | null }>`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = current_database()`.execute(server.db);
  const generated = comment.rows[0]?.c ? (JSON.parse(comment.rows[0].c) as { scale: number; minutes: number }) : null;
  machine = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GB memory`,
    postgres: `PostgreSQL ${version.rows[0]!.v}`,
    load: loadavg().map((n) => n.toFixed(1)).join(', '),
    scale: generated ? `${generated.scale} (generated in ${generated.minutes.toFixed(1)} minutes)` : 'unknown',
    rows: await rowCounts(server.db),
  };
  console.log(`Measuring at scale ${machine.scale} on ${machine.cpus}, ${machine.postgres}, load ${machine.load}`);

  console.log(`Hot procedures (${repeats} calls each) and EXPLAIN:`);
  const { results, scans, plans } = await measureProcedures(server, repeats);
  scansFound = scans.length;
  rows.push(...procedureRows(results));
  for (const p of [...plans].sort((a, b) => b.ms - a.ms).slice(0, 3)) console.log(`  slowest on large tables: ${p.procedure} ${p.ms.toFixed(1)} ms\n${p.plan}`);

  let load: LoadResult | null = null;
  if (!skip.has('load')) {
    console.log(`Mixed read load, 50 connections, ${loadSeconds} s…`);
    load = await mixedLoad(benchContext(server), 50, loadSeconds);
  }
  rows.push(loadRow(load));

  let pglite: PgliteResult[] | null = null;
  if (!skip.has('pglite')) {
    console.log('PGlite pages…');
    pglite = await pglitePages(Math.min(repeats, 20));
  }
  rows.push(pgliteRow(pglite));

  if (!skip.has('start')) {
    // Three pairs, their medians: a single start follows whatever else the machine is doing at that second.
    console.log('pnpm start, cold and warm, three times…');
    const started = await startMedians(3).then((t) => ({ t }), (e: Error) => ({ e }));
    rows.push(...('t' in started ? startRows(started.t) : startRows(null, started.e.message)));
  } else rows.push(...startRows(null));
  rows.push(...spaRows(spaSize()));
  rows.push(planRow(scans));
  rows.push({ what: '`pnpm test` on this machine', measured: 'not measured by the bench (it would run the whole suite)', goal: '≤ 5 minutes', meets: null });

  console.log('');
  printTable(rows);
  if (!process.env.BENCH_NO_WRITE) console.log(`\nWritten to ${writeBenchmarksMd(resultsMarkdown(machine, rows, scans, plans))}`);
} finally {
  await server.close();
}
if (scansFound > 0) {
  console.error(`\nThe EXPLAIN check found ${scansFound} sequential or whole-index scan(s) of large tables (see BENCHMARKS.md).`);
  process.exitCode = 1;
}
