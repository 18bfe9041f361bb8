import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from '@concord/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';
import { describeBox, offPage, overlapping, pdfLayout, renderPdfPage, type PdfLayout } from '../support/pdf-layout.ts';

/**
 * Issue 13, "Exports that print": every PDF Concord makes, made from the demo data, is laid out on A4 with
 * no text box past the page's edge or over another text box, in an embedded font that has every glyph used
 * (→, £, – come back out of the PDF as themselves).
 *   - the network meeting packs: the seeded September 2023 Peninsula pack, and a pack of every KPI of each
 *     partnership (Cornwall Council, Torbay Council … by name; COST-01 in pounds);
 *   - a single benchmark (Benchmark export): COST-01 for Sefton;
 *   - every business case of the demo, as its authority's commissioner.
 */
let connection: Connection;
const callers: Record<string, ReturnType<typeof callerFor>> = {};
const as = (who: string) => callers[who]!;
const pdfs: { name: string; layout: PdfLayout }[] = [];
/** The packs' workbooks, with the full "CODE name" of each KPI in them. */
const workbooks: { names: string[]; base64: string }[] = [];
const files: Record<string, string> = {};
/** Set PDF_LAYOUT_OUT to a folder to keep the PDFs made here, to look at them. */
const OUT = process.env.PDF_LAYOUT_OUT;
async function made(name: string, base64: string): Promise<void> {
  files[name] = base64;
  if (OUT) writeFileSync(join(OUT, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}.pdf`), Buffer.from(base64, 'base64'));
  pdfs.push({ name, layout: await pdfLayout(base64) });
}

const A4 = { width: 595.28, height: 841.89 };

async function partnershipId(name: string): Promise<string> {
  return (await connection.db.selectFrom('partnership').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** The lead issues a pack of every KPI of its partnership for a meeting, and a member exports it. */
async function fullPack(lead: string, member: string, partnership: string, attending: string[]): Promise<string> {
  const id = await partnershipId(partnership);
  const library = await as(lead).kpi.list({ partnershipId: id });
  const codes = library.partnerships.find((p) => p.id === id)!.kpis.map((k) => k.code);
  expect(codes.length, partnership).toBeGreaterThan(0);
  const meeting = await as(lead).meeting.create({ idempotencyKey: randomUUID(), partnershipId: id, heldOn: '2026-12-10', title: `${partnership} network, December 2026`, attending });
  const pack = await as(lead).meeting.issuePack({ meetingId: meeting.id, kpiCodes: codes });
  workbooks.push({ names: library.partnerships.find((p) => p.id === id)!.kpis.map((k) => `${k.code} ${k.name}`), base64: (await as(member).meeting.exportPack({ packId: pack.id, format: 'xlsx' })).base64 });
  return (await as(member).meeting.exportPack({ packId: pack.id, format: 'pdf' })).base64;
}

beforeAll(async () => {
  connection = await openSeededDatabase();
  for (const who of ['devon', 'plymouth', 'sefton', 'liverpool', 'leicestershire', 'cornwall']) {
    callers[who] = callerFor(connection, (await signIn(connection, `commissioner.${who}@concord.example`)).session);
  }
  const peninsula = await partnershipId('South West Peninsula');
  const september = (await as('plymouth').meeting.list({ partnershipId: peninsula })).find((m) => m.heldOn === '2023-09-21')!;
  await made('seeded September 2023 pack (Plymouth)', (await as('plymouth').meeting.exportPack({ packId: september.pack!.id, format: 'pdf' })).base64);
  await made('Peninsula pack of every KPI (Cornwall)', await fullPack('devon', 'cornwall', 'South West Peninsula', [GSS.devon, GSS.plymouth]));
  await made('LCR pack of every KPI (Sefton)', await fullPack('liverpool', 'sefton', 'LCR Tripartite', []));
  const lcr = await partnershipId('LCR Tripartite');
  const cost = await as('sefton').benchmark.export({ partnershipId: lcr, kpiCode: 'COST-01', period: '2026-07-01', periodCount: 12, format: 'pdf' });
  await made('COST-01 benchmark (Sefton)', cost.base64);
  for (const who of ['plymouth', 'sefton']) {
    for (const c of await as(who).businessCase.list()) {
      const file = await as(who).businessCase.export({ businessCaseId: c.id, format: 'pdf' });
      await made(`business case "${c.title}"`, file.base64);
    }
  }
}, 120_000);
afterAll(() => connection?.close());

describe('every PDF Concord makes', () => {
  it('was made: the packs, a benchmark and the business cases', () => {
    expect(pdfs.map((p) => p.name)).toEqual(expect.arrayContaining([expect.stringContaining('pack'), expect.stringContaining('benchmark'), expect.stringContaining('business case')]));
    expect(pdfs.filter((p) => p.name.startsWith('business case')).length).toBeGreaterThanOrEqual(1);
  });

  it('is A4 portrait on every page', () => {
    for (const { name, layout } of pdfs) {
      for (const page of layout.pages) {
        expect(page.width, name).toBeCloseTo(A4.width, 0);
        expect(page.height, name).toBeCloseTo(A4.height, 0);
      }
    }
  });

  it('keeps every text box on the page, clear of its edges', () => {
    for (const { name, layout } of pdfs) {
      expect(layout.boxes.length, name).toBeGreaterThan(20);
      expect(offPage(layout).map(describeBox), name).toEqual([]);
    }
  });

  it('never prints text over other text', () => {
    for (const { name, layout } of pdfs) expect(overlapping(layout).map(([a, b]) => `${describeBox(a)} over ${describeBox(b)}`), name).toEqual([]);
  });

  it('embeds its font (a viewer never substitutes a wider one for an unembedded Helvetica and clips the text)', () => {
    for (const [name, base64] of Object.entries(files)) {
      const bytes = Buffer.from(base64, 'base64').toString('latin1');
      expect(bytes, name).toContain('/FontFile2');
      expect(bytes, name).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSansCondensed/);
      expect(bytes, name).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    }
  });

  it('uses only the embedded font, whose glyphs come back as themselves', () => {
    for (const { name, layout } of pdfs) {
      expect(layout.text, name).not.toMatch(/!'|->|\?\?/);
      expect(layout.text, name).not.toContain('\uFFFD');
    }
    const pack = pdfs.find((p) => p.name.startsWith('Peninsula pack'))!.layout.text;
    expect(pack).toContain('oldest → latest');
    expect(pack).toContain('–');
    expect(pdfs.find((p) => p.name.startsWith('COST-01'))!.layout.text).toMatch(/£\d/);
    expect(pdfs.find((p) => p.name.startsWith('business case'))!.layout.text).toContain('£');
  });

  it('breaks no word in a table heading of the business case', () => {
    const paper = pdfs.find((p) => p.name.includes('Shared Lives South West'))!.layout;
    for (const heading of ['Likelihood', 'Revised likelihood', 'Revised impact', 'Revised score']) expect(paper.text).toContain(heading);
  });

  it('says why a KPI that cannot be compared has no charts (PPL-01 needs 18+ populations)', () => {
    const lcr = pdfs.find((p) => p.name.startsWith('LCR pack'))!.layout.text;
    const ppl = lcr.slice(lcr.indexOf('PPL-01 '), lcr.indexOf('SL-01 '));
    expect(ppl).toContain('Adults supported in long-term care');
    // Where the demo holds the 18+ populations the KPI is charted; where not, the pack says why.
    if (ppl.includes('No 18+ population is held for')) expect(ppl).toMatch(/No charts for this KPI\. No 18\+ population is held for/);
    else expect(ppl).toContain('Bar chart:');
    expect(ppl).not.toMatch(/Bar chart:[^.]*no return no return/);
  });

  it('names every authority in full, however long', () => {
    const pack = pdfs.find((p) => p.name.startsWith('Peninsula pack'))!.layout.text;
    for (const name of ['Cornwall Council', 'Torbay Council', 'Plymouth City Council', 'Devon County Council']) expect(pack).toContain(name);
  });
});

describe('pictures of the printed pages', () => {
  it('renders page 1 of the Peninsula pack and of the business case to tests/e2e/screenshots', async () => {
    const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'screenshots');
    mkdirSync(folder, { recursive: true });
    const pack = Object.keys(files).find((n) => n.startsWith('Peninsula pack'))!;
    const paper = Object.keys(files).find((n) => n.startsWith('business case'))!;
    expect(await renderPdfPage(files[pack]!, 1, join(folder, 'pdf-meeting-pack-page-1.png'))).toBeGreaterThan(10_000);
    expect(await renderPdfPage(files[paper]!, 1, join(folder, 'pdf-business-case-page-1.png'))).toBeGreaterThan(10_000);
  });
});

describe('the pack workbooks (XLSX)', () => {
  it('name each sheet by its KPI within 31 characters, cut at a word boundary, never mid-word', async () => {
    expect(workbooks.length).toBe(2);
    for (const { names, base64 } of workbooks) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
      const sheets = wb.worksheets.map((w) => w.name);
      expect(sheets).toHaveLength(names.length);
      expect(new Set(sheets.map((n) => n.toLowerCase())).size).toBe(sheets.length);
      for (const sheet of sheets) {
        expect(sheet.length).toBeLessThanOrEqual(31);
        const full = names.find((n) => n.startsWith(sheet))!;
        expect(full, sheet).toBeDefined();
        // The sheet is the whole name, or stops where a word ends.
        expect([undefined, ' '], `${sheet} ← ${full}`).toContain(full[sheet.length]);
      }
      expect(sheets.some((n, i) => n !== names[i])).toBe(true);
    }
  });
});
