import { describe, expect, it } from 'vitest';
import { Z_95, Z_99_8, funnelCurve, funnelLimitsAt, proportionFunnel, rateFunnel } from '../../src/benchmark/index.ts';
import { expectBadRequest } from './helpers.ts';
import { SHARED_LIVES_AUG_2023 } from './seed.ts';

describe('funnel plot for rates per 100,000 (Poisson, normal approximation)', () => {
  const f = rateFunnel(SHARED_LIVES_AUG_2023.map((a) => ({ key: a.key, numerator: a.count, denominator: a.population })));
  const point = (key: string) => f.points.find((p) => p.key === key)!;

  it('targets the pooled partnership rate', () => {
    // Σ placements 73+28+130+62+13 = 306; Σ residents 811,600+139,300+570,300+571,600+264,700 = 2,357,500;
    // λ = 306 / 2,357,500 = 1.29799e-4 per person = 12.9799 per 100,000 (not the mean of the five rates, 13.53).
    expect(f.totalNumerator).toBe(306);
    expect(f.totalDenominator).toBe(2_357_500);
    expect(f.target).toBeCloseTo(12.9799, 4);
  });

  it('Plymouth (4.91 per 100,000) lies below the lower 99.8% limit', () => {
    // se = √(λ / n) × 100,000 = √(1.29799e-4 / 264,700) × 100,000 = √(4.90361e-10) × 100,000 = 2.21441.
    // 95%:   12.9799 ± 1.959964 × 2.21441 = 12.9799 ± 4.3402 → [8.6397, 17.3200]
    // 99.8%: 12.9799 ± 3.090232 × 2.21441 = 12.9799 ± 6.8431 → [6.1368, 19.8229]
    // 4.9112 < 6.1368: outside both, below.
    const p = point('Plymouth');
    expect(p.value).toBeCloseTo(4.9112, 4);
    expect(p.denominator).toBe(264_700);
    expect(p.lower95).toBeCloseTo(8.6397, 4);
    expect(p.upper95).toBeCloseTo(17.32, 4);
    expect(p.lower998).toBeCloseTo(6.1368, 4);
    expect(p.upper998).toBeCloseTo(19.8229, 4);
    expect(p.outside95).toBe(true);
    expect(p.outside998).toBe(true);
    expect(p.position).toBe('below');
  });

  it('places every authority', () => {
    // Devon n = 811,600: se = √(1.29799e-4/811,600)×1e5 = 1.26463; 99.8% lower 12.9799 − 3.9080 = 9.0718 > 8.9946 → outside.
    // Torbay n = 139,300: se = 3.05253; 95% upper 12.9799 + 5.9829 = 18.9627 < 20.1005 < 99.8% upper 22.4129.
    // Cornwall n = 570,300: se = 1.50862; 99.8% upper 12.9799 + 4.6620 = 17.6419 < 22.7950 → outside.
    // Somerset n = 571,600: se = 1.50691; 95% lower 12.9799 − 2.9535 = 10.0264 < 10.8467 → within.
    const summary = Object.fromEntries(f.points.map((p) => [p.key, [p.position, p.outside95, p.outside998]]));
    expect(summary).toEqual({
      Devon: ['below', true, true],
      Torbay: ['above', true, false],
      Cornwall: ['above', true, true],
      Somerset: ['within', false, false],
      Plymouth: ['below', true, true],
    });
    expect(point('Devon').lower998).toBeCloseTo(9.0718, 4);
    expect(point('Torbay').upper95).toBeCloseTo(18.9627, 4);
    expect(point('Torbay').upper998).toBeCloseTo(22.4129, 4);
    expect(point('Cornwall').upper998).toBeCloseTo(17.6419, 4);
    expect(point('Somerset').lower95).toBeCloseTo(10.0264, 4);
  });
});

describe('funnel plot for proportions (binomial, normal approximation)', () => {
  // A 30/100, B 10/50, C 60/150: p0 = 100/300 = 1/3; p0(1 − p0) = 2/9.
  const f = proportionFunnel([
    { key: 'A', numerator: 30, denominator: 100 },
    { key: 'B', numerator: 10, denominator: 50 },
    { key: 'C', numerator: 60, denominator: 150 },
  ]);
  const point = (key: string) => f.points.find((p) => p.key === key)!;

  it('pools the target', () => {
    expect(f.target).toBeCloseTo(1 / 3, 10);
  });

  it('limits are p0 ± z √(p0(1 − p0)/n)', () => {
    // A n = 100: se = √(0.222222/100) = 0.0471405; ±1.959964 se = ±0.0923937 → [0.2409396, 0.4257270];
    //            ±3.090232 se = ±0.1456751 → [0.1876582, 0.4790084]. 0.30 within.
    const a = point('A');
    expect(a.lower95).toBeCloseTo(0.2409396, 6);
    expect(a.upper95).toBeCloseTo(0.425727, 6);
    expect(a.lower998).toBeCloseTo(0.1876582, 6);
    expect(a.upper998).toBeCloseTo(0.4790084, 6);
    expect(a.position).toBe('within');
  });

  it('a small authority just outside 95% but inside 99.8%', () => {
    // B n = 50: se = √(0.222222/50) = 0.0666667; 95% lower 0.333333 − 0.1306643 = 0.2026690 > 0.20;
    //           99.8% lower 0.333333 − 0.2060155 = 0.1273178 < 0.20.
    const b = point('B');
    expect(b.lower95).toBeCloseTo(0.202669, 6);
    expect(b.lower998).toBeCloseTo(0.1273178, 6);
    expect([b.position, b.outside95, b.outside998]).toEqual(['below', true, false]);
    // C n = 150: se = 0.0384900; 95% upper 0.333333 + 0.0754390 = 0.4087723 > 0.40 → within.
    expect(point('C').upper95).toBeCloseTo(0.4087723, 6);
    expect(point('C').outside95).toBe(false);
  });

  it('clips proportion limits to [0, 1]', () => {
    // p0 = 0.05, n = 20: se = √(0.0475/20) = 0.0487340; 95% lower 0.05 − 0.0955169 < 0 → 0;
    // upper 0.05 + 0.0955169 = 0.1455169; 99.8% upper 0.05 + 0.1505993 = 0.2005993.
    const l = funnelLimitsAt('proportion', 0.05, 20);
    expect(l.lower95).toBe(0);
    expect(l.lower998).toBe(0);
    expect(l.upper95).toBeCloseTo(0.1455169, 6);
    expect(l.upper998).toBeCloseTo(0.2005993, 6);
    expect(funnelLimitsAt('proportion', 0.95, 20).upper998).toBe(1);
  });

  it('uses the stated z values', () => {
    expect(Z_95).toBe(1.959964);
    expect(Z_99_8).toBe(3.090232);
  });

  it('refuses impossible inputs', () => {
    expectBadRequest(() => proportionFunnel([]), 'units');
    expectBadRequest(() => proportionFunnel([{ key: 'A', numerator: 5, denominator: 0 }]), 'units[0].denominator');
    expectBadRequest(() => proportionFunnel([{ key: 'A', numerator: 6, denominator: 5 }]), 'units[0].numerator');
    expectBadRequest(() => rateFunnel([{ key: 'A', numerator: -1, denominator: 5 }]), 'units[0].numerator');
  });
});

describe('funnel limit curves for charting', () => {
  const f = rateFunnel(SHARED_LIVES_AUG_2023.map((a) => ({ key: a.key, numerator: a.count, denominator: a.population })));

  it('defaults to 50 log-spaced denominators from the smallest to the largest authority', () => {
    const curve = funnelCurve(f);
    expect(curve).toHaveLength(50);
    expect(curve[0]!.denominator).toBe(139_300);
    expect(curve[49]!.denominator).toBe(811_600);
    // Equal ratios between neighbours: (811,600 / 139,300)^(1/49) = 1.0366215.
    expect(curve[1]!.denominator / curve[0]!.denominator).toBeCloseTo(1.0366215, 6);
    expect(curve[30]!.denominator / curve[29]!.denominator).toBeCloseTo(1.0366215, 6);
    // The curve at Torbay's population matches Torbay's own limits.
    const torbay = f.points.find((p) => p.key === 'Torbay')!;
    expect(curve[0]!.upper95).toBeCloseTo(torbay.upper95, 10);
    // The funnel narrows as the denominator grows.
    expect(curve[49]!.upper998 - curve[49]!.lower998).toBeLessThan(curve[0]!.upper998 - curve[0]!.lower998);
  });

  it('takes an explicit range and point count', () => {
    // 100 → 10,000 in 3 points: 100, 1,000, 10,000 (ratio 10).
    const evenOdds = { measure: 'proportion' as const, target: 0.5, minDenominator: 1, maxDenominator: 1 };
    const curve = funnelCurve(evenOdds, { from: 100, to: 10_000, points: 3 });
    expect(curve.map((c) => c.denominator)).toEqual([100, expect.closeTo(1_000, 6), 10_000]);
    // n = 1,000, p0 = 0.5: se = √(0.25/1000) = 0.0158114; 95% ±0.0309898 → [0.4690102, 0.5309898].
    expect(curve[1]!.lower95).toBeCloseTo(0.4690102, 6);
    expect(curve[1]!.upper95).toBeCloseTo(0.5309898, 6);
    expectBadRequest(() => funnelCurve(f, { points: 1 }), 'points');
    expectBadRequest(() => funnelCurve(f, { from: 0 }), 'from');
    expectBadRequest(() => funnelCurve(f, { from: 10, to: 5 }), 'to');
  });
});
