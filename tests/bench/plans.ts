/**
 * The EXPLAIN check of issue 14, item 1: every statement a hot procedure sends, recorded from the real server,
 * is replayed in one transaction on the generated data (settings and writes executed, queries under
 * EXPLAIN (ANALYZE, FORMAT JSON), then rolled back), and every sequential scan of a table with more than 100,000 rows
 * is reported with the statement that asked for it; so is every read of a large table's index without a condition
 * on the index's first column, which visits every entry (a sequential scan in all but name).
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { BenchServer, Statement } from './harness.ts';
import { BENCH_DATABASE, benchUrl, databaseUrl } from './shape.ts';
import type { BenchContext, HotProcedure } from './procedures.ts';

export const LARGE_TABLE_ROWS = 100_000;

/** A statement of a hot procedure that reads a large table, with its plan as it ran (EXPLAIN ANALYZE). */
export interface StatementPlan {
  procedure: string;
  ms: number;
  statement: string;
  plan: string;
}

export interface SeqScan {
  procedure: string;
  /** 'sequential scan', or 'whole-index scan': an index read without a condition on its first column (every entry). */
  kind: 'sequential scan' | 'whole-index scan';
  table: string;
  rows: number;
  statement: string;
  plan: string;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Filter?: string;
  'Plan Rows'?: number;
  'Total Cost'?: number;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

/** A query (to explain) rather than a setting, a transaction command or a write (to execute as the server did). */
function isQuery(text: string): boolean {
  return /^\s*(select|with)\b/i.test(text) && !/set_config\s*\(/i.test(text) && !/\b(insert|update|delete)\b\s/i.test(text.replace(/'[^']*'/g, ''));
}

function summary(plan: PlanNode, depth = 0): string {
  const on = plan['Relation Name'] ? ` on ${plan['Relation Name']}` : '';
  const index = plan['Index Name'] ? ` using ${plan['Index Name']}${plan['Index Cond'] ? ` (${plan['Index Cond']})` : ''}` : '';
  const filter = plan.Filter ? ` filter ${plan.Filter}${plan['Rows Removed by Filter'] ? ` removed ${plan['Rows Removed by Filter']}` : ''}` : '';
  const actual = plan['Actual Rows'] !== undefined ? ` rows ${plan['Actual Rows']}×${plan['Actual Loops']} ${plan['Actual Total Time']?.toFixed(1)} ms` : '';
  const line = `${'  '.repeat(depth)}${plan['Node Type']}${on}${index}${filter}${actual}`;
  const self = line.length > 260 ? `${line.slice(0, 200)} … ${line.slice(-50)}` : line;
  return [self, ...(plan.Plans ?? []).map((p) => summary(p, depth + 1))].join('\n');
}

/** Each index of a large table by name, with its first column. */
export async function leadingColumns(server: BenchServer): Promise<Map<string, string>> {
  const rows = await sql<{ index: string; column: string }>`
    SELECT i.indexrelid::regclass::text AS index, a.attname AS column FROM pg_index i
    JOIN pg_class t ON t.oid = i.indrelid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
    WHERE t.relnamespace = 'public'::regnamespace AND t.reltuples > ${LARGE_TABLE_ROWS}`.execute(server.db);
  return new Map(rows.rows.map((r) => [r.index, r.column]));
}

export async function largeTables(server: BenchServer): Promise<Map<string, number>> {
  const rows = await sql<{ name: string; n: number }>`
    SELECT relname AS name, reltuples::bigint AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples > ${LARGE_TABLE_ROWS}`.execute(server.db);
  return new Map(rows.rows.map((r) => [r.name, Number(r.n)]));
}

/** A value as an untyped SQL literal, as node-pg would send it (EXECUTE's arguments cannot be parameters). */
function literal(client: pg.Client, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) return client.escapeLiteral(`{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`);
  if (typeof value === 'object') return client.escapeLiteral(JSON.stringify(value));
  return client.escapeLiteral(String(value));
}

/** EXPLAIN ANALYZE of the statement's generic plan: prepared by name, executed with its values. */
async function explainGeneric(client: pg.Client, s: Statement) {
  await client.query(`PREPARE bench_replay AS ${s.text}`);
  try {
    const parameters = s.values.length ? `(${s.values.map((v) => literal(client, v)).join(', ')})` : '';
    return await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE bench_replay${parameters}`);
  } finally {
    await client.query('DEALLOCATE bench_replay').catch(() => {}); // after an error the transaction's error is the one to see
  }
}

/** Calls the procedure once, recording its statements, and returns them. */
export async function recordStatements(server: BenchServer, procedure: HotProcedure, context: BenchContext): Promise<Statement[]> {
  server.statements.length = 0;
  await server.call(procedure.path, procedure.input?.(context));
  return server.statements.splice(0);
}

/**
 * Replays the statements in a transaction that is rolled back, running the queries under EXPLAIN ANALYZE;
 * returns the sequential scans of large tables and the plans of every query that reads a large table.
 * `generic`: each query is prepared and explained under plan_cache_mode = force_generic_plan, the plan a named
 * prepared statement may settle on after five runs (packages/db/src/prepared.ts), whatever its values.
 */
export async function explainStatements(
  procedure: string,
  statements: Statement[],
  large: Map<string, number>,
  leading: Map<string, string>,
  options: { generic?: boolean } = {},
): Promise<{ scans: SeqScan[]; plans: StatementPlan[] }> {
  const client = new pg.Client({ connectionString: databaseUrl(benchUrl(), BENCH_DATABASE) });
  await client.connect();
  const found: SeqScan[] = [];
  const plans: StatementPlan[] = [];
  try {
    await client.query('BEGIN');
    if (options.generic) await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
    for (const sent of statements) {
      // BEGIN goes with the transaction's first statement, the role and settings (packages/db/src/begin.ts): the
      // replay is inside its own transaction already, so that statement is replayed alone.
      const s = { ...sent, text: sent.text.replace(/^\s*BEGIN;\s*/i, '') };
      if (/^\s*(begin|commit|rollback|start transaction)\b/i.test(s.text)) continue;
      if (!isQuery(s.text)) {
        await client.query('SAVEPOINT replay');
        // A write that fails on replay (a unique key already taken by the original call) changes no plan.
        await client.query(s.text, s.values).then(() => client.query('RELEASE SAVEPOINT replay'), () => client.query('ROLLBACK TO SAVEPOINT replay'));
        continue;
      }
      const result = options.generic ? await explainGeneric(client, s) : await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.text}`, s.values);
      const explained = (result.rows[0]['QUERY PLAN'] as { Plan: PlanNode; 'Execution Time': number }[])[0]!;
      const plan = explained.Plan;
      const statement = s.text.replace(/\s+/g, ' ').trim();
      if ([...nodes(plan)].some((n) => n['Relation Name'] && large.has(n['Relation Name']))) {
        plans.push({ procedure, ms: explained['Execution Time'], statement, plan: summary(plan) });
      }
      for (const node of nodes(plan)) {
        const table = node['Relation Name'];
        if (node['Node Type'] === 'Seq Scan' && table && large.has(table)) {
          found.push({ procedure, kind: 'sequential scan', table, rows: large.get(table)!, statement, plan: summary(plan) });
        }
        const first = node['Index Name'] ? leading.get(node['Index Name']) : undefined;
        if (first && !new RegExp(`\\b${first}\\b`).test(node['Index Cond'] ?? '')) {
          const owner = [...large.keys()].find((t) => node['Index Name']!.startsWith(t)) ?? node['Index Name']!;
          found.push({ procedure, kind: 'whole-index scan', table: `${owner} (${node['Index Name']})`, rows: large.get(owner) ?? NaN, statement, plan: summary(plan) });
        }
      }
    }
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
  return { scans: found, plans };
}
