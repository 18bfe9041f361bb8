import type { KpiDerivation, Tx } from '@concord/db';
import { sql } from 'kysely';
import { periodContaining, periodsBetween } from '../kpi/periods.ts';
import { currentKpis } from '../kpi/queries.ts';

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

/**
 * My returns calendar: every period of every current KPI of my partnerships, from the KPI's first period
 * (or `from`) to the period running today. Periods with no return are 'upcoming' (not ended), 'due'
 * (ended, on or before the due date) or 'missing' (past the due date).
 */
export async function returnsCalendar(tx: Tx, today: string, options: { partnershipId?: string; kpiCode?: string; from?: string } = {}): Promise<CalendarEntry[]> {
  const partnerships = new Map((await tx.selectFrom('partnership').select(['id', 'name']).execute()).map((p) => [p.id, p.name]));
  const kpis = (await currentKpis(tx, options.partnershipId)).filter((k) => !options.kpiCode || k.code === options.kpiCode);
  if (kpis.length === 0) return [];
  let q = tx.selectFrom('kpi_return').selectAll().where('contract_ref', '=', '');
  if (options.partnershipId) q = q.where('partnership_id', '=', options.partnershipId);
  const returns = await q.execute();
  const byKey = new Map(returns.map((r) => [`${r.partnership_id}|${r.kpi_code}|${r.period_start}`, r]));
  // The lead's reviews of my published figures (a review older than my latest submission no longer applies).
  let rq = tx.selectFrom('return_review').selectAll().where('member_authority_id', '=', sql<string>`current_setting('app.authority_id', true)`);
  if (options.partnershipId) rq = rq.where('partnership_id', '=', options.partnershipId);
  const reviews = new Map((await rq.execute()).map((v) => [`${v.partnership_id}|${v.kpi_code}|${v.period_start}`, v]));
  const out: CalendarEntry[] = [];
  for (const k of kpis) {
    const from = options.from && options.from > k.first_period ? options.from : k.first_period;
    for (const p of periodsBetween(k.frequency, from, periodContaining(k.frequency, today).start)) {
      const r = byKey.get(`${k.partnership_id}|${k.code}|${p.start}`);
      const found = reviews.get(`${k.partnership_id}|${k.code}|${p.start}`);
      const review = r && found && new Date(found.reviewed_at) >= new Date(r.submitted_at) ? found : null;
      const status: CalendarStatus = review ? review.status : r ? r.status : p.end >= today ? 'upcoming' : today <= p.due ? 'due' : 'missing';
      out.push({
        partnershipId: k.partnership_id,
        partnershipName: partnerships.get(k.partnership_id) ?? '',
        kpiId: k.id,
        kpiCode: k.code,
        kpiName: k.name,
        unit: k.unit,
        frequency: k.frequency,
        periodStart: p.start,
        periodEnd: p.end,
        periodLabel: p.label,
        dueOn: p.due,
        status,
        value: r?.value ?? null,
        numerator: r?.numerator ?? null,
        denominator: r?.denominator ?? null,
        comment: r?.comment ?? null,
        reviewReason: review?.status === 'queried' ? review.reason : null,
        derivation: k.derivation,
        rowVersion: r?.row_version ?? null,
      });
    }
  }
  return out.sort((a, b) => (a.dueOn === b.dueOn ? (a.kpiCode < b.kpiCode ? -1 : 1) : a.dueOn < b.dueOn ? -1 : 1));
}

/** Reminders for the home page: returns due now or missing in the last 12 months, soonest due first. */
export async function returnsDue(tx: Tx, today: string): Promise<CalendarEntry[]> {
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const all = await returnsCalendar(tx, today, { from: yearAgo });
  return all.filter((e) => e.status === 'due' || e.status === 'missing');
}
