import { describe, expect, it } from 'vitest';
import { proportionDisclosesSmallNumber, SUPPRESSED, suppress, type Suppression } from '../../src/benchmark/index.ts';
import { expectBadRequest } from './helpers.ts';

/**
 * An intruder who sees the published table, the total, and the reasons: every suppressed cell is
 * 1..threshold−1 (small number) or threshold..total (secondary); the suppressed cells sum to
 * total − Σ(shown). Enumerate every assignment that fits and collect each cell's possible values.
 */
function possibleValues(published: Suppression, threshold = 5): Map<string, Set<number>> {
  if (typeof published.total !== 'number') throw new Error('no published total to subtract from');
  const total = published.total;
  const shown = published.cells.reduce((s, c) => s + (typeof c.count === 'number' ? c.count : 0), 0);
  const hidden = published.cells.filter((c) => c.count === SUPPRESSED);
  const residual = total - shown;
  const options = new Map(hidden.map((c) => [c.key, new Set<number>()]));
  const walk = (i: number, remaining: number, chosen: number[]) => {
    if (i === hidden.length) {
      if (remaining === 0) chosen.forEach((v, k) => options.get(hidden[k]!.key)!.add(v));
      return;
    }
    const [lo, hi] = hidden[i]!.suppressedBecause === 'small_number' ? [1, threshold - 1] : [threshold, total];
    for (let v = lo; v <= Math.min(hi, remaining); v++) walk(i + 1, remaining - v, [...chosen, v]);
  };
  walk(0, residual, []);
  return options;
}

/** No suppressed cell can be pinned to one value by subtraction from the total. */
function expectNoneRecoverable(published: Suppression, threshold = 5) {
  const possible = possibleValues(published, threshold);
  expect(possible.size).toBeGreaterThan(0);
  for (const [key, values] of possible) expect([key, values.size > 1]).toEqual([key, true]);
}

const reasons = (s: Suppression) => Object.fromEntries(s.cells.map((c) => [c.key, c.suppressedBecause]));

describe('small-number suppression', () => {
  it('suppresses 1–4, shows 0 and 5+', () => {
    const s = suppress([
      { key: 'A', count: 3 },
      { key: 'B', count: 12 },
      { key: 'C', count: 0 },
      { key: 'D', count: 5 },
      { key: 'E', count: 1 },
      { key: 'F', count: 4 },
    ]);
    expect(s.cells.map((c) => c.count)).toEqual([SUPPRESSED, 12, 0, 5, SUPPRESSED, SUPPRESSED]);
    expect(reasons(s)).toEqual({ A: 'small_number', B: null, C: null, D: null, E: 'small_number', F: 'small_number' });
    expect(s.total).toBeNull();
    // Shown as the word, never the number or a bound.
    expect(JSON.stringify(s.cells[0])).not.toMatch(/[<>]|"count":3/);
  });

  it('suppresses nothing when every count is 0 or at least 5', () => {
    const s = suppress(
      [
        { key: 'Devon', count: 73, derived: { per100k: 8.99 } },
        { key: 'Plymouth', count: 13, derived: { per100k: 4.91 } },
        { key: 'Torbay', count: 0, derived: { per100k: 0 } },
      ],
      { total: 86 },
    );
    expect(s.cells).toEqual([
      { key: 'Devon', count: 73, derived: { per100k: 8.99 }, suppressedBecause: null },
      { key: 'Plymouth', count: 13, derived: { per100k: 4.91 }, suppressedBecause: null },
      { key: 'Torbay', count: 0, derived: { per100k: 0 }, suppressedBecause: null },
    ]);
    expect(s.total).toBe(86);
    expect(s.totalSuppressedBecause).toBeNull();
  });

  it('suppresses derived figures with their count', () => {
    // 3 people in 264,700 is 1.13 per 100,000: publish that and anyone can multiply back to 3.
    const s = suppress([
      { key: 'Plymouth', count: 3, derived: { per100k: 1.13, percent: 2.4 } },
      { key: 'Devon', count: 73, derived: { per100k: 8.99, percent: 58.4 } },
    ]);
    expect(s.cells[0]).toEqual({
      key: 'Plymouth',
      count: SUPPRESSED,
      derived: { per100k: SUPPRESSED, percent: SUPPRESSED },
      suppressedBecause: 'small_number',
    });
    expect(s.cells[1]!.derived).toEqual({ per100k: 8.99, percent: 58.4 });
  });

  it('a higher threshold suppresses more', () => {
    const s = suppress([{ key: 'A', count: 9 }, { key: 'B', count: 10 }], { threshold: 10 });
    expect(s.cells.map((c) => c.count)).toEqual([SUPPRESSED, 10]);
  });
});

describe('secondary suppression against a published total', () => {
  it('one small cell and a total: the next-smallest cell goes too', () => {
    // Torbay 3 alone: 281 − (73 + 130 + 62 + 13) = 3. So Plymouth (13, next-smallest) is suppressed too:
    // 281 − 265 = 16 = Torbay + Plymouth, Torbay anywhere in 1–4, Plymouth in 12–15.
    const cells = [
      { key: 'Devon', count: 73, derived: { per100k: 8.99 } },
      { key: 'Torbay', count: 3, derived: { per100k: 2.15 } },
      { key: 'Cornwall', count: 130, derived: { per100k: 22.8 } },
      { key: 'Somerset', count: 62, derived: { per100k: 10.85 } },
      { key: 'Plymouth', count: 13, derived: { per100k: 4.91 } },
    ];
    const s = suppress(cells, { total: 281 });
    expect(reasons(s)).toEqual({ Devon: null, Torbay: 'small_number', Cornwall: null, Somerset: null, Plymouth: 'secondary' });
    expect(s.cells[4]).toEqual({ key: 'Plymouth', count: SUPPRESSED, derived: { per100k: SUPPRESSED }, suppressedBecause: 'secondary' });
    expect(s.total).toBe(281);
    const possible = possibleValues(s);
    expect([...possible.get('Torbay')!]).toEqual([1, 2, 3, 4]);
    expect([...possible.get('Plymouth')!]).toEqual([15, 14, 13, 12]);
    expectNoneRecoverable(s);
  });

  it('without secondary suppression the small cell would be recovered (the check can fail)', () => {
    const naive: Suppression = {
      cells: [
        { key: 'A', count: 73, derived: {}, suppressedBecause: null },
        { key: 'B', count: SUPPRESSED, derived: {}, suppressedBecause: 'small_number' },
        { key: 'C', count: 13, derived: {}, suppressedBecause: null },
      ],
      total: 89,
      totalSuppressedBecause: null,
    };
    expect([...possibleValues(naive).get('B')!]).toEqual([3]);
  });

  it('two small cells summing to 2 are both 1: suppress another', () => {
    // A 1 + B 1 = 2 with each at least 1 pins both. Adding C (8): 10 = A + B + C, A and B in 1–4, C ≥ 5.
    const s = suppress(
      [
        { key: 'A', count: 1 },
        { key: 'B', count: 1 },
        { key: 'C', count: 8 },
        { key: 'D', count: 20 },
      ],
      { total: 30 },
    );
    expect(reasons(s)).toEqual({ A: 'small_number', B: 'small_number', C: 'secondary', D: null });
    expectNoneRecoverable(s);
  });

  it('two small cells that are not pinned need no secondary', () => {
    // A 3 + B 1 = 4: could be 1+3, 2+2, 3+1.
    const s = suppress(
      [
        { key: 'A', count: 3 },
        { key: 'B', count: 1 },
        { key: 'C', count: 10 },
      ],
      { total: 14 },
    );
    expect(reasons(s)).toEqual({ A: 'small_number', B: 'small_number', C: null });
    expectNoneRecoverable(s);
  });

  it('a 1 with a secondary 5 is still pinned (6 = 1 + 5 is the only way), so a third goes', () => {
    const s = suppress(
      [
        { key: 'A', count: 1 },
        { key: 'B', count: 5 },
        { key: 'C', count: 9 },
      ],
      { total: 15 },
    );
    expect(reasons(s)).toEqual({ A: 'small_number', B: 'secondary', C: 'secondary' });
    expect(s.total).toBe(15);
    expectNoneRecoverable(s);
  });

  it('zeros are never the complementary cell', () => {
    const s = suppress(
      [
        { key: 'A', count: 3 },
        { key: 'B', count: 0 },
        { key: 'C', count: 6 },
        { key: 'D', count: 40 },
      ],
      { total: 49 },
    );
    expect(reasons(s)).toEqual({ A: 'small_number', B: null, C: 'secondary', D: null });
    expectNoneRecoverable(s);
  });

  it('suppresses the total when no cell is left to hide', () => {
    // 4 + 4 = 8 with each at most 4 pins both, and only a 0 is left: the total goes instead.
    const s = suppress(
      [
        { key: 'A', count: 4 },
        { key: 'B', count: 4 },
        { key: 'C', count: 0 },
      ],
      { total: 8 },
    );
    expect(s.total).toBe(SUPPRESSED);
    expect(s.totalSuppressedBecause).toBe('secondary');
    expect(reasons(s)).toEqual({ A: 'small_number', B: 'small_number', C: null });
  });

  it('a small total is itself suppressed, and then nothing can be subtracted', () => {
    const s = suppress(
      [
        { key: 'A', count: 3 },
        { key: 'B', count: 0 },
      ],
      { total: 3 },
    );
    expect(s.total).toBe(SUPPRESSED);
    expect(s.totalSuppressedBecause).toBe('small_number');
    expect(reasons(s)).toEqual({ A: 'small_number', B: null });
  });

  it('many random tables: no suppressed cell is ever recoverable', () => {
    // Deterministic pseudo-random counts (LCG), 0–14, 2–6 cells, so small numbers are common.
    let seed = 20230801;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 300; t++) {
      const cells = Array.from({ length: 2 + Math.floor(next() * 5) }, (_, i) => ({ key: `c${i}`, count: Math.floor(next() * 15) }));
      const total = cells.reduce((s, c) => s + c.count, 0);
      const s = suppress(cells, { total });
      for (const c of s.cells) {
        const original = cells.find((o) => o.key === c.key)!.count;
        if (original >= 1 && original <= 4) expect(c.count).toBe(SUPPRESSED);
        if (c.count !== SUPPRESSED) expect(c.count).toBe(original);
      }
      if (typeof s.total === 'number' && s.cells.some((c) => c.count === SUPPRESSED)) expectNoneRecoverable(s);
    }
  });

  it('refuses a total that is not the sum of the cells, and bad counts', () => {
    expectBadRequest(() => suppress([{ key: 'A', count: 3 }], { total: 10 }), 'total');
    expectBadRequest(() => suppress([{ key: 'A', count: 2.5 }]), 'cells[0].count');
    expectBadRequest(() => suppress([{ key: 'A', count: -1 }]), 'cells[0].count');
    expectBadRequest(() => suppress([{ key: 'A', count: 3 }], { threshold: 1 }), 'threshold');
  });
});

describe('a proportion of people', () => {
  it('discloses a small number through its numerator, its denominator or the rest', () => {
    expect(proportionDisclosesSmallNumber(40, 60)).toBe(false);
    expect(proportionDisclosesSmallNumber(3, 60)).toBe(true); // 3 counted
    expect(proportionDisclosesSmallNumber(26, 28)).toBe(true); // 2 not counted: "93% sourced in time" of 28
    expect(proportionDisclosesSmallNumber(3, 4)).toBe(true); // 4 in all
    expect(proportionDisclosesSmallNumber(28, 28)).toBe(false); // all of them: nobody in the rest to identify
    expect(proportionDisclosesSmallNumber(0, 30)).toBe(false);
    expect(proportionDisclosesSmallNumber(25, 30)).toBe(false); // the rest is 5
    expect(proportionDisclosesSmallNumber(26, 30, 6)).toBe(true); // a stricter threshold of 6: the rest, 4, is small
  });
});
