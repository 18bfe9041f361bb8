import { describe, expect, it } from 'vitest';
import { deriveKpi, isMonitoredDerivation, KPI_DERIVATION_RULES, KPI_DERIVATIONS, type MonitoringTotals } from '../../src/kpi/index.ts';

const Q4_2025 = { start: '2026-01-01', end: '2026-03-31' };
/** Two accepted returns: 4,210 hours at 12.5% turnover and 3,790 hours at 10% turnover. */
const TWO: MonitoringTotals = {
  returns: 2,
  notAccepted: 1,
  contracts: 2,
  providers: 1,
  hoursDelivered: 8000,
  missedVisits: 5,
  complaints: 3,
  turnoverHours: 12.5 * 4210 + 10 * 3790,
};
const derive = (rule: (typeof KPI_DERIVATIONS)[number], monitoring: MonitoringTotals | undefined, serviceType: string | null = null) =>
  deriveKpi({ rule, serviceType, period: Q4_2025, placements: [], ...(monitoring ? { monitoring } : {}) });

describe('KPIs fed by accepted monitoring returns', () => {
  it('are rules of their own, with units a KPI can have', () => {
    expect(KPI_DERIVATIONS.filter(isMonitoredDerivation)).toEqual(['monitored_hours_delivered', 'monitored_missed_visits', 'monitored_complaints', 'monitored_staff_turnover']);
    expect(KPI_DERIVATION_RULES.monitored_hours_delivered.unit).toBe('hours');
    expect(KPI_DERIVATION_RULES.monitored_staff_turnover.unit).toBe('percent');
    expect(isMonitoredDerivation('lead_provider_share_of_hours')).toBe(false);
  });

  it('adds up hours, missed visits and complaints, and says from how many returns', () => {
    const hours = derive('monitored_hours_delivered', TWO, 'home_care');
    expect([hours.value, hours.reason]).toEqual([8000, null]);
    expect(hours.working).toEqual([
      'From 2 accepted monitoring returns (2 contracts, 1 provider) of home care contracts for months or quarters between 1 January 2026 and 31 March 2026. 1 return not yet accepted (submitted or queried) is left out.',
      'Hours delivered add up to 8,000.',
    ]);
    expect(derive('monitored_missed_visits', TWO).value).toBe(5);
    expect(derive('monitored_missed_visits', TWO).working[1]).toBe('Missed visits add up to 5, over 8,000 hours delivered.');
    expect(derive('monitored_complaints', TWO).value).toBe(3);
  });

  it('weights staff turnover by hours delivered, keeping the numerator and denominator', () => {
    const turnover = derive('monitored_staff_turnover', TWO);
    // (12.5 × 4,210 + 10 × 3,790) ÷ 8,000 = 90,525 ÷ 8,000 = 11.315625%, not the plain mean of 11.25%.
    expect(turnover.value).toBeCloseTo(11.315625, 9);
    expect([turnover.numerator, turnover.denominator]).toEqual([905.25, 8000]);
    expect(turnover.working[1]).toBe('Each return’s staff turnover weighted by its hours delivered: 90,525 ÷ 8,000 hours = 11.3%.');
  });

  it('has no figure without an accepted return, nor a turnover without hours', () => {
    const none = derive('monitored_complaints', { ...TWO, returns: 0, contracts: 0, providers: 0, notAccepted: 2 });
    expect(none.value).toBeNull();
    expect(none.reason).toBe('No accepted monitoring returns cover a month or quarter between 1 January 2026 and 31 March 2026, so there is no figure: a provider’s return counts once you accept it.');
    expect(none.working[0]).toBe('2 returns not yet accepted (submitted or queried) are left out.');
    expect(derive('monitored_hours_delivered', undefined).value).toBeNull();
    const noHours = derive('monitored_staff_turnover', { ...TWO, hoursDelivered: 0, turnoverHours: 0 });
    expect([noHours.value, noHours.numerator, noHours.denominator]).toEqual([null, 0, 0]);
    // Zero hours is still a figure for the hours KPI: the returns said so.
    expect(derive('monitored_hours_delivered', { ...TWO, hoursDelivered: 0 }).value).toBe(0);
  });
});
