/**
 * Bank holidays in England and Wales, as dated data with their source, for the working days the Procurement
 * Act 2023 counts (the standstill of s.51 is eight working days). Copied from GOV.UK's feed, division
 * "england-and-wales"; Christmas Day and Good Friday are listed there too (they are common-law holidays, not
 * bank holidays under the Banking and Financial Dealings Act 1971, but no working day either way).
 *
 * Keep the years whole and add the next one when GOV.UK publishes it (usually two years ahead). A day in a year
 * not held here is refused by the working-day functions (see working-days.ts), never counted as a working day
 * by guess. The test (procurement-act-calendar.test.ts) checks every year against the statutory rules and
 * Easter, so a typo fails it.
 */
export interface BankHolidayCalendar {
  /** What the calendar covers, in words. */
  readonly name: string;
  /** Where the dates come from. */
  readonly source: string;
  readonly division: string;
  /** The first and last whole years held. */
  readonly firstYear: number;
  readonly lastYear: number;
  /** When the data was last checked against the source (ISO date). */
  readonly checkedOn: string;
  readonly holidays: readonly { readonly date: string; readonly title: string }[];
}

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: BankHolidayCalendar = {
  name: 'Bank holidays in England and Wales',
  source: 'https://www.gov.uk/bank-holidays.json',
  division: 'england-and-wales',
  firstYear: 2024,
  lastYear: 2028,
  checkedOn: '2026-12-06',
  holidays: [
    { date: '2024-01-01', title: 'New Year’s Day' },
    { date: '2024-03-29', title: 'Good Friday' },
    { date: '2024-04-01', title: 'Easter Monday' },
    { date: '2024-05-06', title: 'Early May bank holiday' },
    { date: '2024-05-27', title: 'Spring bank holiday' },
    { date: '2024-08-26', title: 'Summer bank holiday' },
    { date: '2024-12-25', title: 'Christmas Day' },
    { date: '2024-12-26', title: 'Boxing Day' },

    { date: '2025-01-01', title: 'New Year’s Day' },
    { date: '2025-04-18', title: 'Good Friday' },
    { date: '2025-04-21', title: 'Easter Monday' },
    { date: '2025-05-05', title: 'Early May bank holiday' },
    { date: '2025-05-26', title: 'Spring bank holiday' },
    { date: '2025-08-25', title: 'Summer bank holiday' },
    { date: '2025-12-25', title: 'Christmas Day' },
    { date: '2025-12-26', title: 'Boxing Day' },

    { date: '2026-01-01', title: 'New Year’s Day' },
    { date: '2026-04-03', title: 'Good Friday' },
    { date: '2026-04-06', title: 'Easter Monday' },
    { date: '2026-05-04', title: 'Early May bank holiday' },
    { date: '2026-05-25', title: 'Spring bank holiday' },
    { date: '2026-08-31', title: 'Summer bank holiday' },
    { date: '2026-12-25', title: 'Christmas Day' },
    { date: '2026-12-28', title: 'Boxing Day (substitute day)' },

    { date: '2027-01-01', title: 'New Year’s Day' },
    { date: '2027-03-26', title: 'Good Friday' },
    { date: '2027-03-29', title: 'Easter Monday' },
    { date: '2027-05-03', title: 'Early May bank holiday' },
    { date: '2027-05-31', title: 'Spring bank holiday' },
    { date: '2027-08-30', title: 'Summer bank holiday' },
    { date: '2027-12-27', title: 'Christmas Day (substitute day)' },
    { date: '2027-12-28', title: 'Boxing Day (substitute day)' },

    { date: '2028-01-03', title: 'New Year’s Day (substitute day)' },
    { date: '2028-04-14', title: 'Good Friday' },
    { date: '2028-04-17', title: 'Easter Monday' },
    { date: '2028-05-01', title: 'Early May bank holiday' },
    { date: '2028-05-29', title: 'Spring bank holiday' },
    { date: '2028-08-28', title: 'Summer bank holiday' },
    { date: '2028-12-25', title: 'Christmas Day' },
    { date: '2028-12-26', title: 'Boxing Day' },
  ],
};
