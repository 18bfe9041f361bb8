import { describe, expect, it } from 'vitest';
import { funnelInput, kpiDirection, populationInput, spcInput, suppressionInput } from '../../src/benchmark/index.ts';

describe('benchmark input schemas', () => {
  it('KPI direction is one of three', () => {
    expect(kpiDirection.options).toEqual(['higher_better', 'lower_better', 'neither']);
    expect(kpiDirection.safeParse('up').success).toBe(false);
  });

  it('a population needs a positive value and a named age band', () => {
    expect(populationInput.safeParse({ value: 264_700, ageBand: '18+' }).success).toBe(true);
    expect(populationInput.safeParse({ value: 0, ageBand: '18+' }).success).toBe(false);
    expect(populationInput.safeParse({ value: 10, ageBand: '' }).success).toBe(false);
  });

  it('funnel, SPC and suppression inputs reject what the maths cannot use', () => {
    expect(funnelInput.safeParse({ measure: 'rate_per_100k', units: [] }).success).toBe(false);
    expect(funnelInput.safeParse({ measure: 'proportion', units: [{ key: 'A', numerator: 1.5, denominator: 10 }] }).success).toBe(false);
    expect(spcInput.safeParse({ values: [1], direction: 'neither' }).success).toBe(false);
    expect(suppressionInput.parse({ cells: [{ key: 'A', count: 3 }] }).threshold).toBe(5);
  });
});
