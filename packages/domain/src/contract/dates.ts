/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD'), in UTC so a clock change never moves a day.
 * Contract terms are inclusive: a 24-month term from 2023-10-01 ends on 2025-09-30.
 */
const DAY_MS = 86_400_000;

function parts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${iso}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const toMs = (iso: string) => {
  const [y, m, d] = parts(iso);
  return Date.UTC(y, m - 1, d);
};

/** Today's date in the UK sense is close enough to UTC's for the warnings here. */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  return toIso(toMs(iso) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). 2019-03-31 → 2019-05-31 is 61. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS);
}

/** The same day `months` later, clamped to the month's last day (2019-01-31 + 1 month = 2019-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toIso(Date.UTC(year, month, Math.min(d, last)));
}

/** The last day of a term of `months` starting on `start`: 2023-10-01 + 24 months → 2025-09-30. */
export function termEnd(start: string, months: number): string {
  return addDays(addMonths(start, months), -1);
}

/**
 * The end of a period extended by `months` from the day after `end`: 2021-09-30 + 12 → 2022-09-30.
 * Month-end dates stay month-end (2019-02-28 + 1 → 2019-03-31).
 */
export function extendEnd(end: string, months: number): string {
  return termEnd(addDays(end, 1), months);
}
