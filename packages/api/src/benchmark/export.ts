import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { comparedLabel, formatKpiAxis, formatKpiCell, formatKpiValue, kpiNumberForPeople, kpiUnitLabel, type KpiUnit } from '@concord/domain';
import { writeCsv } from '../csv.ts';
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
 * domain's formatter, as on the benchmark page. `people` keeps a number a number for a spreadsheet; `words`
 * is the text printed in the PDF ("£996.03").
 */
const people = (c: Cell, unit: KpiUnit): number | string => (c === null ? '' : c === 'suppressed' ? 'suppressed' : kpiNumberForPeople(c, unit));
const words = (c: Cell, unit: KpiUnit): string => (c === null ? '' : formatKpiCell(c, unit));
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
  return { filename: `${base}.pdf`, contentType: 'application/pdf', base64: (await toPdf(results, meta.title, asAt)).toString('base64') };
}

export function toCsv(results: BenchmarkResult[], asAt: string): string {
  const rows: (string | number)[][] = [['kpi_code', 'kpi_name', 'period', 'authority', 'value', 'numerator', 'denominator', 'per_100k', 'headline', 'headline_unit', 'rank', 'rag', 'as_at']];
  for (const r of results) {
    const unit = unitsOf(r);
    for (const row of r.rows) {
      rows.push([r.kpi.code, r.kpi.name, r.period.label, row.label, people(row.value, unit.value), figure(row.numerator), figure(row.denominator), figure(row.perHundredThousand), people(row.headline, unit.headline), comparedLabel(r), row.rank ?? '', row.rag ?? '', asAt]);
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
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Concord';
  const used = new Set<string>();
  for (const r of results) {
    let name = `${r.kpi.code} ${r.kpi.name}`.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
    while (used.has(name)) name = `${name.slice(0, 28)} ${used.size}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.addRow([`${title}: ${r.kpi.code} ${r.kpi.name} (v${r.kpi.version})`]);
    ws.addRow([`Period: ${r.period.label}`, `As at: ${asAt}`, `Compared: ${comparedLabel(r)}`]);
    ws.addRow([]);
    const unit = unitsOf(r);
    ws.addRow(['Authority', `Value (${kpiUnitLabel(unit.value)})`, 'Numerator', 'Denominator', 'Per 100,000', `Headline (${comparedLabel(r)})`, 'Rank', 'RAG', ...r.periods.map((p) => p.label)]).font = { bold: true };
    for (const row of r.rows) {
      ws.addRow([row.label, people(row.value, unit.value), show(row.numerator), show(row.denominator), show(row.perHundredThousand), people(row.headline, unit.headline), row.rank ?? '', row.rag ?? '', ...row.trend.map((t) => people(t.headline, unit.headline))]);
    }
    ws.addRow([]);
    if (r.stats) {
      ws.addRow([`Bar chart lines (${comparedLabel(r)})`, 'Lower quartile', 'Median', 'Upper quartile', 'n']).font = { bold: true };
      ws.addRow(['', people(r.stats.q1, unit.headline), people(r.stats.median, unit.headline), people(r.stats.q3, unit.headline), r.stats.n]);
      ws.addRow([]);
    }
    if (r.funnel) {
      ws.addRow(['Funnel plot', `Target (pooled): ${r.funnel.target.toFixed(3)}`]).font = { bold: true };
      ws.addRow(['Authority', 'Denominator', 'Value', 'Position (95%)', 'Outside 99.8%']);
      for (const p of r.funnel.points) ws.addRow([p.label, p.denominator, Number(p.value.toFixed(3)), p.position, p.outside998 ? 'yes' : 'no']);
      ws.addRow(['Limits at denominator', 'Lower 99.8%', 'Lower 95%', 'Upper 95%', 'Upper 99.8%']);
      for (const c of r.funnel.curve) ws.addRow([Math.round(c.denominator), c.lower998, c.lower95, c.upper95, c.upper998]);
      ws.addRow([]);
    }
    for (const s of r.spc) {
      ws.addRow([`SPC (XmR): ${s.label}`, `Mean ${formatKpiValue(s.mean, unit.headline)}`, `Upper limit ${formatKpiValue(s.upperProcessLimit, unit.headline)}`, `Lower limit ${formatKpiValue(s.lowerProcessLimit, unit.headline)}`, `Latest: ${s.latest}`]).font = { bold: true };
      for (const p of s.points) ws.addRow([p.label, people(p.value, unit.headline), p.flags.map((f) => `${f.rule} (${f.side})`).join(', ')]);
    }
    for (const note of r.notes) ws.addRow([note]);
    ws.getColumn(1).width = 34;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ── PDF ────────────────────────────────────────────────────────────────────────────────────────────────
const INK = '#0b0c0c';
const GREY = '#505a5f';
const BLUE = '#1d70b8';
const ORANGE = '#d4351c';
const GREEN = '#00703c';

function niceMax(x: number): number {
  if (x <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  return Math.ceil(x / p) * p;
}

type Doc = InstanceType<typeof PDFDocument>;

function barChart(doc: Doc, r: BenchmarkResult, x: number, y: number, w: number, h: number): void {
  const bars = r.rows.filter((row) => typeof row.headline === 'number') as (BenchmarkResult['rows'][number] & { headline: number })[];
  doc.fontSize(9).fillColor(INK).text(`Bar chart: ${comparedLabel(r)}, ${r.period.label}`, x, y);
  const top = y + 14;
  const labelW = 150;
  const max = niceMax(Math.max(...bars.map((b) => b.headline), r.stats?.q3 ?? 0));
  const bh = Math.min(16, (h - 30) / Math.max(1, r.rows.length));
  r.rows.forEach((row, i) => {
    const by = top + i * (bh + 3);
    doc.fontSize(8).fillColor(INK).text(row.label, x, by + 3, { width: labelW - 6, align: 'right', lineBreak: false, ellipsis: true });
    if (typeof row.headline === 'number') {
      doc.rect(x + labelW, by, ((w - labelW - 40) * row.headline) / max, bh).fill(row.isMe ? ORANGE : BLUE);
      doc.fontSize(7).fillColor(INK).text(words(row.headline, unitsOf(r).headline), x + labelW + ((w - labelW - 40) * row.headline) / max + 3, by + 4, { lineBreak: false });
    } else {
      doc.fontSize(7).fillColor(GREY).text(row.headline === 'suppressed' ? 'suppressed' : 'no return', x + labelW + 3, by + 4, { lineBreak: false });
    }
  });
  const bottom = top + r.rows.length * (bh + 3);
  if (r.stats) {
    for (const [v, label, dash] of [[r.stats.median, 'median', false], [r.stats.q1, 'Q1', true], [r.stats.q3, 'Q3', true]] as const) {
      const lx = x + labelW + ((w - labelW - 40) * v) / max;
      doc.save().moveTo(lx, top - 2).lineTo(lx, bottom).lineWidth(1).strokeColor(INK);
      if (dash) doc.dash(3, { space: 2 });
      doc.stroke().restore();
      doc.fontSize(7).fillColor(INK).text(label, lx - 10, bottom + 2, { width: 20, align: 'center', lineBreak: false });
    }
  }
}

function axes(doc: Doc, x: number, y: number, w: number, h: number, xLabel: string, yLabel: string, yMax: number, xMax: number, unit?: KpiUnit): void {
  doc.moveTo(x, y).lineTo(x, y + h).lineTo(x + w, y + h).lineWidth(0.8).strokeColor(INK).stroke();
  doc.fontSize(7).fillColor(GREY);
  const tick = (v: number) => (unit === 'pence' ? formatKpiAxis(v, unit) : String(Number(v.toPrecision(3))));
  doc.text(tick(yMax), x - 40, y - 3, { width: 37, align: 'right', lineBreak: false });
  doc.text(tick(0), x - 40, y + h - 4, { width: 37, align: 'right', lineBreak: false });
  doc.text(Math.round(xMax).toLocaleString('en-GB'), x + w - 60, y + h + 3, { width: 60, align: 'right', lineBreak: false });
  doc.text(xLabel, x, y + h + 12, { width: w, align: 'center', lineBreak: false });
  doc.text(yLabel, x, y - 12, { lineBreak: false });
}

function funnelChart(doc: Doc, r: BenchmarkResult, x: number, y: number, w: number, h: number): void {
  const f = r.funnel!;
  doc.fontSize(9).fillColor(INK).text(`Funnel plot: ${f.measure === 'proportion' ? '%' : comparedLabel(r)} against ${f.measure === 'proportion' ? 'denominator' : 'population'}`, x - 40, y - 28);
  const xMax = Math.max(...f.curve.map((c) => c.denominator));
  const yMax = niceMax(Math.max(...f.points.map((p) => p.value), ...f.curve.map((c) => c.upper95)) * 1.05);
  const px = (d: number) => x + (w * d) / xMax;
  const py = (v: number) => y + h - (h * Math.min(v, yMax)) / yMax;
  axes(doc, x, y, w, h, f.measure === 'proportion' ? 'Denominator' : 'Population', f.measure === 'proportion' ? '%' : 'per 100,000', yMax, xMax);
  const line = (key: 'lower95' | 'upper95' | 'lower998' | 'upper998', dash: boolean) => {
    doc.save();
    f.curve.forEach((c, i) => (i === 0 ? doc.moveTo(px(c.denominator), py(c[key])) : doc.lineTo(px(c.denominator), py(c[key]))));
    doc.lineWidth(0.8).strokeColor(GREY);
    if (dash) doc.dash(2, { space: 2 });
    doc.stroke().restore();
  };
  line('lower95', false);
  line('upper95', false);
  line('lower998', true);
  line('upper998', true);
  doc.save().moveTo(x, py(f.target)).lineTo(x + w, py(f.target)).lineWidth(1).strokeColor(GREEN).stroke().restore();
  for (const p of f.points) {
    doc.circle(px(p.denominator), py(p.value), 3).fill(p.isMe ? ORANGE : BLUE);
    doc.fontSize(7).fillColor(INK).text(p.label, px(p.denominator) + 4, py(p.value) - 3, { lineBreak: false });
  }
}

function spcChart(doc: Doc, s: BenchmarkResult['spc'][number], x: number, y: number, w: number, h: number, unitLabel: string, unit: KpiUnit): void {
  doc.fontSize(9).fillColor(INK).text(`SPC (XmR) for ${s.label}: latest point ${s.latest.replace(/_/g, ' ')}${s.fewPoints ? ' (fewer than 15 points: limits are indicative)' : ''}`, x - 40, y - 28);
  const values = s.points.map((p) => p.value);
  const yMax = niceMax(Math.max(...values, s.upperProcessLimit) * 1.05);
  const yMin = Math.min(0, s.lowerProcessLimit);
  const px = (i: number) => x + (w * i) / Math.max(1, s.points.length - 1);
  const py = (v: number) => y + h - (h * (v - yMin)) / (yMax - yMin);
  axes(doc, x, y, w, h, 'Period', unitLabel, yMax, 0, unit);
  for (const [v, colour, dash] of [[s.mean, GREEN, false], [s.upperProcessLimit, GREY, true], [s.lowerProcessLimit, GREY, true]] as const) {
    doc.save().moveTo(x, py(v)).lineTo(x + w, py(v)).lineWidth(0.8).strokeColor(colour);
    if (dash) doc.dash(3, { space: 2 });
    doc.stroke().restore();
  }
  doc.save();
  s.points.forEach((p, i) => (i === 0 ? doc.moveTo(px(i), py(p.value)) : doc.lineTo(px(i), py(p.value))));
  doc.lineWidth(1).strokeColor(BLUE).stroke().restore();
  s.points.forEach((p, i) => doc.circle(px(i), py(p.value), 2.5).fill(p.flags.length ? ORANGE : BLUE));
  doc.fontSize(6).fillColor(GREY);
  s.points.forEach((p, i) => {
    if (i % Math.ceil(s.points.length / 8) === 0) doc.text(p.label, px(i) - 20, y + h + 3, { width: 40, align: 'center', lineBreak: false });
  });
}

async function toPdf(results: BenchmarkResult[], title: string, asAt: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Creator: 'Concord' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(18).fillColor(INK).text(title);
  doc.fontSize(10).fillColor(GREY).text(`As at ${asAt.replace('T', ' ').slice(0, 16)} UTC. Figures of anonymised members are not named; counts of 1 to 4 people are suppressed.`);
  results.forEach((r, i) => {
    if (i > 0) doc.addPage();
    else doc.moveDown();
    doc.fontSize(14).fillColor(INK).text(`${r.kpi.code} ${r.kpi.name}`);
    doc.fontSize(9).fillColor(GREY).text(`${r.kpi.definition} Period: ${r.period.label}. Compared: ${comparedLabel(r)}. ${r.stats ? `Median ${words(r.stats.median, unitsOf(r).headline)}, quartiles ${words(r.stats.q1, unitsOf(r).headline)} to ${words(r.stats.q3, unitsOf(r).headline)} (n = ${r.stats.n}).` : ''}`);
    let y = doc.y + 8;
    barChart(doc, r, 50, y, 495, 130);
    y += 150;
    if (r.funnel) {
      funnelChart(doc, r, 90, y + 30, 440, 120);
      y += 180;
    }
    const mine = r.spc.find((s) => s.isMe) ?? r.spc[0];
    if (mine) {
      spcChart(doc, mine, 90, y + 30, 440, 100, comparedLabel(r), unitsOf(r).headline);
      y += 160;
    }
    // The table: the text alternative to the charts.
    doc.fontSize(9).fillColor(INK);
    const cols = [['Authority', 150], ['Value', 60], ['Per 100,000', 70], ['Rank', 40], ['RAG', 45], ['Trend (oldest → latest)', 130]] as const;
    let cx = 50;
    if (y > 700) {
      doc.addPage();
      y = 50;
    }
    for (const [name, width] of cols) {
      doc.font('Helvetica-Bold').text(name, cx, y, { width, lineBreak: false });
      cx += width;
    }
    doc.font('Helvetica');
    y += 14;
    for (const row of r.rows) {
      cx = 50;
      const unit = unitsOf(r);
      const cells = [row.label, words(row.value, unit.value), show(row.perHundredThousand), row.rank === null ? '' : String(row.rank), row.rag ?? '', row.trend.map((t) => words(t.headline, unit.headline) || '–').join(' ')];
      cells.forEach((c, j) => {
        doc.text(c, cx, y, { width: cols[j]![1] - 4, lineBreak: false, ellipsis: true });
        cx += cols[j]![1];
      });
      y += 13;
    }
    doc.fontSize(8).fillColor(GREY);
    for (const note of r.notes) doc.text(note, 50, (y += 12), { width: 495 });
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Every cell's text in every sheet of an XLSX (base64): for checks that an export names nobody it must not. */
export async function workbookText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
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
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Returns');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
