import { describe, expect, it } from 'vitest';
import { specialCauseLabel, spcAssuranceReading, spcVariationReading, xmrChart } from '../../src/benchmark/index.ts';

const alternating = (n: number, a: number, b: number) => Array.from({ length: n }, (_, i) => (i % 2 ? b : a));
const latestOf = (values: number[], direction: 'higher_better' | 'lower_better' | 'neither') => {
  const c = xmrChart(values, direction);
  return spcVariationReading(c.points[c.n - 1]!, c.mean, direction);
};

describe('Making Data Count variation reading of the latest point', () => {
  it('no flag: common cause variation', () => {
    expect(latestOf([5, 7, 6, 8, 4], 'higher_better')).toMatchObject({ icon: 'common_cause', label: 'Common cause variation' });
  });

  it('a point above the upper limit is an improvement where higher is better, a concern where lower is better', () => {
    const values = [...alternating(20, 9, 11), 17];
    expect(latestOf(values, 'higher_better')).toMatchObject({ icon: 'improvement_high', label: 'Special cause — improvement' });
    expect(latestOf(values, 'lower_better')).toMatchObject({ icon: 'concern_high', label: 'Special cause — concern' });
  });

  it('a point below the lower limit: concern where higher is better, improvement where lower is better', () => {
    const values = [...alternating(20, 9, 11), 3];
    expect(latestOf(values, 'higher_better')).toMatchObject({ icon: 'concern_low', label: 'Special cause — concern' });
    expect(latestOf(values, 'lower_better')).toMatchObject({ icon: 'improvement_low', label: 'Special cause — improvement' });
  });

  it('a KPI with no better direction reads unusually high or low, never "special cause neither"', () => {
    expect(latestOf([...alternating(20, 9, 11), 17], 'neither')).toMatchObject({ icon: 'neither_high', label: 'Special cause — unusually high' });
    expect(latestOf([...alternating(20, 9, 11), 3], 'neither')).toMatchObject({ icon: 'neither_low', label: 'Special cause — unusually low' });
  });

  it('flags on both sides: the side of the mean decides; on the mean, the strongest rule', () => {
    const both = [
      { rule: 'trend', side: 'low' },
      { rule: 'shift', side: 'high' },
    ] as const;
    expect(spcVariationReading({ value: 12, flags: [...both] }, 10, 'higher_better').icon).toBe('improvement_high');
    expect(spcVariationReading({ value: 8, flags: [...both] }, 10, 'higher_better').icon).toBe('concern_low');
    // On the mean: the run (shift) outranks the trend, so high.
    expect(spcVariationReading({ value: 10, flags: [...both] }, 10, 'higher_better').icon).toBe('improvement_high');
    const outside = [{ rule: 'shift', side: 'high' }, { rule: 'outside_limits', side: 'low' }] as const;
    expect(spcVariationReading({ value: 10, flags: [...outside] }, 10, 'lower_better')).toMatchObject({ icon: 'improvement_low', label: 'Special cause — improvement' });
  });

  it('no reading anywhere says "neither" as its label', () => {
    for (const direction of ['higher_better', 'lower_better', 'neither'] as const)
      for (const values of [[...alternating(20, 9, 11), 17], [...alternating(20, 9, 11), 3], [1, 2, 3, 4, 5, 6, 7], [5, 7, 6, 8, 4]])
        expect(latestOf(values, direction).label).not.toMatch(/neither/i);
  });
});

describe('Making Data Count assurance: the process limits against the target', () => {
  const limits = { lowerProcessLimit: 80, upperProcessLimit: 95 };
  it('higher is better', () => {
    expect(spcAssuranceReading(limits, 75, 'higher_better')).toMatchObject({ icon: 'pass', label: 'Consistently passes the target' });
    expect(spcAssuranceReading(limits, 80, 'higher_better')?.icon).toBe('pass');
    expect(spcAssuranceReading(limits, 90, 'higher_better')).toMatchObject({ icon: 'hit_or_miss', label: 'Inconsistent — passes and fails the target' });
    expect(spcAssuranceReading(limits, 96, 'higher_better')).toMatchObject({ icon: 'fail', label: 'Consistently fails the target' });
  });
  it('lower is better', () => {
    expect(spcAssuranceReading(limits, 96, 'lower_better')?.icon).toBe('pass');
    expect(spcAssuranceReading(limits, 95, 'lower_better')?.icon).toBe('pass');
    expect(spcAssuranceReading(limits, 90, 'lower_better')?.icon).toBe('hit_or_miss');
    expect(spcAssuranceReading(limits, 79, 'lower_better')?.icon).toBe('fail');
  });
  it('no target, or no better direction: no assurance reading', () => {
    expect(spcAssuranceReading(limits, null, 'higher_better')).toBeNull();
    expect(spcAssuranceReading(limits, 90, 'neither')).toBeNull();
  });
});

describe('special-cause flags in words', () => {
  it('names the rule and the side', () => {
    expect(specialCauseLabel({ rule: 'outside_limits', side: 'high' })).toBe('Above the upper process limit');
    expect(specialCauseLabel({ rule: 'outside_limits', side: 'low' })).toBe('Below the lower process limit');
    expect(specialCauseLabel({ rule: 'shift', side: 'low' })).toBe('Run of 6 or more below the mean');
    expect(specialCauseLabel({ rule: 'trend', side: 'high' })).toBe('6 or more rising in a row');
    expect(specialCauseLabel({ rule: 'two_of_three', side: 'high' })).toBe('2 of 3 close to the upper limit');
  });
});
