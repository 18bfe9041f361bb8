import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { evaluateApplications, moderationInput, scoreInput, type ApplicationForEvaluation, type CriterionForEvaluation } from '../../src/procurement/index.ts';

// The worked example in src/procurement/evaluation.ts, figure by figure.
const criteria: CriterionForEvaluation[] = [
  { id: 'q1', kind: 'quality', name: 'Person-centred care', weightPercent: 40 },
  { id: 'q2', kind: 'quality', name: 'Workforce', weightPercent: 20 },
  { id: 'sv', kind: 'social_value', name: 'Social value', weightPercent: 10 },
  { id: 'p', kind: 'price', name: 'Price per hour', weightPercent: 30 },
];
const passedGateway = [{ questionId: 'cqc', passed: true }, { questionId: 'insurance', passed: true }];

/** Two evaluators (e1, e2) per criterion; `moderated` only where they differed. */
function application(name: string, bidPricePence: number | null, scores: Record<string, [number, number]>, moderated: Record<string, number> = {}): ApplicationForEvaluation {
  return {
    applicationId: `app-${name.split(' ')[0]?.toLowerCase()}`,
    providerName: name,
    gateway: passedGateway,
    gatewayQuestionCount: 2,
    bidPricePence,
    scores: Object.entries(scores).flatMap(([criterionId, [a, b]]) => [
      { criterionId, evaluatorId: 'e1', score: a },
      { criterionId, evaluatorId: 'e2', score: b },
    ]),
    moderated: Object.entries(moderated).map(([criterionId, score]) => ({ criterionId, score })),
  };
}

const alder = application('Alder Care', 1950, { q1: [4, 4], q2: [3, 4], sv: [3, 3] }, { q2: 4 });
const birch = application('Birch Homecare', 1800, { q1: [3, 3], q2: [2, 3], sv: [2, 2] }, { q2: 2 });
const cedar = application('Cedar Support', 2100, { q1: [5, 4], q2: [4, 4], sv: [5, 5] }, { q1: 5 });

const evaluate = (applications: ApplicationForEvaluation[], over: Partial<Parameters<typeof evaluateApplications>[0]> = {}) =>
  evaluateApplications({ criteria, scaleMax: 5, qualityThresholdPercent: 60, applications, ...over });

describe('evaluation: the worked example', () => {
  const results = evaluate([alder, birch, cedar]);
  const byName = (name: string) => results.find((r) => r.providerName === name)!;

  it('ranks Cedar 1st, Alder 2nd, and leaves Birch below the quality threshold', () => {
    expect(results.map((r) => [r.providerName, r.rank, r.status])).toEqual([
      ['Cedar Support', 1, 'ranked'],
      ['Alder Care', 2, 'ranked'],
      ['Birch Homecare', null, 'below_threshold'],
    ]);
  });

  it('Alder Care: 32 + 16 + 6 + 27.69 = 81.69, quality 80%', () => {
    expect(byName('Alder Care')).toEqual({
      applicationId: 'app-alder',
      providerName: 'Alder Care',
      gateway: 'passed',
      criteria: [
        { criterionId: 'q1', kind: 'quality', evaluatorScores: [4, 4], agreedScore: 4, weightedPoints: 32, needsModeration: false },
        { criterionId: 'q2', kind: 'quality', evaluatorScores: [3, 4], agreedScore: 4, weightedPoints: 16, needsModeration: false },
        { criterionId: 'sv', kind: 'social_value', evaluatorScores: [3, 3], agreedScore: 3, weightedPoints: 6, needsModeration: false },
        { criterionId: 'p', kind: 'price', evaluatorScores: [], agreedScore: null, weightedPoints: 27.69, needsModeration: false },
      ],
      qualityPercent: 80,
      pricePoints: 27.69,
      totalPoints: 81.69,
      meetsQualityThreshold: true,
      rank: 2,
      status: 'ranked',
    });
  });

  it('Birch Homecare: lowest bid scores the full 30, but quality 53.33% < 60%', () => {
    const birchResult = byName('Birch Homecare');
    expect(birchResult.criteria.map((c) => [c.agreedScore, c.weightedPoints])).toEqual([
      [3, 24],
      [2, 8],
      [2, 4],
      [null, 30],
    ]);
    expect(birchResult).toMatchObject({ qualityPercent: 53.33, pricePoints: 30, totalPoints: 66, meetsQualityThreshold: false, rank: null, status: 'below_threshold' });
  });

  it('Cedar Support: 40 + 16 + 10 + 25.71 = 91.71, quality 93.33%', () => {
    const cedarResult = byName('Cedar Support');
    expect(cedarResult.criteria.map((c) => [c.evaluatorScores, c.agreedScore, c.weightedPoints])).toEqual([
      [[5, 4], 5, 40],
      [[4, 4], 4, 16],
      [[5, 5], 5, 10],
      [[], null, 25.71],
    ]);
    expect(cedarResult).toMatchObject({ qualityPercent: 93.33, pricePoints: 25.71, totalPoints: 91.71, meetsQualityThreshold: true, rank: 1 });
  });

  it('without a threshold all three rank, and meetsQualityThreshold is null', () => {
    const open = evaluate([alder, birch, cedar], { qualityThresholdPercent: null });
    expect(open.map((r) => [r.providerName, r.rank, r.totalPoints, r.meetsQualityThreshold])).toEqual([
      ['Cedar Support', 1, 91.71, null],
      ['Alder Care', 2, 81.69, null],
      ['Birch Homecare', 3, 66, null],
    ]);
  });
});

describe('evaluation: gateway', () => {
  it('a failed gateway question ends the application: no points, never ranked, out of the price pool', () => {
    const failedBirch = { ...birch, gateway: [{ questionId: 'cqc', passed: false }, { questionId: 'insurance', passed: true }] };
    const results = evaluate([alder, failedBirch, cedar]);
    const b = results.find((r) => r.providerName === 'Birch Homecare')!;
    expect(b).toMatchObject({ gateway: 'failed', status: 'gateway_failed', rank: null, totalPoints: null, pricePoints: null, qualityPercent: null, meetsQualityThreshold: null });
    expect(b.criteria.every((c) => c.weightedPoints === null && !c.needsModeration)).toBe(true);
    // Alder's £19.50 is now the lowest: 30 points; Cedar 19.50/21.00 × 30 = 27.857 → 27.86.
    expect(results.map((r) => [r.providerName, r.pricePoints, r.totalPoints, r.rank])).toEqual([
      ['Cedar Support', 27.86, 93.86, 1],
      ['Alder Care', 30, 84, 2],
      ['Birch Homecare', null, null, null],
    ]);
  });

  it('a fail counts even when other answers are missing', () => {
    const [r] = evaluate([{ ...alder, gateway: [{ questionId: 'cqc', passed: false }] }]);
    expect(r?.gateway).toBe('failed');
  });

  it('fewer answers than questions: gateway incomplete, awaiting scores', () => {
    const [r] = evaluate([{ ...alder, gateway: [{ questionId: 'cqc', passed: true }, { questionId: 'cqc', passed: true }] }]);
    expect(r).toMatchObject({ gateway: 'incomplete', status: 'awaiting_scores', rank: null, totalPoints: null });
  });

  it('no gateway questions: passed', () => {
    const [r] = evaluate([{ ...alder, gateway: [], gatewayQuestionCount: 0 }]);
    expect(r?.gateway).toBe('passed');
  });
});

describe('evaluation: scoring in progress', () => {
  it('evaluators who differ and no moderation → awaiting moderation, and the criterion says so', () => {
    const [r] = evaluate([{ ...alder, moderated: [] }]);
    expect(r?.status).toBe('awaiting_moderation');
    expect(r?.criteria.find((c) => c.criterionId === 'q2')).toEqual({ criterionId: 'q2', kind: 'quality', evaluatorScores: [3, 4], agreedScore: null, weightedPoints: null, needsModeration: true });
    expect(r).toMatchObject({ totalPoints: null, qualityPercent: null, meetsQualityThreshold: null, rank: null, pricePoints: 30 });
  });

  it('a criterion nobody has scored → awaiting scores (which outranks awaiting moderation)', () => {
    const [r] = evaluate([{ ...alder, scores: alder.scores.filter((s) => s.criterionId !== 'sv'), moderated: [] }]);
    expect(r?.status).toBe('awaiting_scores');
    expect(r?.criteria.find((c) => c.criterionId === 'sv')).toMatchObject({ evaluatorScores: [], agreedScore: null, needsModeration: false });
    expect(r?.criteria.find((c) => c.criterionId === 'q2')?.needsModeration).toBe(true);
    // Quality is complete once moderated, though social value is not: the threshold can already be judged.
    const [m] = evaluate([{ ...alder, scores: alder.scores.filter((s) => s.criterionId !== 'sv') }]);
    expect(m).toMatchObject({ status: 'awaiting_scores', qualityPercent: 80, meetsQualityThreshold: true, totalPoints: null });
  });

  it('no bid when price is a criterion → awaiting scores', () => {
    const [r] = evaluate([{ ...alder, bidPricePence: null }]);
    expect(r).toMatchObject({ status: 'awaiting_scores', pricePoints: null, totalPoints: null });
  });

  it('minEvaluators: one early score is not yet an agreed score', () => {
    const lone = { ...alder, scores: alder.scores.filter((s) => s.evaluatorId === 'e1'), moderated: [] };
    expect(evaluate([lone])[0]?.status).toBe('ranked');
    const [r] = evaluate([lone], { minEvaluators: 2 });
    expect(r?.status).toBe('awaiting_scores');
    expect(r?.criteria[0]).toMatchObject({ evaluatorScores: [4], agreedScore: null, needsModeration: false });
  });

  it('a moderated score overrides even unanimous evaluators, and a re-score replaces the evaluator’s earlier one', () => {
    const [r] = evaluate([{ ...alder, scores: [...alder.scores, { criterionId: 'q1', evaluatorId: 'e2', score: 5 }], moderated: [...alder.moderated, { criterionId: 'q1', score: 3 }] }]);
    expect(r?.criteria[0]).toMatchObject({ evaluatorScores: [4, 5], agreedScore: 3, weightedPoints: 24 });
  });

  it('evaluator scores given against the price criterion are ignored: price comes from the bids', () => {
    const [r] = evaluate([{ ...cedar, scores: [...cedar.scores, { criterionId: 'p', evaluatorId: 'e1', score: 5 }] }, alder]);
    expect(r?.criteria[3]).toEqual({ criterionId: 'p', kind: 'price', evaluatorScores: [], agreedScore: null, weightedPoints: 27.86, needsModeration: false });
  });
});

describe('evaluation: ranking', () => {
  const single: CriterionForEvaluation[] = [{ id: 'q', kind: 'quality', name: 'Quality', weightPercent: 100 }];
  const scored = (name: string, score: number): ApplicationForEvaluation => ({
    applicationId: name,
    providerName: name,
    gateway: [],
    gatewayQuestionCount: 0,
    bidPricePence: null,
    scores: [{ criterionId: 'q', evaluatorId: 'e1', score }],
    moderated: [],
  });

  it('ties share a rank and the next rank is skipped: 1, 2, 2, 4; ties listed by name', () => {
    const results = evaluateApplications({ criteria: single, scaleMax: 10, qualityThresholdPercent: null, applications: [scored('Dove', 7), scored('Cole', 8), scored('Ash', 9), scored('Bell', 8)] });
    expect(results.map((r) => [r.providerName, r.totalPoints, r.rank])).toEqual([
      ['Ash', 90, 1],
      ['Bell', 80, 2],
      ['Cole', 80, 2],
      ['Dove', 70, 4],
    ]);
  });

  it('ties are exact: 0.1 + 0.2 points equals 0.3 points', () => {
    const thirds: CriterionForEvaluation[] = [
      { id: 'a', kind: 'quality', name: 'A', weightPercent: 1 },
      { id: 'b', kind: 'quality', name: 'B', weightPercent: 2 },
      { id: 'c', kind: 'quality', name: 'C', weightPercent: 3 },
      { id: 'd', kind: 'quality', name: 'D', weightPercent: 94 },
    ];
    const app = (name: string, scores: Record<string, number>): ApplicationForEvaluation => ({
      ...scored(name, 0),
      scores: Object.entries(scores).map(([criterionId, score]) => ({ criterionId, evaluatorId: 'e1', score })),
    });
    const results = evaluateApplications({ criteria: thirds, scaleMax: 10, qualityThresholdPercent: null, applications: [app('X', { a: 1, b: 1, c: 0, d: 0 }), app('Y', { a: 0, b: 0, c: 1, d: 0 })] });
    expect(results.map((r) => [r.providerName, r.totalPoints, r.rank])).toEqual([
      ['X', 0.3, 1],
      ['Y', 0.3, 1],
    ]);
  });

  it('the threshold is judged on the reported 2 dp quality figure: 59.996% is reported and judged as 60.00%', () => {
    const thirds: CriterionForEvaluation[] = [
      { id: 'a', kind: 'quality', name: 'A', weightPercent: 33.33 },
      { id: 'b', kind: 'quality', name: 'B', weightPercent: 33.33 },
      { id: 'c', kind: 'quality', name: 'C', weightPercent: 33.34 },
    ];
    const app: ApplicationForEvaluation = {
      ...scored('Elm', 0),
      scores: [
        { criterionId: 'a', evaluatorId: 'e1', score: 4 },
        { criterionId: 'b', evaluatorId: 'e1', score: 4 },
        { criterionId: 'c', evaluatorId: 'e1', score: 1 },
      ],
    };
    // (4×33.33 + 4×33.33 + 1×33.34) ÷ 5 = 59.996
    const [r] = evaluateApplications({ criteria: thirds, scaleMax: 5, qualityThresholdPercent: 60, applications: [app] });
    expect(r).toMatchObject({ qualityPercent: 60, totalPoints: 60, meetsQualityThreshold: true, status: 'ranked' });
    const [strict] = evaluateApplications({ criteria: thirds, scaleMax: 5, qualityThresholdPercent: 60.01, applications: [app] });
    expect(strict).toMatchObject({ meetsQualityThreshold: false, status: 'below_threshold' });
  });

  it('social value does not count towards the quality threshold', () => {
    const mixed: CriterionForEvaluation[] = [
      { id: 'q', kind: 'quality', name: 'Quality', weightPercent: 50 },
      { id: 'sv', kind: 'social_value', name: 'Social value', weightPercent: 50 },
    ];
    const app: ApplicationForEvaluation = {
      ...scored('Fir', 0),
      scores: [
        { criterionId: 'q', evaluatorId: 'e1', score: 2 },
        { criterionId: 'sv', evaluatorId: 'e1', score: 5 },
      ],
    };
    const [r] = evaluateApplications({ criteria: mixed, scaleMax: 5, qualityThresholdPercent: 50, applications: [app] });
    expect(r).toMatchObject({ qualityPercent: 40, totalPoints: 70, meetsQualityThreshold: false, status: 'below_threshold' });
  });

  it('an empty lot evaluates to nothing', () => {
    expect(evaluate([])).toEqual([]);
  });
});

describe('evaluation: refusals', () => {
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof DomainError) return { kind: error.kind, field: error.field, message: error.message };
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('weights that do not total 100% cannot be evaluated', () => {
    expect(refusal(() => evaluateApplications({ criteria: criteria.slice(0, 3), scaleMax: 5, qualityThresholdPercent: null, applications: [alder] }))).toEqual({
      kind: 'BAD_REQUEST',
      field: 'criteria',
      message: 'Weights must total 100%; they total 70%',
    });
  });

  it('a score off the scale, a bad bid, a bad scale or threshold', () => {
    expect(refusal(() => evaluate([{ ...alder, scores: [{ criterionId: 'q1', evaluatorId: 'e1', score: 6 }] }]))).toMatchObject({ field: 'score', message: 'Score must be a whole number from 0 to 5' });
    expect(refusal(() => evaluate([{ ...alder, moderated: [{ criterionId: 'q1', score: 2.5 }] }]))).toMatchObject({ field: 'score' });
    expect(refusal(() => evaluate([{ ...alder, bidPricePence: 19.5 }]))).toMatchObject({ field: 'bidPricePence' });
    expect(refusal(() => evaluate([{ ...alder, bidPricePence: 0 }]))).toMatchObject({ field: 'bidPricePence' });
    expect(refusal(() => evaluate([alder], { scaleMax: 0 }))).toMatchObject({ field: 'scaleMax' });
    expect(refusal(() => evaluate([alder], { qualityThresholdPercent: 101 }))).toMatchObject({ field: 'qualityThresholdPercent' });
  });
});

describe('score and moderation input', () => {
  const ids = { applicationId: '0b6c5a1e-2f3d-4e5f-8a9b-1c2d3e4f5a6b', criterionId: '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b', version: 1 };

  it('needs a whole-number score and a rationale', () => {
    expect(scoreInput.parse({ ...ids, score: 4, rationale: 'Clear evidence of strengths-based planning' }).score).toBe(4);
    expect(scoreInput.safeParse({ ...ids, score: 4, rationale: ' ' }).error?.issues[0]?.message).toBe('Give a rationale for the score');
    expect(scoreInput.safeParse({ ...ids, score: 3.5, rationale: 'x' }).error?.issues[0]?.message).toBe('Score must be a whole number');
    expect(moderationInput.safeParse({ ...ids, score: 4, rationale: '' }).error?.issues[0]?.message).toBe('Explain the agreed score');
    expect(moderationInput.safeParse({ ...ids, applicationId: 'app-alder', score: 4, rationale: 'Agreed at panel' }).success).toBe(false);
  });
});
