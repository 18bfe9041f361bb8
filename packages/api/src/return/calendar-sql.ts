import { sql, type RawBuilder } from 'kysely';

/**
 * The SQL pieces of the returns calendar (queries.ts), with periods as month numbers (year × 12 + month − 1) so
 * every date rule is integer arithmetic. A KPI's periods are `s` months long (1, 3 or 12) and aligned to the
 * financial year: a period starts in a month m with (m − 3) divisible by s, April being month 3 of its year. The
 * period starting in month m ends on the last day of month m + s − 1 and its return is due on the last day of
 * month m + s, its "due month": the SQL twin of periods.ts (the return tests hold them to the same dates).
 */

/** A day's ('YYYY-MM-DD') month number. */
export function monthNumber(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}

/** The last due month a window ending on `to` takes in whole: due dates are the last days of months. */
export function lastDueMonth(to: string): number {
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return monthNumber(to) - (d === lastDay ? 0 : 1);
}

/** The KPI's period length in months (the row is `k`). */
export const MONTHS_IN = sql<number>`CASE k.frequency WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3 ELSE 12 END`;

/** The first day of month number `m`. */
export const monthStart = (m: RawBuilder<number>) => sql<string>`make_date((${m}) / 12, mod(${m}, 12) + 1, 1)`;

/** A date's month number. */
export const monthOf = (day: RawBuilder<string>) => sql<number>`(extract(year FROM ${day})::int * 12 + extract(month FROM ${day})::int - 1)`;

/** The first month of the period of `size` months that contains month `m`. */
export const periodMonth = (m: RawBuilder<number>, size: RawBuilder<number>) => sql<number>`((${m}) - mod((${m}) - 3, ${size}))`;

/**
 * How many of the KPI's periods in the window (from month `lo` to `hi`, both period starts, in the row `k`) start
 * in or before month `upTo`.
 */
export const periodsUpTo = (upTo: RawBuilder<number> | number) =>
  sql<number>`CASE WHEN least(${upTo}, k.hi) >= k.lo THEN (least(${upTo}, k.hi) - k.lo) / k.s + 1 ELSE 0 END`;

/** My return of the KPI `c` for the period starting in month `c.m`, with the lead's review of it that still applies. */
export function myReturnOf(partnershipId: RawBuilder<string>, code: RawBuilder<string>, periods: RawBuilder<unknown>) {
  return sql`
    SELECT r.period_start, coalesce(v.status, r.status) AS status, r.value, r.numerator, r.denominator, r.comment, r.row_version,
           v.reason AS review_reason
    FROM kpi_return r
    -- The lead's review of my figure; one older than my latest submission no longer applies.
    LEFT JOIN return_review v ON v.member_authority_id = current_setting('app.authority_id', true) AND v.partnership_id = r.partnership_id
      AND v.kpi_code = r.kpi_code AND v.period_start = r.period_start AND v.reviewed_at >= r.submitted_at
    WHERE r.authority_id = current_setting('app.authority_id', true) AND r.partnership_id = ${partnershipId} AND r.kpi_code = ${code}
      AND r.contract_ref = '' AND ${periods}`;
}

export interface Walk {
  /** Due months walked, in this order: 'desc' newest first, 'asc' the longest overdue first. */
  direction: 'asc' | 'desc';
  /** Which due months (rows of `months`: dm, unreturned, queried) to walk. */
  months: RawBuilder<unknown>;
  /** Which KPIs (rows of `kc`) to walk. */
  kpis: RawBuilder<unknown>;
  /** Which entries (columns of the walk, `status` and `dm` among them) to keep. */
  keep: RawBuilder<unknown>;
  /** At most this many entries. */
  limit: RawBuilder<unknown>;
  /** This month's number. */
  today: number;
}

/**
 * Entries of the calendar in page order, at most `limit`: the due months one after another, each month's periods
 * of every KPI due then (in code order), with my return looked up by the unique key. PostgreSQL sorts one due
 * month at a time (the months come in order) and stops when the limit is reached; months with nothing to keep
 * (by the counts of `months`) are not walked.
 */
export function walk(w: Walk) {
  const dir = w.direction === 'desc' ? sql`DESC` : sql`ASC`;
  return sql`
    SELECT e.* FROM (
      SELECT c.id, c.partnership_id, c.code, c.name, c.unit, c.frequency, c.derivation, c.dm, c.m, r.value, r.numerator, r.denominator,
             r.comment, r.row_version, r.review_reason,
             CASE WHEN r.status IS NOT NULL THEN r.status WHEN c.dm - 1 >= ${w.today}::int THEN 'upcoming'
                  WHEN c.dm >= ${w.today}::int THEN 'due' ELSE 'missing' END AS status
      FROM (
        SELECT kc.id, kc.partnership_id, kc.code, kc.name, kc.unit, kc.frequency, kc.derivation, d.dm, d.dm - kc.s AS m
        FROM (SELECT months.dm FROM months WHERE ${w.months} ORDER BY months.dm ${dir}) d
        JOIN kc ON ${w.kpis} AND d.dm - kc.s BETWEEN kc.lo AND kc.hi AND mod(d.dm - kc.s - 3, kc.s) = 0
      ) c
      -- OFFSET 0 keeps the lookup a probe of the unique key with the period (pulled up, the period became a filter).
      LEFT JOIN LATERAL (${myReturnOf(sql`c.partnership_id`, sql`c.code`, sql`r.period_start = ${monthStart(sql`c.m`)}`)} OFFSET 0) r ON true
    ) e
    WHERE ${w.keep}
    ORDER BY e.dm ${dir}, e.code, e.partnership_id
    LIMIT ${w.limit}`;
}
