import { randomUUID } from 'node:crypto';
import { inTenant, type Connection } from '@concord/db';
import { quartiles } from '@concord/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConsent } from '../../packages/api/src/benchmark/consent.ts';
import { callerFor, GSS, signIn, type Caller } from '../support/api.ts';
import { startHttpApp, type HttpApp } from '../support/http.ts';

/**
 * Issue 12, item 9: anonymised means not identifiable. In the South West Peninsula Somerset (seed) and
 * Torbay (here, the smallest member: 139,300) choose to be anonymised. As another member, every number
 * Concord gives about them — benchmark.get, its funnel and SPC data, the CSV and XLSX exports, the meeting
 * pack, the read API, the lead's review list — is matched against every member's published population
 * (the authority_population table): none may point at one member rather than another.
 */
const SOMERSET = 'E06000066';
const TORBAY = 'E06000027';
const CORNWALL = 'E06000052';

let app: HttpApp;
let connection: Connection;
let peninsula: string;
let kpiCodes: string[];
/** Every member's published population, all ages: what anyone can look up. */
let populations: number[];
const as: Record<string, Caller> = {};

type Num = { where: string; value: number };

beforeAll(async () => {
  app = await startHttpApp({ plymouth: 'commissioner.plymouth@concord.example' });
  connection = app.connection;
  peninsula = await app.partnershipId('South West Peninsula');
  for (const who of ['plymouth', 'devon', 'somerset', 'torbay']) as[who] = callerFor(connection, (await signIn(connection, `commissioner.${who}@concord.example`)).session);
  await inTenant(connection.db, { authorityId: TORBAY }, (tx) => setConsent(tx, TORBAY, peninsula, 'anonymised'));
  kpiCodes = (await connection.db.selectFrom('kpi_definition').select('code').distinct().where('partnership_id', '=', peninsula).execute()).map((k) => k.code).sort();
  const members = (await connection.db.selectFrom('partnership_member').select('authority_id').where('partnership_id', '=', peninsula).execute()).map((m) => m.authority_id);
  populations = (await connection.db.selectFrom('authority_population').select('population').where('authority_id', 'in', members).execute()).map((p) => p.population);
  expect(populations).toContain(139_300);
});
afterAll(() => app.close());

/** P as someone might print it: exact, or to 2–5 significant figures (140,000 is Torbay's 139,300). */
const printedAs = (x: number, p: number) => [0, 1, 2, 3, 4].some((k) => x === p || x === Number(p.toPrecision(2 + k)));
const near = (x: number, p: number) => Math.abs(x - p) <= p * 0.005;
const decimals = (x: number) => (Number.isInteger(x) ? 0 : String(x).split('.')[1]?.length ?? 0);

/**
 * Does any figure, or anything worked from it, single out a member? For each number: is it a population
 * (as printed); for each rate per 100,000 r shown to d decimals: which populations P admit a whole count c
 * with c × 100,000 / P within half a unit of the last decimal — if not all of them, the rate rules some
 * out; for value ÷ rate pairs: is the implied population one of theirs.
 */
function identifying(nums: Num[], rates: Num[], pairs: { where: string; count: number; rate: number }[]): string[] {
  const found: string[] = [];
  for (const n of nums) for (const p of populations) if (printedAs(n.value, p)) found.push(`${n.where} = ${n.value} is the population ${p}`);
  for (const r of rates) {
    const half = 0.5 * 10 ** -decimals(r.value);
    const fits = populations.filter((p) => {
      const low = Math.max(0, ((r.value - half) * p) / 100_000);
      const high = ((r.value + half) * p) / 100_000;
      return Math.ceil(low - 1e-9) <= high + 1e-9;
    });
    if (fits.length < populations.length) found.push(`${r.where} = ${r.value} per 100,000 fits a whole count only for populations ${fits.join(', ')}`);
  }
  for (const q of pairs) for (const p of populations) if (q.rate > 0 && near((q.count / q.rate) * 100_000, p)) found.push(`${q.where}: ${q.count} ÷ ${q.rate} per 100,000 gives the population ${p}`);
  return found;
}

type Result = Awaited<ReturnType<Caller['benchmark']['get']>>;

/** Every number a result gives about its anonymised members, and what can be worked from them. */
function anonymisedFigures(b: Result, where: string): string[] {
  const anon = b.rows.filter((r) => !r.named);
  const labels = new Set(anon.map((r) => r.label));
  const perHead = !!b.kpi.populationAgeBand;
  const nums: Num[] = [];
  const rates: Num[] = [];
  const pairs: { where: string; count: number; rate: number }[] = [];
  const num = (w: string, v: unknown, isRate: boolean) => {
    if (typeof v !== 'number') return;
    nums.push({ where: w, value: v });
    if (isRate) rates.push({ where: w, value: v });
  };
  for (const r of anon) {
    const w = `${where} ${b.kpi.code} ${r.label}`;
    for (const key of ['value', 'numerator', 'denominator', 'population', 'perHundredThousand', 'headline'] as const) num(`${w}.${key}`, r[key], key === 'perHundredThousand' || (perHead && key === 'headline'));
    r.trend.forEach((t) => num(`${w}.trend ${t.label}`, t.headline, perHead));
    expect(r, w).toMatchObject({ authorityId: null, numerator: null, denominator: null, population: null });
    if (typeof r.value === 'number' && typeof r.perHundredThousand === 'number') pairs.push({ where: w, count: r.value, rate: r.perHundredThousand });
  }
  for (const s of b.spc.filter((x) => labels.has(x.label))) {
    s.points.forEach((p) => num(`${where} ${b.kpi.code} SPC ${s.label} ${p.label}`, p.value, perHead));
    // The chart's mean and limits come from the points as shown, so they carry no more than the points.
    const mean = s.points.reduce((t, p) => t + p.value, 0) / s.points.length;
    expect(s.mean, `${where} ${b.kpi.code} SPC ${s.label} mean`).toBeCloseTo(mean, 9);
  }
  if (b.funnel) {
    expect(b.funnel.points.filter((p) => labels.has(p.label)), `${where} ${b.kpi.code} funnel`).toEqual([]);
    // The pooled figure rests on the plotted points alone: nothing of an unplotted member is in it.
    const scale = b.funnel.measure === 'proportion' ? 100 : 100_000;
    const counts = b.funnel.points.map((p) => Math.round((p.value * p.denominator) / scale));
    const pooled = (counts.reduce((s, c) => s + c, 0) / b.funnel.points.reduce((s, p) => s + p.denominator, 0)) * scale;
    expect(b.funnel.target, `${where} ${b.kpi.code} funnel target`).toBeCloseTo(pooled, 6);
  }
  // Quartiles rest on the figures as shown.
  const shown = b.rows.map((r) => r.headline).filter((h): h is number => typeof h === 'number');
  if (b.stats) expect(b.stats, `${where} ${b.kpi.code} quartiles`).toEqual(quartiles(shown));
  // A per-head total minus the named counts would be the anonymised count.
  if (perHead && anon.length > 0) expect(b.total, `${where} ${b.kpi.code} total`).toBeNull();
  return identifying(nums, rates, pairs);
}

describe('as another member, nothing about an anonymised member points at a population', () => {
  it('benchmark.get: every KPI, eight periods of trend, funnel and SPC', async () => {
    const found: string[] = [];
    let checked = 0;
    for (const kpiCode of kpiCodes) {
      for (const viewer of ['plymouth', 'devon']) {
        const b = await as[viewer]!.benchmark.get({ partnershipId: peninsula, kpiCode, periodCount: 8 });
        expect(b.rows.filter((r) => !r.named).map((r) => r.label).sort(), kpiCode).toEqual(['Authority A', 'Authority B']);
        found.push(...anonymisedFigures(b, viewer));
        checked++;
      }
    }
    // Seed 000's August 2023, where Torbay's 28 people are 20.1005 per 100,000.
    const august = await as.plymouth!.benchmark.get({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01', periodCount: 12 });
    found.push(...anonymisedFigures(august, 'plymouth Aug 2023'));
    expect(august.rows.filter((r) => !r.named).map((r) => r.perHundredThousand).sort()).toEqual([11, 20]);
    expect(august.notes.join(' ')).toMatch(/left out of the funnel plot/);
    expect(checked).toBe(kpiCodes.length * 2);
    expect(found).toEqual([]);
  });

  it('the CSV and XLSX exports', async () => {
    const found: string[] = [];
    for (const kpiCode of ['SL-01', 'PLC-01', 'OOA-01', 'PPL-01']) {
      const input = { partnershipId: peninsula, kpiCode, period: kpiCode === 'SL-01' ? '2023-08-01' : undefined, periodCount: 8 };
      const b = await as.plymouth!.benchmark.get(input);
      const labels = new Set(b.rows.filter((r) => !r.named).map((r) => r.label));
      const perHead = !!b.kpi.populationAgeBand;
      const csv = parse(Buffer.from((await as.plymouth!.benchmark.export({ ...input, format: 'csv' })).base64, 'base64').toString('utf8'), { columns: true }) as Record<string, string>[];
      const anonCsv = csv.filter((r) => labels.has(r.authority!));
      expect(anonCsv, kpiCode).toHaveLength(2);
      for (const r of anonCsv) {
        expect([r.numerator, r.denominator], kpiCode).toEqual(['', '']);
        const nums = ['value', 'per_100k', 'headline'].filter((k) => r[k] !== '' && r[k] !== 'suppressed').map((k) => ({ where: `csv ${kpiCode} ${r.authority} ${k}`, value: Number(r[k]) }));
        found.push(...identifying(nums, perHead ? nums.filter((n) => !n.where.endsWith('value')) : [], []));
      }
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from((await as.plymouth!.benchmark.export({ ...input, format: 'xlsx' })).base64, 'base64') as unknown as ArrayBuffer);
      let anonRows = 0;
      wb.eachSheet((ws) =>
        ws.eachRow((row) => {
          const first = String(row.getCell(1).value ?? '');
          const label = [...labels].find((l) => first === l || first.endsWith(`: ${l}`));
          if (!label) return;
          anonRows++;
          const cells = (row.values as unknown[]).slice(2).map((v) => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null));
          const nums = cells.filter((v): v is number => v !== null).map((value, i) => ({ where: `xlsx ${kpiCode} ${first} cell ${i + 2}`, value }));
          found.push(...identifying(nums, perHead ? nums : [], []));
        }),
      );
      expect(anonRows, kpiCode).toBeGreaterThanOrEqual(2);
    }
    expect(found).toEqual([]);
  });

  it('the meeting pack (frozen September 2023, and a new one) and its exports', async () => {
    const found: string[] = [];
    const meetings = await as.plymouth!.meeting.list({ partnershipId: peninsula });
    const september = meetings.find((m) => m.heldOn === '2023-09-21')!;
    const created = await as.devon!.meeting.create({ idempotencyKey: randomUUID(), partnershipId: peninsula, heldOn: '2026-12-10', title: 'Peninsula network December 2026' });
    const issued = await as.devon!.meeting.issuePack({ meetingId: created.id, kpiCodes: ['SL-01', 'PLC-01', 'OOA-01'] });
    for (const packId of [september.pack!.id, issued.id]) {
      const pack = await as.plymouth!.meeting.pack({ packId });
      for (const r of pack.results) found.push(...anonymisedFigures(r as Result, `pack ${pack.title}`));
      const csv = parse(Buffer.from((await as.plymouth!.meeting.exportPack({ packId, format: 'csv' })).base64, 'base64').toString('utf8'), { columns: true }) as Record<string, string>[];
      const labels = new Set(pack.results.flatMap((r) => r.rows.filter((x) => !x.named).map((x) => x.label)));
      for (const r of csv.filter((x) => labels.has(x.authority!))) {
        expect([r.numerator, r.denominator]).toEqual(['', '']);
        const perHead = r.headline_unit!.startsWith('per 100,000');
        const nums = ['per_100k', 'headline'].filter((k) => r[k] !== '' && r[k] !== 'suppressed').map((k) => ({ where: `pack csv ${r.kpi_code} ${r.authority} ${k}`, value: Number(r[k]) }));
        found.push(...identifying(nums, perHead ? nums : [], []));
      }
    }
    expect(found).toEqual([]);
  });

  it('the read API /api/v1/benchmark', async () => {
    const found: string[] = [];
    for (const kpiCode of ['SL-01', 'PLC-01', 'CQC-01']) {
      const response = await fetch(`${app.base}/api/v1/benchmark?partnershipId=${peninsula}&kpiCode=${kpiCode}&periodCount=8`, { headers: { cookie: app.cookies.plymouth! } });
      expect(response.status).toBe(200);
      found.push(...anonymisedFigures((await response.json()) as Result, 'api/v1'));
    }
    expect(found).toEqual([]);
  });

  it('the lead’s review of members’ returns', async () => {
    const found: string[] = [];
    for (const kpiCode of ['SL-01', 'PLC-01', 'PPL-01']) {
      const q = await as.devon!.return.reviewQueue({ partnershipId: peninsula, kpiCode });
      const anon = q.members.filter((m) => m.authorityId === null);
      expect(anon.map((m) => m.name).sort(), kpiCode).toEqual(['Authority A', 'Authority B']);
      for (const m of anon) {
        expect(m, kpiCode).toMatchObject({ numerator: null, denominator: null });
        const nums = (['value', 'perHundredThousand'] as const).filter((k) => typeof m[k] === 'number').map((k) => ({ where: `review ${kpiCode} ${m.name} ${k}`, value: m[k] as number }));
        found.push(...identifying(nums, nums.filter((n) => n.where.endsWith('perHundredThousand')), []));
      }
    }
    expect(found).toEqual([]);
  });
});

describe('what anonymity leaves alone', () => {
  it('an anonymised member sees its own figures exact, and itself on the funnel', async () => {
    const b = await as.torbay!.benchmark.get({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01', periodCount: 1 });
    const own = b.rows.find((r) => r.isMe)!;
    expect(own).toMatchObject({ label: 'Torbay Council', authorityId: TORBAY, value: 28, numerator: 28, population: 139_300 });
    expect(own.perHundredThousand).toBeCloseTo((28 / 139_300) * 100_000, 12);
    expect(b.funnel!.points.find((p) => p.isMe)).toMatchObject({ denominator: 139_300 });
    // Somerset is anonymised to Torbay as to everyone else.
    expect(JSON.stringify(b)).not.toMatch(/Somerset|571600|571,600/);
  });

  it('named members’ figures are exactly as published', async () => {
    const b = await as.plymouth!.benchmark.get({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01', periodCount: 1 });
    for (const [id, count, population] of [[GSS.devon, 73, 811_600], [CORNWALL, 130, 570_300], [GSS.plymouth, 13, 264_700]] as const) {
      const row = b.rows.find((r) => r.authorityId === id)!;
      expect(row).toMatchObject({ named: true, value: count, numerator: count, population });
      expect(row.perHundredThousand).toBeCloseTo((count / population) * 100_000, 12);
      expect(b.funnel!.points.find((p) => p.label === row.label)).toMatchObject({ denominator: population });
    }
    // The funnel compares the three named members, pooled over them: (73 + 130 + 13) / (811,600 + 570,300 + 264,700).
    expect(b.funnel!.points).toHaveLength(3);
    expect(b.funnel!.target).toBeCloseTo((216 / 1_646_600) * 100_000, 9);
    expect(JSON.stringify(b)).not.toContain(SOMERSET);
  });
});
