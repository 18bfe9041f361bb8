import type { KpiFrequency } from '@concord/db';

/**
 * Reporting periods. Quarters and years follow the English local-government financial year (April to
 * March): 2023-24 Q2 is July to September 2023. A period is named by its first day.
 *
 * Due date: a return is due on the last day of the month after the period ends (so 2023-24 Q2, ending
 * 30 September, is due by 31 October). Until a period has ended nobody can return it ("not yet due").
 */
export interface Period {
  start: string;
  end: string;
  due: string;
  label: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
/** Last day of month m (0-based; may overflow into later years). */
const lastDay = (y: number, m: number) => iso(y, m + 1, 0);

function parts(date: string): { y: number; m: number } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return { y, m: m - 1 };
}

const monthsIn = (frequency: KpiFrequency) => (frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 12);

/** The period of `frequency` that contains `date`. */
export function periodContaining(frequency: KpiFrequency, date: string): Period {
  const { y, m } = parts(date);
  const size = monthsIn(frequency);
  // Months since April of year 0, so periods align to the financial year.
  const fromApril = y * 12 + m - 3;
  const first = fromApril - (((fromApril % size) + size) % size) + 3;
  return periodStarting(frequency, iso(Math.floor(first / 12), first % 12, 1));
}

export function periodStarting(frequency: KpiFrequency, start: string): Period {
  const { y, m } = parts(start);
  const size = monthsIn(frequency);
  const end = lastDay(y, m + size - 1);
  const { y: ey, m: em } = parts(end);
  const due = lastDay(ey, em + 1);
  const fy = m >= 3 ? y : y - 1;
  const fyLabel = `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`;
  const label =
    frequency === 'monthly' ? `${MONTHS[m]} ${y}` : frequency === 'quarterly' ? `${fyLabel} Q${Math.floor(((m - 3 + 12) % 12) / 3) + 1}` : fyLabel;
  return { start, end, due, label };
}

export function nextPeriod(frequency: KpiFrequency, period: Period): Period {
  const { y, m } = parts(period.start);
  return periodStarting(frequency, iso(y, m + monthsIn(frequency), 1));
}

/** The latest period of `frequency` that has ended on or before `date` (a pack's "figures to" date). */
export function lastPeriodEndedBy(frequency: KpiFrequency, date: string): Period {
  const p = periodContaining(frequency, date);
  if (p.end <= date) return p;
  const { y, m } = parts(p.start);
  return periodContaining(frequency, iso(y, m, 0));
}

/** Whether `start` is the first day of a period of this frequency. */
export function isPeriodStart(frequency: KpiFrequency, start: string): boolean {
  return /^\d{4}-\d{2}-01$/.test(start) && periodContaining(frequency, start).start === start;
}

/** Every period from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(frequency: KpiFrequency, from: string, to: string): Period[] {
  const out: Period[] = [];
  let p = periodContaining(frequency, from);
  while (p.start <= to && out.length < 600) {
    out.push(p);
    p = nextPeriod(frequency, p);
  }
  return out;
}

/** A period label ('Aug 2023', '2023-24 Q2', '2023-24') or ISO start back to the period. */
export function parsePeriod(frequency: KpiFrequency, text: string): Period | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return isPeriodStart(frequency, t) ? periodStarting(frequency, t) : null;
  const monthly = /^([A-Za-z]{3})[a-z]*\s+(\d{4})$/.exec(t);
  if (frequency === 'monthly' && monthly) {
    const m = MONTHS.findIndex((x) => x.toLowerCase() === monthly[1]!.toLowerCase());
    return m < 0 ? null : periodStarting('monthly', iso(Number(monthly[2]), m, 1));
  }
  const quarterly = /^(\d{4})-(\d{2})\s*Q([1-4])$/i.exec(t);
  if (frequency === 'quarterly' && quarterly) return periodStarting('quarterly', iso(Number(quarterly[1]), 3 + (Number(quarterly[3]) - 1) * 3, 1));
  const annual = /^(\d{4})-(\d{2})$/.exec(t);
  if (frequency === 'annual' && annual) return periodStarting('annual', iso(Number(annual[1]), 3, 1));
  return null;
}
