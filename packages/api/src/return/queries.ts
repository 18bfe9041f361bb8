import { badRequest, returnsWindow, returnsWindowProblem, type ReturnsWindow } from '@concord/domain';
import type { KpiDerivation, KpiFrequency, Tx } from '@concord/db';
import { sql } from 'kysely';
import { lastDueMonth, monthNumber, monthOf, monthStart, MONTHS_IN, myReturnOf, periodMonth, periodsUpTo, walk } from './calendar-sql.ts';
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
}

/**
 * My returns calendar, one page of it, in one statement whose work is bounded by the page (issue 14): every period
 * of every current KPI of my partnerships (from the KPI's first period) whose return falls due inside the window,
 * with my return and the lead's review of it where there are. Periods with no return are 'upcoming' (not ended),
 * 'due' (ended, on or before the due date) or 'missing' (past the due date). What needs doing comes first, then newest.
 *
 * The calendar is never built whole (calendar-sql.ts): the counts are worked out per KPI, its periods in the window
 * by arithmetic less my returns of them (one range of the unique key per KPI), and the page walks the due months in
 * its order, looking up my return of each period, and stops when it is full.
 */
export async function returnsCalendar(tx: Tx, today: string, options: CalendarOptions = {}): Promise<CalendarPage> {
  const window = returnsWindow(today, options);
  const problem = returnsWindowProblem(window);
  if (problem) throw badRequest(problem.message, problem.field);
  const show = options.show ?? 'all';
  const limit = options.limit ?? 100;
  const offset = options.offset ?? 0;
  // Month numbers: the first and last due months of the window, this month, the month `recentFrom` falls in.
  const fromMonth = monthNumber(window.from);
  const toMonth = lastDueMonth(window.to);
  const now = monthNumber(today);
  const recent = options.recentFrom ? monthNumber(options.recentFrom) : null;
  // A period starting in month m of s months has ended when m + s − 1 < now, is past its due date when m + s < now,
  // and ends before `recentFrom` when m + s − 1 < recent.
  const total =
    show === 'outstanding' ? sql`k.due_n + k.missing_n + k.q` : show === 'due' ? sql`k.due_n + k.missing_n` : recent === null ? sql`k.n_all` : sql`k.n_all - k.returned_old`;
  const needsDoing = sql`e.status IN ('due', 'missing', 'queried')`;
  const upTo = sql`${offset + limit}::bigint`;
  // Reminders: the longest overdue first. Otherwise what needs doing first, then newest first. A due month m + s has
  // ended periods when m + s <= now.
  const ended = sql`months.dm <= ${now}::int`;
  const segments =
    show === 'due'
      ? [walk({ direction: 'asc', today: now, months: sql`${ended} AND months.unreturned > 0`, kpis: sql`kc.due_n + kc.missing_n > 0`, keep: sql`e.status IN ('due', 'missing')`, limit: sql`least(${upTo}, (SELECT due FROM counts))` })]
      : [
          walk({
            direction: 'desc',
            today: now,
            months: sql`(${ended} AND months.unreturned > 0 OR months.queried > 0)`,
            kpis: sql`kc.due_n + kc.missing_n + kc.q > 0`,
            keep: needsDoing,
            limit: sql`least(${upTo}, (SELECT outstanding FROM counts))`,
          }),
          ...(show === 'all'
            ? [
                walk({
                  direction: 'desc',
                  today: now,
                  // With recentFrom, only months with periods not ended or ending after it have any of these.
                  months: recent === null ? sql`true` : sql`(months.dm - 1 >= ${recent}::int OR months.dm - 1 >= ${now}::int)`,
                  kpis: sql`true`,
                  keep: sql`NOT ${needsDoing} AND ${recent === null ? sql`true` : sql`(e.status = 'upcoming' OR e.dm - 1 >= ${recent}::int)`}`,
                  // The rest of the page, and no more than there are: the walk stops at the last.
                  limit: sql`greatest(0, least(${upTo}, (SELECT total FROM counts)) - (SELECT outstanding FROM counts))`,
                }),
              ]
            : []),
        ];
  const order = show === 'due' ? sql`dm, code, partnership_id` : sql`(status IN ('due', 'missing', 'queried')) DESC, dm DESC, code, partnership_id`;
  const rows = await sql<CalendarRow>`
    WITH k AS MATERIALIZED (
      SELECT k.id, k.partnership_id, k.code, k.name, k.unit, k.frequency, k.derivation, k.s,
             -- The window's periods: from the first whose return falls due in it (and not before the KPI's first), to the last.
             greatest(${periodMonth(monthOf(sql`k.first_period`), sql`k.s`)}, ${periodMonth(sql`${fromMonth}::int - 1`, sql`k.s`)}) AS lo,
             ${periodMonth(sql`${toMonth}::int - k.s`, sql`k.s`)} AS hi
      -- The current version of each KPI of my partnerships (or of the one asked for), unless retired.
      FROM (
        SELECT k.*, ${MONTHS_IN} AS s FROM (
          SELECT DISTINCT ON (k.partnership_id, k.code) k.* FROM kpi_definition k
          WHERE ${options.partnershipId ? sql`k.partnership_id = ${options.partnershipId}` : sql`true`} AND ${options.kpiCode ? sql`k.code = ${options.kpiCode}` : sql`true`}
          ORDER BY k.partnership_id, k.code, k.version DESC
        ) k WHERE NOT k.retired
      ) k
    ), mine AS MATERIALIZED (
      -- My returns of the window's periods, with the review that applies: one range of the unique key per KPI.
      SELECT k.id, k.s, ${monthOf(sql`r.period_start`)} AS m, r.status
      FROM k CROSS JOIN LATERAL (${myReturnOf(sql`k.partnership_id`, sql`k.code`, sql`r.period_start BETWEEN ${monthStart(sql`k.lo`)} AND ${monthStart(sql`k.hi`)}`)} OFFSET 0) r
      WHERE k.hi >= k.lo AND extract(day FROM r.period_start) = 1 AND mod(${monthOf(sql`r.period_start`)} - 3, k.s) = 0
    ), kc AS MATERIALIZED (
      -- Per KPI: its periods in the window, ended, and past their due date, less my returns of them; my queried figures.
      SELECT k.*, (k.n_ended - k.n_past) - (k.returned_ended - k.returned_past) AS due_n, k.n_past - k.returned_past AS missing_n FROM (
        SELECT k.*, ${periodsUpTo(sql`k.hi`)} AS n_all, ${periodsUpTo(sql`${now}::int - k.s`)} AS n_ended, ${periodsUpTo(sql`${now}::int - k.s - 1`)} AS n_past,
               coalesce(r.returned_ended, 0) AS returned_ended, coalesce(r.returned_past, 0) AS returned_past, coalesce(r.q, 0) AS q,
               coalesce(r.returned_old, 0) AS returned_old
        FROM k LEFT JOIN (
          SELECT id, count(*) FILTER (WHERE m <= ${now}::int - s) AS returned_ended, count(*) FILTER (WHERE m <= ${now}::int - s - 1) AS returned_past,
                 count(*) FILTER (WHERE status = 'queried') AS q,
                 count(*) FILTER (WHERE status <> 'queried' AND m <= ${recent ?? 0}::int - s) AS returned_old
          FROM mine GROUP BY id
        ) r ON r.id = k.id
      ) k
    ), months AS MATERIALIZED (
      -- Each due month of the window with how many of its periods I have not returned, and have had queried.
      SELECT d.dm, coalesce(n.n, 0) - coalesce(r.returned, 0) AS unreturned, coalesce(r.queried, 0) AS queried
      FROM generate_series(${fromMonth}::int, ${toMonth}::int) AS d(dm)
      LEFT JOIN (
        SELECT d.dm, sum(g.n) AS n FROM generate_series(${fromMonth}::int, ${toMonth}::int) AS d(dm)
        JOIN (SELECT k.s, k.lo, k.hi, count(*) AS n FROM kc k GROUP BY k.s, k.lo, k.hi) g ON d.dm - g.s BETWEEN g.lo AND g.hi AND mod(d.dm - g.s - 3, g.s) = 0
        GROUP BY d.dm
      ) n ON n.dm = d.dm
      LEFT JOIN (SELECT m + s AS dm, count(*) AS returned, count(*) FILTER (WHERE status = 'queried') AS queried FROM mine GROUP BY m + s) r ON r.dm = d.dm
    ), counts AS (
      SELECT coalesce(sum(k.due_n + k.missing_n + k.q), 0)::bigint AS outstanding, coalesce(sum(k.missing_n), 0)::bigint AS missing,
             coalesce(sum(k.due_n + k.missing_n), 0)::bigint AS due, coalesce(sum(${total}), 0)::bigint AS total
      FROM kc k
    )
    SELECT page.id, page.partnership_id, page.code, page.name, page.unit, page.frequency, page.derivation, page.status, page.value,
           page.numerator, page.denominator, page.comment, page.row_version, page.review_reason, page.dm,
           ${monthStart(sql`page.m`)} AS period_start, (${monthStart(sql`page.dm`)} - 1) AS period_end, (${monthStart(sql`page.dm + 1`)} - 1) AS due_on,
           (SELECT p.name FROM partnership p WHERE p.id = page.partnership_id) AS partnership_name,
           counts.outstanding, counts.missing, counts.total
    FROM counts LEFT JOIN LATERAL (
      SELECT * FROM (${sql.join(segments.map((s) => sql`(${s})`), sql` UNION ALL `)}) e ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
    ) page ON true
    ORDER BY ${order}`.execute(tx);
  const counts = rows.rows[0]!;
  return {
    entries: rows.rows.filter((r) => r.id !== null).map(toEntry),
    window,
    total: Number(counts.total),
    outstanding: Number(counts.outstanding),
    missing: Number(counts.missing),
  };
}

interface CalendarRow {
  id: string;
  partnership_id: string;
  partnership_name: string;
  code: string;
  name: string;
  unit: string;
  frequency: KpiFrequency;
  derivation: KpiDerivation | null;
  period_start: string;
  period_end: string;
  due_on: string;
  dm: number;
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

function toEntry(r: CalendarRow): CalendarEntry {
  return {
    partnershipId: r.partnership_id,
    partnershipName: r.partnership_name,
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
export async function returnsDue(tx: Tx, today: string, limit = 5): Promise<CalendarPage> {
  return returnsCalendar(tx, today, { show: 'due', limit });
}
