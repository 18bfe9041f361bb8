import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { spcAssuranceReading, spcVariationReading } from '@concord/domain';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';
import { pdfText, xlsxText } from '../support/benchmark.ts';
import { docxText } from '../support/business-case.ts';

/**
 * Issue 13, "no jargon" in the exports: what people read in a benchmark's XLSX, the network meeting pack
 * PDF and a business case's PDF and DOCX is in words — no snake_case code ("common_cause",
 * "outside_limits (high)", "special_cause_neither") — and an SPC chart is read in the domain's NHS
 * "Making Data Count" words, the same reading the benchmark page gives.
 */
const CODE = /\b[a-z]+_[a-z_]+\b/g;
const VARIATIONS = ['Common cause variation', 'Special cause — improvement', 'Special cause — concern', 'Special cause — unusually high', 'Special cause — unusually low'];
const ASSURANCES = ['Consistently passes the target', 'Consistently fails the target', 'Inconsistent — passes and fails the target'];

const PERIODS: Record<string, string> = { 'SL-01': '2023-08-01', 'PLC-01': '2023-04-01' };

let connection: Connection;
let peninsula: string;
const callers: Record<string, ReturnType<typeof callerFor>> = {};
const as = (who: string) => callers[who]!;
/** Each export's text, by name. */
const texts: Record<string, string> = {};

beforeAll(async () => {
  connection = await openSeededDatabase();
  for (const who of ['devon', 'plymouth']) callers[who] = callerFor(connection, (await signIn(connection, `commissioner.${who}@concord.example`)).session);
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;

  // The seeded September 2023 pack, as Plymouth exports it.
  const september = (await as('plymouth').meeting.list({ partnershipId: peninsula })).find((m) => m.heldOn === '2023-09-21')!;
  texts['seeded pack XLSX'] = await xlsxText((await as('plymouth').meeting.exportPack({ packId: september.pack!.id, format: 'xlsx' })).base64);
  texts['seeded pack PDF'] = await pdfText((await as('plymouth').meeting.exportPack({ packId: september.pack!.id, format: 'pdf' })).base64);

  // A pack of every Peninsula KPI (every direction, targets or none), issued by Devon and exported by Plymouth.
  const library = await as('devon').kpi.list({ partnershipId: peninsula });
  const codes = library.partnerships.find((p) => p.id === peninsula)!.kpis.map((k) => k.code);
  const meeting = await as('devon').meeting.create({ idempotencyKey: randomUUID(), partnershipId: peninsula, heldOn: '2026-12-10', title: 'Peninsula network, December 2026', attending: [GSS.devon, GSS.plymouth] });
  const pack = await as('devon').meeting.issuePack({ meetingId: meeting.id, kpiCodes: codes });
  texts['full pack XLSX'] = await xlsxText((await as('plymouth').meeting.exportPack({ packId: pack.id, format: 'xlsx' })).base64);
  texts['full pack PDF'] = await pdfText((await as('plymouth').meeting.exportPack({ packId: pack.id, format: 'pdf' })).base64);

  // Single benchmark exports: SL-01 (no target) and PLC-01 (a target of 85%, higher is better).
  for (const [kpiCode, period] of Object.entries(PERIODS)) {
    for (const format of ['xlsx', 'pdf'] as const) {
      const file = await as('plymouth').benchmark.export({ partnershipId: peninsula, kpiCode, period, periodCount: 8, format });
      texts[`${kpiCode} benchmark ${format.toUpperCase()}`] = format === 'xlsx' ? await xlsxText(file.base64) : await pdfText(file.base64);
    }
  }

  // Plymouth's business cases, as PDF and as Word.
  for (const c of await as('plymouth').businessCase.list()) {
    texts[`business case "${c.title}" PDF`] = await pdfText((await as('plymouth').businessCase.export({ businessCaseId: c.id, format: 'pdf' })).base64);
    texts[`business case "${c.title}" DOCX`] = await docxText((await as('plymouth').businessCase.export({ businessCaseId: c.id, format: 'docx' })).base64);
  }
}, 180_000);
afterAll(() => connection?.close());

describe('exports people read', () => {
  it('were all made, with text in them', () => {
    expect(Object.keys(texts)).toEqual(expect.arrayContaining(['seeded pack XLSX', 'seeded pack PDF', 'full pack XLSX', 'full pack PDF', 'SL-01 benchmark XLSX', 'SL-01 benchmark PDF']));
    expect(Object.keys(texts).some((k) => k.startsWith('business case') && k.endsWith('PDF'))).toBe(true);
    expect(Object.keys(texts).some((k) => k.startsWith('business case') && k.endsWith('DOCX'))).toBe(true);
    for (const [name, text] of Object.entries(texts)) expect(text.length, name).toBeGreaterThan(200);
  });

  it('print no snake_case code anywhere', () => {
    for (const [name, text] of Object.entries(texts)) expect([...new Set(text.match(CODE) ?? [])], name).toEqual([]);
  });

  it('never read an SPC chart as "special cause neither"', () => {
    for (const [name, text] of Object.entries(texts)) expect(text, name).not.toMatch(/special.cause.neither|neither_(high|low)|hit_or_miss/i);
  });

  it('read each SPC chart in the XLSX in Making Data Count words', () => {
    for (const name of ['seeded pack XLSX', 'full pack XLSX', 'SL-01 benchmark XLSX', 'PLC-01 benchmark XLSX']) {
      const latest = [...texts[name]!.matchAll(/^Latest: (.*)$/gm)].map((m) => m[1]!);
      expect(latest.length, name).toBeGreaterThan(0);
      for (const l of latest) expect(VARIATIONS, `${name}: "${l}"`).toContain(l);
      for (const m of texts[name]!.matchAll(/^Target: (.*)$/gm)) expect(ASSURANCES, name).toContain(m[1]);
      // Special causes in words, "None" where a point has none: never "outside_limits (high)".
      expect(texts[name], name).toMatch(/^None$/m);
      expect(texts[name], name).not.toMatch(/\((high|low)\)/);
    }
    // A KPI with a target and a better direction has its assurance read too.
    expect(texts['PLC-01 benchmark XLSX']).toMatch(/^Target: /m);
  });

  it('read the SPC chart in the PDF in Making Data Count words', () => {
    for (const name of ['seeded pack PDF', 'full pack PDF', 'SL-01 benchmark PDF', 'PLC-01 benchmark PDF']) {
      const text = texts[name]!.replace(/\s+/g, ' ');
      const readings = [...text.matchAll(/SPC \(XmR\) chart of [^:]+: (.+?) at the latest point/g)].map((m) => m[1]!);
      expect(readings.length, name).toBeGreaterThan(0);
      for (const r of readings) expect(VARIATIONS, `${name}: "${r}"`).toContain(r);
    }
  });

  it.each(Object.entries(PERIODS))('give the reading the benchmark page gives (the domain\'s), series by series: %s', async (kpiCode, period) => {
    const b = await as('plymouth').benchmark.get({ partnershipId: peninsula, kpiCode, period, periodCount: 8 });
    expect(b.spc.length).toBeGreaterThan(0);
    const xlsx = texts[`${kpiCode} benchmark XLSX`]!;
    for (const s of b.spc) {
      const variation = spcVariationReading(s.points.at(-1)!, s.mean, b.kpi.direction).label;
      expect(xlsx, s.label).toContain(`SPC (XmR): ${s.label}`);
      const block = xlsx.slice(xlsx.indexOf(`SPC (XmR): ${s.label}\n`));
      expect(block.match(/^Latest: (.*)$/m)?.[1], s.label).toBe(variation);
      const assurance = spcAssuranceReading(s, b.kpi.target, b.kpi.direction);
      if (assurance) expect(block.match(/^Target: (.*)$/m)?.[1], s.label).toBe(assurance.label);
    }
    const mine = b.spc.find((s) => s.isMe)!;
    expect(texts[`${kpiCode} benchmark PDF`]!.replace(/\s+/g, ' ')).toContain(`${spcVariationReading(mine.points.at(-1)!, mine.mean, b.kpi.direction).label} at the latest point`);
  });

  it('name RAG ratings in words in the benchmark CSV', async () => {
    const file = await as('plymouth').benchmark.export({ partnershipId: peninsula, kpiCode: 'PLC-01', period: PERIODS['PLC-01'], periodCount: 8, format: 'csv' });
    const rows = parse(Buffer.from(file.base64, 'base64').toString('utf8'), { columns: true }) as Record<string, string>[];
    const rags = rows.map((r) => r.rag).filter((r) => r);
    expect(rags.length).toBeGreaterThan(0);
    for (const r of rags) expect(['Green', 'Amber', 'Red']).toContain(r);
  });
});
