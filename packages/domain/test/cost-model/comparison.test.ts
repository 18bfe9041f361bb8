import { describe, expect, it } from 'vitest';
import { compareRates, PENINSULA_SHARED_LIVES_DEMO_RATES, rateGapsToOthers } from '../../src/cost-model/index.ts';

describe('rate comparison across authorities', () => {
  it("Plymouth pays between 2.8% and 12.3% less than the other Peninsula authorities (gap = (other − mine) / other)", () => {
    const g = rateGapsToOthers(PENINSULA_SHARED_LIVES_DEMO_RATES, 'Plymouth');
    expect(g.gaps.map((x) => [x.other, x.gapPence, x.gapPercent])).toEqual([
      ['Devon', 2_500, 9.3],
      ['Cornwall', 3_436, 12.3],
      ['Torbay', 2_000, 7.5],
      ['Somerset', 706, 2.8],
    ]);
    expect(g.smallest.other).toBe('Somerset');
    expect(g.smallest.gapPercent).toBe(2.8);
    expect(g.largest.other).toBe('Cornwall');
    expect(g.largest.gapPercent).toBe(12.3);
  });

  it('a higher payer has negative gaps', () => {
    const g = rateGapsToOthers(PENINSULA_SHARED_LIVES_DEMO_RATES, 'Cornwall');
    expect(g.largest.gapPercent).toBe(-3.5); // Devon: (27,000 − 27,936) / 27,000 = −3.47%
    expect(g.smallest.other).toBe('Plymouth'); // (24,500 − 27,936) / 24,500 = −14.02%
    expect(g.smallest.gapPercent).toBe(-14);
  });

  it('rounds an exact half away from zero', () => {
    const rates = [
      { authority: 'A', ratePence: 1_943 },
      { authority: 'B', ratePence: 2_000 },
      { authority: 'C', ratePence: 1_886 },
    ];
    expect(rateGapsToOthers(rates, 'A').gaps[0]!.gapPercent).toBe(2.9); // 57 / 2,000 = 2.85%
    expect(compareRates({ rates, modelRatePence: 2_000 }).authorities[0]!.vsModel).toEqual({ pence: -57, percent: -2.9 });
  });

  it('compares each authority with the model and the partnership median', () => {
    const c = compareRates({ rates: PENINSULA_SHARED_LIVES_DEMO_RATES, modelRatePence: 26_000 });
    expect(c.n).toBe(5);
    expect(c.medianPence).toBe(26_500);
    expect(c.min).toEqual({ authority: 'Plymouth', ratePence: 24_500 });
    expect(c.max).toEqual({ authority: 'Cornwall', ratePence: 27_936 });
    expect(c.spreadPence).toBe(3_436);
    const plymouth = c.authorities.find((a) => a.authority === 'Plymouth')!;
    expect(plymouth.gssCode).toBe('E06000026');
    expect(plymouth.vsModel).toEqual({ pence: -1_500, percent: -5.8 }); // −1,500 / 26,000 = −5.77%
    expect(plymouth.vsMedian).toEqual({ pence: -2_000, percent: -7.5 }); // −2,000 / 26,500 = −7.55%
    const cornwall = c.authorities.find((a) => a.authority === 'Cornwall')!;
    expect(cornwall.vsMedian).toEqual({ pence: 1_436, percent: 5.4 });
    expect(compareRates({ rates: PENINSULA_SHARED_LIVES_DEMO_RATES }).authorities[0]!.vsModel).toBeNull();
  });

  it('refuses an unknown authority, a lone authority and a duplicate', () => {
    expect(() => rateGapsToOthers(PENINSULA_SHARED_LIVES_DEMO_RATES, 'Kent')).toThrow(expect.objectContaining({ message: 'Kent has no rate to compare' }));
    expect(() => rateGapsToOthers([{ authority: 'Plymouth', ratePence: 24_500 }], 'Plymouth')).toThrow(
      expect.objectContaining({ message: 'Add at least one other authority to compare with' }),
    );
    expect(() =>
      compareRates({
        rates: [
          { authority: 'Devon', ratePence: 1 },
          { authority: 'Devon', ratePence: 2 },
        ],
      }),
    ).toThrow(expect.objectContaining({ message: 'Devon has more than one rate', field: '[1].authority' }));
    expect(() => compareRates({ rates: [{ authority: 'Devon', ratePence: 0 }] })).toThrow(
      expect.objectContaining({ message: 'Rate must be more than £0.00', field: '[0].ratePence' }),
    );
  });
});
