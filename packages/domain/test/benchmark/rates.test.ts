import { describe, expect, it } from 'vitest';
import { pencePerHead, perHundredThousand, populationRate } from '../../src/benchmark/index.ts';
import { expectBadRequest } from './helpers.ts';
import { SHARED_LIVES_AUG_2023 } from './seed.ts';

describe('rates per 100,000', () => {
  it('is count / population × 100,000', () => {
    expect(perHundredThousand(50, 200_000)).toBe(25);
    expect(perHundredThousand(0, 1_000)).toBe(0);
  });

  it('reproduces Shared Lives placements per 100,000 residents, Plymouth far lowest', () => {
    // 73/811,600 = 8.9946e-5 → 8.9946; 28/139,300 → 20.1005; 130/570,300 → 22.7950;
    // 62/571,600 → 10.8467; 13/264,700 = 4.9112e-5 → 4.9112.
    const rates = SHARED_LIVES_AUG_2023.map((a) => ({ key: a.key, rate: perHundredThousand(a.count, a.population) }));
    const byKey = Object.fromEntries(rates.map((r) => [r.key, r.rate]));
    expect(byKey.Devon).toBeCloseTo(8.9946, 4);
    expect(byKey.Torbay).toBeCloseTo(20.1005, 4);
    expect(byKey.Cornwall).toBeCloseTo(22.795, 4);
    expect(byKey.Somerset).toBeCloseTo(10.8467, 4);
    expect(byKey.Plymouth).toBeCloseTo(4.9112, 4);
    expect(rates.reduce((low, r) => (r.rate < low.rate ? r : low)).key).toBe('Plymouth');
  });

  it('names the age band the rate is per head of', () => {
    expect(populationRate(13, { value: 264_700, ageBand: 'all ages' })).toEqual({
      count: 13,
      population: 264_700,
      ageBand: 'all ages',
      perHundredThousand: (13 / 264_700) * 100_000,
    });
    expectBadRequest(() => populationRate(13, { value: 264_700, ageBand: ' ' }), 'ageBand');
  });

  it('refuses a population of 0 or less, naming the field', () => {
    expectBadRequest(() => perHundredThousand(5, 0), 'population');
    expectBadRequest(() => perHundredThousand(5, -10), 'population');
    expectBadRequest(() => perHundredThousand(5, Number.NaN), 'population');
    expectBadRequest(() => perHundredThousand(-1, 100), 'count');
  });

  it('spend per head is pence / population', () => {
    // Plymouth Shared Lives budget 2023/24 £403,589 = 40,358,900p over 264,700 residents = 152.47p a head.
    expect(pencePerHead(40_358_900, 264_700)).toBeCloseTo(152.4703, 4);
    expectBadRequest(() => pencePerHead(100.5, 10), 'pence');
    expectBadRequest(() => pencePerHead(100, 0), 'population');
  });
});
