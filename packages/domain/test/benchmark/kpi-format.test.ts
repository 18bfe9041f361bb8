import { describe, expect, it } from 'vitest';
import { formatKpiAxis, formatKpiCell, formatKpiValue, headlineLabel, kpiNumberForPeople } from '../../src/index.ts';

describe('KPI figures as people read them: pounds, not pence', () => {
  it('shows money in pounds to the penny (COST-01: 99,603p a week is £996.03)', () => {
    expect(formatKpiValue(99_603, 'pence')).toBe('£996.03');
    expect(formatKpiValue(110_565, 'pence')).toBe('£1,105.65');
    expect(formatKpiValue(99_602.6, 'pence')).toBe('£996.03');
    expect(formatKpiCell(99_603, 'pence')).toBe('£996.03');
    expect(kpiNumberForPeople(110_565, 'pence')).toBe(1105.65);
  });

  it('labels a money axis in whole pounds', () => {
    expect(formatKpiAxis(120_000, 'pence')).toBe('£1,200');
    expect(formatKpiAxis(0, 'pence')).toBe('£0');
  });

  it('keeps one precision per unit', () => {
    expect(formatKpiValue(62.5, 'percent')).toBe('62.5%');
    expect(formatKpiValue(60, 'percent')).toBe('60.0%');
    expect(formatKpiValue(1234, 'count')).toBe('1,234');
    expect(formatKpiValue(12.345, 'rate_per_100k')).toBe('12.3');
    expect(formatKpiValue(7, 'hours')).toBe('7.0');
  });

  it('says suppressed and no figure in words', () => {
    expect(formatKpiCell('suppressed', 'pence')).toBe('suppressed');
    expect(formatKpiCell(null, 'pence')).toBe('–');
  });

  it('names pounds, not pence, as the unit compared', () => {
    const kpi = { code: 'COST-01', version: 1, unit: 'pence', direction: 'lower_better', populationAgeBand: null, countsPeople: false, target: null, redThreshold: null } as const;
    expect(headlineLabel(kpi)).toBe('£ (pounds)');
  });
});

describe('comparedLabel', () => {
  it('says pounds for a money result, even one frozen with the old label "pence"', async () => {
    const { comparedLabel } = await import('../../src/index.ts');
    expect(comparedLabel({ headlineUnit: 'pence', headlineLabel: 'pence' })).toBe('£ (pounds)');
    expect(comparedLabel({ headlineUnit: 'rate_per_100k', headlineLabel: 'per 100,000 residents' })).toBe('per 100,000 residents');
  });
});
