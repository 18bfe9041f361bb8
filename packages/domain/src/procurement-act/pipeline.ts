import { financialYear, financialYearOf } from '../budget/financial-year.ts';
import { addDays } from '../contract/dates.ts';
import { longDate } from '../date-text.ts';
import { formatPence } from '../money.ts';
import { assertIsoDate } from '../procurement/dates.ts';
import { PROCUREMENT_ACT_COMMENCEMENT } from './regime.ts';

/**
 * The pipeline notice (UK1) of s.93, as dated configuration: an authority that expects to pay more than the spend
 * threshold under relevant contracts in the coming financial year publishes, before the end of the period of `days`
 * days beginning with the first day of that year, a notice of each public contract above `plannedContractPence` it
 * plans to award in the next 18 months. Concord does not hold an authority's total spend, so it cannot say whether
 * the notice is required: it shows the rule, the date, and the contract values it holds for the year as a floor.
 */
export interface PipelineNoticeRule {
  /** The first day of financial years this rule applies to. */
  readonly from: string;
  readonly spendThresholdPence: number;
  readonly plannedContractPence: number;
  readonly days: number;
  readonly source: string;
}

/** Oldest first; each applies to financial years beginning on or after its `from` until the next one's. */
export const PIPELINE_NOTICE_RULES: readonly PipelineNoticeRule[] = [
  { from: PROCUREMENT_ACT_COMMENCEMENT, spendThresholdPence: 100_000_000 * 100, plannedContractPence: 2_000_000 * 100, days: 56, source: 'Procurement Act 2023, s.93' },
];

/** The rule for the financial year beginning `yearStartsOn`. */
export function pipelineNoticeRule(yearStartsOn: string): PipelineNoticeRule {
  assertIsoDate(yearStartsOn, 'the first day of the financial year');
  const rule = [...PIPELINE_NOTICE_RULES].reverse().find((r) => r.from <= yearStartsOn);
  if (!rule) throw new Error(`The Procurement Act 2023 asks no pipeline notice for a year beginning before ${longDate(PROCUREMENT_ACT_COMMENCEMENT)}`);
  return rule;
}

/** "2027 to 2028" for the year beginning 1 April 2027 (GOV.UK style for financial years). */
export function financialYearName(yearStartsOn: string): string {
  const year = financialYearOf(yearStartsOn);
  return `${year} to ${year + 1}`;
}

/** The last day to publish the UK1: within 56 days beginning with the first day of the year (1 April counts as day 1: 26 May). */
export function pipelineNoticeDueBy(yearStartsOn: string): string {
  return addDays(yearStartsOn, pipelineNoticeRule(yearStartsOn).days - 1);
}

/**
 * The financial year whose UK1 an authority should be thinking of on `today`: the current one while its period to
 * publish runs, else the next one.
 */
export function pipelineYearFor(today: string): string {
  assertIsoDate(today, 'today');
  const current = financialYear(financialYearOf(today)).start;
  return today <= pipelineNoticeDueBy(current) ? current : financialYear(financialYearOf(today) + 1).start;
}

/**
 * The words "What is due" shows for the UK1 (Concord cannot tell whether it is required). The year, the due day and
 * what Concord holds are shown beside it, so they are not repeated here.
 */
export function pipelineNoticeReason(yearStartsOn: string): string {
  const rule = pipelineNoticeRule(yearStartsOn);
  return (
    `Required only if your authority expects to pay more than ${formatPence(rule.spendThresholdPence, { whole: true })} under public contracts in the year (${rule.source}). ` +
    `Concord does not hold all of your authority’s spend: what its contracts come to is a floor.`
  );
}
