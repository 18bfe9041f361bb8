import { randomUUID } from 'node:crypto';
import { periodsBetween, periodStarting } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';
import { returnsWorkbook } from '../support/benchmark.ts';
import { failure as refusal } from '../support/procurement.ts';

const NOW = () => new Date('2026-11-23T12:00:00Z');
let connection: Connection;
let peninsula: string;
let plymouth: ReturnType<typeof callerFor>;

beforeAll(async () => {
  connection = await openSeededDatabase();
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
  plymouth = callerFor(connection, (await signIn(connection, 'commissioner.plymouth@concord.example')).session, { now: NOW });
});
afterAll(() => connection.close());

const plymouthReturns = () => connection.db.selectFrom('kpi_return').select(['kpi_code', 'period_start', 'value']).where('authority_id', '=', GSS.plymouth);
const count = async () => (await plymouthReturns().execute()).length;

describe('the returns calendar', () => {
  it('reminds of what is due now, and knows submitted, late and upcoming periods', async () => {
    const due = await plymouth.return.due();
    const october = due.entries.find((d) => d.kpiCode === 'SL-01' && d.periodLabel === 'Oct 2026')!;
    expect(october).toMatchObject({ status: 'due', dueOn: '2026-11-30', partnershipName: 'South West Peninsula' });
    const calendar = (await plymouth.return.list({ partnershipId: peninsula, kpiCode: 'SL-01', from: '2023-01-01', to: '2026-12-31' })).entries;
    expect(calendar.find((e) => e.periodLabel === 'Aug 2023')).toMatchObject({ status: 'submitted', value: 13 });
    expect(calendar.find((e) => e.periodLabel === 'Nov 2026')).toMatchObject({ status: 'upcoming' });
    const torbay = callerFor(connection, (await signIn(connection, 'commissioner.torbay@concord.example')).session, { now: NOW });
    expect((await torbay.return.list({ partnershipId: peninsula, kpiCode: 'PLC-01', from: '2024-01-01' })).entries.find((e) => e.periodLabel === '2024-25 Q2')!.status).toBe('late');
  });

  it('a return made now is submitted, and clears the reminder', async () => {
    const saved = await plymouth.return.submit({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Oct 2026', value: 15, version: null });
    expect(saved.status).toBe('submitted');
    expect((await plymouth.return.due()).entries.some((d) => d.kpiCode === 'SL-01' && d.periodLabel === 'Oct 2026')).toBe(false);
  });
});

describe('the calendar is built in the database, one page at a time', () => {
  const all = async () => plymouth.return.list({ partnershipId: peninsula, limit: 500 });

  /** Every period of each current KPI of the Peninsula, from its first, whose return falls due in the window: as periods.ts gives them. */
  async function expectWindow(page: Awaited<ReturnType<typeof all>>, from: string, to: string) {
    expect(page.window).toEqual({ from, to });
    expect(page.total).toBe(page.entries.length);
    const kpis = await connection.db.selectFrom('kpi_definition').select(['code', 'frequency', 'first_period', 'retired', 'version']).where('partnership_id', '=', peninsula).orderBy('version', 'desc').execute();
    const current = [...new Map(kpis.map((k) => [k.code, k] as const)).values()].filter((k) => !k.retired);
    expect((await plymouth.return.filters({ partnershipId: peninsula })).kpis.map((k) => k.code)).toEqual(current.map((k) => k.code).sort());
    for (const k of current) {
      const expected = periodsBetween(k.frequency, k.first_period, to).filter((p) => p.due >= from && p.due <= to);
      const shown = page.entries.filter((e) => e.kpiCode === k.code).sort((a, b) => (a.periodStart < b.periodStart ? -1 : 1));
      expect(shown.map((e) => [e.periodStart, e.periodEnd, e.dueOn, e.periodLabel])).toEqual(expected.map((p) => [p.start, p.end, p.due, p.label]));
    }
    for (const e of page.entries) expect(periodStarting(e.frequency as 'monthly', e.periodStart).end).toBe(e.periodEnd);
  }

  it('by default has every period due from 12 months ago to 3 months ahead, with the dates periods.ts gives', async () => {
    const page = await all();
    await expectWindow(page, '2025-11-23', '2027-02-23');
    const sl01 = page.entries.filter((e) => e.kpiCode === 'SL-01');
    // Oct 2025 was due on 30 November 2025; Dec 2026, not yet begun, is due on 31 January 2027; Jan 2027 is due after the window.
    expect(sl01.map((e) => e.periodLabel).sort()).toEqual(expect.arrayContaining(['Oct 2025', 'Nov 2026', 'Dec 2026']));
    expect(sl01.map((e) => e.periodLabel)).not.toContain('Sep 2025');
    expect(sl01.map((e) => e.periodLabel)).not.toContain('Jan 2027');
    expect(sl01.find((e) => e.periodLabel === 'Dec 2026')).toMatchObject({ status: 'upcoming', dueOn: '2027-01-31' });
  });

  it('has the periods due in any window asked for, from each KPI’s first period, whatever the history before it', async () => {
    await expectWindow(await plymouth.return.list({ partnershipId: peninsula, limit: 500, from: '2022-06-15', to: '2026-12-31' }), '2022-06-15', '2026-12-31');
    await expectWindow(await plymouth.return.list({ partnershipId: peninsula, limit: 500, from: '2016-01-01', to: '2016-12-31' }), '2016-01-01', '2016-12-31');
    // One end alone: a window of 15 months from it.
    await expectWindow(await plymouth.return.list({ partnershipId: peninsula, limit: 500, to: '2024-03-31' }), '2022-12-31', '2024-03-31');
    await expectWindow(await plymouth.return.list({ partnershipId: peninsula, limit: 500, from: '2023-04-01' }), '2023-04-01', '2024-07-01');
  });

  it('a window back to front, or longer than 5 years, is refused against its last day', async () => {
    expect(await refusal(plymouth.return.list({ from: '2024-02-01', to: '2024-01-31' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'to', message: 'The last due date must be the same as or after the first' });
    expect(await refusal(plymouth.return.list({ from: '2016-01-01', to: '2026-12-31' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'to', message: 'Choose due dates at most 5 years apart' });
    expect(await refusal(plymouth.return.list({ from: '2024-02-30' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'from' });
  });

  it('pages without overlap or gaps, what needs doing first, and counts what is outstanding over all pages', async () => {
    const whole = await all();
    expect(whole.total).toBeGreaterThan(25);
    const pages = [];
    for (let offset = 0; offset < whole.total; offset += 10) pages.push(...(await plymouth.return.list({ partnershipId: peninsula, limit: 10, offset })).entries);
    expect(pages.map((e) => `${e.kpiCode}|${e.periodStart}`)).toEqual(whole.entries.map((e) => `${e.kpiCode}|${e.periodStart}`));
    const needsDoing = whole.entries.filter((e) => ['due', 'missing', 'queried'].includes(e.status));
    expect(whole.outstanding).toBe(needsDoing.length);
    expect(whole.entries.slice(0, needsDoing.length)).toEqual(needsDoing);
    const outstanding = await plymouth.return.list({ partnershipId: peninsula, show: 'outstanding', limit: 500 });
    expect(outstanding.total).toBe(needsDoing.length);
    expect(outstanding.entries).toEqual(needsDoing);
    // Past the last page: nothing, but the counts still hold.
    const beyond = await plymouth.return.list({ partnershipId: peninsula, limit: 10, offset: whole.total });
    expect(beyond).toMatchObject({ entries: [], total: whole.total, outstanding: whole.outstanding });
  });

  it('the reminders are the returns due or missing in the last year, the longest overdue first, five at a time', async () => {
    const due = await plymouth.return.due();
    const whole = (await plymouth.return.list({ show: 'due', limit: 500, from: '2024-01-01', to: '2026-12-31' })).entries.filter((e) => e.dueOn >= '2025-11-23');
    expect(due.entries.length).toBeLessThanOrEqual(5);
    expect(due.total).toBeGreaterThanOrEqual(due.entries.length);
    expect(due.entries.every((e) => e.status === 'due' || e.status === 'missing')).toBe(true);
    expect(due.entries.map((e) => e.dueOn)).toEqual([...due.entries.map((e) => e.dueOn)].sort());
    expect(due.missing).toBe(whole.filter((e) => e.status === 'missing').length);
    expect(due.total).toBe(whole.length);
    expect(due.window).toEqual({ from: '2025-11-23', to: '2027-02-23' });
  });

  it('a page is at most 500 entries', async () => {
    expect((await refusal(plymouth.return.list({ limit: 501 }))).code).toBe('BAD_REQUEST');
  });
});

describe('bad input: a clear 4xx naming the field, nothing written', () => {
  it('a period not yet due', async () => {
    const before = await count();
    const r = await refusal(plymouth.return.submit({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Nov 2026', value: 14, version: null }));
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'period' });
    expect(r.message).toMatch(/not yet due/);
    expect(await count()).toBe(before);
  });

  it('an authority not mine', async () => {
    const before = await count();
    const r = await refusal(plymouth.return.submit({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Sep 2026', value: 14, authorityId: GSS.devon, version: null }));
    expect(r.code).toBe('FORBIDDEN');
    expect(r.message).toMatch(/own authority/);
    expect(await count()).toBe(before);
    const kent = callerFor(connection, (await signIn(connection, 'commissioner.kent@concord.example')).session, { now: NOW });
    expect((await refusal(kent.return.submit({ partnershipId: peninsula, kpiCode: 'SL-01', period: 'Sep 2026', value: 14, version: null }))).code).toBe('NOT_FOUND');
  });

  it('a percentage over 100', async () => {
    const r = await refusal(plymouth.return.submit({ partnershipId: peninsula, kpiCode: 'PLC-01', period: '2026-27 Q2', value: 101, version: null }));
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'value' });
    expect(r.message).toMatch(/more than 100/);
    const n = await refusal(plymouth.return.submit({ partnershipId: peninsula, kpiCode: 'PLC-01', period: '2026-27 Q2', numerator: 12, denominator: 10, version: null }));
    expect(n).toMatchObject({ code: 'BAD_REQUEST', field: 'numerator' });
  });

  it('a denominator of 0', async () => {
    const r = await refusal(plymouth.return.submit({ partnershipId: peninsula, kpiCode: 'PLC-01', period: '2026-27 Q2', numerator: 0, denominator: 0, version: null }));
    expect(r).toMatchObject({ code: 'BAD_REQUEST', field: 'denominator' });
  });

  it('an upload with good and bad rows: every bad row and field named, nothing written', async () => {
    const before = await plymouthReturns().where('period_start', '>=', '2026-07-01').execute();
    const csv = [
      'kpi_code,period,value,numerator,denominator,comment',
      'SL-01,Sep 2026,16,,,fine',
      'PLC-01,2026-27 Q2,,50,0,denominator zero',
      'OOA-01,2026-27 Q2,140,,,over 100',
      'SL-01,Nov 2026,16,,,not yet due',
      'NOPE-1,2026-27 Q2,1,,,no such KPI',
    ].join('\n');
    const upload = (dryRun: boolean) => plymouth.return.upload({ partnershipId: peninsula, format: 'csv', contentBase64: Buffer.from(csv).toString('base64'), dryRun });
    const r = await refusal(upload(false));
    expect(r.code).toBe('BAD_REQUEST');
    expect(r.message).toContain('row 3, denominator');
    expect(r.message).toContain('row 4, value');
    expect(r.message).toContain('row 5, period');
    expect(r.message).toContain('row 6, kpiCode');
    expect(r.message).not.toContain('row 2');
    expect(await plymouthReturns().where('period_start', '>=', '2026-07-01').execute()).toEqual(before);
    const report = await upload(true);
    expect(report.written).toBe(0);
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'denominator'],
      [4, 'value'],
      [5, 'period'],
      [6, 'kpiCode'],
    ]);
  });

  it('a good XLSX upload is written whole', async () => {
    const xlsx = await returnsWorkbook([
      ['KPI code', 'Period', 'Value', 'Numerator', 'Denominator', 'Comment'],
      ['PLC-01', '2026-27 Q2', null, 45, 50, 'from the brokerage log'],
      ['OOA-01', '2026-27 Q2', null, 4, 50, null],
    ]);
    const result = await plymouth.return.upload({ partnershipId: peninsula, format: 'xlsx', contentBase64: xlsx });
    expect(result).toEqual({ written: 2, errors: [] });
    const plc = await plymouthReturns().where('kpi_code', '=', 'PLC-01').where('period_start', '=', '2026-07-01').executeTakeFirstOrThrow();
    expect(plc.value).toBe(90);
  });
});

describe('the KPI library is versioned', () => {
  it('a new version never rewrites past returns', async () => {
    const devon = callerFor(connection, (await signIn(connection, 'commissioner.devon@concord.example')).session, { now: NOW });
    const lib = await devon.kpi.list({ partnershipId: peninsula });
    const plc = lib.partnerships[0]!.kpis.find((k) => k.code === 'PLC-01')!;
    expect(lib.partnerships[0]!.canEdit).toBe(true);
    const { id: _id, version: _v, createdAt: _c, partnershipId: _p, changeNote: _n, ...fields } = plc;
    const v2 = await devon.kpi.save({ idempotencyKey: randomUUID(), ...fields, partnershipId: peninsula, target: 90, changeNote: 'Target raised to 90% from 2026-27' });
    expect(v2.version).toBe(2);
    const history = await devon.kpi.history({ kpiId: v2.id });
    expect(history.map((h) => [h.version, h.target])).toEqual([
      [2, 90],
      [1, 85],
    ]);
    const old = await connection.db.selectFrom('kpi_return').select('kpi_id').where('kpi_code', '=', 'PLC-01').where('period_start', '=', '2023-04-01').where('authority_id', '=', GSS.plymouth).executeTakeFirstOrThrow();
    expect(old.kpi_id).toBe(plc.id);
  });
});
