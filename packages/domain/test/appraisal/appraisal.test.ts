import { describe, expect, it } from 'vitest';
import { appraiseOptions, DEFAULT_APPRAISAL_SCALE, PLYMOUTH_SHARED_LIVES_APPRAISAL, scoreDescriptor } from '../../src/appraisal/index.ts';

const withScore = (optionId: string, criterionId: string, score: number) => ({
  ...PLYMOUTH_SHARED_LIVES_APPRAISAL,
  scores: PLYMOUTH_SHARED_LIVES_APPRAISAL.scores.map((s) => (s.optionId === optionId && s.criterionId === criterionId ? { ...s, score } : s)),
});

describe('options appraisal', () => {
  it("reproduces Plymouth's section 5.3: 6, 9, 15, 21 → option 4", () => {
    const a = appraiseOptions(PLYMOUTH_SHARED_LIVES_APPRAISAL);
    expect(PLYMOUTH_SHARED_LIVES_APPRAISAL.criteria).toHaveLength(9);
    expect(a.options.map((o) => [o.name, o.total, o.weightedTotal, o.rank])).toEqual([
      ['Do nothing', 6, 6, 4],
      ['Seek a new provider', 9, 9, 3],
      ['Join up a peninsula offer', 15, 15, 2],
      ['Extend existing arrangements with current provider', 21, 21, 1],
    ]);
    expect(a.ranking).toEqual(['extend-existing', 'peninsula-offer', 'seek-new-provider', 'do-nothing']);
    expect(a.recommended).toEqual({ optionId: 'extend-existing', basis: 'top_score' });
    expect(a.maxPossible).toBe(27);
    expect(a.options[0]!.scores).toEqual({
      'statutory-duties': 0,
      'system-drivers': 0,
      'council-drivers': 0,
      'revenue-cost': 3,
      'user-benefit': 0,
      'ability-to-deliver': 0,
      risk: 0,
      timescale: 3,
      'future-needs': 0,
    });
    expect(a.options[3]!.scores['ability-to-deliver']).toBe(3);
  });

  it('has the 0–3 descriptors', () => {
    expect(DEFAULT_APPRAISAL_SCALE.descriptors.map((d) => [d.score, d.label])).toEqual([
      [3, 'Exceeds expectations'],
      [2, 'Sufficient'],
      [1, 'Partly sufficient'],
      [0, 'Not met at all'],
    ]);
    expect(scoreDescriptor(1)).toBe('Partly sufficient');
  });

  it('weights criteria: user benefit counted twice', () => {
    const weighted = appraiseOptions({
      ...PLYMOUTH_SHARED_LIVES_APPRAISAL,
      criteria: PLYMOUTH_SHARED_LIVES_APPRAISAL.criteria.map((c) => (c.id === 'user-benefit' ? { ...c, weight: 2 } : c.id === 'timescale' ? { ...c, weight: 0.5 } : c)),
    });
    // Do nothing 6 + 0 − 1.5 = 4.5; new provider 9 + 1 − 0 = 10; peninsula 15 + 2 − 0.5 = 16.5; extend 21 + 3 − 1 = 23
    expect(weighted.options.map((o) => [o.total, o.weightedTotal])).toEqual([
      [6, 4.5],
      [9, 10],
      [15, 16.5],
      [21, 23],
    ]);
    expect(weighted.maxPossible).toBe(28.5);
  });

  it('ties share a rank and nobody is recommended on a tie for top', () => {
    // Raise peninsula's future needs 1 → 3 and ability to deliver 1 → 3: 15 + 4 = 19; timescale 1 → 3: 21.
    const tied = appraiseOptions({
      ...PLYMOUTH_SHARED_LIVES_APPRAISAL,
      scores: PLYMOUTH_SHARED_LIVES_APPRAISAL.scores.map((s) =>
        s.optionId === 'peninsula-offer' && ['future-needs', 'ability-to-deliver', 'timescale'].includes(s.criterionId) ? { ...s, score: 3 } : s,
      ),
    });
    expect(tied.options.map((o) => [o.total, o.rank])).toEqual([
      [6, 4],
      [9, 3],
      [21, 1],
      [21, 1],
    ]);
    expect(tied.topOptionIds).toEqual(['peninsula-offer', 'extend-existing']);
    expect(tied.recommended).toBeNull();
  });

  it('an override needs a reason', () => {
    expect(() => appraiseOptions({ ...PLYMOUTH_SHARED_LIVES_APPRAISAL, override: { optionId: 'peninsula-offer', reason: '   ' } })).toThrow(
      expect.objectContaining({ message: 'Give a reason for recommending an option other than the top score', field: 'override.reason' }),
    );
    const overridden = appraiseOptions({
      ...PLYMOUTH_SHARED_LIVES_APPRAISAL,
      override: { optionId: 'peninsula-offer', reason: 'All five authorities agreed to commission jointly' },
    });
    expect(overridden.recommended).toEqual({
      optionId: 'peninsula-offer',
      basis: 'override',
      reason: 'All five authorities agreed to commission jointly',
    });
    expect(overridden.ranking[0]).toBe('extend-existing');
    expect(() => appraiseOptions({ ...PLYMOUTH_SHARED_LIVES_APPRAISAL, override: { optionId: 'nope', reason: 'x' } })).toThrow(
      expect.objectContaining({ field: 'override.optionId' }),
    );
  });

  it('refuses a score off the scale, naming the option and criterion', () => {
    // Scores run criterion by criterion, four options each: timescale is the 8th criterion → index 7 × 4 = 28.
    expect(() => appraiseOptions(withScore('do-nothing', 'timescale', 4))).toThrow(
      expect.objectContaining({ message: 'Score for "Do nothing" against "Timescale" must be a whole number from 0 to 3', field: 'scores[28].score' }),
    );
    expect(() => appraiseOptions(withScore('extend-existing', 'risk', 2.5))).toThrow(
      expect.objectContaining({ message: 'Score for "Extend existing arrangements with current provider" against "Risk" must be a whole number from 0 to 3' }),
    );
  });

  it('refuses a missing, duplicate or stray score', () => {
    const scores = PLYMOUTH_SHARED_LIVES_APPRAISAL.scores;
    expect(() => appraiseOptions({ ...PLYMOUTH_SHARED_LIVES_APPRAISAL, scores: scores.slice(1) })).toThrow(
      expect.objectContaining({ message: 'Enter a score for "Do nothing" against "Statutory duties"' }),
    );
    expect(() => appraiseOptions({ ...PLYMOUTH_SHARED_LIVES_APPRAISAL, scores: [...scores, scores[0]!] })).toThrow(
      expect.objectContaining({ message: '"Do nothing" is scored more than once against "Statutory duties"' }),
    );
    expect(() => appraiseOptions({ ...PLYMOUTH_SHARED_LIVES_APPRAISAL, scores: [...scores, { optionId: 'x', criterionId: 'risk', score: 1 }] })).toThrow(
      expect.objectContaining({ field: 'scores[36].optionId' }),
    );
  });

  it('takes a custom scale', () => {
    const a = appraiseOptions({
      options: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      criteria: [{ id: 'q', name: 'Quality' }],
      scale: { min: 1, max: 5, descriptors: [{ score: 5, label: 'Excellent' }] },
      scores: [
        { optionId: 'a', criterionId: 'q', score: 5 },
        { optionId: 'b', criterionId: 'q', score: 1 },
      ],
    });
    expect(a.recommended?.optionId).toBe('a');
    expect(() =>
      appraiseOptions({
        options: [{ id: 'a', name: 'A' }],
        criteria: [{ id: 'q', name: 'Quality' }],
        scale: { min: 1, max: 5, descriptors: [] },
        scores: [{ optionId: 'a', criterionId: 'q', score: 0 }],
      }),
    ).toThrow(expect.objectContaining({ message: 'Score for "A" against "Quality" must be a whole number from 1 to 5' }));
  });
});
