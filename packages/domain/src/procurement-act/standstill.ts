import { addDays } from '../contract/dates.ts';
import { longDate } from '../date-text.ts';
import { badRequest } from '../errors.ts';
import { assertIsoDate } from '../procurement/dates.ts';
import { ENGLAND_AND_WALES_WORKING_DAYS, lastOfWorkingDays, type WorkingDayCalendar } from './working-days.ts';

/**
 * The standstill of the Procurement Act 2023, s.51: a contracting authority may not enter into a public
 * contract before the end of the mandatory standstill period, "the period of eight working days beginning with
 * the day on which a contract award notice is published" (s.51(2)), or, if later, the end of a longer standstill
 * the contract award notice (UK6) provides for (s.51(1)(b)).
 *
 * The period ends at the end of its last working day, so the contract may be entered into from the next calendar
 * day (which may be a Saturday: the Act forbids entering into the contract during the period, nothing after it).
 */
export const MANDATORY_STANDSTILL_WORKING_DAYS = 8;

export interface StandstillPeriod {
  /** The day the contract award notice (UK6) was published on the Central Digital Platform. */
  readonly contractAwardNoticePublishedOn: string;
  /** Working days in the period (8, or more where the UK6 gave a longer one). */
  readonly workingDays: number;
  /** The last day of the standstill: always a working day. */
  readonly lastDay: string;
  /** The first day the contract may be entered into (the calendar day after the last day). */
  readonly earliestEntryDate: string;
}

/**
 * The standstill that follows a UK6 published on `publishedOn`. `workingDays` is 8 unless the notice gave a
 * longer period (fewer than 8 is refused: the Act sets the minimum). Refuses a period running into a year
 * whose bank holidays are not held.
 */
export function standstillPeriod(
  publishedOn: string,
  options: { workingDays?: number; calendar?: WorkingDayCalendar } = {},
): StandstillPeriod {
  assertIsoDate(publishedOn, 'the day the contract award notice was published');
  const workingDays = options.workingDays ?? MANDATORY_STANDSTILL_WORKING_DAYS;
  if (!Number.isInteger(workingDays) || workingDays < MANDATORY_STANDSTILL_WORKING_DAYS) {
    throw badRequest(`A standstill period is at least ${MANDATORY_STANDSTILL_WORKING_DAYS} working days (Procurement Act 2023, s.51(2))`, 'standstillWorkingDays');
  }
  const lastDay = lastOfWorkingDays(publishedOn, workingDays, options.calendar ?? ENGLAND_AND_WALES_WORKING_DAYS);
  return { contractAwardNoticePublishedOn: publishedOn, workingDays, lastDay, earliestEntryDate: addDays(lastDay, 1) };
}

export type ContractEntryDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string; readonly earliestEntryDate: string };

/**
 * May the contract be entered into (start) on `on`, given the standstill? Refused on any day up to and including
 * the standstill's last day, with the reason in words. A day before the UK6 was published is refused too: the
 * Act requires the notice before the contract (s.50(1)).
 */
export function mayEnterContract(on: string, standstill: StandstillPeriod): ContractEntryDecision {
  assertIsoDate(on, 'the day the contract is entered into');
  if (on < standstill.contractAwardNoticePublishedOn) {
    return {
      allowed: false,
      reason: `The contract cannot be entered into on ${longDate(on)}: the contract award notice was published on ${longDate(standstill.contractAwardNoticePublishedOn)}, and a contract can only be entered into after its notice and standstill (Procurement Act 2023, ss.50 and 51).`,
      earliestEntryDate: standstill.earliestEntryDate,
    };
  }
  if (on <= standstill.lastDay) {
    return {
      allowed: false,
      reason: `The contract cannot be entered into on ${longDate(on)}: the standstill period of ${standstill.workingDays} working days that began with the contract award notice on ${longDate(standstill.contractAwardNoticePublishedOn)} runs to the end of ${longDate(standstill.lastDay)}. The earliest day is ${longDate(standstill.earliestEntryDate)} (Procurement Act 2023, s.51).`,
      earliestEntryDate: standstill.earliestEntryDate,
    };
  }
  return { allowed: true };
}

/** {@link mayEnterContract} as a gate: throws a BAD_REQUEST on `field` with the reason when refused. */
export function assertMayEnterContract(on: string, standstill: StandstillPeriod, field = 'startDate'): void {
  const decision = mayEnterContract(on, standstill);
  if (!decision.allowed) throw badRequest(decision.reason, field);
}

/**
 * The last day a UK6 can be published for the mandatory standstill to have ended before a contract entered into
 * on `entryOn`: the latest day whose eight working days end before it.
 */
export function latestAwardNoticeFor(entryOn: string, calendar: WorkingDayCalendar = ENGLAND_AND_WALES_WORKING_DAYS): string {
  assertIsoDate(entryOn, 'the day the contract is to be entered into');
  let day = addDays(entryOn, -1);
  while (standstillPeriod(day, { calendar }).lastDay >= entryOn) day = addDays(day, -1);
  return day;
}

/**
 * The mandatory standstill does not apply to a light touch contract (s.51(3)), which all of adult social care is.
 * Issue 16: the official guidance says s.51 sets out exemptions (Cabinet Office, "Guidance: Contract Award Notices
 * and Standstill", paragraph 4) but its list was not reachable in the stored copy; a practitioners' summary (Ward
 * Hadaway, "Procurement in a Nutshell: Procurement Act 2023 – Light Touch Contracts") states the light touch
 * exemption. Not verified against the guidance itself. So
 * the authority chooses, on its contract award notice (UK6), whether to observe a voluntary standstill period. The
 * choice is the UK6's field `voluntaryStandstill`: 'yes' (the default, also when the field is absent) or 'no'.
 */
export const VOLUNTARY_STANDSTILL_FIELD = 'voluntaryStandstill';
export const VOLUNTARY_STANDSTILL_CHOICES = [
  { value: 'yes', label: 'Yes: no contract is entered into until 8 working days after the notice is published' },
  { value: 'no', label: 'No: the contract may be entered into as soon as the notice is published' },
] as const;

/** Whether a UK6 with these fields observes a standstill period (yes unless it says no). */
export function observesStandstill(fields: Readonly<Record<string, string | undefined>> | null | undefined): boolean {
  return fields?.[VOLUNTARY_STANDSTILL_FIELD]?.trim() !== 'no';
}

/** What a contract award notice says of the standstill, in words. */
export function standstillStatement(publishedOn: string | null, observed: boolean): string {
  if (!observed) return 'No standstill period is observed: the mandatory standstill does not apply to a light touch contract (Procurement Act 2023, s.51(3)), and the authority chose not to observe a voluntary one.';
  if (!publishedOn) return `A voluntary standstill period of ${MANDATORY_STANDSTILL_WORKING_DAYS} working days is observed, beginning with the day this notice is published (Procurement Act 2023, s.51).`;
  try {
    const s = standstillPeriod(publishedOn);
    return `A voluntary standstill period is observed: ${s.workingDays} working days beginning with ${longDate(publishedOn)}, ending at the end of ${longDate(s.lastDay)}. The contract will not be entered into before ${longDate(s.earliestEntryDate)} (Procurement Act 2023, s.51).`;
  } catch {
    return `A voluntary standstill period of ${MANDATORY_STANDSTILL_WORKING_DAYS} working days is observed, beginning with ${longDate(publishedOn)} (Procurement Act 2023, s.51).`;
  }
}

/** A published contract award notice (UK6), as the entry decision needs it. */
export interface PublishedAwardNotice {
  readonly publishedOn: string;
  readonly fields: Readonly<Record<string, string | undefined>> | null | undefined;
}

/**
 * Of the contract award notices (UK6) published for one award, the one that governs when the contract may be
 * entered into: the latest published (a notice published again restarts the standstill). Null when none is.
 */
export function governingAwardNotice<T extends { readonly publishedOn: string }>(published: readonly T[]): T | null {
  return published.reduce<T | null>((latest, n) => (!latest || n.publishedOn > latest.publishedOn ? n : latest), null);
}

/**
 * May a contract be entered into (start) on `on`, given its award's governing UK6 (or none)? With no UK6 nothing
 * applies (the 2015 rules, or before the notice: other checks say so). A UK6 that chose no voluntary standstill
 * (s.51(3)) still comes first: the contract is entered into only after its notice (s.50(1)). Otherwise the
 * standstill applies (s.51). The one rule both the contract-start gate and the register's warnings apply.
 */
export function contractEntryDecision(on: string, notice: PublishedAwardNotice | null): ContractEntryDecision {
  if (!notice) return { allowed: true };
  if (observesStandstill(notice.fields)) return mayEnterContract(on, standstillPeriod(notice.publishedOn));
  assertIsoDate(on, 'the day the contract is entered into');
  if (on >= notice.publishedOn) return { allowed: true };
  return {
    allowed: false,
    reason: `The contract cannot be entered into on ${longDate(on)}: its contract award notice was published on ${longDate(notice.publishedOn)}, and a contract is entered into only after its notice (Procurement Act 2023, s.50).`,
    earliestEntryDate: notice.publishedOn,
  };
}
