import type PDFDocument from 'pdfkit';
import { comparedLabel, formatKpiAxis, formatKpiCell, formatKpiValue, longDate, type KpiUnit } from '@concord/domain';
import { loadPdfKit } from '../heavy.ts';
import { FONT, useConcordFonts } from '../pdf/fonts.ts';
import { labelPlacer, niceCeil, niceTicks, type Box } from '../pdf/layout.ts';
import type { BenchmarkResult, Cell } from './compute.ts';
import { ragWords, spcReadings } from './readings.ts';

/**
 * The benchmark and network meeting pack PDF (issue 13): A4 portrait, 50 pt margins, in the embedded font.
 * Per KPI: the bar chart (names wrapped beside their bars, the median and quartiles in a key, not on the
 * lines), the funnel plot (points labelled where no other label is), the reader's own SPC chart (scaled to
 * its data) and the table, whose cells wrap inside their columns. Every block checks that it fits before it
 * is drawn and starts a new page if not, so nothing runs past the page or over another block.
 */
type Doc = InstanceType<typeof PDFDocument>;
type Spc = BenchmarkResult['spc'][number];

const INK = '#0b0c0c';
const GREY = '#505a5f';
const BLUE = '#1d70b8';
const ORANGE = '#d4351c';
const GREEN = '#00703c';
const MARGIN = 50;

const words = (c: Cell, unit: KpiUnit): string => (c === null ? '' : formatKpiCell(c, unit));
const unitsOf = (r: BenchmarkResult) => ({ headline: r.headlineUnit as KpiUnit, value: r.kpi.unit as KpiUnit });
/** The smallest step between ticks whose labels differ at the axis's precision (money in whole pounds). */
const MIN_STEP: Record<KpiUnit, number> = { pence: 100, count: 1, percent: 1, hours: 0.1, rate_per_100k: 0.1 };

/** Where the next block goes; a block that does not fit below starts a new page. */
class Flow {
  y: number;
  constructor(private readonly doc: Doc) {
    this.y = doc.page.margins.top;
  }
  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }
  newPage(): void {
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
  }
  /** A wrapped paragraph across the page, moving down past it. */
  paragraph(text: string, size: number, colour = INK, font: string = FONT.regular, gap = 4): void {
    this.doc.font(font).fontSize(size);
    const h = this.doc.heightOfString(text, { width: this.width });
    this.ensure(h);
    this.doc.fillColor(colour).text(text, this.left, this.y, { width: this.width });
    this.y += h + gap;
  }
}

function height(doc: Doc, text: string, width: number, size: number, font: string = FONT.regular): number {
  return doc.font(font).fontSize(size).heightOfString(text || ' ', { width });
}

function dashedLine(doc: Doc, x1: number, y1: number, x2: number, y2: number, colour: string, dash: boolean, width = 0.8): void {
  doc.save().moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor(colour);
  if (dash) doc.dash(3, { space: 2 });
  doc.stroke().restore();
}

function barChart(doc: Doc, flow: Flow, r: BenchmarkResult): void {
  const unit = unitsOf(r).headline;
  const x = flow.left;
  const w = flow.width;
  const labelW = 140;
  const valueW = 64;
  const barW = w - labelW - valueW;
  const rows = r.rows.map((row) => ({ row, h: Math.max(14, height(doc, row.label, labelW - 8, 8) + 4) }));
  const title = `Bar chart: ${comparedLabel(r)}, ${r.period.label}`;
  const key = r.stats
    ? `Solid line: partnership median ${words(r.stats.median, unit)}. Dashed lines: lower quartile ${words(r.stats.q1, unit)}, upper quartile ${words(r.stats.q3, unit)}. Your authority's bar is orange.`
    : "Your authority's bar is orange.";
  const total = height(doc, title, w, 9, FONT.bold) + 4 + rows.reduce((s, b) => s + b.h, 0) + 12 + height(doc, key, w, 7) + 10;
  flow.ensure(total);
  doc.font(FONT.bold).fontSize(9).fillColor(INK).text(title, x, flow.y, { width: w });
  const top = flow.y + height(doc, title, w, 9, FONT.bold) + 4;
  const numbers = r.rows.map((row) => row.headline).filter((v): v is number => typeof v === 'number');
  const max = niceCeil(Math.max(...numbers, r.stats?.q3 ?? 0, 0));
  const scale = (v: number) => x + labelW + (barW * Math.max(0, v)) / max;
  // Bars, then the median and quartile lines, then the figures on a white ground so no line runs through them.
  const figures: { text: string; x: number; y: number; colour: string }[] = [];
  let by = top;
  for (const { row, h } of rows) {
    const lh = height(doc, row.label, labelW - 8, 8);
    doc.font(row.isMe ? FONT.bold : FONT.regular).fontSize(8).fillColor(INK).text(row.label, x, by + (h - lh) / 2, { width: labelW - 8, align: 'right' });
    if (typeof row.headline === 'number') {
      doc.rect(x + labelW, by + (h - 10) / 2, scale(row.headline) - x - labelW, 10).fill(row.isMe ? ORANGE : BLUE);
      figures.push({ text: words(row.headline, unit), x: scale(row.headline) + 3, y: by + (h - 7) / 2, colour: INK });
    } else {
      const missing = row.headline === 'suppressed' ? 'suppressed' : typeof row.value === 'number' ? 'not comparable' : 'no return';
      figures.push({ text: missing, x: x + labelW + 3, y: by + (h - 7) / 2, colour: GREY });
    }
    by += h;
  }
  dashedLine(doc, x + labelW, top, x + labelW, by, INK, false, 0.6);
  if (r.stats) {
    for (const [v, dash] of [[r.stats.median, false], [r.stats.q1, true], [r.stats.q3, true]] as const) dashedLine(doc, scale(v), top - 2, scale(v), by, INK, dash, dash ? 0.8 : 1.2);
  }
  doc.font(FONT.regular).fontSize(7);
  for (const f of figures) {
    doc.rect(f.x - 1, f.y - 1, doc.widthOfString(f.text) + 2, 9).fill('#ffffff');
    doc.fillColor(f.colour).text(f.text, f.x, f.y, { lineBreak: false });
  }
  doc.font(FONT.regular).fontSize(7).fillColor(GREY);
  doc.text(formatKpiAxis(0, unit), x + labelW - 20, by + 2, { width: 40, align: 'center', lineBreak: false });
  doc.text(formatKpiAxis(max, unit), x + labelW + barW - 30, by + 2, { width: 60, align: 'center', lineBreak: false });
  doc.text(key, x, by + 12, { width: w });
  flow.y = by + 12 + height(doc, key, w, 7) + 10;
}

/** Tick labels down the left of a chart's plot area; returns the boxes they take. */
function yAxis(doc: Doc, x: number, ticks: number[], py: (v: number) => number, unit: KpiUnit): Box[] {
  doc.font(FONT.regular).fontSize(7).fillColor(GREY);
  const boxes: Box[] = [];
  for (const t of ticks) {
    // A tick too close to the last one labelled is drawn without a label.
    dashedLine(doc, x - 3, py(t), x, py(t), INK, false, 0.6);
    if (boxes.some((b) => Math.abs(b.y + 4 - py(t)) < 9)) continue;
    doc.font(FONT.regular).fontSize(7).fillColor(GREY).text(formatKpiAxis(t, unit), x - 44, py(t) - 3.5, { width: 40, align: 'right', lineBreak: false });
    boxes.push({ x: x - 44, y: py(t) - 4, w: 40, h: 9 });
  }
  return boxes;
}

function funnelChart(doc: Doc, flow: Flow, r: BenchmarkResult): void {
  const f = r.funnel!;
  const perHead = f.measure !== 'proportion';
  const title = `Funnel plot: ${perHead ? comparedLabel(r) : 'percentage'} (up) against ${perHead ? 'population' : 'denominator'} (across), ${r.period.label}. Solid grey lines: 95% limits; dashed: 99.8% limits; green: the pooled figure ${formatKpiValue(f.target, perHead ? 'rate_per_100k' : 'percent')}.`;
  const th = height(doc, title, flow.width, 8);
  const h = 150;
  flow.ensure(th + 6 + h + 26);
  doc.font(FONT.regular).fontSize(8).fillColor(INK).text(title, flow.left, flow.y, { width: flow.width });
  const x = flow.left + 48;
  const y = flow.y + th + 10;
  const w = flow.width - 48 - 70;
  const xMax = niceCeil(Math.max(...f.curve.map((c) => c.denominator), ...f.points.map((p) => p.denominator)));
  // Scaled to the points and the 95% limits where the points are (the limits flare without bound near zero).
  const values = f.points.map((p) => p.value);
  const top = Math.max(...values, ...f.curve.map((c) => Math.min(c.upper95, f.target * 2))) * 1.02;
  const bottom = Math.max(0, Math.min(...values, ...f.curve.map((c) => Math.max(c.lower95, f.target / 2))) * 0.98);
  const ticks = niceTicks(bottom, perHead ? top : Math.min(100, top), 4, perHead ? MIN_STEP.rate_per_100k : MIN_STEP.percent);
  const [yMin, yMax] = [ticks[0]!, ticks.at(-1)!];
  const px = (d: number) => x + (w * d) / xMax;
  const py = (v: number) => y + h - (h * (Math.max(yMin, Math.min(v, yMax)) - yMin)) / (yMax - yMin || 1);
  const tickUnit: KpiUnit = perHead ? 'rate_per_100k' : 'percent';
  doc.moveTo(x, y).lineTo(x, y + h).lineTo(x + w, y + h).lineWidth(0.8).strokeColor(INK).stroke();
  const placed = yAxis(doc, x, ticks, py, tickUnit);
  doc.font(FONT.regular).fontSize(7).fillColor(GREY);
  for (const d of [0, xMax / 2, xMax]) {
    doc.text(Math.round(d).toLocaleString('en-GB'), px(d) - 30, y + h + 3, { width: 60, align: 'center', lineBreak: false });
    placed.push({ x: px(d) - 30, y: y + h + 2, w: 60, h: 9 });
  }
  const line = (key: 'lower95' | 'upper95' | 'lower998' | 'upper998', dash: boolean) => {
    doc.save().rect(x, y, w, h).clip();
    f.curve.forEach((c, i) => (i === 0 ? doc.moveTo(px(c.denominator), py(c[key])) : doc.lineTo(px(c.denominator), py(c[key]))));
    doc.lineWidth(0.8).strokeColor(GREY);
    if (dash) doc.dash(2, { space: 2 });
    doc.stroke().restore();
  };
  line('lower95', false);
  line('upper95', false);
  line('lower998', true);
  line('upper998', true);
  dashedLine(doc, x, py(f.target), x + w, py(f.target), GREEN, false, 1);
  const place = labelPlacer(placed, { x: flow.left, y: y - 6, w: flow.width, h: h + 8 });
  for (const p of f.points) doc.circle(px(p.denominator), py(p.value), 3).fill(p.isMe ? ORANGE : BLUE);
  doc.font(FONT.regular).fontSize(7).fillColor(INK);
  for (const p of f.points) {
    const lw = doc.font(p.isMe ? FONT.bold : FONT.regular).fontSize(7).widthOfString(p.label);
    const at = place(px(p.denominator), py(p.value), lw, 8);
    if (!at) continue;
    doc.save().rect(at.x - 1, at.y - 1, lw + 2, 9).fillOpacity(0.85).fill('#ffffff').restore();
    doc.font(p.isMe ? FONT.bold : FONT.regular).fillColor(INK).text(p.label, at.x, at.y, { lineBreak: false });
  }
  flow.y = y + h + 18;
}

function spcChart(doc: Doc, flow: Flow, r: BenchmarkResult, s: Spc, unit: KpiUnit): void {
  // The readings in NHS "Making Data Count" words, from the domain, as the benchmark page says them.
  const { variation, assurance } = spcReadings(r, s);
  const title = `SPC (XmR) chart of ${s.label}, ${comparedLabel(r)}: ${variation.label} at the latest point${assurance ? `; ${assurance.label.toLowerCase()}` : ''}${s.fewPoints ? '; fewer than 15 points, so the limits are indicative' : ''}.`;
  const key = `Green line: mean ${formatKpiValue(s.mean, unit)}. Dashed lines: process limits ${formatKpiValue(s.lowerProcessLimit, unit)} and ${formatKpiValue(s.upperProcessLimit, unit)}. Orange points: special cause.`;
  const th = height(doc, title, flow.width, 8);
  const kh = height(doc, key, flow.width, 7);
  const h = 110;
  flow.ensure(th + 10 + h + 18 + kh + 10);
  doc.font(FONT.regular).fontSize(8).fillColor(INK).text(title, flow.left, flow.y, { width: flow.width });
  const x = flow.left + 48;
  const y = flow.y + th + 10;
  const w = flow.width - 48 - 24;
  const values = s.points.map((p) => p.value);
  const low = Math.min(...values) >= 0 ? Math.max(0, Math.min(...values, s.lowerProcessLimit)) : Math.min(...values, s.lowerProcessLimit);
  const ticks = niceTicks(low, Math.max(...values, s.upperProcessLimit), 4, MIN_STEP[unit]);
  const [yMin, yMax] = [ticks[0]!, ticks.at(-1)!];
  const px = (i: number) => x + (w * i) / Math.max(1, s.points.length - 1);
  const py = (v: number) => y + h - (h * (v - yMin)) / (yMax - yMin || 1);
  doc.moveTo(x, y).lineTo(x, y + h).lineTo(x + w, y + h).lineWidth(0.8).strokeColor(INK).stroke();
  yAxis(doc, x, ticks, py, unit);
  for (const [v, colour, dash] of [[s.mean, GREEN, false], [s.upperProcessLimit, GREY, true], [s.lowerProcessLimit, GREY, true]] as const) {
    if (v >= yMin && v <= yMax) dashedLine(doc, x, py(v), x + w, py(v), colour, dash);
  }
  doc.save();
  s.points.forEach((p, i) => (i === 0 ? doc.moveTo(px(i), py(p.value)) : doc.lineTo(px(i), py(p.value))));
  doc.lineWidth(1).strokeColor(BLUE).stroke().restore();
  s.points.forEach((p, i) => doc.circle(px(i), py(p.value), 2.5).fill(p.flags.length ? ORANGE : BLUE));
  doc.font(FONT.regular).fontSize(6).fillColor(GREY);
  const every = Math.max(1, Math.ceil(s.points.length / Math.max(1, Math.floor(w / 50))));
  s.points.forEach((p, i) => {
    if (i % every === 0) doc.text(p.label, px(i) - 24, y + h + 5, { width: 48, align: 'center', lineBreak: false });
  });
  doc.font(FONT.regular).fontSize(7).fillColor(GREY).text(key, flow.left, y + h + 16, { width: flow.width });
  flow.y = y + h + 16 + kh + 10;
}

const COLUMNS = [
  ['Authority', 132],
  ['Value', 62],
  ['Per 100,000', 56],
  ['Rank', 32],
  ['RAG', 40],
  ['Trend (oldest → latest)', 0],
] as const;

/** The table: the text alternative to the charts. Each cell wraps inside its column; the header repeats on a new page. */
function table(doc: Doc, flow: Flow, r: BenchmarkResult): void {
  const unit = unitsOf(r);
  const widths = COLUMNS.map(([, w]) => w || flow.width - COLUMNS.reduce((s, [, c]) => s + c, 0));
  const row = (cells: string[], font: string, size: number) => {
    const h = Math.max(...cells.map((c, j) => height(doc, c, widths[j]! - 6, size, font))) + 5;
    return { cells, font, size, h };
  };
  const header = row(COLUMNS.map(([name]) => name), FONT.bold, 8);
  const body = r.rows.map((b) =>
    row(
      [b.label, words(b.value, unit.value), words(b.perHundredThousand, 'rate_per_100k'), b.rank === null ? '' : String(b.rank), ragWords(b.rag), b.trend.map((t) => words(t.headline, unit.headline) || '–').join('  ')],
      b.isMe ? FONT.bold : FONT.regular,
      8,
    ),
  );
  const draw = (line: ReturnType<typeof row>) => {
    let cx = flow.left;
    doc.font(line.font).fontSize(line.size).fillColor(INK);
    line.cells.forEach((c, j) => {
      doc.text(c, cx, flow.y + 2.5, { width: widths[j]! - 6 });
      cx += widths[j]!;
    });
    flow.y += line.h;
    doc.save().moveTo(flow.left, flow.y).lineTo(flow.left + flow.width, flow.y).lineWidth(0.4).strokeColor('#b1b4b6').stroke().restore();
  };
  flow.ensure(header.h + (body[0]?.h ?? 0));
  draw(header);
  for (const b of body) {
    if (flow.y + b.h > flow.bottom) {
      flow.newPage();
      draw(header);
    }
    draw(b);
  }
  flow.y += 8;
}

export async function benchmarkPdf(results: BenchmarkResult[], title: string, asAt: string): Promise<Buffer> {
  const doc = new (await loadPdfKit())({ size: 'A4', margin: MARGIN, info: { Title: title, Creator: 'Concord' }, lang: 'en-GB' });
  useConcordFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const flow = new Flow(doc);
  flow.paragraph(title, 18, INK, FONT.bold, 6);
  flow.paragraph(`As at ${longDate(asAt.slice(0, 10))}, ${asAt.slice(11, 16)} UTC. Figures of anonymised members are not named; counts of 1 to 4 people are suppressed.`, 10, GREY, FONT.regular, 12);
  results.forEach((r, i) => {
    if (i > 0) flow.newPage();
    const unit = unitsOf(r).headline;
    flow.paragraph(`${r.kpi.code} ${r.kpi.name}`, 14, INK, FONT.bold, 4);
    flow.paragraph(
      `${r.kpi.definition} Period: ${r.period.label}. Compared: ${comparedLabel(r)}.${r.stats ? ` Median ${words(r.stats.median, unit)}, quartiles ${words(r.stats.q1, unit)} to ${words(r.stats.q3, unit)} (n = ${r.stats.n}).` : ''}`,
      9,
      GREY,
      FONT.regular,
      10,
    );
    let said: string | undefined;
    if (r.rows.some((row) => typeof row.headline === 'number')) {
      barChart(doc, flow, r);
      if (r.funnel && r.funnel.points.length > 0) funnelChart(doc, flow, r);
      const mine = r.spc.find((s) => s.isMe) ?? r.spc[0];
      if (mine && mine.points.length > 1) spcChart(doc, flow, r, mine, unit);
    } else {
      // Nothing to compare: say why rather than draw an empty chart.
      const why = r.notes.find((n) => /population/i.test(n)) ?? `No member has a figure to compare for ${r.period.label}.`;
      flow.paragraph(`No charts for this KPI. ${why}`, 9, INK, FONT.bold, 10);
      said = why;
    }
    table(doc, flow, r);
    for (const note of r.notes) if (note !== said) flow.paragraph(note, 8, GREY);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
