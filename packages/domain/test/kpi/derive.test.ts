import { describe, expect, it } from 'vitest';
import { longDate } from '../../src/date-text.ts';
import { deriveKpi, meanPenceHalfUp, type DerivationInput, type DerivationPlacement } from '../../src/kpi/index.ts';
import { isWeekday, workingDaysBetween } from '../../src/kpi/working-days.ts';

const AUGUST_2023 = { start: '2023-08-01', end: '2023-08-31' };
const Q2_2023 = { start: '2023-07-01', end: '2023-09-30' };
const Q3_2018 = { start: '2018-10-01', end: '2018-12-31' };

function placement(p: Partial<DerivationPlacement>): DerivationPlacement {
  return {
    serviceType: 'shared_lives',
    inArea: true,
    startDate: '2020-01-01',
    endDate: null,
    weeklyCostPence: 24_500,
    weeklyHours: null,
    requestedOn: null,
    sourcedOn: null,
    contractRole: null,
    ...p,
  };
}

const derive = (input: Omit<DerivationInput, 'serviceType'> & { serviceType?: string | null }) => deriveKpi({ serviceType: null, ...input });

describe('working days', () => {
  it('counts the weekdays after the request up to and including the day sourced', () => {
    expect(isWeekday('2023-07-07')).toBe(true); // a Friday
    expect(isWeekday('2023-07-08')).toBe(false);
    expect(workingDaysBetween('2023-07-07', '2023-07-07')).toBe(0);
    expect(workingDaysBetween('2023-07-07', '2023-07-14')).toBe(5); // Friday to Friday
    expect(workingDaysBetween('2023-07-07', '2023-07-17')).toBe(6); // Friday to the Monday after next
    expect(workingDaysBetween('2023-07-01', '2023-07-07')).toBe(5); // Saturday to Friday
    // Weekdays only: the August bank holiday (Monday 28 August 2023) counts as a working day.
    expect(workingDaysBetween('2023-08-25', '2023-09-01')).toBe(5);
  });
});

describe('SL-01: placements open on the last day of the period', () => {
  const rows = [
    placement({ startDate: '2020-01-01' }),
    placement({ startDate: '2023-08-31' }), // starts on the last day: open
    placement({ startDate: '2022-01-01', endDate: '2023-08-31' }), // ends on the last day: still open that day
    placement({ startDate: '2022-01-01', endDate: '2023-08-30' }),
    placement({ startDate: '2023-09-01' }),
    placement({ serviceType: 'home_care', startDate: '2020-01-01' }),
  ];

  it('counts the Shared Lives placements open on 31 August 2023', () => {
    const f = derive({ rule: 'placements_open_at_period_end', serviceType: 'shared_lives', period: AUGUST_2023, placements: rows });
    expect(f).toMatchObject({ value: 3, numerator: 3, denominator: null, reason: null });
    expect(f.working).toEqual(['3 Shared Lives placements open on 31 August 2023, of 5 placements recorded.']);
  });

  it('counts every placement when the KPI names no service type', () => {
    expect(derive({ rule: 'placements_open_at_period_end', period: AUGUST_2023, placements: rows }).value).toBe(4);
  });

  it('gives 0 when placements are recorded but none is open, and no figure when none is recorded at all', () => {
    const ended = derive({ rule: 'placements_open_at_period_end', serviceType: 'shared_lives', period: AUGUST_2023, placements: [placement({ endDate: '2023-07-31' })] });
    expect(ended.value).toBe(0);
    expect(ended.working[0]).toBe('0 Shared Lives placements open on 31 August 2023, of 1 placement recorded.');
    const none = derive({ rule: 'placements_open_at_period_end', serviceType: 'shared_lives', period: AUGUST_2023, placements: [placement({ serviceType: 'home_care' })] });
    expect(none.value).toBeNull();
    expect(none.reason).toBe('No Shared Lives placements are recorded for your authority, so there is nothing to count: record them first.');
  });
});

describe('COST-01: average weekly cost of placements open on the last day', () => {
  it('rounds the mean half up to whole pence', () => {
    expect(meanPenceHalfUp(5, 2)).toBe(3);
    expect(meanPenceHalfUp(7, 3)).toBe(2);
    expect(meanPenceHalfUp(8, 3)).toBe(3);
    const f = derive({
      rule: 'mean_weekly_cost_at_period_end',
      serviceType: 'residential_nursing',
      period: Q2_2023,
      placements: [
        placement({ serviceType: 'residential_nursing', weeklyCostPence: 100_001 }),
        placement({ serviceType: 'residential_nursing', weeklyCostPence: 100_002, endDate: '2023-09-30' }),
        placement({ serviceType: 'residential_nursing', weeklyCostPence: 999_999, endDate: '2023-09-29' }),
        placement({ serviceType: 'residential_nursing', weeklyCostPence: 999_999, startDate: '2023-10-01' }),
        placement({ serviceType: 'shared_lives', weeklyCostPence: 999_999 }),
      ],
    });
    expect(f).toMatchObject({ value: 100_002, numerator: 200_003, denominator: 2, reason: null });
    expect(f.working).toEqual([
      '2 Residential and nursing care placements open on 30 September 2023.',
      'Their weekly costs add up to £2,000.03; £2,000.03 ÷ 2 = £1,000.02 a week (to the nearest penny, halves up).',
    ]);
  });

  it('has no figure when nothing is open', () => {
    const f = derive({ rule: 'mean_weekly_cost_at_period_end', serviceType: 'residential_nursing', period: Q2_2023, placements: [] });
    expect(f).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(f.reason).toBe('No Residential and nursing care placements were open on 30 September 2023, so there is no average weekly cost.');
  });
});

describe('OOA-01: placements started in the period out of area', () => {
  it('takes the placements started from the first to the last day', () => {
    const f = derive({
      rule: 'placements_started_out_of_area',
      period: Q2_2023,
      placements: [
        placement({ startDate: '2023-07-01', inArea: false }), // first day
        placement({ startDate: '2023-09-30', inArea: true }), // last day
        placement({ startDate: '2023-08-15', serviceType: 'home_care' }),
        placement({ startDate: '2023-06-30', inArea: false }),
        placement({ startDate: '2023-10-01', inArea: false }),
      ],
    });
    expect(f).toMatchObject({ numerator: 1, denominator: 3, reason: null });
    expect(f.value).toBeCloseTo(33.333, 3);
    expect(f.working).toEqual(['3 placements started between 1 July 2023 and 30 September 2023; 1 of them out of area.', '1 ÷ 3 = 33.3%.']);
  });

  it('has no figure when none started', () => {
    const f = derive({ rule: 'placements_started_out_of_area', period: Q2_2023, placements: [placement({ startDate: '2023-06-30' })] });
    expect(f).toMatchObject({ value: null, numerator: 0, denominator: 0, reason: 'No placements started in the period, so there is no percentage (a denominator of 0).' });
  });
});

describe('PLC-01: placements sourced within 5 working days', () => {
  it('takes the placements requested in the period and sourced', () => {
    const f = derive({
      rule: 'placements_sourced_within_target',
      period: Q2_2023,
      placements: [
        placement({ requestedOn: '2023-07-07', sourcedOn: '2023-07-14' }), // 5 working days: in time
        placement({ requestedOn: '2023-07-07', sourcedOn: '2023-07-17' }), // 6: late
        placement({ requestedOn: '2023-07-01', sourcedOn: '2023-07-07' }), // first day (a Saturday), 5: in time
        placement({ requestedOn: '2023-09-30', sourcedOn: '2023-10-02' }), // last day, sourced after the period: 1
        placement({ requestedOn: '2023-08-10', sourcedOn: null }), // not yet sourced: left out
        placement({ requestedOn: '2023-06-30', sourcedOn: '2023-07-03' }), // before the period
        placement({}), // no request recorded
      ],
    });
    expect(f).toMatchObject({ value: 75, numerator: 3, denominator: 4, reason: null });
    expect(f.working).toEqual([
      '5 placements requested between 1 July 2023 and 30 September 2023; 4 of them sourced (1 not yet sourced, left out).',
      '3 sourced within 5 working days of the request (Monday to Friday; bank holidays are not taken out).',
      '3 ÷ 4 = 75%.',
    ]);
  });

  it('has no figure when nothing requested in the period was sourced', () => {
    const f = derive({ rule: 'placements_sourced_within_target', period: Q2_2023, placements: [placement({ requestedOn: '2023-08-10' })] });
    expect(f.value).toBeNull();
    expect(f.denominator).toBe(0);
    expect(f.reason).toMatch(/no percentage \(a denominator of 0\)/);
  });
});

describe('CQC-01: contracted providers rated Good or Outstanding', () => {
  const contract = (providerId: string, c: { startDate?: string; endDate?: string; status?: string } = {}) => ({
    providerId,
    serviceType: 'extra_care',
    startDate: '2019-04-01',
    endDate: '2024-03-31',
    status: 'active',
    ...c,
  });
  const rated = (rating: string | null, ratedOn: string | null = '2019-05-01') => ({ rating, ratedOn });
  const input: DerivationInput = {
    rule: 'contracted_providers_good_or_outstanding',
    serviceType: null,
    period: Q2_2023,
    placements: [],
    contracts: [
      contract('p1'),
      contract('p2', { endDate: '2023-09-30', status: 'expired' }), // ends on the last day: counted
      contract('p3'),
      contract('p4', { status: 'draft' }),
      contract('p5', { endDate: '2023-09-29' }),
      contract('p6', { startDate: '2023-09-30' }), // starts on the last day: counted
    ],
    providers: [
      { id: 'p1', name: 'One Ltd', locations: [rated('good'), rated('outstanding', '2020-01-01')] },
      { id: 'p2', name: 'Two Ltd', locations: [rated('good'), rated('requires_improvement')] },
      { id: 'p3', name: 'Three Ltd', locations: [rated('good', '2023-10-05')] }, // published after the period
      { id: 'p4', name: 'Four Ltd', locations: [rated('good')] },
      { id: 'p5', name: 'Five Ltd', locations: [rated('good')] },
      { id: 'p6', name: 'Six Ltd', locations: [rated('outstanding'), rated(null, null), rated('not_yet_rated')] },
      { id: 'p7', name: 'Not contracted Ltd', locations: [rated('good')] },
    ],
  };

  it('rates a provider Good or Outstanding when every location rated by the last day is', () => {
    const f = deriveKpi(input);
    expect(f).toMatchObject({ numerator: 2, denominator: 3, reason: null });
    expect(f.value).toBeCloseTo(66.667, 3);
    expect(f.working).toEqual([
      '4 providers with a contract running on 30 September 2023; 3 with a CQC rating published by then.',
      '2 rated Good or Outstanding at every rated location (One Ltd, Six Ltd).',
      '2 ÷ 3 = 66.7%.',
    ]);
  });

  it('looks only at contracts of the KPI’s service type, and has no figure when no provider is rated', () => {
    expect(deriveKpi({ ...input, serviceType: 'home_care' })).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(deriveKpi({ ...input, providers: [] }).reason).toBe('None of the contracted providers has a published CQC rating, so there is no percentage (a denominator of 0).');
  });
});

describe('MKT-01: lead providers’ share of home care hours', () => {
  const home = (p: Partial<DerivationPlacement>) => placement({ serviceType: 'home_care', startDate: '2018-01-01', ...p });

  it('counts weekly hours × days running in the period ÷ 7', () => {
    const f = derive({
      rule: 'lead_provider_share_of_hours',
      period: Q3_2018, // 92 days
      placements: [
        home({ weeklyHours: 14, contractRole: 'lead' }), // 14 × 92 ÷ 7 = 184
        home({ weeklyHours: 7, contractRole: 'lead', startDate: '2018-12-25' }), // 7 days: 7
        home({ weeklyHours: 10.5, contractRole: 'supplementary' }), // 138
        home({ weeklyHours: 7, endDate: '2018-10-07' }), // no contract, 7 days: 7
        home({ weeklyHours: null, contractRole: 'lead' }), // no hours: left out
        home({ weeklyHours: 40, contractRole: 'lead', endDate: '2018-09-30' }), // ended before the period
        placement({ weeklyHours: 40, contractRole: 'lead' }), // Shared Lives, not home care
      ],
    });
    expect(f).toMatchObject({ numerator: 191, denominator: 336, reason: null });
    expect(f.value).toBeCloseTo((191 / 336) * 100, 10);
    expect(f.working).toEqual([
      '5 Home care placements ran between 1 October 2018 and 31 December 2018 (1 with no weekly hours, left out).',
      'Hours in the period (weekly hours × days running in the period ÷ 7): 336 in all, 191 under lead-provider contracts.',
      '191 ÷ 336 = 56.8%.',
    ]);
  });

  it('rounds part-week hours to 2 decimal places and has no figure with no hours', () => {
    const f = derive({ rule: 'lead_provider_share_of_hours', period: Q3_2018, placements: [home({ weeklyHours: 1, contractRole: 'lead', startDate: '2018-12-31' })] });
    expect(f).toMatchObject({ value: 100, numerator: 0.14, denominator: 0.14 });
    expect(derive({ rule: 'lead_provider_share_of_hours', period: Q3_2018, placements: [] })).toMatchObject({ value: null, denominator: 0 });
  });
});

describe('longDate', () => {
  it('writes a date as people do', () => {
    expect(longDate('2023-08-31')).toBe('31 August 2023');
  });
});
