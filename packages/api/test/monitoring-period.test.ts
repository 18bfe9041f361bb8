import { describe, expect, it } from 'vitest';
import { monitoringPeriodProblem } from '../src/monitoring/period.ts';

describe('monitoringPeriodProblem (issue 11, item 5)', () => {
  it('takes a calendar month, leap February included', () => {
    expect(monitoringPeriodProblem('2026-01-01', '2026-01-31')).toBeNull();
    expect(monitoringPeriodProblem('2028-02-01', '2028-02-29')).toBeNull();
    expect(monitoringPeriodProblem('2026-12-01', '2026-12-31')).toBeNull();
  });
  it('takes a quarter of three whole months, across a year end too', () => {
    expect(monitoringPeriodProblem('2026-04-01', '2026-06-30')).toBeNull();
    expect(monitoringPeriodProblem('2026-11-01', '2027-01-31')).toBeNull();
  });
  it('refuses a period not starting on the first, or ending elsewhere than a month’s or a quarter’s last day', () => {
    expect(monitoringPeriodProblem('2026-01-02', '2026-01-31')).toMatch(/first day of a month/);
    expect(monitoringPeriodProblem('2026-02-01', '2026-02-28')).toBeNull();
    expect(monitoringPeriodProblem('2026-02-01', '2026-03-01')).toMatch(/whole month or a quarter/);
    expect(monitoringPeriodProblem('2026-01-01', '2026-02-28')).toMatch(/whole month or a quarter/);
    expect(monitoringPeriodProblem('2028-02-01', '2028-02-28')).toMatch(/whole month or a quarter/);
  });
});
