import { comparedLabel, formatKpiValue, kpiNumberForPeople, kpiUnitLabel, type KpiUnit } from '@concord/domain';
import { writeCsv } from '../csv.ts';
import { loadExcelJs } from '../heavy.ts';
import { sheetNamer } from '../xlsx/sheet-name.ts';
import { benchmarkPdf } from './pdf.ts';
import { flagWords, funnelPositionWords, ragWords, spcReadings } from './readings.ts';
import type { BenchmarkResult, Cell } from './compute.ts';

/**
 * Benchmark exports, built only from results already filtered for the viewer (consent and suppression
 * applied), so no export can name an anonymised member or show a suppressed figure.
 *   CSV   one row per KPI × member, plus the partnership median and quartiles.
 *   XLSX  a sheet per KPI: the table, the quartiles, the funnel points and limits, the SPC series —
 *         the numbers behind each chart.
 *   PDF   A4 portrait, laid out for printing: per KPI a bar chart with median and quartile lines, the
 *         funnel plot, the SPC chart of the reader's own authority, and the table (text alternative).
 */
export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
export interface ExportFile {
  filename: string;
  contentType: string;
  base64: string;
}

const show = (c: Cell, digits = 1): string => (c === null ? '' : c === 'suppressed' ? 'suppressed' : Number.isInteger(c) ? String(c) : c.toFixed(digits));
/** A figure for the CSV: a number stays a number (rounded as `show` rounds it), so a spreadsheet can sum it. */
const figure = (c: Cell, digits = 1): number | string => (c === null ? '' : c === 'suppressed' ? 'suppressed' : Number.isInteger(c) ? c : Number(c.toFixed(digits)));
/**
 * A KPI figure for people (issue 13): money in pounds (stored in pence), each unit at one precision — the
 * domain's formatter, as on the benchmark page. `people` keeps a number a number for a spreadsheet (the PDF,
 * in ./pdf.ts, prints the same figure as text: "£996.03").
 */
const people = (c: Cell, unit: KpiUnit): number | string => (c === null ? '' : c === 'suppressed' ? 'suppressed' : kpiNumberForPeople(c, unit));
/** The units of a result: its headline's, and its value's (a count where the headline is per head). */
const unitsOf = (r: BenchmarkResult) => ({ headline: r.headlineUnit as KpiUnit, value: r.kpi.unit as KpiUnit });
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function exportBenchmark(results: BenchmarkResult[], format: ExportFormat, meta: { title: string; asAt: Date | string }): Promise<ExportFile> {
  const asAt = typeof meta.asAt === 'string' ? meta.asAt : meta.asAt.toISOString();
  const base = slug(meta.title) || 'benchmark';
  if (format === 'csv') return { filename: `${base}.csv`, contentType: 'text/csv', base64: Buffer.from(toCsv(results, asAt)).toString('base64') };
  if (format === 'xlsx') {
    return {
      filename: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: (await toXlsx(results, meta.title, asAt)).toString('base64'),
    };
  }
  return { filename: `${base}.pdf`, contentType: 'application/pdf', base64: (await benchmarkPdf(results, meta.title, asAt)).toString('base64') };
}

export function toCsv(results: BenchmarkResult[], asAt: string): string {
  const rows: (string | number)[][] = [['kpi_code', 'kpi_name', 'period', 'authority', 'value', 'numerator', 'denominator', 'per_100k', 'headline', 'headline_unit', 'rank', 'rag', 'as_at']];
  for (const r of results) {
    const unit = unitsOf(r);
    for (const row of r.rows) {
      rows.push([r.kpi.code, r.kpi.name, r.period.label, row.label, people(row.value, unit.value), figure(row.numerator), figure(row.denominator), figure(row.perHundredThousand), people(row.headline, unit.headline), comparedLabel(r), row.rank ?? '', ragWords(row.rag), asAt]);
    }
    if (r.stats) {
      for (const [name, v] of [['Partnership lower quartile', r.stats.q1], ['Partnership median', r.stats.median], ['Partnership upper quartile', r.stats.q3]] as const) {
        rows.push([r.kpi.code, r.kpi.name, r.period.label, name, '', '', '', '', people(v, unit.headline), comparedLabel(r), '', '', asAt]);
      }
    }
    if (r.total !== null) rows.push([r.kpi.code, r.kpi.name, r.period.label, 'Partnership total', people(r.total, unit.value), '', '', '', '', kpiUnitLabel(unit.value), '', '', asAt]);
  }
  return writeCsv(rows);
}

async function toXlsx(results: BenchmarkResult[], title: string, asAt: string): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = 'Concord';
  const sheetName = sheetNamer();
  for (const r of results) {
    const ws = wb.addWorksheet(sheetName(`${r.kpi.code} ${r.kpi.name}`));
    ws.addRow([`${title}: ${r.kpi.code} ${r.kpi.name} (v${r.kpi.version})`]);
    ws.addRow([`Period: ${r.period.label}`, `As at: ${asAt}`, `Compared: ${comparedLabel(r)}`]);
    ws.addRow([]);
    const unit = unitsOf(r);
    ws.addRow(['Authority', `Value (${kpiUnitLabel(unit.value)})`, 'Numerator', 'Denominator', 'Per 100,000', `Headline (${comparedLabel(r)})`, 'Rank', 'RAG', ...r.periods.map((p) => p.label)]).font = { bold: true };
    for (const row of r.rows) {
      ws.addRow([row.label, people(row.value, unit.value), show(row.numerator), show(row.denominator), show(row.perHundredThousand), people(row.headline, unit.headline), row.rank ?? '', ragWords(row.rag), ...row.trend.map((t) => people(t.headline, unit.headline))]);
    }
    ws.addRow([]);
    if (r.stats) {
      ws.addRow([`Bar chart lines (${comparedLabel(r)})`, 'Lower quartile', 'Median', 'Upper quartile', 'n']).font = { bold: true };
      ws.addRow(['', people(r.stats.q1, unit.headline), people(r.stats.median, unit.headline), people(r.stats.q3, unit.headline), r.stats.n]);
      ws.addRow([]);
    }
    if (r.funnel) {
      ws.addRow(['Funnel plot', `Target (pooled): ${r.funnel.target.toFixed(3)}`]).font = { bold: true };
      ws.addRow(['Authority', 'Denominator', 'Value', 'Position']);
      for (const p of r.funnel.points) ws.addRow([p.label, p.denominator, Number(p.value.toFixed(3)), funnelPositionWords(p)]);
      ws.addRow(['Limits at denominator', 'Lower 99.8%', 'Lower 95%', 'Upper 95%', 'Upper 99.8%']);
      for (const c of r.funnel.curve) ws.addRow([Math.round(c.denominator), c.lower998, c.lower95, c.upper95, c.upper998]);
      ws.addRow([]);
    }
    for (const s of r.spc) {
      const { variation, assurance } = spcReadings(r, s);
      ws.addRow([`SPC (XmR): ${s.label}`, `Mean ${formatKpiValue(s.mean, unit.headline)}`, `Upper limit ${formatKpiValue(s.upperProcessLimit, unit.headline)}`, `Lower limit ${formatKpiValue(s.lowerProcessLimit, unit.headline)}`, `Latest: ${variation.label}`, assurance ? `Target: ${assurance.label}` : '']).font = { bold: true };
      ws.addRow(['Period', `Value (${comparedLabel(r)})`, 'Special cause']).font = { italic: true };
      for (const p of s.points) ws.addRow([p.label, people(p.value, unit.headline), flagWords(p)]);
    }
    for (const note of r.notes) ws.addRow([note]);
    ws.getColumn(1).width = 34;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every cell's text in every sheet of an XLSX (base64): for checks that an export names nobody it must not. */
export async function workbookText(base64: string): Promise<string> {
  const wb = new (await loadExcelJs()).Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    out.push(ws.name);
    ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? ''))));
  });
  return out.join('\n');
}

/** An XLSX (base64) of returns in the upload layout, for tests and the template download. */
export async function returnsWorkbook(rows: (string | number | null)[][]): Promise<string> {
  const wb = new (await loadExcelJs()).Workbook();
  const ws = wb.addWorksheet('Returns');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
