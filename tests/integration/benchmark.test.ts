import { randomUUID } from 'node:crypto';
import type { SessionIdentity } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import { pdfText, xlsxText } from '../support/benchmark.ts';
import { returnVersion } from '../support/versions.ts';

const SOMERSET = 'E06000066';
const TORBAY = 'E06000027';
const CORNWALL = 'E06000052';
const POPULATION: Record<string, number> = { [GSS.devon]: 811_600, [TORBAY]: 139_300, [CORNWALL]: 570_300, [SOMERSET]: 571_600, [GSS.plymouth]: 264_700 };
const AUGUST_2023: Record<string, number> = { [GSS.devon]: 73, [TORBAY]: 28, [CORNWALL]: 130, [SOMERSET]: 62, [GSS.plymouth]: 13 };

let connection: Connection;
let peninsula: string;
const sessions: Record<string, SessionIdentity> = {};
const as = (who: string) => callerFor(connection, sessions[who]!);

beforeAll(async () => {
  connection = await openSeededDatabase();
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
  for (const who of ['plymouth', 'somerset', 'devon', 'kent']) sessions[who] = (await signIn(connection, `commissioner.${who}@concord.example`)).session;
});
afterAll(() => connection.close());

const sharedLives = (who: string, extra: { period?: string; periodCount?: number } = {}) =>
  as(who).benchmark.get({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01', periodCount: 12, ...extra });

describe('Shared Lives benchmark, August 2023 (seed 000)', () => {
  it('per 100,000 residents from the demo populations; Plymouth lowest', async () => {
    const b = await sharedLives('plymouth');
    expect(b.period.label).toBe('Aug 2023');
    expect(b.headlineLabel).toBe('per 100,000 residents');
    const plymouth = b.rows.find((r) => r.authorityId === GSS.plymouth)!;
    expect(plymouth.value).toBe(13);
    expect(plymouth.perHundredThousand).toBeCloseTo((13 / 264_700) * 100_000, 9);
    expect(plymouth.perHundredThousand).toBeCloseTo(4.911, 3);
    const devon = b.rows.find((r) => r.authorityId === GSS.devon)!;
    expect(devon.perHundredThousand).toBeCloseTo((73 / 811_600) * 100_000, 9);
    // Sorted best first (higher is better): Plymouth last, with the lowest rate.
    expect(b.rows.at(-1)!.authorityId).toBe(GSS.plymouth);
    expect(plymouth.rank).toBe(5);
    expect(b.rows.find((r) => r.authorityId === CORNWALL)!.rank).toBe(1);
    expect(b.rows.find((r) => r.authorityId === TORBAY)!.rank).toBe(2);
  });

  it('median and quartiles of the rates (QUARTILE.INC)', async () => {
    const b = await sharedLives('somerset');
    const rates = Object.entries(AUGUST_2023)
      .map(([id, n]) => (n / POPULATION[id]!) * 100_000)
      .sort((a, c) => a - c);
    expect(b.stats!.n).toBe(5);
    expect(b.stats!.median).toBeCloseTo(rates[2]!, 9);
    expect(b.stats!.q1).toBeCloseTo(rates[1]!, 9);
    expect(b.stats!.q3).toBeCloseTo(rates[3]!, 9);
  });

  it('funnel plot around the pooled rate, and an XmR chart per member', async () => {
    const b = await sharedLives('devon');
    // Somerset (anonymised to Devon) is left out of the funnel and its pooled figure (issue 12): 306 − 62 people, 2,357,500 − 571,600 residents.
    const pooled = (244 / 1_785_900) * 100_000;
    expect(b.funnel!.measure).toBe('rate_per_100k');
    expect(b.funnel!.target).toBeCloseTo(pooled, 9);
    expect(b.funnel!.points).toHaveLength(4);
    expect(b.funnel!.points.map((p) => p.label)).not.toContain('Authority A');
    // To Somerset itself every member is named: all five, around the partnership's pooled rate.
    const asSomerset = await sharedLives('somerset');
    expect(asSomerset.funnel!.points).toHaveLength(5);
    expect(asSomerset.funnel!.target).toBeCloseTo((306 / 2_357_500) * 100_000, 9);
    const plymouth = b.funnel!.points.find((p) => p.label === 'Plymouth City Council')!;
    expect(plymouth.position).toBe('below');
    // 95% limits at Plymouth's population: pooled ± 1.959964 × √(λ / n) × 100,000.
    const se = Math.sqrt(pooled / 100_000 / 264_700) * 100_000;
    const curveNearPlymouth = b.funnel!.curve.find((c) => c.denominator > 0)!;
    expect(curveNearPlymouth.upper95).toBeGreaterThan(pooled);
    expect(plymouth.value).toBeLessThan(pooled - 1.959964 * se);

    expect(b.spc).toHaveLength(5);
    const own = b.spc[0]!;
    expect(own.isMe).toBe(true);
    expect(own.points).toHaveLength(12);
    const values = own.points.map((p) => p.value);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const mrBar = values.slice(1).reduce((s, v, i) => s + Math.abs(v - values[i]!), 0) / (values.length - 1);
    expect(own.mean).toBeCloseTo(mean, 9);
    expect(own.upperProcessLimit).toBeCloseTo(mean + 2.66 * mrBar, 9);
    expect(own.lowerProcessLimit).toBeCloseTo(mean - 2.66 * mrBar, 9);
    expect(own.fewPoints).toBe(true);
  });

  it('outsiders cannot benchmark the Peninsula', async () => {
    expect(await outcome(sharedLives('kent'))).toBe('NOT_FOUND');
  });
});

describe('consent: Somerset is anonymised to the other members', () => {
  it('never named to others in the API: no name, no GSS code, no count or population', async () => {
    const b = await sharedLives('plymouth');
    const json = JSON.stringify(b);
    expect(json).not.toMatch(/Somerset/i);
    expect(json).not.toContain(SOMERSET);
    const anonymous = b.rows.filter((r) => !r.named);
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]!.label).toMatch(/^Authority [A-Z]$/);
    expect(anonymous[0]!.value).toBeNull();
    expect(anonymous[0]!.population).toBeNull();
    // 62 / 571,600 × 100,000 = 10.85, rounded to a whole rate: no population solves it to a whole count alone (issue 12).
    expect(anonymous[0]!.perHundredThousand).toBe(11);
    expect(b.total).toBeNull();
  });

  it('named to itself', async () => {
    const b = await sharedLives('somerset');
    const own = b.rows.find((r) => r.isMe)!;
    expect(own.label).toBe('Somerset Council');
    expect(own.value).toBe(62);
  });

  it('never named in the CSV, XLSX or PDF exports', async () => {
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const file = await as('plymouth').benchmark.export({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01', format });
      const text = format === 'csv' ? Buffer.from(file.base64, 'base64').toString('utf8') : format === 'xlsx' ? await xlsxText(file.base64) : await pdfText(file.base64);
      expect(text, format).toContain('Plymouth City Council');
      expect(text, format).toContain('Authority A');
      expect(text, format).not.toMatch(/Somerset/i);
      expect(text, format).not.toContain(SOMERSET);
    }
  });

  it('an authority changes its own choice; only commissioners may', async () => {
    const viewer = (await signIn(connection, 'viewer.plymouth@concord.example')).session;
    expect(await outcome(callerFor(connection, viewer).benchmark.setConsent({ partnershipId: peninsula, mode: 'anonymised' }))).toBe('FORBIDDEN');
    const mine = await as('somerset').benchmark.consent();
    expect(mine.find((c) => c.partnershipId === peninsula)!.mode).toBe('anonymised');
  });
});

describe('the September 2023 network meeting pack', () => {
  it('is frozen: later corrections change the live benchmark, never the issued pack', async () => {
    const meetings = await as('plymouth').meeting.list({ partnershipId: peninsula });
    const september = meetings.find((m) => m.heldOn === '2023-09-21')!;
    expect(september.pack).not.toBeNull();
    const before = await as('plymouth').meeting.pack({ packId: september.pack!.id });
    expect(before.asAt).toBe('2023-09-21T09:30:00.000Z');
    expect(JSON.stringify(before)).not.toMatch(/Somerset/i);

    // Plymouth corrects its August 2023 return: 13 → 20.
    const augustVersion = () => returnVersion(connection.db, { authorityId: GSS.plymouth, partnershipId: peninsula, kpiCode: 'SL-01', period: 'Aug 2023' });
    await as('plymouth').return.submit({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Aug 2023', version: await augustVersion(), value: 20, comment: 'Corrected after audit' });
    const live = await sharedLives('plymouth');
    expect(live.rows.find((r) => r.isMe)!.value).toBe(20);

    const after = await as('plymouth').meeting.pack({ packId: september.pack!.id });
    expect(after).toEqual(before);
    expect(after.results[0]!.rows.find((r) => r.isMe)!.value).toBe(13);

    // Put it back for the other tests.
    await as('plymouth').return.submit({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Aug 2023', version: await augustVersion(), value: 13, comment: 'Seed 000' });
  });

  it('the lead issues a new pack, once; each member sees its own view; exports keep consent', async () => {
    const created = await as('devon').meeting.create({ idempotencyKey: randomUUID(), partnershipId: peninsula, heldOn: '2026-12-10', title: 'Peninsula network December 2026', attending: [GSS.devon, GSS.plymouth] });
    expect(await outcome(as('plymouth').meeting.issuePack({ meetingId: created.id, kpiCodes: ['SL-01'] }))).toBe('FORBIDDEN');
    const pack = await as('devon').meeting.issuePack({ meetingId: created.id, kpiCodes: ['SL-01', 'PLC-01'] });
    expect(await outcome(as('devon').meeting.issuePack({ meetingId: created.id, kpiCodes: ['SL-01'] }))).toBe('BAD_REQUEST');
    const somersetView = await as('somerset').meeting.pack({ packId: pack.id });
    expect(somersetView.results[0]!.rows.some((r) => r.label === 'Somerset Council')).toBe(true);
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const file = await as('devon').meeting.exportPack({ packId: pack.id, format });
      const text = format === 'csv' ? Buffer.from(file.base64, 'base64').toString('utf8') : format === 'xlsx' ? await xlsxText(file.base64) : await pdfText(file.base64);
      expect(text, format).toContain('Devon County Council');
      expect(text, format).not.toMatch(/Somerset/i);
    }
    await as('devon').meeting.addAction({ idempotencyKey: randomUUID(), meetingId: created.id, ownerAuthorityId: GSS.plymouth, description: 'Report back on recruitment', dueOn: '2027-03-01' });
    const meeting = await as('plymouth').meeting.get({ meetingId: created.id });
    expect(meeting.actions).toHaveLength(1);
    // The open action from the September 2023 meeting is carried into later meetings.
    expect(meeting.carriedForward.some((a) => a.owner.id === GSS.plymouth && a.description.includes('Shared Lives'))).toBe(true);
    expect(await outcome(as('kent').meeting.pack({ packId: pack.id }))).toBe('NOT_FOUND');
  });

  it('a pack can compare each KPI’s latest period ended by a date, not a month only one member has returned', async () => {
    // Plymouth alone has returned October 2026 (the seed's returns stop at September 2026).
    await as('plymouth').return.submit({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Oct 2026', value: 14, version: null });
    const meeting = await as('devon').meeting.create({ idempotencyKey: randomUUID(), partnershipId: peninsula, heldOn: '2026-11-20', title: 'Peninsula network November 2026' });
    const pack = await as('devon').meeting.issuePack({ meetingId: meeting.id, kpiCodes: ['SL-01', 'PLC-01'], periodsEndedBy: '2026-10-15' });
    const view = await as('devon').meeting.pack({ packId: pack.id });
    // Monthly SL-01: September (October had not ended by the 15th); quarterly PLC-01: July to September.
    expect(view.results.map((r) => [r.kpi.code, r.period.label])).toEqual([
      ['SL-01', 'Sep 2026'],
      ['PLC-01', '2026-27 Q2'],
    ]);
    expect(view.results[0]!.rows.filter((r) => typeof r.headline === 'number')).toHaveLength(5);
    // Without the date the latest period with any return is compared: October, Plymouth's alone.
    const other = await as('devon').meeting.create({ idempotencyKey: randomUUID(), partnershipId: peninsula, heldOn: '2026-11-21', title: 'Peninsula network, extra' });
    const latest = await as('devon').meeting.pack({ packId: (await as('devon').meeting.issuePack({ meetingId: other.id, kpiCodes: ['SL-01'] })).id });
    expect(latest.results[0]!.period.label).toBe('Oct 2026');
    expect(latest.results[0]!.rows.filter((r) => typeof r.headline === 'number')).toHaveLength(1);
  });
});

describe('small-number suppression through the API', () => {
  it('hides counts of 1–4 and enough others that nothing is recovered by subtraction from the total', async () => {
    // The Tripartite: Liverpool leads. A new people-counting KPI, and returns from each member.
    const tripartite = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow()).id;
    const liverpool = callerFor(connection, (await signIn(connection, 'commissioner.liverpool@concord.example')).session);
    const sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
    const knowsley = callerFor(connection, (await signIn(connection, 'commissioner.knowsley@concord.example')).session);
    await liverpool.kpi.save({
      idempotencyKey: randomUUID(),
      partnershipId: tripartite,
      code: 'EC-01',
      name: 'People moving into Extra Care',
      definition: 'People who moved into an Extra Care scheme in the quarter.',
      unit: 'count',
      direction: 'higher_better',
      frequency: 'quarterly',
      countsPeople: true,
      firstPeriod: '2024-04-01',
    });
    await liverpool.return.submit({ partnershipId: tripartite, kpiCode: 'EC-01', period: '2024-25 Q1', value: 40, version: null });
    await sefton.return.submit({ partnershipId: tripartite, kpiCode: 'EC-01', period: '2024-25 Q1', value: 3, version: null });
    await knowsley.return.submit({ partnershipId: tripartite, kpiCode: 'EC-01', period: '2024-25 Q1', value: 12, version: null });
    const b = await liverpool.benchmark.get({ partnershipId: tripartite, kpiCode: 'EC-01', period: '2024-04-01', periodCount: 1 });
    const cell = (id: string) => b.rows.find((r) => r.authorityId === id)!;
    expect(cell(GSS.sefton).value).toBe('suppressed'); // primary: 3
    expect(cell(GSS.knowsley).value).toBe('suppressed'); // secondary: else 55 − 40 − 12 = 3
    expect(cell(GSS.liverpool).value).toBe(40);
    expect(b.total).toBe(55);
    const shown = b.rows.map((r) => r.value).filter((v): v is number => typeof v === 'number');
    const hidden = b.rows.filter((r) => r.value === 'suppressed');
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    // What subtraction gives is the sum of two or more hidden cells, never one of them.
    expect((b.total as number) - shown.reduce((s, v) => s + v, 0)).toBe(15);
    expect(JSON.stringify(b.rows)).not.toMatch(/"(value|numerator|headline|perHundredThousand)":(3|12)\b/);
    // Derived figures and the quartiles rest on the published figure only.
    expect(b.stats!.n).toBe(1);
    expect(cell(GSS.sefton).rank).toBeNull();
  });

  it('hides a percentage whose denominator, or whose rest, is a small number of people', async () => {
    const tripartite = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow()).id;
    const sign = async (who: string) => callerFor(connection, (await signIn(connection, `commissioner.${who}@concord.example`)).session);
    const [liverpool, sefton, knowsley] = [await sign('liverpool'), await sign('sefton'), await sign('knowsley')];
    await liverpool.kpi.save({
      idempotencyKey: randomUUID(),
      partnershipId: tripartite,
      code: 'EC-02',
      name: 'Extra Care moves within 4 weeks',
      definition: 'Of the people offered an Extra Care flat in the quarter, the percentage who moved in within 4 weeks.',
      unit: 'percent',
      direction: 'higher_better',
      frequency: 'quarterly',
      countsPeople: true,
      firstPeriod: '2024-04-01',
    });
    const period = '2024-25 Q1';
    await liverpool.return.submit({ partnershipId: tripartite, kpiCode: 'EC-02', period, numerator: 40, denominator: 60, version: null });
    await sefton.return.submit({ partnershipId: tripartite, kpiCode: 'EC-02', period, numerator: 26, denominator: 28, version: null }); // 2 did not move in
    await knowsley.return.submit({ partnershipId: tripartite, kpiCode: 'EC-02', period, numerator: 3, denominator: 4, version: null });
    const b = await liverpool.benchmark.get({ partnershipId: tripartite, kpiCode: 'EC-02', period: '2024-04-01', periodCount: 1 });
    const cell = (id: string) => b.rows.find((r) => r.authorityId === id)!;
    expect(cell(GSS.sefton)).toMatchObject({ value: 'suppressed', numerator: 'suppressed', denominator: 'suppressed' });
    expect(cell(GSS.knowsley)).toMatchObject({ value: 'suppressed', numerator: 'suppressed', denominator: 'suppressed' });
    expect(cell(GSS.liverpool).value).toBeCloseTo(66.67, 1);
    expect(JSON.stringify(b)).not.toMatch(/92\.8|92\.9|"(numerator|denominator)":(26|28|3|4)\b/);
  });
});
