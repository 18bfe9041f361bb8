import { badRequest, returnsWindow, returnsWindowProblem, type ReturnsWindow } from '@concord/domain';
import type { KpiDerivation, KpiFrequency, Tx } from '@concord/db';
import { sql, type RawBuilder } from 'kysely';
import { periodStarting } from '../kpi/periods.ts';

export type CalendarStatus = 'upcoming' | 'due' | 'missing' | 'submitted' | 'late' | 'queried' | 'accepted';

export interface CalendarEntry {
  partnershipId: string;
  partnershipName: string;
  kpiId: string;
  kpiCode: string;
  kpiName: string;
  unit: string;
  frequency: string;
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  dueOn: string;
  status: CalendarStatus;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  /** The lead's reason when the figure is queried. */
  reviewReason: string | null;
  /** The rule that can work the figure out from my records ("Calculate from our records"); null when typed in. */
  derivation: KpiDerivation | null;
  /** The version of my return a correction sends back (null: none yet); a stale one is refused. */
  rowVersion: number | null;
}

/** What a calendar page shows: everything, what needs doing (due, missing, queried), or only what is due or missing. */
export type CalendarShow = 'all' | 'outstanding' | 'due';

export interface CalendarOptions {
  partnershipId?: string | undefined;
  kpiCode?: string | undefined;
  /** The first due date shown (see returnsWindow: by default 12 months before today). */
  from?: string | undefined;
  /** The last due date shown (by default 3 months after today). */
  to?: string | undefined;
  show?: CalendarShow | undefined;
  /** With show 'all': periods ending before this day are left out unless outstanding (the web's "last year"). */
  recentFrom?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface CalendarPage {
  entries: CalendarEntry[];
  /** The due dates the calendar covers: the periods of each KPI whose return falls due in them. */
  window: ReturnsWindow;
  /** How many entries the filters match, over all pages. */
  total: number;
  /** How many periods of the filtered KPIs need doing (due, missing or queried), whatever `show` is. */
  outstanding: number;
  /** Of those, how many are past their due date with nothing returned. */
  missing: number;
  /** The partnerships and KPIs there are returns for, to filter by. */
  partnerships: { id: string; name: string }[];
  kpis: { partnershipId: string; code: string; name: string }[];
}

const MONTHS_IN = sql<number>`CASE k.frequency WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3 ELSE 12 END`;

/**
 * The first day of the period of `size` months containing `day`, periods aligned to the financial year
 * (April): the SQL twin of periodContaining in kpi/periods.ts (a test holds them to the same answers).
 */
function periodStartOf(day: RawBuilder<string>, size: RawBuilder<number>) {
  const fromApril = sql<number>`(extract(year FROM ${day})::int * 12 + extract(month FROM ${day})::int - 1 - 3)`;
  const first = sql<number>`(${fromApril} - mod(${fromApril}, ${size}) + 3)`;
  return sql<string>`make_date(${first} / 12, mod(${first}, 12) + 1, 1)`;
}

/**
 * My returns calendar, one page of it, built in one statement: every period of every current KPI of my
 * partnerships (from the KPI's first period) whose return falls due inside the window, with my return and
 * the lead's review of it where there are. The window bounds the work, whatever the history. Periods with no return are 'upcoming' (not ended), 'due' (ended,
 * on or before the due date) or 'missing' (past the due date). What needs doing comes first, then newest.
 */
export async function returnsCalendar(tx: Tx, today: string, options: CalendarOptions = {}): Promise<CalendarPage> {
  const window = returnsWindow(today, options);
  const problem = returnsWindowProblem(window);
  if (problem) throw badRequest(problem.message, problem.field);
  // The current version of each KPI of my partnerships, with the partnership's name: one query.
  let current = tx
    .selectFrom('kpi_definition as k')
    .innerJoin('partnership as p', 'p.id', 'k.partnership_id')
    .select(['k.id', 'k.partnership_id', 'k.code', 'k.name', 'k.retired', 'p.name as partnership_name'])
    .distinctOn(['k.partnership_id', 'k.code'])
    .orderBy('k.partnership_id')
    .orderBy('k.code')
    .orderBy('k.version', 'desc');
  if (options.partnershipId) current = current.where('k.partnership_id', '=', options.partnershipId);
  const kpis = (await current.execute()).filter((k) => !k.retired && (!options.kpiCode || k.code === options.kpiCode));
  const names = new Map(kpis.map((k) => [k.partnership_id, k.partnership_name]));
  const filters = {
    partnerships: [...names].map(([id, name]) => ({ id, name })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    kpis: kpis.map((k) => ({ partnershipId: k.partnership_id, code: k.code, name: k.name })),
  };
  if (kpis.length === 0) return { entries: [], window, total: 0, outstanding: 0, missing: 0, ...filters };
  const show = options.show ?? 'all';
  const limit = options.limit ?? 100;
  const todayDay = sql<string>`${today}::date`;
  // A period's return falls due (size + 1) months after it starts, less a day: the first period due in the
  // window starts after `from` less (size + 1) months, the last starts before `to`.
  const fromDay = sql<string>`greatest(k.first_period, (${window.from}::date - make_interval(months => ${MONTHS_IN} + 1))::date)`;
  const toDay = sql<string>`${window.to}::date`;
  const shown =
    show === 'outstanding'
      ? sql`status IN ('due', 'missing', 'queried')`
      : show === 'due'
        ? sql`status IN ('due', 'missing')`
        : options.recentFrom
          ? sql`(status IN ('due', 'missing', 'queried', 'upcoming') OR period_end >= ${options.recentFrom}::date)`
          : sql`true`;
  // Reminders: the longest overdue first. Otherwise what needs doing first, then newest first.
  const order = show === 'due' ? sql`due_on, code, partnership_id` : sql`(status IN ('due', 'missing', 'queried')) DESC, due_on DESC, code, partnership_id`;
  const rows = await sql<CalendarRow>`
    WITH k AS (
      SELECT k.id, k.partnership_id, k.code, k.name, k.unit, k.frequency, k.first_period, k.derivation,
             ${periodStartOf(fromDay, MONTHS_IN)} AS first_start, ${periodStartOf(toDay, MONTHS_IN)} AS last_start
      FROM kpi_definition k WHERE k.id = ANY(${kpis.map((k) => k.id)}::uuid[])
    ), period AS (
      SELECT k.*, p.start::date AS period_start,
             (p.start + make_interval(months => ${MONTHS_IN}) - interval '1 day')::date AS period_end,
             (p.start + make_interval(months => ${MONTHS_IN} + 1) - interval '1 day')::date AS due_on
      FROM k CROSS JOIN LATERAL generate_series(k.first_start, k.last_start, make_interval(months => ${MONTHS_IN})) AS p(start)
    ), mine AS (
      -- My returns of the window's periods: one range of the unique key (authority, partnership, KPI, period) per KPI,
      -- not one probe per period (which read every return of the KPI in a wide range again for each period).
      SELECT r.* FROM k CROSS JOIN LATERAL (
        SELECT r.partnership_id, r.kpi_code, r.period_start, r.value, r.numerator, r.denominator, r.comment, r.row_version, r.status, r.submitted_at
        FROM kpi_return r
        WHERE r.authority_id = current_setting('app.authority_id', true) AND r.partnership_id = k.partnership_id AND r.kpi_code = k.code
          AND r.period_start BETWEEN k.first_start AND k.last_start AND r.contract_ref = ''
        OFFSET 0
      ) r
    ), entry AS (
      SELECT period.*, r.value, r.numerator, r.denominator, r.comment, r.row_version, v.reason AS review_reason,
             CASE WHEN v.status IS NOT NULL THEN v.status WHEN r.status IS NOT NULL THEN r.status
                  WHEN period.period_end >= ${todayDay} THEN 'upcoming' WHEN ${todayDay} <= period.due_on THEN 'due' ELSE 'missing' END AS status
      FROM period
      LEFT JOIN mine r ON r.partnership_id = period.partnership_id AND r.kpi_code = period.code AND r.period_start = period.period_start
      -- The lead's review of my figure; one older than my latest submission no longer applies.
      LEFT JOIN return_review v ON v.member_authority_id = current_setting('app.authority_id', true) AND v.partnership_id = period.partnership_id
        AND v.kpi_code = period.code AND v.period_start = period.period_start AND v.reviewed_at >= r.submitted_at
      WHERE period.due_on BETWEEN ${window.from}::date AND ${toDay}
    ), counts AS (
      -- The counts are one aggregate over the window and the page a top-N sort of it: no window function (which kept
      -- and sorted every entry with its counts) and one row of counts even past the last page.
      SELECT count(*) FILTER (WHERE status IN ('due', 'missing', 'queried')) AS outstanding,
             count(*) FILTER (WHERE status = 'missing') AS missing, count(*) FILTER (WHERE ${shown}) AS total
      FROM entry
    )
    SELECT page.*, counts.outstanding, counts.missing, counts.total FROM counts LEFT JOIN LATERAL (
      SELECT entry.* FROM entry WHERE ${shown} ORDER BY ${order} LIMIT ${limit} OFFSET ${options.offset ?? 0}
    ) page ON true
    ORDER BY ${order}`.execute(tx);
  const counts = rows.rows[0]!;
  return {
    entries: rows.rows.filter((r) => r.id !== null).map((r) => toEntry(r, names)),
    window,
    total: Number(counts.total),
    outstanding: Number(counts.outstanding),
    missing: Number(counts.missing),
    ...filters,
  };
}

interface CalendarRow {
  id: string;
  partnership_id: string;
  code: string;
  name: string;
  unit: string;
  frequency: KpiFrequency;
  derivation: KpiDerivation | null;
  period_start: string;
  period_end: string;
  due_on: string;
  status: CalendarStatus;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  row_version: number | null;
  review_reason: string | null;
  outstanding: number | string;
  missing: number | string;
  total: number | string;
}

function toEntry(r: CalendarRow, names: Map<string, string>): CalendarEntry {
  return {
    partnershipId: r.partnership_id,
    partnershipName: names.get(r.partnership_id) ?? '',
    kpiId: r.id,
    kpiCode: r.code,
    kpiName: r.name,
    unit: r.unit,
    frequency: r.frequency,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    periodLabel: periodStarting(r.frequency, r.period_start).label,
    dueOn: r.due_on,
    status: r.status,
    value: r.value === null ? null : Number(r.value),
    numerator: r.numerator === null ? null : Number(r.numerator),
    denominator: r.denominator === null ? null : Number(r.denominator),
    comment: r.comment,
    reviewReason: r.status === 'queried' ? r.review_reason : null,
    derivation: r.derivation,
    rowVersion: r.row_version,
  };
}

/** Reminders for the home page: returns due now or missing in the last 12 months (the default window), the longest overdue first. */
export function returnsDue(tx: Tx, today: string, limit = 5): Promise<CalendarPage> {
  return returnsCalendar(tx, today, { show: 'due', limit });
}
