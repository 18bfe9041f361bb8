/**
 * Issue 14, item 1: every hot procedure's queries, run under EXPLAIN on the generated national-scale data
 * (`pnpm bench:data --scale N` first, BENCH_DATABASE_URL set), read no table of more than 100,000 rows by a
 * sequential scan, nor by a scan of a whole index (one without a condition on the index's first column).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBenchServer, type BenchServer } from './harness.ts';
import { benchContext } from './measure.ts';
import { explainStatements, largeTables, leadingColumns, recordStatements } from './plans.ts';
import { HOT_PROCEDURES } from './procedures.ts';

let server: BenchServer;
let large: Map<string, number>;
let leading: Map<string, string>;

beforeAll(async () => {
  server = await startBenchServer(2);
  large = await largeTables(server);
  leading = await leadingColumns(server);
});
afterAll(() => server?.close());

describe('the hot queries on national-scale data', () => {
  it('has large tables to check (the generated data is there)', () => {
    expect(large.get('benchmark_figure')).toBeGreaterThan(100_000);
    expect(large.get('kpi_return')).toBeGreaterThan(100_000);
  });

  for (const procedure of HOT_PROCEDURES) {
    it(`${procedure.path} scans no large table from end to end`, async () => {
      const statements = await recordStatements(server, procedure, benchContext(server));
      expect(statements.length).toBeGreaterThan(0);
      const { scans } = await explainStatements(procedure.path, statements, large, leading);
      expect(scans.map((s) => `${s.kind} of ${s.table}\n${s.statement}\n${s.plan}`)).toEqual([]);
    });

    it(`${procedure.path} scans no large table from end to end under a generic plan (named prepared statements)`, async () => {
      const statements = await recordStatements(server, procedure, benchContext(server));
      const { scans } = await explainStatements(procedure.path, statements, large, leading, { generic: true });
      expect(scans.map((s) => `${s.kind} of ${s.table}\n${s.statement}\n${s.plan}`)).toEqual([]);
    });
  }
});
