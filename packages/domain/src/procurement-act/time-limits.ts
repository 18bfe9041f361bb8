import { addDays, addMonths, daysBetween } from '../contract/dates.ts';
import { longDate } from '../date-text.ts';
import { assertIsoDate } from '../procurement/dates.ts';

/**
 * Minimum participation and tendering periods of a competitive tendering procedure under the Procurement Act
 * 2023, s.54 (tables in s.54(3) for participation and s.54(4) for tendering). The authority may set longer
 * periods, never shorter; where several rows apply it may use the shortest.
 *
 * Verified in this session against the Act's text: a "qualifying planned procurement notice" is a planned
 * procurement notice (UK3) published at least 40 days but not more than 12 months before the day the tender
 * notice is published (s.15(3)), and it shortens the tendering period under s.54(4) (s.15(4)); the 10 days it
 * shortens to is stated in the issue and in practitioners' summaries.
 *
 * Checked against the Cabinet Office's "Guidance: Time Periods" (issue 16;
 * https://www.gov.uk/government/publications/procurement-act-2023-guidance-documents-procure-phase/time-periods-html,
 * and the Welsh Government's copy at https://gov.wales/procurement-act-2023-guidance-time-periods-html). Its
 * paragraph 6 confirms the shape of the tables in s.54(3) and (4): the minimums shrink for a state of urgency or a
 * qualifying planned procurement notice, and grow when tenders cannot be submitted electronically or the
 * associated tender documents are not provided with the tender notice. The figures themselves (25, 30 and 35
 * days; 10 days for urgency and dynamic market awards; 25 and 10 days of participation) sit in the guidance's
 * tables, which the stored copy did not reach: they stay `verified: false`.
 *
 * Light touch contracts: a practitioners' summary (Ward Hadaway, "Procurement in a Nutshell: Procurement Act 2023
 * – Light Touch Contracts", https://www.wardhadaway.com/insights/updates/procurement-in-a-nutshell-procurement-act-2023-light-touch-contracts/)
 * says the Act mandates no minimum periods for them at all. If so, the 10-day row
 * below is Concord's own floor, not a row of the Act's table, and never shorter than the Act allows; the official
 * light touch guidance's Annex A, which would settle it, was not reachable, so it stays unverified.
 *
 * Days are calendar days. Concord counts a period from the day after the notice (or invitation) is published,
 * so the earliest deadline is publication + N days: if the Act counts the day of publication, this is one day
 * longer than needed, never shorter.
 */
export const TENDERING_PROCEDURES = ['open', 'competitive_flexible'] as const;
export type TenderingProcedure = (typeof TENDERING_PROCEDURES)[number];
export const TENDERING_PROCEDURE_LABELS: Record<TenderingProcedure, string> = {
  open: 'Open procedure (a single stage, anyone may tender)',
  competitive_flexible: 'Competitive flexible procedure',
};

export interface MinimumPeriod {
  readonly days: number;
  /** Why this row applies, in words. */
  readonly reason: string;
  readonly provision: string;
  /** Whether the row was checked against the Act's text (see the module note). */
  readonly verified: boolean;
}

export interface TenderingPeriodFacts {
  readonly procedure: TenderingProcedure;
  /** The day the tender notice (UK4) is, or will be, published. */
  readonly tenderNoticePublishedOn: string;
  /** A light touch contract (s.9; adult social care is one). */
  readonly lightTouch: boolean;
  /** Tenders may be submitted electronically. */
  readonly electronicSubmission: boolean;
  /** All associated tender documents are provided when the tender notice is published (or tenders invited). */
  readonly documentsAtPublication: boolean;
  /** The day a planned procurement notice (UK3) for it was published, if one was. */
  readonly plannedProcurementNoticePublishedOn?: string | null | undefined;
  /** The authority considers a state of urgency makes the normal period impractical (it must say why). */
  readonly urgency?: boolean | undefined;
  /** A competitive award by reference to a dynamic market (s.34). */
  readonly dynamicMarketAward?: boolean | undefined;
}

/** A UK3 published at least 40 days and at most 12 months before the UK4 (s.15(3)). */
export function isQualifyingPlannedProcurementNotice(plannedOn: string, tenderNoticeOn: string): boolean {
  assertIsoDate(plannedOn, 'the day the planned procurement notice was published');
  assertIsoDate(tenderNoticeOn, 'the day the tender notice was published');
  return daysBetween(plannedOn, tenderNoticeOn) >= 40 && tenderNoticeOn <= addMonths(plannedOn, 12);
}

/** Every row of the tendering table that applies, shortest first. */
export function tenderingPeriodRows(facts: TenderingPeriodFacts): MinimumPeriod[] {
  assertIsoDate(facts.tenderNoticePublishedOn, 'the day the tender notice is published');
  const rows: MinimumPeriod[] = [];
  const planned = facts.plannedProcurementNoticePublishedOn;
  if (planned && isQualifyingPlannedProcurementNotice(planned, facts.tenderNoticePublishedOn)) {
    rows.push({
      days: 10,
      reason: `A planned procurement notice was published on ${longDate(planned)}, between 40 days and 12 months before the tender notice`,
      provision: 'Procurement Act 2023, ss.15(3)–(4) and 54(4)',
      verified: true,
    });
  }
  if (facts.lightTouch) rows.push({ days: 10, reason: 'A light touch contract', provision: 'Procurement Act 2023, s.54(4)', verified: false });
  if (facts.urgency) rows.push({ days: 10, reason: 'A state of urgency makes the normal period impractical', provision: 'Procurement Act 2023, s.54(4)', verified: false });
  if (facts.dynamicMarketAward) rows.push({ days: 10, reason: 'An award by reference to a dynamic market', provision: 'Procurement Act 2023, s.54(4)', verified: false });
  const documents = facts.procedure === 'open' ? 'the documents are published with the tender notice' : 'the documents are provided when tenders are invited';
  if (facts.electronicSubmission && facts.documentsAtPublication) {
    rows.push({ days: 25, reason: `Tenders may be submitted electronically and ${documents}`, provision: 'Procurement Act 2023, s.54(4)', verified: false });
  } else if (facts.electronicSubmission || facts.documentsAtPublication) {
    const reason = facts.electronicSubmission
      ? 'Tenders may be submitted electronically, but not all documents are provided at publication'
      : 'The documents are provided at publication, but tenders cannot be submitted electronically';
    rows.push({ days: 30, reason, provision: 'Procurement Act 2023, s.54(4)', verified: false });
  } else {
    rows.push({ days: 35, reason: 'Neither electronic submission nor documents at publication', provision: 'Procurement Act 2023, s.54(4)', verified: false });
  }
  return rows.sort((a, b) => a.days - b.days);
}

/** The shortest tendering period the Act allows for these facts. */
export function minimumTenderingPeriod(facts: TenderingPeriodFacts): MinimumPeriod {
  return tenderingPeriodRows(facts)[0]!;
}

/**
 * The minimum participation period (the time to ask to take part) of a competitive flexible procedure with a
 * participation stage: 25 days, or 10 for urgency (s.54(3), as recalled; not found in the stored guidance, see the
 * module note). Light touch contracts are given 25: a shorter light-touch row could not be verified, and a
 * longer minimum never breaks the Act.
 */
export function minimumParticipationPeriod(facts: { readonly urgency?: boolean | undefined }): MinimumPeriod {
  if (facts.urgency) return { days: 10, reason: 'A state of urgency makes the normal period impractical', provision: 'Procurement Act 2023, s.54(3)', verified: false };
  return { days: 25, reason: 'The normal minimum participation period', provision: 'Procurement Act 2023, s.54(3)', verified: false };
}

export interface TenderDeadlineCheck {
  readonly period: MinimumPeriod;
  /** The earliest day the deadline for tenders may fall on. */
  readonly earliestDeadline: string;
  readonly ok: boolean;
  /** In words, when not ok. */
  readonly problem?: string;
}

/** Whether a deadline for tenders leaves at least the minimum tendering period after the tender notice. */
export function checkTenderDeadline(deadline: string, facts: TenderingPeriodFacts): TenderDeadlineCheck {
  assertIsoDate(deadline, 'the deadline for tenders');
  const period = minimumTenderingPeriod(facts);
  const earliestDeadline = addDays(facts.tenderNoticePublishedOn, period.days);
  if (deadline >= earliestDeadline) return { period, earliestDeadline, ok: true };
  return {
    period,
    earliestDeadline,
    ok: false,
    problem: `The deadline for tenders must be on or after ${longDate(earliestDeadline)}: at least ${period.days} days after the tender notice of ${longDate(facts.tenderNoticePublishedOn)} (${period.reason.charAt(0).toLowerCase()}${period.reason.slice(1)}; ${period.provision}).`,
  };
}
