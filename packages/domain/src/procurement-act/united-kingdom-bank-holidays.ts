import { ENGLAND_AND_WALES_BANK_HOLIDAYS, type BankHolidayCalendar } from './bank-holidays.ts';
import { workingDayCalendar } from './working-days.ts';

/**
 * Every bank holiday in any part of the United Kingdom: England and Wales's, plus the days only Scotland
 * (2 January, the first Monday in August, St Andrew's Day) or Northern Ireland (St Patrick's Day, Battle of the
 * Boyne) keep. For the reading of s.123 that a working day excludes a bank holiday anywhere in the UK (see
 * working-days.ts: not verified against the Act or the official guidance). Opt-in: nothing uses it by default.
 *
 * The extra days were worked out from the Banking and Financial Dealings Act 1971, Schedule 1, and the St Andrew's
 * Day Bank Holiday (Scotland) Act 2007 (a day on a weekend moves to the next free weekday); they have not been
 * compared with GOV.UK's feed (divisions "scotland" and "northern-ireland"), which was not reachable here. The
 * test (procurement-act-calendar.test.ts) works them out again from the rules.
 */
const EXTRA_DAYS: readonly { readonly date: string; readonly title: string }[] = [
  { date: '2024-01-02', title: '2nd January (Scotland)' },
  { date: '2024-03-18', title: 'St Patrick’s Day (Northern Ireland, substitute day)' },
  { date: '2024-07-12', title: 'Battle of the Boyne (Northern Ireland)' },
  { date: '2024-08-05', title: 'Summer bank holiday (Scotland)' },
  { date: '2024-12-02', title: 'St Andrew’s Day (Scotland, substitute day)' },

  { date: '2025-01-02', title: '2nd January (Scotland)' },
  { date: '2025-03-17', title: 'St Patrick’s Day (Northern Ireland)' },
  { date: '2025-07-14', title: 'Battle of the Boyne (Northern Ireland, substitute day)' },
  { date: '2025-08-04', title: 'Summer bank holiday (Scotland)' },
  { date: '2025-12-01', title: 'St Andrew’s Day (Scotland, substitute day)' },

  { date: '2026-01-02', title: '2nd January (Scotland)' },
  { date: '2026-03-17', title: 'St Patrick’s Day (Northern Ireland)' },
  { date: '2026-07-13', title: 'Battle of the Boyne (Northern Ireland, substitute day)' },
  { date: '2026-08-03', title: 'Summer bank holiday (Scotland)' },
  { date: '2026-11-30', title: 'St Andrew’s Day (Scotland)' },

  { date: '2027-01-04', title: '2nd January (Scotland, substitute day)' },
  { date: '2027-03-17', title: 'St Patrick’s Day (Northern Ireland)' },
  { date: '2027-07-12', title: 'Battle of the Boyne (Northern Ireland)' },
  { date: '2027-08-02', title: 'Summer bank holiday (Scotland)' },
  { date: '2027-11-30', title: 'St Andrew’s Day (Scotland)' },

  { date: '2028-01-04', title: '2nd January (Scotland, substitute day)' },
  { date: '2028-03-17', title: 'St Patrick’s Day (Northern Ireland)' },
  { date: '2028-07-12', title: 'Battle of the Boyne (Northern Ireland)' },
  { date: '2028-08-07', title: 'Summer bank holiday (Scotland)' },
  { date: '2028-11-30', title: 'St Andrew’s Day (Scotland)' },
];

export const UNITED_KINGDOM_BANK_HOLIDAYS: BankHolidayCalendar = {
  name: 'Bank holidays in any part of the United Kingdom',
  source: 'https://www.gov.uk/bank-holidays.json',
  division: 'united-kingdom',
  firstYear: ENGLAND_AND_WALES_BANK_HOLIDAYS.firstYear,
  lastYear: ENGLAND_AND_WALES_BANK_HOLIDAYS.lastYear,
  checkedOn: '2026-12-06',
  holidays: [...ENGLAND_AND_WALES_BANK_HOLIDAYS.holidays, ...EXTRA_DAYS].sort((a, b) => a.date.localeCompare(b.date)),
};

/** Working days counting every UK bank holiday: pass it to the standstill functions for the stricter reading. */
export const UNITED_KINGDOM_WORKING_DAYS = workingDayCalendar(UNITED_KINGDOM_BANK_HOLIDAYS);
