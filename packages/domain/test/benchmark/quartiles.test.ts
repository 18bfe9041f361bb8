import { describe, expect, it } from 'vitest';
import { median, perHundredThousand, quantile, quartiles, rank } from '../../src/benchmark/index.ts';
import { expectBadRequest } from './helpers.ts';
import { SHARED_LIVES_AUG_2023 } from './seed.ts';

describe('quartiles (Excel QUARTILE.INC / R type 7)', () => {
  it('odd count interpolates at (n−1)p', () => {
    // sorted 1 2 4 8 16 32 64, n = 7: Q1 at 6×0.25 = 1.5 → 2 + 0.5×(4−2) = 3; median at 3 → 8;
    // Q3 at 4.5 → 16 + 0.5×(32−16) = 24.
    expect(quartiles([64, 1, 32, 2, 16, 4, 8])).toEqual({ n: 7, min: 1, q1: 3, median: 8, q3: 24, max: 64 });
  });

  it('even count interpolates at (n−1)p', () => {
    // sorted 1 2 3 10, n = 4: Q1 at 0.75 → 1 + 0.75×1 = 1.75; median at 1.5 → 2 + 0.5×1 = 2.5;
    // Q3 at 2.25 → 3 + 0.25×7 = 4.75. (Excel QUARTILE.INC({1,2,3,10},1) = 1.75.)
    const q = quartiles([10, 1, 3, 2]);
    expect(q.n).toBe(4);
    expect(q.q1).toBeCloseTo(1.75, 10);
    expect(q.median).toBeCloseTo(2.5, 10);
    expect(q.q3).toBeCloseTo(4.75, 10);
    expect(median([4, 1, 3, 2])).toBeCloseTo(2.5, 10);
  });

  it('one value is its own median and quartiles', () => {
    expect(quartiles([42])).toEqual({ n: 1, min: 42, q1: 42, median: 42, q3: 42, max: 42 });
  });

  it('an empty list is an error, not NaN', () => {
    expectBadRequest(() => quartiles([]), 'values');
    expectBadRequest(() => median([]), 'values');
    expectBadRequest(() => quartiles([1, Number.NaN]), 'values[1]');
  });

  it('any percentile uses the same rule', () => {
    // 1..10, p = 0.9: position 9×0.9 = 8.1 → 9 + 0.1×(10−9) = 9.1.
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expectBadRequest(() => quantile([1, 2], 1.5), 'p');
  });

  it('Shared Lives rates: median Somerset, quartiles Devon and Torbay', () => {
    // sorted 4.9112 8.9946 10.8467 20.1005 22.7950; n = 5 puts Q1, median, Q3 exactly on ranks 1, 2, 3.
    const q = quartiles(SHARED_LIVES_AUG_2023.map((a) => perHundredThousand(a.count, a.population)));
    expect(q.n).toBe(5);
    expect(q.q1).toBeCloseTo(8.9946, 4);
    expect(q.median).toBeCloseTo(10.8467, 4);
    expect(q.q3).toBeCloseTo(20.1005, 4);
  });
});

describe('rank', () => {
  const items = [
    { key: 'A', value: 10 },
    { key: 'B', value: 20 },
    { key: 'C', value: 20 },
    { key: 'D', value: 5 },
  ];

  it('higher is better: ties share, next rank skipped (1,1,3,4)', () => {
    expect(rank(items, 'higher_better').map((r) => [r.key, r.rank])).toEqual([
      ['A', 3],
      ['B', 1],
      ['C', 1],
      ['D', 4],
    ]);
  });

  it('lower is better: 1,2,3,3', () => {
    expect(rank(items, 'lower_better').map((r) => [r.key, r.rank])).toEqual([
      ['A', 2],
      ['B', 3],
      ['C', 3],
      ['D', 1],
    ]);
  });

  it('competition ranking 1,2,2,4', () => {
    const ranks = rank(
      [
        { key: 'w', value: 9 },
        { key: 'x', value: 7 },
        { key: 'y', value: 7 },
        { key: 'z', value: 1 },
      ],
      'higher_better',
    ).map((r) => r.rank);
    expect(ranks).toEqual([1, 2, 2, 4]);
  });

  it("'neither' is never ranked", () => {
    expect(rank(items, 'neither').every((r) => r.rank === null)).toBe(true);
  });
});
