import { addDays } from '../contract/dates.ts';
import { longDate } from '../date-text.ts';
import { assertIsoDate } from '../procurement/dates.ts';

/**
 * When a notice of a contract is due under the Procurement Act 2023. "Within N days beginning with the day on
 * which X" counts X as day 1, so the last day is X + N − 1.
 */
export interface NoticeDeadline {
  /** The last day the notice may be published. */
  readonly dueBy: string;
  readonly days: number;
  /** How the deadline was worked out, in words. */
  readonly rule: string;
  readonly provision: string;
}

/** Calendar days for the UK7: 30, or 120 for a light touch contract (s.53). */
export const CONTRACT_DETAILS_NOTICE_DAYS = 30;
export const LIGHT_TOUCH_CONTRACT_DETAILS_NOTICE_DAYS = 120;
/** Calendar days for the UK11 (s.80(1): "before the end of the period of 30 days beginning with the day on which a public contract is terminated"). */
export const CONTRACT_TERMINATION_NOTICE_DAYS = 30;

function withinDaysBeginningWith(day: string, days: number): string {
  return addDays(day, days - 1);
}

/** UK7: within 30 days beginning with the day the contract is entered into; 120 for a light touch contract. */
export function contractDetailsNoticeDeadline(enteredOn: string, lightTouch: boolean): NoticeDeadline {
  assertIsoDate(enteredOn, 'the day the contract was entered into');
  const days = lightTouch ? LIGHT_TOUCH_CONTRACT_DETAILS_NOTICE_DAYS : CONTRACT_DETAILS_NOTICE_DAYS;
  return {
    dueBy: withinDaysBeginningWith(enteredOn, days),
    days,
    rule: `Within ${days} days beginning with ${longDate(enteredOn)}, the day the ${lightTouch ? 'light touch ' : ''}contract was entered into`,
    provision: 'Procurement Act 2023, s.53',
  };
}

/** UK11: within 30 days beginning with the day the contract ended (by expiry, termination or otherwise: s.80(3)). */
export function contractTerminationNoticeDeadline(endedOn: string): NoticeDeadline {
  assertIsoDate(endedOn, 'the day the contract ended');
  return {
    dueBy: withinDaysBeginningWith(endedOn, CONTRACT_TERMINATION_NOTICE_DAYS),
    days: CONTRACT_TERMINATION_NOTICE_DAYS,
    rule: `Within 30 days beginning with ${longDate(endedOn)}, the day the contract ended`,
    provision: 'Procurement Act 2023, s.80',
  };
}

/**
 * Why a change needs no contract change notice (UK10), from the Act's text (s.75(2) and (6), checked), or
 * because the contract is neither a public contract nor a convertible one (s.75(1)). An exemption under s.75(2)
 * is lost if the change is a novation or assignment on corporate restructuring (Schedule 8, paragraph 9), or if
 * it could reasonably have been made together with an earlier change that needed a notice (s.75(4) and (5)):
 * `contractChangeNotice` asks for both.
 */
export const CONTRACT_CHANGE_EXEMPTIONS = [
  'value_within_10_percent_goods_services',
  'value_within_15_percent_works',
  'term_within_10_percent',
  'light_touch_contract',
  'defence_and_security_contract',
  'private_utility',
  'not_a_public_or_convertible_contract',
] as const;
export type ContractChangeExemption = (typeof CONTRACT_CHANGE_EXEMPTIONS)[number];

export const CONTRACT_CHANGE_EXEMPTION_LABELS: Record<ContractChangeExemption, { readonly words: string; readonly provision: string }> = {
  value_within_10_percent_goods_services: {
    words: 'The change raises or lowers the estimated value of a contract for goods or services by 10 per cent or less',
    provision: 'Procurement Act 2023, s.75(2)(a)(i)',
  },
  value_within_15_percent_works: {
    words: 'The change raises or lowers the estimated value of a contract for works by 15 per cent or less',
    provision: 'Procurement Act 2023, s.75(2)(a)(ii)',
  },
  term_within_10_percent: {
    words: 'The change lengthens or shortens the term by 10 per cent or less of the maximum term provided for on award',
    provision: 'Procurement Act 2023, s.75(2)(b)',
  },
  light_touch_contract: { words: 'The contract is a light touch contract', provision: 'Procurement Act 2023, s.75(6)(b)' },
  defence_and_security_contract: { words: 'The contract is a defence and security contract', provision: 'Procurement Act 2023, s.75(6)(a)' },
  private_utility: { words: 'The contract was awarded by a private utility', provision: 'Procurement Act 2023, s.75(6)(c)' },
  not_a_public_or_convertible_contract: {
    words: 'The contract is below threshold and the change does not make it a public contract (not a convertible contract)',
    provision: 'Procurement Act 2023, s.75(1)',
  },
};

/** The exemptions of s.75(2), which its closing words (novation) and s.75(4)–(5) can take away. */
const SMALL_CHANGE_EXEMPTIONS: readonly ContractChangeExemption[] = ['value_within_10_percent_goods_services', 'value_within_15_percent_works', 'term_within_10_percent'];

export interface ContractChangeFacts {
  /** The day the change is to be made (takes effect). */
  readonly changeOn: string;
  /** The exemption the authority relies on, if any. */
  readonly exemption?: ContractChangeExemption | null | undefined;
  /** A novation or assignment on corporate restructuring (Schedule 8, paragraph 9). */
  readonly novationOnRestructuring?: boolean | undefined;
  /** Could reasonably have been made together with an earlier change that needed a notice (s.75(4)). */
  readonly couldHaveJoinedEarlierNotifiableChange?: boolean | undefined;
}

export type ContractChangeNotice =
  | { readonly required: false; readonly reason: string; readonly provision: string }
  | { readonly required: true; readonly deadline: NoticeDeadline };

/** Whether a UK10 is needed for a change, and by when (before the change is made: s.75(1)). */
export function contractChangeNotice(facts: ContractChangeFacts): ContractChangeNotice {
  assertIsoDate(facts.changeOn, 'the day the change is made');
  const exemption = facts.exemption ?? null;
  const lost =
    exemption !== null &&
    SMALL_CHANGE_EXEMPTIONS.includes(exemption) &&
    (facts.novationOnRestructuring === true || facts.couldHaveJoinedEarlierNotifiableChange === true);
  if (exemption && !lost) {
    const label = CONTRACT_CHANGE_EXEMPTION_LABELS[exemption];
    return { required: false, reason: label.words, provision: label.provision };
  }
  const why = lost
    ? facts.novationOnRestructuring
      ? ' (a novation or assignment on restructuring needs a notice however small: s.75(2))'
      : ' (it could have been made together with an earlier change that needed one: s.75(4) and (5))'
    : '';
  return {
    required: true,
    deadline: {
      dueBy: facts.changeOn,
      days: 0,
      rule: `Before the change is made on ${longDate(facts.changeOn)}${why}`,
      provision: 'Procurement Act 2023, s.75(1)',
    },
  };
}
