import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import {
  assertAtMostOnePriceCriterion,
  assertCriteriaComplete,
  assertScoreOnScale,
  assertWeightsTotal100,
  criteriaInput,
  criterionInput,
  DEFAULT_GATEWAY_QUESTIONS,
  DEFAULT_SCALE_DESCRIPTORS,
  DEFAULT_SCALE_MAX,
  gatewayQuestionInput,
  scaleInput,
  weightHundredths,
} from '../../src/procurement/index.ts';

const w = (...weights: number[]) => weights.map((weightPercent) => ({ weightPercent }));

function refusal(fn: () => void): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('criterion weights', () => {
  it('accepts weights totalling exactly 100%, including thirds to 2 dp', () => {
    expect(() => assertWeightsTotal100(w(100))).not.toThrow();
    expect(() => assertWeightsTotal100(w(60, 30, 10))).not.toThrow();
    expect(() => assertWeightsTotal100(w(33.33, 33.33, 33.34))).not.toThrow();
    // 0.1 + 0.2 is not 0.3 in floating point; in hundredths it is.
    expect(() => assertWeightsTotal100(w(0.1, 0.2, 99.7))).not.toThrow();
  });

  it('refuses 99.99% and 95%, saying what they total, on the criteria field', () => {
    expect(refusal(() => assertWeightsTotal100(w(33.33, 33.33, 33.33)))).toMatchObject({ kind: 'BAD_REQUEST', field: 'criteria', message: 'Weights must total 100%; they total 99.99%' });
    expect(refusal(() => assertWeightsTotal100(w(60, 35))).message).toBe('Weights must total 100%; they total 95%');
    expect(refusal(() => assertWeightsTotal100(w(60, 30, 10.01))).message).toBe('Weights must total 100%; they total 100.01%');
    expect(refusal(() => assertWeightsTotal100([])).message).toBe('Add at least one criterion');
  });

  it('refuses more than 2 decimal places rather than rounding them', () => {
    expect(weightHundredths(33.33)).toBe(3333);
    expect(weightHundredths(0.07)).toBe(7);
    expect(refusal(() => assertWeightsTotal100(w(33.333, 66.667))).message).toBe('A weight can have at most 2 decimal places, for example 33.33%');
  });

  it('allows at most one price criterion', () => {
    expect(() => assertAtMostOnePriceCriterion([{ kind: 'quality' }, { kind: 'price' }, { kind: 'social_value' }])).not.toThrow();
    expect(() => assertAtMostOnePriceCriterion([{ kind: 'quality' }])).not.toThrow();
    expect(refusal(() => assertAtMostOnePriceCriterion([{ kind: 'price' }, { kind: 'price' }]))).toMatchObject({ field: 'criteria' });
    expect(() => assertCriteriaComplete([{ kind: 'price', weightPercent: 50 }, { kind: 'price', weightPercent: 50 }])).toThrow('Only one criterion can be price');
  });
});

describe('criterion input', () => {
  const valid = { kind: 'quality', name: 'Person-centred care and support', weightPercent: 40 };
  const message = (value: unknown) => criterionInput.safeParse(value).error?.issues[0]?.message;

  it('takes a named, weighted criterion', () => {
    expect(criterionInput.parse({ ...valid, name: '  Workforce  ' }).name).toBe('Workforce');
    expect(criterionInput.parse({ ...valid, weightPercent: 33.33 }).weightPercent).toBe(33.33);
  });

  it('explains what is wrong', () => {
    expect(message({ ...valid, name: ' ' })).toBe('Enter the criterion name');
    expect(message({ ...valid, weightPercent: 0 })).toBe('Weight must be more than 0%');
    expect(message({ ...valid, weightPercent: 100.5 })).toBe('Weight must be 100% or less');
    expect(message({ ...valid, weightPercent: 12.345 })).toBe('Weight can have at most 2 decimal places, for example 33.33%');
    expect(message({ ...valid, kind: 'value' })).toBe('Choose quality, price or social value');
    expect(criteriaInput.safeParse([]).error?.issues[0]?.message).toBe('Add at least one criterion');
  });
});

describe('scores and scales', () => {
  it('a score is a whole number on the scale', () => {
    for (const score of [0, 1, 5]) expect(() => assertScoreOnScale(score, 5, 'score')).not.toThrow();
    for (const score of [-1, 6, 2.5, Number.NaN]) expect(refusal(() => assertScoreOnScale(score, 5, 'score'))).toMatchObject({ kind: 'BAD_REQUEST', field: 'score', message: 'Score must be a whole number from 0 to 5' });
    expect(refusal(() => assertScoreOnScale(4, 3, 'scores.2')).message).toBe('Score must be a whole number from 0 to 3');
  });

  it('the default scale runs 0 Unacceptable to 5 Excellent and is itself a valid scale', () => {
    expect(DEFAULT_SCALE_MAX).toBe(5);
    expect(DEFAULT_SCALE_DESCRIPTORS.map((d) => d.score)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(DEFAULT_SCALE_DESCRIPTORS[0]?.descriptor).toMatch(/^Unacceptable/);
    expect(DEFAULT_SCALE_DESCRIPTORS[5]?.descriptor).toMatch(/^Excellent/);
    expect(scaleInput.safeParse({ scaleMax: DEFAULT_SCALE_MAX, descriptors: DEFAULT_SCALE_DESCRIPTORS }).success).toBe(true);
  });

  it('a scale must describe every score from 0 to the top exactly once', () => {
    const d = (...scores: number[]) => scores.map((score) => ({ score, descriptor: `Score ${score}` }));
    expect(scaleInput.safeParse({ scaleMax: 3, descriptors: d(3, 1, 0, 2) }).success).toBe(true);
    for (const descriptors of [d(0, 1, 2), d(0, 1, 2, 3, 4), d(0, 1, 1, 3), d(1, 2, 3, 4)]) {
      const issue = scaleInput.safeParse({ scaleMax: 3, descriptors }).error?.issues[0];
      expect(issue?.message).toBe('Describe each score from 0 to 3 exactly once');
      expect(issue?.path).toEqual(['descriptors']);
    }
    expect(scaleInput.safeParse({ scaleMax: 11, descriptors: [] }).success).toBe(false);
  });
});

describe('gateway questions', () => {
  it('default questions cover CQC registration, insurance and exclusion grounds', () => {
    expect(DEFAULT_GATEWAY_QUESTIONS).toContain('Registered with the Care Quality Commission for the regulated activity "Personal care"');
    expect(DEFAULT_GATEWAY_QUESTIONS.join('\n')).toMatch(/liability insurance of at least £5 million[\s\S]*Public liability insurance of at least £5 million/);
    expect(DEFAULT_GATEWAY_QUESTIONS).toContain('No grounds for mandatory exclusion');
    for (const question of DEFAULT_GATEWAY_QUESTIONS) expect(gatewayQuestionInput.safeParse({ question }).success).toBe(true);
  });

  it('a question must have words', () => {
    expect(gatewayQuestionInput.safeParse({ question: '  ' }).error?.issues[0]?.message).toBe('Enter the question');
  });
});
