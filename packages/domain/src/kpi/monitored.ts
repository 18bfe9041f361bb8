import { longDate } from '../date-text.ts';
import { noFigure, onePlace, percent, plural, serviceLabel, type DerivedFigure } from './figure.ts';

/**
 * KPIs fed by providers' monitoring returns (issue 11, item 5; seed 003's performance reporting): a derived KPI
 * whose rule reads the monitoring returns of the authority's contracts that the authority has ACCEPTED (never a
 * draft, a submitted one awaiting a decision, or a queried one), for months or quarters lying wholly inside the KPI's
 * period, of contracts of the KPI's service type when it names one.
 *
 * Missed visits are a count, not a rate: a return holds hours delivered but not how many visits were planned, so a
 * percentage of visits cannot be worked out, and a KPI has no unit for "per 1,000 hours". Shown beside the hours
 * delivered (in the working, and by the hours KPI) the count can still be compared.
 *
 * Staff turnover is a percentage per return; the authority's figure is their mean weighted by hours delivered (a
 * provider delivering more of the care counts for more). Stored as a numerator and a denominator so that the
 * percentage is worked out again from them: numerator Σ(turnover% × hours) ÷ 100, denominator Σ hours.
 */
export const MONITORED_DERIVATIONS = ['monitored_hours_delivered', 'monitored_missed_visits', 'monitored_complaints', 'monitored_staff_turnover'] as const;
export type MonitoredDerivation = (typeof MONITORED_DERIVATIONS)[number];

export const MONITORED_RULES: Record<MonitoredDerivation, { label: string; unit: 'hours' | 'count' | 'percent' }> = {
  monitored_hours_delivered: { label: 'Hours delivered, from providers’ accepted monitoring returns', unit: 'hours' },
  monitored_missed_visits: { label: 'Missed visits, from providers’ accepted monitoring returns', unit: 'count' },
  monitored_complaints: { label: 'Complaints, from providers’ accepted monitoring returns', unit: 'count' },
  monitored_staff_turnover: { label: 'Staff turnover weighted by hours delivered, from providers’ accepted monitoring returns', unit: 'percent' },
};

export const isMonitoredDerivation = (rule: string): rule is MonitoredDerivation => (MONITORED_DERIVATIONS as readonly string[]).includes(rule);

/** The period's monitoring returns added up (by the database: the returns themselves are never read one by one). */
export interface MonitoringTotals {
  /** Accepted returns counted. */
  returns: number;
  /** Returns of the same contracts and periods left out because they are not accepted yet (submitted or queried). */
  notAccepted: number;
  contracts: number;
  providers: number;
  hoursDelivered: number;
  missedVisits: number;
  complaints: number;
  /** Σ staff turnover % × hours delivered. */
  turnoverHours: number;
}

export interface MonitoredInput {
  rule: MonitoredDerivation;
  serviceType: string | null;
  period: { start: string; end: string };
  /** Missing is the same as no returns. */
  totals: MonitoringTotals | undefined;
}

const EMPTY: MonitoringTotals = { returns: 0, notAccepted: 0, contracts: 0, providers: 0, hoursDelivered: 0, missedVisits: 0, complaints: 0, turnoverHours: 0 };
const number = (x: number) => x.toLocaleString('en-GB');

/** The figure of a monitored_* rule from the period's totals, with its working in words. Pure. */
export function deriveFromMonitoring(input: MonitoredInput): DerivedFigure {
  const t = input.totals ?? EMPTY;
  const of = input.serviceType ? ` of ${serviceLabel(input.serviceType).toLowerCase()} contracts` : '';
  const between = `between ${longDate(input.period.start)} and ${longDate(input.period.end)}`;
  const left = t.notAccepted > 0 ? ` ${plural(t.notAccepted, 'return')} not yet accepted (submitted or queried) ${t.notAccepted === 1 ? 'is' : 'are'} left out.` : '';
  if (t.returns === 0) {
    return noFigure(`No accepted monitoring returns${of} cover a month or quarter ${between}, so there is no figure: a provider’s return counts once you accept it.`, left ? [left.trim()] : []);
  }
  const working = [
    `From ${plural(t.returns, 'accepted monitoring return')} (${plural(t.contracts, 'contract')}, ${plural(t.providers, 'provider')})${of} for months or quarters ${between}.${left}`,
  ];
  switch (input.rule) {
    case 'monitored_hours_delivered':
      working.push(`Hours delivered add up to ${number(t.hoursDelivered)}.`);
      return { value: t.hoursDelivered, numerator: t.hoursDelivered, denominator: null, working, reason: null };
    case 'monitored_missed_visits':
      working.push(`Missed visits add up to ${number(t.missedVisits)}, over ${number(t.hoursDelivered)} hours delivered.`);
      return { value: t.missedVisits, numerator: t.missedVisits, denominator: null, working, reason: null };
    case 'monitored_complaints':
      working.push(`Complaints add up to ${number(t.complaints)}.`);
      return { value: t.complaints, numerator: t.complaints, denominator: null, working, reason: null };
    case 'monitored_staff_turnover': {
      if (t.hoursDelivered === 0) return noFigure('The returns report no hours delivered, so there is no weighted staff turnover (a denominator of 0).', working, 0, 0);
      const numerator = t.turnoverHours / 100;
      const value = percent(numerator, t.hoursDelivered);
      working.push(`Each return’s staff turnover weighted by its hours delivered: ${number(t.turnoverHours)} ÷ ${number(t.hoursDelivered)} hours = ${onePlace(value)}%.`);
      return { value, numerator, denominator: t.hoursDelivered, working, reason: null };
    }
  }
}
