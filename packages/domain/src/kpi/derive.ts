import { daysBetween } from '../contract/dates.ts';
import { formatPence } from '../money.ts';
import { noFigure, onePlace, percent, plural, serviceLabel, type DerivedFigure } from './figure.ts';
import { deriveFromMonitoring, MONITORED_DERIVATIONS, MONITORED_RULES, type MonitoringTotals } from './monitored.ts';
import { workingDaysBetween } from './working-days.ts';
import { longDate } from '../date-text.ts';

export type { DerivedFigure } from './figure.ts';

/**
 * Derived KPIs (issue 6): a KPI worked out from the authority's own records instead of typed in.
 *
 * A KPI definition names its rule in `derivation` (migration 0008), so a partnership's own KPIs can pick
 * one; a new version copies it. Each rule reads the authority's placements, contracts and the CQC
 * ratings of the contracted providers' locations, and says in plain English how it got its figure.
 * Where the KPI names a service type the rule looks only at that service type (except where noted).
 *
 * "Open on the last day": started on or before the period's last day, and not ended before it (an
 * end_date on the last day is still open that day).
 */
export const KPI_DERIVATIONS = [
  'placements_open_at_period_end',
  'mean_weekly_cost_at_period_end',
  'placements_started_out_of_area',
  'placements_sourced_within_target',
  'contracted_providers_good_or_outstanding',
  'lead_provider_share_of_hours',
  ...MONITORED_DERIVATIONS,
] as const;
export type KpiDerivation = (typeof KPI_DERIVATIONS)[number];

/** What each rule works out, and the KPI unit it produces. */
export const KPI_DERIVATION_RULES: Record<KpiDerivation, { label: string; unit: 'count' | 'pence' | 'percent' | 'hours' }> = {
  placements_open_at_period_end: { label: 'Count of placements open on the last day of the period', unit: 'count' },
  mean_weekly_cost_at_period_end: { label: 'Average weekly cost of placements open on the last day of the period', unit: 'pence' },
  placements_started_out_of_area: { label: 'Percentage of placements started in the period that are out of area', unit: 'percent' },
  placements_sourced_within_target: { label: 'Percentage of placements requested in the period sourced within 5 working days', unit: 'percent' },
  contracted_providers_good_or_outstanding: { label: 'Percentage of contracted providers rated Good or Outstanding by CQC', unit: 'percent' },
  lead_provider_share_of_hours: { label: 'Lead providers’ share of the period’s commissioned hours', unit: 'percent' },
  ...MONITORED_RULES,
};

/** Placements are sourced "within the target time" when sourced within this many working days of the request. */
export const SOURCING_TARGET_WORKING_DAYS = 5;

export interface DerivationPlacement {
  serviceType: string;
  inArea: boolean;
  startDate: string;
  endDate: string | null;
  weeklyCostPence: number;
  weeklyHours: number | null;
  requestedOn: string | null;
  sourcedOn: string | null;
  /** The role of the contract the placement is under ('lead' or 'supplementary'), null when none. */
  contractRole: 'lead' | 'supplementary' | null;
}

export interface DerivationContract {
  providerId: string;
  serviceType: string;
  startDate: string;
  endDate: string;
  status: string;
}

export interface DerivationProvider {
  id: string;
  name: string;
  /** Each registered location's current CQC rating and when it was published. */
  locations: { rating: string | null; ratedOn: string | null }[];
}

export interface DerivationInput {
  rule: KpiDerivation;
  /** The KPI's service type, if it names one. */
  serviceType: string | null;
  period: { start: string; end: string };
  placements: readonly DerivationPlacement[];
  contracts?: readonly DerivationContract[];
  providers?: readonly DerivationProvider[];
  /** For the monitored_* rules: the accepted monitoring returns of the period, added up (monitored.ts). */
  monitoring?: MonitoringTotals;
}

/** Hours to 2 decimal places (weekly hours are held to the quarter hour; a part week is a fraction of one). */
const hours2 = (x: number) => Math.round(x * 100) / 100;

/** Whole pence, half up: the mean of integer pence `sum / count`, computed in integers. */
export function meanPenceHalfUp(sum: number, count: number): number {
  return Math.floor((2 * sum + count) / (2 * count));
}

export const isOpenOn = (p: Pick<DerivationPlacement, 'startDate' | 'endDate'>, day: string) => p.startDate <= day && (p.endDate === null || p.endDate >= day);

/** Days of [start, end] (inclusive) that the placement covers. */
function overlapDays(p: Pick<DerivationPlacement, 'startDate' | 'endDate'>, period: { start: string; end: string }): number {
  const from = p.startDate > period.start ? p.startDate : period.start;
  const to = p.endDate !== null && p.endDate < period.end ? p.endDate : period.end;
  return from > to ? 0 : daysBetween(from, to) + 1;
}

/** Works out one KPI figure from the authority's records. Pure: the caller reads the rows. */
export function deriveKpi(input: DerivationInput): DerivedFigure {
  const { period } = input;
  const ofService = (serviceType: string | null) => input.placements.filter((p) => serviceType === null || p.serviceType === serviceType);
  const described = input.serviceType ? `${serviceLabel(input.serviceType)} placements` : 'placements';
  const lastDay = longDate(period.end);
  switch (input.rule) {
    case 'placements_open_at_period_end': {
      const all = ofService(input.serviceType);
      if (all.length === 0) return noFigure(`No ${described} are recorded for your authority, so there is nothing to count: record them first.`, []);
      const open = all.filter((p) => isOpenOn(p, period.end));
      const working = [`${plural(open.length, described.replace(/s$/, ''), described)} open on ${lastDay}, of ${plural(all.length, 'placement')} recorded.`];
      return { value: open.length, numerator: open.length, denominator: null, working, reason: null };
    }
    case 'mean_weekly_cost_at_period_end': {
      const open = ofService(input.serviceType).filter((p) => isOpenOn(p, period.end));
      const working = [`${plural(open.length, described.replace(/s$/, ''), described)} open on ${lastDay}.`];
      if (open.length === 0) return noFigure(`No ${described} were open on ${lastDay}, so there is no average weekly cost.`, working, 0, 0);
      const sum = open.reduce((s, p) => s + p.weeklyCostPence, 0);
      const mean = meanPenceHalfUp(sum, open.length);
      working.push(`Their weekly costs add up to ${formatPence(sum)}; ${formatPence(sum)} ÷ ${open.length} = ${formatPence(mean)} a week (to the nearest penny, halves up).`);
      return { value: mean, numerator: sum, denominator: open.length, working, reason: null };
    }
    case 'placements_started_out_of_area': {
      const started = ofService(input.serviceType).filter((p) => p.startDate >= period.start && p.startDate <= period.end);
      const out = started.filter((p) => !p.inArea).length;
      const working = [`${plural(started.length, described.replace(/s$/, ''), described)} started between ${longDate(period.start)} and ${lastDay}; ${out} of them out of area.`];
      if (started.length === 0) return noFigure(`No ${described} started in the period, so there is no percentage (a denominator of 0).`, working, 0, 0);
      const value = percent(out, started.length);
      working.push(`${out} ÷ ${started.length} = ${onePlace(value)}%.`);
      return { value, numerator: out, denominator: started.length, working, reason: null };
    }
    case 'placements_sourced_within_target': {
      const requested = ofService(input.serviceType).filter((p) => p.requestedOn !== null && p.requestedOn >= period.start && p.requestedOn <= period.end);
      const sourced = requested.filter((p) => p.sourcedOn !== null);
      const inTime = sourced.filter((p) => workingDaysBetween(p.requestedOn!, p.sourcedOn!) <= SOURCING_TARGET_WORKING_DAYS).length;
      const working = [
        `${plural(requested.length, described.replace(/s$/, ''), described)} requested between ${longDate(period.start)} and ${lastDay}; ${sourced.length} of them sourced${requested.length > sourced.length ? ` (${requested.length - sourced.length} not yet sourced, left out)` : ''}.`,
        `${inTime} sourced within ${SOURCING_TARGET_WORKING_DAYS} working days of the request (Monday to Friday; bank holidays are not taken out).`,
      ];
      if (sourced.length === 0) return noFigure('No placement requested in the period has been sourced, so there is no percentage (a denominator of 0).', working, 0, 0);
      const value = percent(inTime, sourced.length);
      working.push(`${inTime} ÷ ${sourced.length} = ${onePlace(value)}%.`);
      return { value, numerator: inTime, denominator: sourced.length, working, reason: null };
    }
    case 'contracted_providers_good_or_outstanding':
      return providersRated(input, lastDay);
    case 'lead_provider_share_of_hours':
      return leadShare(input);
    default:
      return deriveFromMonitoring({ rule: input.rule, serviceType: input.serviceType, period, totals: input.monitoring });
  }
}

/**
 * CQC-01. A provider counts when it has a contract (not a draft; of the KPI's service type, if any) running
 * on the period's last day. A provider's rating: its locations rated on or before that day (we hold only
 * each location's latest rating, so one published later is not counted). Rated Good or Outstanding when
 * EVERY such location is Good or Outstanding, so one Requires improvement location is enough to fall
 * short. A provider with no location rated by then has no published rating and is left out.
 */
function providersRated(input: DerivationInput, lastDay: string): DerivedFigure {
  const day = input.period.end;
  const contracted = new Set(
    (input.contracts ?? [])
      .filter((c) => c.status !== 'draft' && c.startDate <= day && c.endDate >= day && (input.serviceType === null || c.serviceType === input.serviceType))
      .map((c) => c.providerId),
  );
  const providers = (input.providers ?? []).filter((p) => contracted.has(p.id));
  const ratedBy = (p: DerivationProvider) => p.locations.filter((l) => l.rating !== null && l.rating !== 'not_yet_rated' && l.ratedOn !== null && l.ratedOn <= day);
  const rated = providers.filter((p) => ratedBy(p).length > 0);
  const good = rated.filter((p) => ratedBy(p).every((l) => l.rating === 'good' || l.rating === 'outstanding'));
  const working = [
    `${plural(contracted.size, 'provider')} with a contract running on ${lastDay}; ${rated.length} with a CQC rating published by then.`,
    `${good.length} rated Good or Outstanding at every rated location${good.length > 0 ? ` (${good.map((p) => p.name).join(', ')})` : ''}.`,
  ];
  if (rated.length === 0) return noFigure('None of the contracted providers has a published CQC rating, so there is no percentage (a denominator of 0).', working, 0, 0);
  const value = percent(good.length, rated.length);
  working.push(`${good.length} ÷ ${rated.length} = ${onePlace(value)}%.`);
  return { value, numerator: good.length, denominator: rated.length, working, reason: null };
}

/**
 * MKT-01. Hours in the period: a placement's weekly hours × the days it ran in the period ÷ 7. Home care
 * unless the KPI names another service type. Lead hours are those under a contract whose provider role is
 * 'lead'; placements with no weekly hours are left out (and counted in the working).
 */
function leadShare(input: DerivationInput): DerivedFigure {
  const serviceType = input.serviceType ?? 'home_care';
  const described = `${serviceLabel(serviceType)} placements`;
  const running = input.placements.filter((p) => p.serviceType === serviceType && overlapDays(p, input.period) > 0);
  const withHours = running.filter((p) => p.weeklyHours !== null);
  const hoursOf = (p: DerivationPlacement) => (p.weeklyHours! * overlapDays(p, input.period)) / 7;
  const all = hours2(withHours.reduce((s, p) => s + hoursOf(p), 0));
  const lead = hours2(withHours.filter((p) => p.contractRole === 'lead').reduce((s, p) => s + hoursOf(p), 0));
  const working = [
    `${plural(running.length, described.replace(/s$/, ''), described)} ran between ${longDate(input.period.start)} and ${longDate(input.period.end)}${running.length > withHours.length ? ` (${running.length - withHours.length} with no weekly hours, left out)` : ''}.`,
    `Hours in the period (weekly hours × days running in the period ÷ 7): ${all.toLocaleString('en-GB')} in all, ${lead.toLocaleString('en-GB')} under lead-provider contracts.`,
  ];
  if (all === 0) return noFigure(`No ${described} hours were commissioned in the period, so there is no share (a denominator of 0).`, working, 0, 0);
  const value = percent(lead, all);
  working.push(`${lead.toLocaleString('en-GB')} ÷ ${all.toLocaleString('en-GB')} = ${onePlace(value)}%.`);
  return { value, numerator: lead, denominator: all, working, reason: null };
}
