import { z } from 'zod';
import { INT4_MAX, isStorableText, recordVersion } from '../input.ts';
import { badRequest } from '../errors.ts';
import { assertCriteriaComplete, assertScoreOnScale, weightHundredths } from './criteria.ts';
import type { CriterionKind } from './labels.ts';

/**
 * Scoring and ranking the applications to one lot (call it once per lot: price points compare bids within
 * the lot).
 *
 * Rules, and why:
 * - Gateway first. Any failed pass/fail question → 'gateway_failed': never scored further, never ranked.
 *   Fewer answers than questions → the gateway is 'incomplete' and the application is 'awaiting_scores'.
 * - Quality and social value are scored by evaluators on 0..scaleMax. The agreed score is the moderated
 *   score where there is one. Without moderation, evaluators who all gave the same score have agreed
 *   (a moderation meeting would only confirm it); evaluators who differ must be moderated
 *   ('awaiting_moderation'). `minEvaluators` (default 1) stops one early score being taken as agreed
 *   before the rest of the panel has scored.
 * - Weighted points = agreed score ÷ scaleMax × weight.
 * - Price is never scored by evaluators (their price scores are ignored): points = lowest bid among the
 *   gateway-passed bidders ÷ this bid × price weight. The lowest bid scores the full weight.
 * - qualityPercent counts the 'quality' criteria only: the threshold asks "can they deliver safe, good
 *   care?", which social value (a separate policy aim) must not make up for.
 * - A bid below the quality threshold is not ranked, but it stays in the price pool: the pool is every
 *   gateway-passed bidder. (Some councils' published methods drop them from the pool; that would change
 *   the other bidders' price points, so it must be decided before publication, not here.)
 * - Totals are out of 100 and rounded to 2 dp; the rank is on the rounded total and the threshold on the
 *   rounded quality % (the figure published is the figure that counts), and equal totals share a rank:
 *   1, 2, 2, 4. meetsQualityThreshold is null while quality is unknown or when no threshold is set.
 * - All arithmetic is done exactly on integers (scores, weights in hundredths of a percent, bids in pence)
 *   and rounded once, half up, so equal totals really are equal.
 *
 * Worked example (the test asserts every figure). Scale 0–5, quality threshold 60%. Criteria:
 *   Q1 quality "Person-centred care" 40%, Q2 quality "Workforce" 20%, SV social value 10%, P price 30%.
 *   Bids per hour: Alder Care £19.50, Birch Homecare £18.00 (lowest), Cedar Support £21.00.
 *
 *   Alder:  Q1 evaluators 4,4 → agreed 4 → 4/5×40 = 32.00; Q2 3,4 moderated 4 → 16.00; SV 3,3 → 6.00
 *           price 18.00/19.50×30 = 27.6923 → 27.69; quality (32+16)/60 = 80.00%
 *           total 32+16+6+27.6923 = 81.6923 → 81.69
 *   Birch:  Q1 3,3 → 24.00; Q2 2,3 moderated 2 → 8.00; SV 2,2 → 4.00; price 18/18×30 = 30.00
 *           quality (24+8)/60 = 53.33% < 60% → below threshold, not ranked; total 66.00
 *   Cedar:  Q1 5,4 moderated 5 → 40.00; Q2 4,4 → 16.00; SV 5,5 → 10.00
 *           price 18.00/21.00×30 = 25.7143 → 25.71; quality (40+16)/60 = 93.33%
 *           total 40+16+10+25.7143 = 91.7143 → 91.71
 *   Ranking: 1 Cedar 91.71, 2 Alder 81.69; Birch below threshold (its bid still set the lowest price).
 */

export interface CriterionForEvaluation {
  id: string;
  kind: CriterionKind;
  name: string;
  weightPercent: number;
}

export interface ApplicationForEvaluation {
  applicationId: string;
  providerName: string;
  gateway: { questionId: string; passed: boolean }[];
  gatewayQuestionCount: number;
  /** Price per hour (or per week) for the price criterion, in pence. */
  bidPricePence: number | null;
  /** Independent evaluator scores. */
  scores: { criterionId: string; evaluatorId: string; score: number }[];
  /** Agreed scores from moderation. */
  moderated: { criterionId: string; score: number }[];
}

export type EvaluationStatus = 'ranked' | 'gateway_failed' | 'below_threshold' | 'awaiting_scores' | 'awaiting_moderation';

export interface EvaluatedCriterion {
  criterionId: string;
  kind: CriterionKind;
  evaluatorScores: number[];
  agreedScore: number | null;
  weightedPoints: number | null;
  needsModeration: boolean;
}

export interface EvaluatedApplication {
  applicationId: string;
  providerName: string;
  gateway: 'passed' | 'failed' | 'incomplete';
  criteria: EvaluatedCriterion[];
  qualityPercent: number | null;
  pricePoints: number | null;
  totalPoints: number | null;
  meetsQualityThreshold: boolean | null;
  rank: number | null;
  status: EvaluationStatus;
}

export interface EvaluationInput {
  criteria: CriterionForEvaluation[];
  scaleMax: number;
  qualityThresholdPercent: number | null;
  applications: ApplicationForEvaluation[];
  /** Evaluator scores needed before unanimous scores count as agreed. Default 1. */
  minEvaluators?: number;
}

/** num ÷ den rounded half up, for non-negative integers. */
function roundDiv(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}
const twoDp = (hundredths: bigint) => Number(hundredths) / 100;

function gatewayOutcome(a: ApplicationForEvaluation): EvaluatedApplication['gateway'] {
  if (a.gateway.some((g) => !g.passed)) return 'failed';
  return new Set(a.gateway.map((g) => g.questionId)).size >= a.gatewayQuestionCount ? 'passed' : 'incomplete';
}

function assertBid(bid: number | null): void {
  if (bid !== null && (!Number.isSafeInteger(bid) || bid <= 0)) throw badRequest('A bid price must be a whole number of pence above zero', 'bidPricePence');
}

function validate(input: EvaluationInput): void {
  const { scaleMax, qualityThresholdPercent: threshold, minEvaluators = 1 } = input;
  if (!Number.isInteger(scaleMax) || scaleMax < 1 || scaleMax > 10) throw badRequest('The scoring scale must run from 0 to a whole number between 1 and 10', 'scaleMax');
  if (threshold !== null && !(threshold >= 0 && threshold <= 100)) throw badRequest('The quality threshold must be from 0% to 100%', 'qualityThresholdPercent');
  if (!Number.isInteger(minEvaluators) || minEvaluators < 1) throw badRequest('At least one evaluator must score each answer', 'minEvaluators');
  assertCriteriaComplete(input.criteria);
  for (const a of input.applications) assertBid(a.bidPricePence);
}

/** The agreed score for one scored criterion, and whether moderation is still needed. */
function agree(a: ApplicationForEvaluation, criterionId: string, scaleMax: number, minEvaluators: number) {
  const byEvaluator = new Map<string, number>(); // one score per evaluator; a re-score replaces the earlier one
  for (const s of a.scores) {
    if (s.criterionId !== criterionId) continue;
    assertScoreOnScale(s.score, scaleMax, 'score');
    byEvaluator.set(s.evaluatorId, s.score);
  }
  const evaluatorScores = [...byEvaluator.values()];
  const moderated = a.moderated.filter((m) => m.criterionId === criterionId).at(-1);
  if (moderated) {
    assertScoreOnScale(moderated.score, scaleMax, 'score');
    return { evaluatorScores, agreedScore: moderated.score, needsModeration: false };
  }
  if (evaluatorScores.length < minEvaluators || evaluatorScores.length === 0) return { evaluatorScores, agreedScore: null, needsModeration: false };
  const unanimous = evaluatorScores.every((s) => s === evaluatorScores[0]);
  return { evaluatorScores, agreedScore: unanimous ? (evaluatorScores[0] ?? null) : null, needsModeration: !unanimous };
}

export function evaluateApplications(input: EvaluationInput): EvaluatedApplication[] {
  validate(input);
  const { criteria, scaleMax, qualityThresholdPercent, applications, minEvaluators = 1 } = input;
  const m = BigInt(scaleMax);
  const weights = new Map(criteria.map((c) => [c.id, BigInt(weightHundredths(c.weightPercent))]));
  const priceCriterion = criteria.find((c) => c.kind === 'price') ?? null;
  const priceWeight = priceCriterion ? (weights.get(priceCriterion.id) ?? 0n) : 0n;
  const qualityWeight = criteria.filter((c) => c.kind === 'quality').reduce((sum, c) => sum + (weights.get(c.id) ?? 0n), 0n);
  const thresholdHundredths = qualityThresholdPercent === null ? null : BigInt(Math.round(qualityThresholdPercent * 100));

  const gateways = new Map(applications.map((a) => [a.applicationId, gatewayOutcome(a)]));
  const poolBids = applications.filter((a) => gateways.get(a.applicationId) === 'passed' && a.bidPricePence !== null).map((a) => a.bidPricePence as number);
  const lowestBid = poolBids.length > 0 ? BigInt(Math.min(...poolBids)) : null;

  const evaluated = applications.map((a): EvaluatedApplication & { totalHundredths: bigint | null } => {
    const gateway = gateways.get(a.applicationId) ?? 'incomplete';
    const failed = gateway === 'failed';
    const bid = a.bidPricePence === null ? null : BigInt(a.bidPricePence);
    // Price points in hundredths: lowest × weight ÷ bid. Only a gateway-passed bid is in the pool it is compared with.
    const priceHundredths = priceCriterion && gateway === 'passed' && bid !== null && lowestBid !== null ? roundDiv(lowestBid * priceWeight, bid) : null;

    let scoredSum = 0n; // Σ score × weight (hundredths), over all quality and social value criteria
    let qualitySum = 0n; // the same, quality criteria only
    let allAgreed = true;
    let allQualityAgreed = true;
    let awaitingScores = false;
    let awaitingModeration = false;

    const rows = criteria.map((c): EvaluatedCriterion => {
      if (c.kind === 'price') {
        if (bid === null) awaitingScores = true;
        return { criterionId: c.id, kind: c.kind, evaluatorScores: [], agreedScore: null, weightedPoints: priceHundredths === null ? null : twoDp(priceHundredths), needsModeration: false };
      }
      const { evaluatorScores, agreedScore, needsModeration } = agree(a, c.id, scaleMax, minEvaluators);
      const w = weights.get(c.id) ?? 0n;
      if (agreedScore === null) {
        allAgreed = false;
        if (c.kind === 'quality') allQualityAgreed = false;
        if (needsModeration) awaitingModeration = true;
        else awaitingScores = true;
      } else {
        scoredSum += BigInt(agreedScore) * w;
        if (c.kind === 'quality') qualitySum += BigInt(agreedScore) * w;
      }
      // Score ÷ scaleMax × weight, in hundredths of a point: score × weight(hundredths) ÷ scaleMax.
      const points = agreedScore === null || failed ? null : twoDp(roundDiv(BigInt(agreedScore) * w, m));
      return { criterionId: c.id, kind: c.kind, evaluatorScores, agreedScore, weightedPoints: points, needsModeration: needsModeration && !failed };
    });

    const base = { applicationId: a.applicationId, providerName: a.providerName, gateway, criteria: rows, rank: null };
    const nothing = { qualityPercent: null, pricePoints: null, totalPoints: null, meetsQualityThreshold: null, totalHundredths: null };
    if (failed) return { ...base, ...nothing, status: 'gateway_failed' };
    if (gateway === 'incomplete') return { ...base, ...nothing, status: 'awaiting_scores' };

    // Quality % in hundredths: Σ score × weight × 100 × 100 ÷ (scaleMax × Σ quality weight).
    const qualityKnown = allQualityAgreed && qualityWeight > 0n;
    const qualityHundredths = qualityKnown ? roundDiv(qualitySum * 10_000n, m * qualityWeight) : null;
    // On the 2 dp figure the bidder is told: 59.996% is reported as 60.00%, so it meets a 60% threshold.
    const meetsQualityThreshold = qualityHundredths !== null && thresholdHundredths !== null ? qualityHundredths >= thresholdHundredths : null;

    // Total in hundredths: Σ score × weight ÷ scaleMax + lowest × price weight ÷ bid, over one denominator.
    const complete = allAgreed && (!priceCriterion || priceHundredths !== null);
    let totalHundredths: bigint | null = null;
    if (complete) {
      totalHundredths = priceCriterion && bid !== null && lowestBid !== null ? roundDiv(scoredSum * bid + lowestBid * priceWeight * m, m * bid) : roundDiv(scoredSum, m);
    }

    const status: EvaluationStatus = awaitingScores ? 'awaiting_scores' : awaitingModeration ? 'awaiting_moderation' : meetsQualityThreshold === false ? 'below_threshold' : 'ranked';
    return {
      ...base,
      qualityPercent: qualityHundredths === null ? null : twoDp(qualityHundredths),
      pricePoints: priceHundredths === null ? null : twoDp(priceHundredths),
      totalPoints: totalHundredths === null ? null : twoDp(totalHundredths),
      meetsQualityThreshold,
      status,
      totalHundredths,
    };
  });

  // Standard competition ranking on the rounded total: 1, 2, 2, 4.
  const ranked = evaluated.filter((e) => e.status === 'ranked' && e.totalHundredths !== null);
  for (const e of ranked) e.rank = 1 + ranked.filter((o) => (o.totalHundredths as bigint) > (e.totalHundredths as bigint)).length;

  const byRank = (x: EvaluatedApplication, y: EvaluatedApplication) =>
    x.rank === y.rank ? 0 : x.rank === null ? 1 : y.rank === null ? -1 : x.rank - y.rank;
  return evaluated
    .sort((x, y) => byRank(x, y) || x.providerName.localeCompare(y.providerName, 'en-GB') || x.applicationId.localeCompare(y.applicationId))
    .map(({ totalHundredths: _omit, ...e }) => e);
}

const score = z.number().int('Score must be a whole number').min(0, 'Score must be 0 or more').max(INT4_MAX, 'Score must be a number on the scale');

/** One evaluator's independent score; the scale is checked against the procurement with assertScoreOnScale. */
export const scoreInput = z.object({
  applicationId: z.uuid(),
  /**
   * The version of my score of this criterion the form showed (ApplicationDetail's myScore.rowVersion), or null when I
   * had not scored it: CONFLICT when I saved it meanwhile elsewhere. Other criteria and other evaluators never conflict.
   */
  version: recordVersion.nullable(),
  criterionId: z.uuid(),
  score,
  rationale: z.string().trim().min(1, 'Give a rationale for the score').max(4000).refine(isStorableText, 'Remove the invisible control characters from this text'),
});
export type ScoreInput = z.infer<typeof scoreInput>;

/** The score the panel agreed at moderation, with the reason it differs from (or confirms) the evaluators'. */
export const moderationInput = z.object({
  applicationId: z.uuid(),
  /**
   * The version of this criterion's agreed score the form showed (ApplicationDetail's moderated.rowVersion), or null
   * when none was agreed: CONFLICT when another moderator saved it since. Other criteria never conflict.
   */
  version: recordVersion.nullable(),
  criterionId: z.uuid(),
  score,
  rationale: z.string().trim().min(1, 'Explain the agreed score').max(4000).refine(isStorableText, 'Remove the invisible control characters from this text'),
});
export type ModerationInput = z.infer<typeof moderationInput>;
