import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/contract/dates.ts';
import { DomainError } from '../src/errors.ts';
import {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  UNITED_KINGDOM_BANK_HOLIDAYS,
  UNITED_KINGDOM_WORKING_DAYS,
  WorkingDaysNotHeldError,
  assertMayEnterContract,
  contractEntryDecision,
  governingAwardNotice,
  isWorkingDay,
  lastOfWorkingDays,
  latestAwardNoticeFor,
  mayEnterContract,
  nonWorkingReason,
  standstillPeriod,
  workingDaysInclusive,
} from '../src/procurement-act/index.ts';

/*
 * The bank holidays are data copied from GOV.UK; this file works them out again from the rules (the Banking and
 * Financial Dealings Act 1971, Schedule 1, and the royal proclamations for New Year's Day and the early May
 * bank holiday, with Christmas Day and Good Friday) so a mistyped date fails here.
 */
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher). */
function easterSunday(y: number): string {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  return iso(y, Math.floor((h + l - 7 * m + 114) / 31), ((h + l - 7 * m + 114) % 31) + 1);
}
const firstMonday = (y: number, month: number) => {
  let d = iso(y, month, 1);
  while (weekday(d) !== 1) d = addDays(d, 1);
  return d;
};
const lastMonday = (y: number, month: number) => {
  let d = addDays(iso(y, month + 1, 1), -1);
  while (weekday(d) !== 1) d = addDays(d, -1);
  return d;
};
/** The next weekday on or after `day` that is not already taken. */
const substitute = (day: string, taken: Set<string>) => {
  let d = day;
  while (weekday(d) === 0 || weekday(d) === 6 || taken.has(d)) d = addDays(d, 1);
  return d;
};

function expectedEnglandAndWales(y: number): string[] {
  const easter = easterSunday(y);
  const days = new Set<string>();
  days.add(substitute(iso(y, 1, 1), days));
  days.add(addDays(easter, -2));
  days.add(addDays(easter, 1));
  days.add(firstMonday(y, 5));
  days.add(lastMonday(y, 5));
  days.add(lastMonday(y, 8));
  days.add(substitute(iso(y, 12, 25), days));
  days.add(substitute(iso(y, 12, 26), days));
  return [...days].sort();
}

describe('bank holidays in England and Wales (data with its source)', () => {
  const held = ENGLAND_AND_WALES_BANK_HOLIDAYS;

  it('names GOV.UK as the source and holds 2024 to 2028', () => {
    expect(held.source).toBe('https://www.gov.uk/bank-holidays.json');
    expect(held.division).toBe('england-and-wales');
    expect([held.firstYear, held.lastYear]).toEqual([2024, 2028]);
  });

  it('agrees with the statutory rules and Easter for every year held', () => {
    for (let y = held.firstYear; y <= held.lastYear; y++) {
      const dates = held.holidays.filter((h) => h.date.startsWith(`${y}-`)).map((h) => h.date).sort();
      expect(dates, `bank holidays of ${y}`).toEqual(expectedEnglandAndWales(y));
    }
  });

  it('has the known dates of 2026 and the substitute days of 2027 and 2028', () => {
    const dates = new Set(held.holidays.map((h) => h.date));
    // 2026: Easter 3 and 6 April, early May 4 May, spring 25 May, summer 31 August, Christmas 25 December, Boxing Day 28 December (substitute)
    for (const d of ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']) expect(dates.has(d), d).toBe(true);
    expect(dates.has('2026-12-26')).toBe(false);
    // Christmas 2027 falls on a Saturday and Boxing Day on a Sunday: Monday 27 and Tuesday 28 December
    expect(dates.has('2027-12-27') && dates.has('2027-12-28')).toBe(true);
    // 1 January 2028 is a Saturday: Monday 3 January
    expect(dates.has('2028-01-03')).toBe(true);
    // Easter 2024 was 31 March: Good Friday 29 March, Easter Monday 1 April
    expect(dates.has('2024-03-29') && dates.has('2024-04-01')).toBe(true);
  });

  it('has eight a year, every one a weekday', () => {
    for (let y = held.firstYear; y <= held.lastYear; y++) expect(held.holidays.filter((h) => h.date.startsWith(`${y}-`))).toHaveLength(8);
    for (const h of held.holidays) expect([0, 6]).not.toContain(weekday(h.date));
  });
});

/** The days only Scotland (2 January, first Monday in August, St Andrew's Day) or Northern Ireland keep. */
function expectedScotlandAndNorthernIrelandExtras(y: number): string[] {
  const newYear = substitute(iso(y, 1, 1), new Set());
  return [
    substitute(iso(y, 1, 2), new Set([newYear])),
    substitute(iso(y, 3, 17), new Set()),
    substitute(iso(y, 7, 12), new Set()),
    firstMonday(y, 8),
    substitute(iso(y, 11, 30), new Set()),
  ];
}

describe('bank holidays in any part of the United Kingdom (opt-in, for the stricter reading of s.123)', () => {
  const held = UNITED_KINGDOM_BANK_HOLIDAYS;

  it('are England and Wales\'s plus Scotland\'s and Northern Ireland\'s own days, by the rules, for every year held', () => {
    expect([held.firstYear, held.lastYear]).toEqual([2024, 2028]);
    for (let y = held.firstYear; y <= held.lastYear; y++) {
      const dates = held.holidays.filter((h) => h.date.startsWith(`${y}-`)).map((h) => h.date).sort();
      expect(dates, `UK bank holidays of ${y}`).toEqual([...expectedEnglandAndWales(y), ...expectedScotlandAndNorthernIrelandExtras(y)].sort());
    }
    for (const h of held.holidays) expect([0, 6]).not.toContain(weekday(h.date));
  });

  it('make a standstill over St Patrick\'s Day one working day longer than England and Wales\'s count', () => {
    // UK6 on Monday 16 March 2026; Tuesday 17 March is a bank holiday in Northern Ireland only
    expect(standstillPeriod('2026-03-16').lastDay).toBe('2026-03-25');
    const uk = standstillPeriod('2026-03-16', { calendar: UNITED_KINGDOM_WORKING_DAYS });
    expect(uk.lastDay).toBe('2026-03-26');
    expect(uk.earliestEntryDate).toBe('2026-03-27');
    expect(nonWorkingReason('2026-03-17', UNITED_KINGDOM_WORKING_DAYS)).toBe('St Patrick’s Day (Northern Ireland)');
    expect(isWorkingDay('2026-03-17')).toBe(true);
  });
});

describe('working days', () => {
  it('are weekdays other than bank holidays, Christmas Day and Good Friday', () => {
    expect(isWorkingDay('2026-12-24')).toBe(true); // Thursday
    expect(nonWorkingReason('2026-12-25')).toBe('Christmas Day');
    expect(nonWorkingReason('2026-12-26')).toBe('Saturday');
    expect(nonWorkingReason('2026-12-28')).toBe('Boxing Day (substitute day)');
    expect(nonWorkingReason('2026-04-03')).toBe('Good Friday');
    expect(nonWorkingReason('2027-12-25')).toBe('Saturday');
    expect(isWorkingDay('2026-12-29')).toBe(true);
  });

  it('count from the first working day when the start is not one', () => {
    expect(lastOfWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Saturday → Monday
    expect(workingDaysInclusive('2026-12-24', '2027-01-07')).toBe(8);
  });

  it('refuse a year whose bank holidays are not held, saying which years are', () => {
    expect(() => isWorkingDay('2029-01-02')).toThrow(WorkingDaysNotHeldError);
    expect(() => isWorkingDay('2023-12-29')).toThrow(/2024 to 2028/);
    // a standstill that would run into 2029 is refused, not miscounted
    expect(() => standstillPeriod('2028-12-27')).toThrow(WorkingDaysNotHeldError);
    const error = (() => {
      try {
        isWorkingDay('2029-01-02');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('BAD_REQUEST');
  });
});

describe('the standstill (s.51: eight working days beginning with the day the UK6 is published)', () => {
  it('runs over the Christmas and New Year bank holidays: UK6 on Thursday 24 December 2026', () => {
    const s = standstillPeriod('2026-12-24');
    // 24, 29, 30, 31 December, 4, 5, 6, 7 January (25 Christmas, 28 Boxing Day substitute, 1 January New Year)
    expect(s.lastDay).toBe('2027-01-07');
    expect(s.earliestEntryDate).toBe('2027-01-08');
    expect(s.workingDays).toBe(8);
  });

  it('runs over Easter: UK6 on Thursday 2 April 2026 ends on Wednesday 15 April', () => {
    expect(standstillPeriod('2026-04-02').lastDay).toBe('2026-04-15');
  });

  it('is eight weekdays in an ordinary fortnight, counting the day of publication', () => {
    expect(standstillPeriod('2026-03-02').lastDay).toBe('2026-03-11');
  });

  it('begins with the next working day when the UK6 is published on a Saturday', () => {
    expect(standstillPeriod('2026-03-07').lastDay).toBe('2026-03-18');
  });

  it('may be longer when the UK6 says so, never shorter than eight working days', () => {
    expect(standstillPeriod('2026-03-02', { workingDays: 10 }).lastDay).toBe('2026-03-13');
    expect(() => standstillPeriod('2026-03-02', { workingDays: 7 })).toThrow(/at least 8 working days/);
  });

  it('gives the last day a UK6 can be published for a contract to start on a given day', () => {
    expect(latestAwardNoticeFor('2027-01-08')).toBe('2026-12-24');
    expect(latestAwardNoticeFor('2026-03-12')).toBe('2026-03-02');
  });
});

describe('one rule for when a contract may be entered into, given its award notices', () => {
  const observed = { publishedOn: '2026-12-24', fields: { voluntaryStandstill: 'yes' } };
  const none = { publishedOn: '2026-12-24', fields: { voluntaryStandstill: 'no' } };

  it('with no UK6 published, nothing applies', () => {
    expect(contractEntryDecision('2020-01-01', null)).toEqual({ allowed: true });
  });

  it('a UK6 observing the standstill (the default, also with no fields) refuses the standstill and allows the day after', () => {
    for (const notice of [observed, { publishedOn: '2026-12-24', fields: null }]) {
      expect(contractEntryDecision('2027-01-07', notice)).toMatchObject({ allowed: false, earliestEntryDate: '2027-01-08' });
      expect(contractEntryDecision('2027-01-08', notice)).toEqual({ allowed: true });
    }
  });

  it('a UK6 with no voluntary standstill allows its own day, and refuses any day before it (s.50)', () => {
    expect(contractEntryDecision('2026-12-24', none)).toEqual({ allowed: true });
    const before = contractEntryDecision('2026-12-23', none);
    expect(before).toMatchObject({ allowed: false, earliestEntryDate: '2026-12-24' });
    if (!before.allowed) expect(before.reason).toContain('s.50');
  });

  it('the latest published UK6 governs: a notice published again restarts the standstill', () => {
    const notices = [{ publishedOn: '2026-12-01', fields: { voluntaryStandstill: 'no' } }, observed, { publishedOn: '2026-11-02', fields: {} }];
    expect(governingAwardNotice(notices)).toBe(observed);
    expect(governingAwardNotice([])).toBeNull();
    expect(contractEntryDecision('2026-12-30', governingAwardNotice(notices)).allowed).toBe(false);
  });
});

describe('entering into the contract during standstill is refused', () => {
  const s = standstillPeriod('2026-12-24');

  it('refuses the last day of the standstill, saying when it ends and the earliest day', () => {
    const decision = mayEnterContract('2027-01-07', s);
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.reason).toContain('7 January 2027');
    expect(decision.reason).toContain('8 January 2027');
    expect(decision.earliestEntryDate).toBe('2027-01-08');
  });

  it('refuses a start before the UK6 and allows the day after the standstill', () => {
    expect(mayEnterContract('2026-12-01', s).allowed).toBe(false);
    expect(mayEnterContract('2027-01-08', s)).toEqual({ allowed: true });
  });

  it('as a gate, throws a BAD_REQUEST on the start date', () => {
    expect(() => assertMayEnterContract('2026-12-31', s)).toThrow(DomainError);
    try {
      assertMayEnterContract('2026-12-31', s);
    } catch (e) {
      expect((e as DomainError).field).toBe('startDate');
    }
    expect(() => assertMayEnterContract('2027-01-08', s)).not.toThrow();
  });

  it('property: the standstill ends on a working day exactly eight working days on, and only after it may the contract start', () => {
    const first = Date.UTC(2024, 0, 1);
    const last = Date.UTC(2028, 10, 30);
    const day = fc.integer({ min: 0, max: (last - first) / 86_400_000 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, (published) => {
        const period = standstillPeriod(published);
        expect(isWorkingDay(period.lastDay)).toBe(true);
        expect(workingDaysInclusive(published, period.lastDay)).toBe(8);
        expect(period.earliestEntryDate).toBe(addDays(period.lastDay, 1));
        expect(mayEnterContract(period.lastDay, period).allowed).toBe(false);
        expect(mayEnterContract(published, period).allowed).toBe(false);
        expect(mayEnterContract(period.earliestEntryDate, period).allowed).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
