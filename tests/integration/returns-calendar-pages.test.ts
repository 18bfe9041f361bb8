/**
 * The returns calendar is worked out page by page (issue 14: the counts per KPI by arithmetic, the page by walking
 * the due months): every page, total and count must be what the whole calendar built from periods.ts, my returns
 * and the lead's reviews gives, for monthly, quarterly and annual KPIs, a KPI that began inside the window, queried
 * and accepted figures, windows that end on a month's last day or not, every `show` and `recentFrom`.
 */
import { periodsBetween } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';

const TODAY = '2026-11-23';
const NOW = () => new Date(`${TODAY}T12:00:00Z`);
let connection: Connection;
let peninsula: string;
let plymouth: ReturnType<typeof callerFor>;

beforeAll(async () => {
  connection = await openSeededDatabase();
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
  plymouth = callerFor(connection, (await signIn(connection, 'commissioner.plymouth@concord.example')).session, { now: NOW });
  const devon = callerFor(connection, (await signIn(connection, 'commissioner.devon@concord.example')).session, { now: NOW });
  // An annual KPI from 2023-24, and a quarterly one that began this financial year (inside the default window).
  const kpi = { authority_id: GSS.devon, partnership_id: peninsula, version: 1, definition: 'For the calendar test', unit: 'count', direction: 'higher_better', source: 'manual' } as const;
  await connection.db
    .insertInto('kpi_definition')
    .values([
      { ...kpi, code: 'ANN-01', name: 'Annual count', frequency: 'annual', first_period: '2023-04-01' },
      { ...kpi, code: 'NEW-01', name: 'New quarterly count', frequency: 'quarterly', first_period: '2026-04-01' },
    ])
    .execute();
  await plymouth.return.submit({ partnershipId: peninsula, kpiCode: 'ANN-01', period: '2024-25', value: 40, version: null });
  await plymouth.return.submit({ partnershipId: peninsula, kpiCode: 'NEW-01', period: '2026-27 Q1', value: 4, version: null });
  // The lead queries one figure and accepts another.
  await devon.return.review({ partnershipId: peninsula, authorityId: GSS.plymouth, kpiCode: 'SL-01', period: '2026-03-01', status: 'queried', reason: 'Please check' });
  await devon.return.review({ partnershipId: peninsula, authorityId: GSS.plymouth, kpiCode: 'PLC-01', period: '2025-10-01', status: 'accepted' });
});
afterAll(() => connection.close());

type Show = 'all' | 'outstanding' | 'due';
interface Asked {
  show: Show;
  from?: string;
  to?: string;
  recentFrom?: string;
}

/** The whole calendar the slow way: every period of every current KPI, my return and its review, sorted and counted. */
async function wholeCalendar(asked: Asked, window: { from: string; to: string }) {
  const definitions = await connection.db.selectFrom('kpi_definition').selectAll().where('partnership_id', '=', peninsula).orderBy('version').execute();
  const current = [...new Map(definitions.map((k) => [k.code, k] as const)).values()].filter((k) => !k.retired);
  const returns = await connection.db.selectFrom('kpi_return').selectAll().where('authority_id', '=', GSS.plymouth).where('partnership_id', '=', peninsula).where('contract_ref', '=', '').execute();
  const reviews = await connection.db.selectFrom('return_review').selectAll().where('member_authority_id', '=', GSS.plymouth).where('partnership_id', '=', peninsula).execute();
  const entries = current.flatMap((k) =>
    periodsBetween(k.frequency, k.first_period, window.to)
      .filter((p) => p.due >= window.from && p.due <= window.to)
      .map((p) => {
        const r = returns.find((x) => x.kpi_code === k.code && x.period_start === p.start);
        const v = r && reviews.find((x) => x.kpi_code === k.code && x.period_start === p.start && new Date(x.reviewed_at) >= new Date(r.submitted_at));
        const status = v?.status ?? r?.status ?? (p.end >= TODAY ? 'upcoming' : TODAY <= p.due ? 'due' : 'missing');
        return { kpiCode: k.code, periodStart: p.start, periodEnd: p.end, dueOn: p.due, status, value: r ? Number(r.value) : null, reviewReason: status === 'queried' ? (v?.reason ?? null) : null };
      }),
  );
  const needsDoing = (e: { status: string }) => ['due', 'missing', 'queried'].includes(e.status);
  const shown = entries.filter((e) =>
    asked.show === 'outstanding' ? needsDoing(e) : asked.show === 'due' ? ['due', 'missing'].includes(e.status) : !asked.recentFrom || needsDoing(e) || e.status === 'upcoming' || e.periodEnd >= asked.recentFrom,
  );
  const byKey = (a: (typeof entries)[number], b: (typeof entries)[number]) => (a.kpiCode < b.kpiCode ? -1 : a.kpiCode > b.kpiCode ? 1 : 0);
  shown.sort((a, b) =>
    asked.show === 'due'
      ? a.dueOn.localeCompare(b.dueOn) || byKey(a, b)
      : Number(needsDoing(b)) - Number(needsDoing(a)) || b.dueOn.localeCompare(a.dueOn) || byKey(a, b),
  );
  return { shown, outstanding: entries.filter(needsDoing).length, missing: entries.filter((e) => e.status === 'missing').length };
}

type Entry = Awaited<ReturnType<typeof plymouth.return.list>>['entries'][number];
const pick = (e: Entry) => ({ kpiCode: e.kpiCode, periodStart: e.periodStart, periodEnd: e.periodEnd, dueOn: e.dueOn, status: e.status, value: e.value, reviewReason: e.reviewReason });

const cases: Asked[] = [
  { show: 'all' },
  { show: 'outstanding' },
  { show: 'due' },
  { show: 'all', recentFrom: '2026-04-01' },
  { show: 'all', from: '2024-01-01', to: '2026-12-31' },
  { show: 'outstanding', from: '2024-01-01', to: '2026-12-31' },
  { show: 'due', from: '2024-01-01', to: '2026-12-31' },
  { show: 'all', from: '2025-03-31', to: '2026-12-30', recentFrom: '2026-01-15' },
  { show: 'all', to: '2027-06-30' },
  { show: 'all', from: '2026-11-05', to: '2026-11-20' },
];

describe('every page of the returns calendar is the whole calendar’s', () => {
  it.each(cases)('%o', async (asked) => {
    const first = await plymouth.return.list({ partnershipId: peninsula, ...asked, limit: 7 });
    const whole = await wholeCalendar(asked, first.window);
    expect({ total: first.total, outstanding: first.outstanding, missing: first.missing }).toEqual({ total: whole.shown.length, outstanding: whole.outstanding, missing: whole.missing });
    const paged = [...first.entries];
    for (let offset = 7; offset < whole.shown.length + 7; offset += 7) {
      const page = await plymouth.return.list({ partnershipId: peninsula, ...asked, limit: 7, offset });
      expect(page.total).toBe(whole.shown.length);
      paged.push(...page.entries);
    }
    expect(paged.map(pick)).toEqual(whole.shown);
  });

  it('has the queried, accepted, annual and newly begun KPIs’ periods it is meant to', async () => {
    const all = await wholeCalendar({ show: 'all', from: '2024-01-01', to: '2026-12-31' }, { from: '2024-01-01', to: '2026-12-31' });
    const statuses = new Set(all.shown.map((e) => e.status));
    for (const s of ['queried', 'accepted', 'submitted', 'late', 'due', 'missing', 'upcoming']) expect(statuses).toContain(s);
    const periodsOf = (code: string) => all.shown.filter((e) => e.kpiCode === code).map((e) => [e.periodStart, e.status]).sort();
    // 2024-25 and 2026-27 Q1 were returned after their due dates.
    expect(periodsOf('ANN-01')).toEqual([['2023-04-01', 'missing'], ['2024-04-01', 'late'], ['2025-04-01', 'missing']]);
    expect(periodsOf('NEW-01')).toEqual([['2026-04-01', 'late'], ['2026-07-01', 'missing']]);
  });

  it('the reminders are the first five of what is due or missing, and their counts', async () => {
    const due = await plymouth.return.due();
    const whole = await wholeCalendar({ show: 'due' }, due.window);
    expect(due.entries.map(pick)).toEqual(whole.shown.slice(0, 5));
    expect({ total: due.total, missing: due.missing }).toEqual({ total: whole.shown.length, missing: whole.missing });
  });
});
