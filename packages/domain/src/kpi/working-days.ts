import { addDays } from '../contract/dates.ts';

/** Monday to Friday, by the UTC day of an ISO date (so a clock change never moves it). */
export function isWeekday(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/**
 * Working days from `from` to `to`: the weekdays after `from` up to and including `to` (the same day is 0;
 * requested on a Friday and sourced the next Friday is 5). Weekdays only: the repository holds no
 * calendar of England and Wales bank holidays, so a bank holiday counts as a working day here.
 */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWeekday(day)) count += 1;
  return count;
}
