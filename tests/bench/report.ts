/**
 * The measurements as one table, each figure beside the issue's goal and whether it meets it, printed and
 * written into BENCHMARKS.md between its results markers (the rest of that file is prose kept by hand).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from './load.ts';
import type { ProcedureResult } from './measure.ts';
import type { PgliteResult } from './pglite.ts';
import type { SeqScan, StatementPlan } from './plans.ts';
import type { SpaResult } from './startup.ts';
import { REPO } from './startup.ts';

export interface Row {
  what: string;
  measured: string;
  goal: string;
  meets: boolean | null;
}

export interface Machine {
  date: string;
  cpus: string;
  memory: string;
  postgres: string;
  load: string;
  scale: string;
  rows: Record<string, number>;
}

const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : 'failed');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const LIST_GOAL_MS = 150;
const LIST_GOAL_BYTES = 200 * 1024;
const STATEMENTS_GOAL = 6;

export function procedureRows(results: ProcedureResult[]): Row[] {
  const rows: Row[] = [];
  for (const r of results) {
    const raw = r.rawP95 === null ? '' : `; raw SQL p50 ${ms(r.rawP50!)}, p95 ${ms(r.rawP95)}`;
    const ratio = r.rawP95 ? r.p95 / r.rawP95 : null;
    if (r.path === 'benchmark.get') {
      rows.push({
        what: `${r.path} p95`,
        measured: `p50 ${ms(r.p50)}, p95 ${ms(r.p95)}${raw}${ratio ? ` (${ratio.toFixed(1)}×)` : ''}`,
        goal: '≤ 150 ms and ≤ 1.5× the raw SQL',
        meets: r.p95 <= 150 && ratio !== null && ratio <= 1.5,
      });
    } else {
      rows.push({
        what: `${r.path} p95, answer size`,
        measured: `p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, ${kb(r.bytes)}${raw}`,
        goal: `≤ ${LIST_GOAL_MS} ms p95, ≤ 200 KB`,
        meets: r.p95 <= LIST_GOAL_MS && r.bytes <= LIST_GOAL_BYTES,
      });
    }
  }
  const worst = Math.max(...results.map((r) => r.statements).filter(Number.isFinite));
  rows.push({
    what: 'statements per request',
    measured: results.map((r) => `${r.path} ${Number.isFinite(r.statements) ? r.statements : '?'}`).join(', '),
    goal: `≤ ${STATEMENTS_GOAL}`,
    meets: worst <= STATEMENTS_GOAL && results.every((r) => Number.isFinite(r.statements)),
  });
  return rows;
}

export function loadRow(load: LoadResult | null): Row {
  if (!load) return { what: 'mixed read load', measured: 'not run', goal: '≥ 500 req/s, p99 ≤ 250 ms, 0 errors', meets: null };
  return {
    what: `mixed read load, ${load.connections} connections, ${load.seconds} s`,
    measured: `${Math.round(load.requestsPerSecond)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.errors} errors (${load.requests} requests)`,
    goal: '≥ 500 req/s, p99 ≤ 250 ms, 0 errors',
    meets: load.requestsPerSecond >= 500 && load.p99 <= 250 && load.errors === 0,
  };
}

export function pgliteRow(results: PgliteResult[] | null): Row {
  if (!results) return { what: 'PGlite pages (one partnership, 5 years)', measured: 'not run', goal: '≤ 150 ms p95 each', meets: null };
  return {
    what: 'PGlite pages (demo seed: LCR Tripartite, 5 years)',
    measured: results.map((r) => `${r.path} p95 ${ms(r.p95)}`).join(', '),
    goal: '≤ 150 ms p95 each',
    meets: results.every((r) => r.p95 <= 150),
  };
}

/** The starts' row: the median of each kind, and every start measured when there were several. */
export function startRows(start: { cold: number; warm: number; colds?: number[]; warms?: number[] } | null, error?: string): Row[] {
  if (!start) return [{ what: '`pnpm start` to /healthz', measured: error ? `failed: ${error}` : 'not run', goal: 'cold ≤ 10 s, warm ≤ 3 s', meets: null }];
  const each = (all: number[] | undefined) => (all && all.length > 1 ? `, median of ${all.length} (${all.map((t) => t.toFixed(2)).join(', ')} s)` : '');
  return [
    { what: '`pnpm start` to /healthz, cold (empty data folder)', measured: `${start.cold.toFixed(1)} s${each(start.colds)}`, goal: '≤ 10 s', meets: start.cold <= 10 },
    { what: '`pnpm start` to /healthz, warm', measured: `${start.warm.toFixed(1)} s${each(start.warms)}`, goal: '≤ 3 s', meets: start.warm <= 3 },
  ];
}

export function spaRows(spa: SpaResult | null): Row[] {
  if (!spa) return [{ what: 'SPA first page JS (gzip)', measured: 'apps/web/dist not built', goal: '≤ 150 KB gzip', meets: null }];
  return [
    { what: `SPA first page JS (gzip; build of ${spa.builtAt.slice(0, 16)}Z)`, measured: `${kb(spa.firstPageJsGzip)} (+ CSS ${kb(spa.firstPageCssGzip)}), ${spa.files} files`, goal: '≤ 150 KB gzip', meets: spa.firstPageJsGzip <= 150 * 1024 },
    { what: 'source maps in the production build', measured: String(spa.sourceMaps), goal: 'none', meets: spa.sourceMaps === 0 },
  ];
}

export function planRow(scans: SeqScan[]): Row {
  return {
    what: 'EXPLAIN: sequential (or whole-index) scans of tables over 100k rows',
    measured: scans.length === 0 ? 'none' : [...new Set(scans.map((s) => `${s.procedure}: ${s.kind} of ${s.table}`))].join(', '),
    goal: 'none',
    meets: scans.length === 0,
  };
}

const verdict = (m: boolean | null) => (m === null ? '–' : m ? 'yes' : '**no**');

export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return ['| what | measured | goal | met |', '| --- | --- | --- | --- |', ...rows.map((r) => `| ${esc(r.what)} | ${esc(r.measured)} | ${esc(r.goal)} | ${verdict(r.meets)} |`)].join('\n');
}

export function printTable(rows: Row[]): void {
  const widths = [Math.max(...rows.map((r) => r.what.length)), 0];
  for (const r of rows) console.log(`${r.what.padEnd(widths[0]!)}  ${r.meets === null ? ' – ' : r.meets ? 'MET' : 'NOT'}  ${r.measured}   [goal ${r.goal}]`);
}

export function resultsMarkdown(machine: Machine, rows: Row[], scans: SeqScan[], plans: StatementPlan[]): string {
  const counts = Object.entries(machine.rows).map(([t, n]) => `${t} ${n.toLocaleString('en-GB')}`).join(', ');
  const slowest = [...plans]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8)
    .map((p) => `- **${p.procedure}**, ${p.ms.toFixed(1)} ms: \`${p.statement.slice(0, 300)}${p.statement.length > 300 ? '…' : ''}\`\n\n  \`\`\`\n${p.plan.split('\n').map((l) => `  ${l}`).join('\n')}\n  \`\`\``)
    .join('\n');
  const seq = scans.length
    ? scans.map((s) => `- **${s.procedure}** reads \`${s.table}\` (${s.rows.toLocaleString('en-GB')} rows) by ${s.kind}:\n  \`${s.statement.slice(0, 400)}\`\n\n  \`\`\`\n${s.plan.split('\n').map((l) => `  ${l}`).join('\n')}\n  \`\`\``).join('\n')
    : 'No hot query reads a table of more than 100,000 rows by sequential scan.';
  return [
    `Run of ${machine.date} on ${machine.cpus}, ${machine.memory}, ${machine.postgres}; load average at the start ${machine.load}.`,
    `Scale ${machine.scale}. Rows: ${counts}.`,
    '',
    markdownTable(rows),
    '',
    '#### Sequential scans of large tables found by EXPLAIN (this run)',
    '',
    seq,
    '',
    '#### The slowest queries on large tables (EXPLAIN ANALYZE, this run)',
    '',
    slowest,
  ].join('\n');
}

const BEGIN = '<!-- bench:results:begin -->';
const END = '<!-- bench:results:end -->';

/** Puts the results between the markers of BENCHMARKS.md, leaving the prose around them as it is. */
export function writeBenchmarksMd(results: string): string {
  const file = join(REPO, 'BENCHMARKS.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`BENCHMARKS.md has no ${BEGIN} … ${END} markers`);
  writeFileSync(file, `${text.slice(0, start + BEGIN.length)}\n${results}\n${text.slice(end)}`);
  return file;
}
