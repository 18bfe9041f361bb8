import { addDays } from '../contract/dates.ts';
import { longDate } from '../date-text.ts';
import { isoDate } from '../procurement/dates.ts';
import { minimumParticipationPeriod, minimumTenderingPeriod, type MinimumPeriod, type TenderingProcedure } from './time-limits.ts';

/**
 * The closing dates a tender notice (UK4) states and the s.54 minimum periods they must leave (issue 16). The dates
 * are fields a person supplies on the UK4 (ISO days); the procedure and a reason for urgency are too. Pure: the API
 * refuses a UK4 marked ready or published with a date too early, and the web shows the earliest day allowed beside the
 * date inputs, both from these functions.
 *
 * Counting (s.54, "beginning with the day after"): a period of N days after a notice published on day D ends at the
 * end of D + N, so the earliest closing date is D + N. With a participation stage (competitive flexible procedure),
 * tenders are invited no earlier than the day requests to participate close, so the earliest tender deadline is the
 * participation deadline + the tendering period. Concord assumes tenders are submitted electronically with the
 * documents at publication (Find a Tender and the authority's e-tendering portal); for light touch contracts (all of
 * adult social care) the 10-day row is shorter anyway.
 */
export const TENDER_NOTICE_FIELD = {
  procedure: 'procedure',
  participationDeadline: 'participationDeadline',
  tenderDeadline: 'tenderDeadline',
  urgencyReason: 'urgencyReason',
} as const;
export type TenderDeadlineField = 'participationDeadline' | 'tenderDeadline';

export const TENDER_DEADLINE_LABELS: Record<TenderDeadlineField, string> = {
  participationDeadline: 'Requests to participate must be received by',
  tenderDeadline: 'Tenders must be received by',
};

export interface TenderNoticeFacts {
  /** The UK4's person-supplied fields. */
  readonly fields: Readonly<Record<string, string | undefined>>;
  /** The day the UK4 is (or, for a draft, would at the earliest be) published. */
  readonly publishedOn: string;
  /** The day a planned procurement notice (UK3) of the procurement was published, if one was. */
  readonly plannedNoticeOn?: string | null | undefined;
  readonly lightTouch: boolean;
  /** The UK4 is not published yet: `publishedOn` is the earliest day it could be (today). */
  readonly unpublished?: boolean | undefined;
}

export interface DeadlineRule {
  readonly field: TenderDeadlineField;
  readonly label: string;
  readonly period: MinimumPeriod;
  /** The earliest day the deadline may fall on. */
  readonly earliest: string;
  /** From what the period is counted, in words. */
  readonly countedFrom: string;
  /** The rule in words, for beside the date input. */
  readonly text: string;
}

export interface TenderNoticeRules {
  readonly procedure: TenderingProcedure;
  /** Only for a competitive flexible procedure (its participation stage). */
  readonly participation: DeadlineRule | null;
  readonly tender: DeadlineRule;
}

export interface DeadlineProblem {
  readonly field: TenderDeadlineField;
  readonly message: string;
}

const isDay = (value: string | undefined): value is string => !!value && isoDate.safeParse(value).success;
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function procedureOf(fields: TenderNoticeFacts['fields']): TenderingProcedure {
  return fields[TENDER_NOTICE_FIELD.procedure] === 'competitive_flexible' ? 'competitive_flexible' : 'open';
}

function rule(field: TenderDeadlineField, period: MinimumPeriod, from: string, countedFrom: string): DeadlineRule {
  const earliest = addDays(from, period.days);
  return {
    field,
    label: TENDER_DEADLINE_LABELS[field],
    period,
    earliest,
    countedFrom,
    text: `At least ${period.days} days counted from the day after ${countedFrom}: ${longDate(earliest)} at the earliest (${lower(period.reason)}; ${period.provision}).`,
  };
}

/** The minimum periods that apply to a tender notice's closing dates, and the earliest day each may fall on. */
export function tenderNoticeRules(facts: TenderNoticeFacts): TenderNoticeRules {
  const procedure = procedureOf(facts.fields);
  const urgency = !!facts.fields[TENDER_NOTICE_FIELD.urgencyReason]?.trim();
  const noticeWords = facts.unpublished
    ? `the tender notice is published (today, ${longDate(facts.publishedOn)}, at the earliest)`
    : `the tender notice is published (${longDate(facts.publishedOn)})`;
  const participation = procedure === 'competitive_flexible' ? rule('participationDeadline', minimumParticipationPeriod({ urgency }), facts.publishedOn, noticeWords) : null;
  const tenderingFacts = {
    procedure,
    tenderNoticePublishedOn: facts.publishedOn,
    lightTouch: facts.lightTouch,
    electronicSubmission: true,
    documentsAtPublication: true,
    plannedProcurementNoticePublishedOn: facts.plannedNoticeOn ?? null,
    urgency,
  };
  const closes = facts.fields[TENDER_NOTICE_FIELD.participationDeadline];
  const tender =
    participation && isDay(closes)
      ? rule('tenderDeadline', minimumTenderingPeriod(tenderingFacts), closes, `requests to participate close (${longDate(closes)}), the earliest day tenders can be invited`)
      : rule('tenderDeadline', minimumTenderingPeriod(tenderingFacts), facts.publishedOn, noticeWords);
  return { procedure, participation, tender };
}

/**
 * What is wrong with a tender notice's closing dates, in words, each naming its field: a date missing or not a real
 * day, a participation deadline on an open procedure, a date earlier than the minimum period allows.
 */
export function tenderNoticeDeadlineProblems(facts: TenderNoticeFacts): DeadlineProblem[] {
  const rules = tenderNoticeRules(facts);
  const problems: DeadlineProblem[] = [];
  const check = (r: DeadlineRule, value: string | undefined, required: boolean) => {
    if (!value?.trim()) {
      if (required) problems.push({ field: r.field, message: `Enter the day ${lower(r.label)}` });
      return;
    }
    if (!isDay(value)) problems.push({ field: r.field, message: `“${r.label}” must be a real date` });
    else if (value < r.earliest)
      problems.push({
        field: r.field,
        message: `“${r.label}” must be on or after ${longDate(r.earliest)}, not ${longDate(value)}: the minimum period is ${r.period.days} days, counted from the day after ${r.countedFrom}: ${lower(r.period.reason)} (${r.period.provision}).`,
      });
  };
  const participation = facts.fields[TENDER_NOTICE_FIELD.participationDeadline];
  if (rules.participation) check(rules.participation, participation, false);
  else if (participation?.trim())
    problems.push({ field: 'participationDeadline', message: `An open procedure has no participation stage: leave “${TENDER_DEADLINE_LABELS.participationDeadline}” empty, or choose the competitive flexible procedure` });
  check(rules.tender, facts.fields[TENDER_NOTICE_FIELD.tenderDeadline], true);
  return problems;
}

/**
 * Where preliminary market engagement took place, a preliminary market engagement notice (UK2) is published before
 * the tender notice, or the tender notice says why not (s.17). `uk4PublishedOn` is the UK4's publication day, or
 * null when it is only being marked ready (then the UK2 must be published already). Null when satisfied.
 */
export function marketEngagementNoticeProblem(facts: {
  readonly engagementTookPlace: boolean;
  readonly uk2PublishedOn: string | null;
  readonly noNoticeReason: string | null | undefined;
  readonly uk4PublishedOn: string | null;
}): string | null {
  if (!facts.engagementTookPlace || facts.noNoticeReason?.trim()) return null;
  if (facts.uk2PublishedOn && (facts.uk4PublishedOn === null || facts.uk2PublishedOn <= facts.uk4PublishedOn)) return null;
  const when = facts.uk2PublishedOn ? `: the one published on ${longDate(facts.uk2PublishedOn)} is after the tender notice` : '';
  return `Preliminary market engagement took place, so publish the preliminary market engagement notice (UK2) before the tender notice${when}, or give the reason for not publishing one (Procurement Act 2023, s.17)`;
}
