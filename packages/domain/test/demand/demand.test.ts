import { describe, expect, it } from 'vitest';
import { demandModel, HOUSING_LIN_PREVALENCE_75_PLUS, needPerThousand, SEFTON_75_PLUS_POPULATION } from '../../src/demand/index.ts';

describe('demand model per 1,000 aged 75+', () => {
  it('reproduces Sefton: 29,900 (2014) and 41,900 (2030)', () => {
    const m = demandModel({ populations: [...SEFTON_75_PLUS_POPULATION] });
    expect(m.ageBand).toBe('75+');
    expect(m.years.map((y) => [y.year, y.needs.map((n) => n.need)])).toEqual([
      [2014, [1_794, 449, 897, 179]],
      // The paper prints 230 for dementia in 2030; 6 × 41.9 = 251.4 → 251.
      [2030, [2_514, 629, 1_257, 251]],
    ]);
    expect(m.years[0]!.totalNeed).toBe(3_319);
    expect(HOUSING_LIN_PREVALENCE_75_PLUS.rates.reduce((t, r) => t + r.perThousand, 0)).toBe(111);
  });

  it('rounds half up in whole numbers: 15 × 29.9 = 448.5 → 449, 15 × 41.9 = 628.5 → 629', () => {
    expect(needPerThousand(29_900, 15)).toBe(449);
    expect(needPerThousand(41_900, 15)).toBe(629);
    expect(needPerThousand(5_000, 1.1)).toBe(6); // 5.5 → 6 (1.1 × 5 is 5.500000000000001 in floating point)
    expect(needPerThousand(4_300, 4.5)).toBe(19); // 19.35
    expect(needPerThousand(1_100, 2.5)).toBe(3); // 2.75
  });

  it('gap = need − current supply; no supply given, no gap', () => {
    const m = demandModel({ populations: [...SEFTON_75_PLUS_POPULATION], supply: { extra_care_rent: 94 } });
    const rent = m.years.map((y) => y.needs.find((n) => n.type === 'extra_care_rent')!);
    expect(rent.map((n) => [n.need, n.supply, n.gap])).toEqual([
      [449, 94, 355],
      [629, 94, 535],
    ]);
    expect(m.years[0]!.needs[0]!.gap).toBeNull();
    const surplus = demandModel({ populations: [{ year: 2014, population: 29_900 }], supply: { dementia: 200 } });
    expect(surplus.years[0]!.needs[3]!.gap).toBe(-21);
  });

  it('takes other prevalence rates and sorts years', () => {
    const m = demandModel({
      ageBand: '65+',
      prevalence: [{ type: 'residential', label: 'Residential care', perThousand: 12.5 }],
      populations: [
        { year: 2030, population: 70_001 },
        { year: 2025, population: 60_000 },
      ],
    });
    expect(m.years.map((y) => [y.year, y.totalNeed])).toEqual([
      [2025, 750],
      [2030, 875], // 875.0125
    ]);
  });

  it('refuses bad input', () => {
    expect(() => demandModel({ populations: [{ year: 2014, population: -1 }] })).toThrow(
      expect.objectContaining({ message: 'Population must be between 0 and 100000000', field: 'populations[0].population' }),
    );
    expect(() => demandModel({ populations: [...SEFTON_75_PLUS_POPULATION, { year: 2014, population: 1 }] })).toThrow(
      expect.objectContaining({ message: '2014 is listed more than once', field: 'populations[2].year' }),
    );
    expect(() => demandModel({ populations: [...SEFTON_75_PLUS_POPULATION], supply: { care_home: 3 } })).toThrow(
      expect.objectContaining({ field: 'supply.care_home' }),
    );
    expect(() => demandModel({ populations: [] })).toThrow(expect.objectContaining({ message: 'Add the population for at least one year' }));
  });
});
