import { describe, expect, it } from 'vitest';
import { classifySpcPoint, xmrChart, type XmrChart } from '../../src/benchmark/index.ts';
import { expectBadRequest } from './helpers.ts';

/** Point indices carrying a flag of this rule, with its side. */
const flagged = (chart: XmrChart, rule: string) =>
  chart.points.flatMap((p) => p.flags.filter((f) => f.rule === rule).map((f) => [p.index, f.side]));
const anyFlag = (chart: XmrChart) => chart.points.some((p) => p.flags.length > 0);
const alternating = (n: number, a: number, b: number) => Array.from({ length: n }, (_, i) => (i % 2 ? b : a));
const mirror = (xs: number[]) => xs.map((x) => 20 - x);

describe('XmR limits', () => {
  it('mean ± 2.66 × mean moving range, worked by hand', () => {
    // 5 7 6 8 4: mean 30/5 = 6; moving ranges 2 1 2 4, MR-bar 9/4 = 2.25;
    // limits 6 ± 2.66 × 2.25 = 6 ± 5.985 → [0.015, 11.985]; σ = 2.25/1.128 = 1.994681, 2σ = 3.989362.
    const c = xmrChart([5, 7, 6, 8, 4], 'higher_better');
    expect(c.n).toBe(5);
    expect(c.mean).toBeCloseTo(6, 10);
    expect(c.points.map((p) => p.movingRange)).toEqual([null, 2, 1, 2, 4]);
    expect(c.movingRangeMean).toBeCloseTo(2.25, 10);
    expect(c.upperProcessLimit).toBeCloseTo(11.985, 10);
    expect(c.lowerProcessLimit).toBeCloseTo(0.015, 10);
    expect(c.sigma).toBeCloseTo(1.994681, 6);
    expect(c.upperTwoSigma).toBeCloseTo(9.989362, 6);
    expect(c.lowerTwoSigma).toBeCloseTo(2.010638, 6);
    expect(anyFlag(c)).toBe(false);
    expect(c.latest).toBe('common_cause');
  });

  it('needs 2 points; under 15 it warns but still draws limits', () => {
    expectBadRequest(() => xmrChart([3], 'higher_better'), 'values');
    expectBadRequest(() => xmrChart([], 'higher_better'), 'values');
    expectBadRequest(() => xmrChart([1, Number.POSITIVE_INFINITY], 'higher_better'), 'values[1]');
    const two = xmrChart([4, 6], 'higher_better');
    expect(two.fewPoints).toBe(true);
    expect(two.upperProcessLimit).toBeCloseTo(5 + 2.66 * 2, 10);
    expect(xmrChart(alternating(14, 9, 11), 'higher_better').fewPoints).toBe(true);
    expect(xmrChart(alternating(15, 9, 11), 'higher_better').fewPoints).toBe(false);
  });
});

describe('rule (a): a point outside the process limits', () => {
  it('flags 17 after twenty points alternating 9, 11', () => {
    // Σ = 200 + 17 = 217, mean 217/21 = 10.333333; MRs nineteen 2s and |17 − 11| = 6 → 44/20 = 2.2;
    // UPL = 10.333333 + 2.66 × 2.2 = 16.185333 < 17.
    const c = xmrChart([...alternating(20, 9, 11), 17], 'higher_better');
    expect(c.upperProcessLimit).toBeCloseTo(16.185333, 6);
    expect(flagged(c, 'outside_limits')).toEqual([[20, 'high']]);
    expect(c.points.filter((p) => p.flags.length > 0).map((p) => p.index)).toEqual([20]);
    expect(c.latest).toBe('improvement');
  });

  it('just short: 16 is inside', () => {
    // Σ = 216, mean 10.285714; MR-bar (38 + 5)/20 = 2.15; UPL = 10.285714 + 5.719 = 16.004714 > 16.
    // 16 is beyond 2σ (14.097771) but alone, so rule (d) stays quiet too.
    const c = xmrChart([...alternating(20, 9, 11), 16], 'higher_better');
    expect(c.upperProcessLimit).toBeCloseTo(16.004714, 6);
    expect(anyFlag(c)).toBe(false);
    expect(c.latest).toBe('common_cause');
  });

  it('a low point is a concern when higher is better, an improvement when lower is better', () => {
    // Mirror (20 − x): mean 9.666667, LPL 9.666667 − 5.852 = 3.814667 > 3.
    const series = mirror([...alternating(20, 9, 11), 17]);
    const c = xmrChart(series, 'higher_better');
    expect(c.lowerProcessLimit).toBeCloseTo(3.814667, 6);
    expect(flagged(c, 'outside_limits')).toEqual([[20, 'low']]);
    expect(c.latest).toBe('concern');
    expect(xmrChart(series, 'lower_better').latest).toBe('improvement');
    expect(xmrChart(series, 'neither').latest).toBe('special_cause_neither');
  });
});

describe('rule (b): a run of 6 on one side of the mean', () => {
  it('flags six points above the mean', () => {
    // 13 7 13 7 13 7 13 7 | 11 12 11 12 11 12: Σ = 80 + 69 = 149, mean 10.642857. The last six are above,
    // the 7 before them below: a run of exactly 6. MR-bar (7×6 + 4 + 5×1)/13 = 3.923077, so no point is
    // near a limit (2σ line 17.598667), and 11 12 11 12 is no trend.
    const c = xmrChart([13, 7, 13, 7, 13, 7, 13, 7, 11, 12, 11, 12, 11, 12], 'higher_better');
    expect(c.mean).toBeCloseTo(10.642857, 6);
    expect(flagged(c, 'shift')).toEqual([8, 9, 10, 11, 12, 13].map((i) => [i, 'high']));
    expect(c.points.slice(0, 8).every((p) => p.flags.length === 0)).toBe(true);
    expect(c.latest).toBe('improvement');
  });

  it('just short: five above is common cause', () => {
    // Drop the last point: mean 138/13 = 10.615385; 11 12 11 12 11 all above, but only five.
    const c = xmrChart([13, 7, 13, 7, 13, 7, 13, 7, 11, 12, 11, 12, 11], 'higher_better');
    expect(anyFlag(c)).toBe(false);
  });

  it('a run below the mean is low', () => {
    const c = xmrChart(mirror([13, 7, 13, 7, 13, 7, 13, 7, 11, 12, 11, 12, 11, 12]), 'lower_better');
    expect(flagged(c, 'shift')).toEqual([8, 9, 10, 11, 12, 13].map((i) => [i, 'low']));
    expect(c.latest).toBe('improvement');
  });

  it('a point exactly on the mean breaks the run', () => {
    // 6 14 6 14 6 14 2 | 11 12 11 10 11 12 11: Σ = 62 + 78 = 140, mean exactly 10. The 10 splits seven
    // points into runs of 3 and 3.
    const on = xmrChart([6, 14, 6, 14, 6, 14, 2, 11, 12, 11, 10, 11, 12, 11], 'higher_better');
    expect(on.mean).toBe(10);
    expect(anyFlag(on)).toBe(false);
    // Nudge it to 10.5: mean 140.5/14 = 10.035714, all seven are above and are flagged.
    const off = xmrChart([6, 14, 6, 14, 6, 14, 2, 11, 12, 11, 10.5, 11, 12, 11], 'higher_better');
    expect(flagged(off, 'shift').map(([i]) => i)).toEqual([7, 8, 9, 10, 11, 12, 13]);
  });
});

describe('rule (c): a trend of 6 rising or falling', () => {
  it('flags six points each higher than the last (5 rises)', () => {
    // 5 15 5 15 5 15 | 7 8 9 10 11 12: 15 → 7 falls, then 5 rises span 6 points. Σ = 117, mean 9.75, so
    // 7 8 9 are below and 10 11 12 above: no run of 6. MR-bar (5×10 + 8 + 5×1)/11 = 5.727273; 2σ line
    // 19.904739: none near.
    const c = xmrChart([5, 15, 5, 15, 5, 15, 7, 8, 9, 10, 11, 12], 'higher_better');
    expect(c.mean).toBeCloseTo(9.75, 10);
    expect(flagged(c, 'trend')).toEqual([6, 7, 8, 9, 10, 11].map((i) => [i, 'high']));
    expect(flagged(c, 'shift')).toEqual([]);
    expect(c.latest).toBe('improvement');
  });

  it('just short: 5 rising points are common cause', () => {
    const c = xmrChart([5, 15, 5, 15, 5, 15, 7, 8, 9, 10, 11, 9], 'higher_better');
    expect(anyFlag(c)).toBe(false);
  });

  it('an equal value breaks the trend', () => {
    // 7 8 9 9 10 11 12: rises 7→9 (3 points) then 9→12 (4 points); neither reaches 6.
    const c = xmrChart([5, 15, 5, 15, 5, 15, 7, 8, 9, 9, 10, 11, 12], 'higher_better');
    expect(anyFlag(c)).toBe(false);
  });

  it('a falling trend is low: a concern when higher is better', () => {
    const c = xmrChart(mirror([5, 15, 5, 15, 5, 15, 7, 8, 9, 10, 11, 12]), 'higher_better');
    expect(flagged(c, 'trend')).toEqual([6, 7, 8, 9, 10, 11].map((i) => [i, 'low']));
    expect(c.latest).toBe('concern');
  });
});

describe('rule (d): two of three points beyond 2σ', () => {
  it('flags the two near points, not the one between', () => {
    // 9 11 ×8 | 15 10 15: Σ = 160 + 40 = 200, mean 200/19 = 10.526316; MRs fifteen 2s, 4, 5, 5 → 44/18 =
    // 2.444444; σ = 2.444444/1.128 = 2.167061; 2σ line 10.526316 + 4.334121 = 14.860437 < 15;
    // UPL 10.526316 + 6.502222 = 17.028538 > 15, so rule (a) is quiet.
    const c = xmrChart([...alternating(16, 9, 11), 15, 10, 15], 'higher_better');
    expect(c.upperTwoSigma).toBeCloseTo(14.860437, 6);
    expect(c.upperProcessLimit).toBeCloseTo(17.028538, 6);
    expect(flagged(c, 'two_of_three')).toEqual([
      [16, 'high'],
      [18, 'high'],
    ]);
    expect(flagged(c, 'outside_limits')).toEqual([]);
    expect(c.latest).toBe('improvement');
  });

  it('just short: two near points three apart are common cause', () => {
    // 9 11 ×8 | 15 10 10 15: mean 210/20 = 10.5; MR-bar 44/19 = 2.315789; 2σ line 14.606010 < 15, but the
    // two 15s are never within the same three consecutive points.
    const c = xmrChart([...alternating(16, 9, 11), 15, 10, 10, 15], 'higher_better');
    expect(c.upperTwoSigma).toBeCloseTo(14.606010, 6);
    expect(anyFlag(c)).toBe(false);
  });

  it('the near points must be on the same side', () => {
    // 9 11 ×8 | 15 5: one beyond each 2σ line is not two of three.
    const c = xmrChart([...alternating(16, 9, 11), 15, 5], 'higher_better');
    expect(c.points[16]!.value).toBeGreaterThan(c.upperTwoSigma);
    expect(c.points[17]!.value).toBeLessThan(c.lowerTwoSigma);
    expect(flagged(c, 'two_of_three')).toEqual([]);
  });
});

describe('classifying a point', () => {
  it('conflicting flags are settled by the side of the mean', () => {
    const point = {
      index: 0,
      value: 12,
      movingRange: null,
      flags: [
        { rule: 'shift' as const, side: 'high' as const },
        { rule: 'trend' as const, side: 'low' as const },
      ],
    };
    expect(classifySpcPoint(point, 10, 'higher_better')).toBe('improvement');
    expect(classifySpcPoint(point, 10, 'lower_better')).toBe('concern');
    expect(classifySpcPoint({ ...point, value: 8 }, 10, 'higher_better')).toBe('concern');
    expect(classifySpcPoint({ ...point, flags: [] }, 10, 'higher_better')).toBe('common_cause');
  });
});
