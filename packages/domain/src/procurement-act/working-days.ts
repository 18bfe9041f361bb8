import { addDays } from '../contract/dates.ts';
import { DomainError } from '../errors.ts';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS, type BankHolidayCalendar } from './bank-holidays.ts';

/**
 * Working days for the Procurement Act 2023: a day other than a Saturday or Sunday, Christmas Day, Good Friday
 * or a bank holiday (the Act's interpretation section, s.123, defines "working day"). The calendar is England
 * and Wales, as issue 16 asks (the councils Concord serves are English).
 *
 * NOT VERIFIED, AND LIKELY TOO SHORT: whether s.123 counts a bank holiday in any part of the United Kingdom. The
 * stored official guidance did not reach the definition, but a practitioners' note (Muckle LLP, "I was today years
 * old when I discovered this about the Procurement Act", point 1,
 * https://www.muckle-llp.com/insights/legal-commentary/5-surprises-procurement-act/) says the Act's "working day" excludes a bank
 * holiday anywhere in the UK. If that holds, an England-and-Wales count can end a standstill a day early around
 * Scotland's and Northern Ireland's own holidays (2 January, 17 March, 12 July, the first Monday in August,
 * St Andrew's Day): pass UNITED_KINGDOM_WORKING_DAYS (united-kingdom-bank-holidays.ts) for that stricter reading
 * (every function takes a calendar). The default stays England and Wales until the definition is checked.
 *
 * Every function refuses a day outside the calendar's years with {@link WorkingDaysNotHeldError}: a count that
 * runs into an unknown year is never guessed.
 */
export class WorkingDaysNotHeldError extends DomainError {
  constructor(
    readonly day: string,
    readonly calendar: BankHolidayCalendar,
  ) {
    super(
      'BAD_REQUEST',
      `Concord cannot count working days on ${day}: it holds ${calendar.name.toLowerCase()} for ${calendar.firstYear} to ${calendar.lastYear} only. Add the year's bank holidays from ${calendar.source} first.`,
    );
    this.name = 'WorkingDaysNotHeldError';
  }
}

export interface WorkingDayCalendar {
  readonly calendar: BankHolidayCalendar;
  /** The bank holiday's name on that day, if it is one. */
  holidayOn(day: string): string | undefined;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function yearOf(day: string): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${day}"`);
  return Number(m[1]);
}

/** A working-day calendar over held bank holidays (England and Wales unless another is given). */
export function workingDayCalendar(calendar: BankHolidayCalendar = ENGLAND_AND_WALES_BANK_HOLIDAYS): WorkingDayCalendar {
  const byDay = new Map(calendar.holidays.map((h) => [h.date, h.title]));
  return { calendar, holidayOn: (day) => byDay.get(day) };
}

/** England and Wales: the default of every function here. */
export const ENGLAND_AND_WALES_WORKING_DAYS = workingDayCalendar();
const DEFAULT_CALENDAR = ENGLAND_AND_WALES_WORKING_DAYS;

function assertHeld(day: string, cal: WorkingDayCalendar): void {
  const year = yearOf(day);
  if (year < cal.calendar.firstYear || year > cal.calendar.lastYear) throw new WorkingDaysNotHeldError(day, cal.calendar);
}

/** Why `day` is not a working day, in words, or undefined when it is one. Refuses a year not held. */
export function nonWorkingReason(day: string, cal: WorkingDayCalendar = DEFAULT_CALENDAR): string | undefined {
  assertHeld(day, cal);
  const holiday = cal.holidayOn(day);
  if (holiday) return holiday;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 6) return 'Saturday';
  if (weekday === 0) return 'Sunday';
  // Christmas Day is never a working day, even when GOV.UK lists only its substitute (25 December on a weekend).
  if (day.endsWith('-12-25')) return 'Christmas Day';
  return undefined;
}

export function isWorkingDay(day: string, cal: WorkingDayCalendar = DEFAULT_CALENDAR): boolean {
  return nonWorkingReason(day, cal) === undefined;
}

/** `day` itself when it is a working day, otherwise the next one. */
export function nextWorkingDayFrom(day: string, cal: WorkingDayCalendar = DEFAULT_CALENDAR): string {
  let d = day;
  while (!isWorkingDay(d, cal)) d = addDays(d, 1);
  return d;
}

/**
 * The last day of a period of `count` working days beginning with `start` (the Act's wording: "a period of
 * eight working days beginning with the day on which ..."). `start` counts as the first when it is a working
 * day; when it is not, the count begins with the next working day. The result is always a working day.
 */
export function lastOfWorkingDays(start: string, count: number, cal: WorkingDayCalendar = DEFAULT_CALENDAR): string {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`a period of working days must be a whole number of 1 or more, got ${count}`);
  let d = nextWorkingDayFrom(start, cal);
  for (let n = 1; n < count; n++) d = nextWorkingDayFrom(addDays(d, 1), cal);
  return d;
}

/** How many working days lie between `from` and `to`, both included (0 when `to` is before `from`). */
export function workingDaysInclusive(from: string, to: string, cal: WorkingDayCalendar = DEFAULT_CALENDAR): number {
  assertHeld(from, cal);
  assertHeld(to, cal);
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}
