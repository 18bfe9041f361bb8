import { z } from 'zod';
import { anyText, requiredText } from '../input.ts';
import { badRequest } from '../errors.ts';
import { criterionKind, type CriterionKind } from './labels.ts';

/** Evaluators score each quality and social value answer on a 0–5 scale unless the procurement sets another. */
export const DEFAULT_SCALE_MAX = 5;

/** The usual public-sector descriptors for a 0–5 scale; a procurement can adapt the wording. */
export const DEFAULT_SCALE_DESCRIPTORS: { score: number; descriptor: string }[] = [
  { score: 0, descriptor: 'Unacceptable: no response, or the response does not address the requirement. No confidence the provider can deliver it.' },
  { score: 1, descriptor: 'Poor: the response addresses the requirement only in part, with significant gaps or little evidence. Serious concerns about delivery.' },
  { score: 2, descriptor: 'Weak: the response addresses the requirement but lacks detail or evidence in places. Some concerns about delivery.' },
  { score: 3, descriptor: 'Satisfactory: the response meets the requirement with adequate detail and evidence. Minor concerns only.' },
  { score: 4, descriptor: 'Good: the response fully meets the requirement with clear detail and relevant evidence. Confident of delivery.' },
  { score: 5, descriptor: 'Excellent: the response fully meets the requirement and in places exceeds it, with comprehensive detail and strong evidence. Highly confident of delivery.' },
];

/**
 * A weight in hundredths of a percent, as an integer: 33.33% → 3333. Weights are stored as numeric(5,2),
 * so more than 2 decimals would be silently rounded; we refuse instead.
 */
export function weightHundredths(weightPercent: number): number {
  const hundredths = Math.round(weightPercent * 100);
  if (Math.abs(weightPercent * 100 - hundredths) > 1e-6) throw badRequest('A weight can have at most 2 decimal places, for example 33.33%', 'weightPercent');
  return hundredths;
}

const atMostTwoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) <= 1e-6;

export const criterionInput = z.object({
  kind: criterionKind,
  name: requiredText('the criterion name', 200),
  guidance: anyText(4000).optional(),
  weightPercent: z
    .number()
    .positive('Weight must be more than 0%')
    .max(100, 'Weight must be 100% or less')
    .refine(atMostTwoDecimals, 'Weight can have at most 2 decimal places, for example 33.33%'),
});
export type CriterionInput = z.infer<typeof criterionInput>;

export const criteriaInput = z.array(criterionInput).min(1, 'Add at least one criterion');

/** Shown as '95%' or '99.99%'. */
const percent = (hundredths: number) => `${hundredths / 100}%`;

/** Checked when criteria are finalised (publication, evaluation), not while a commissioner is still adding them. */
export function assertWeightsTotal100(criteria: { weightPercent: number }[]): void {
  if (criteria.length === 0) throw badRequest('Add at least one criterion', 'criteria');
  // Integers, so 33.33 + 33.33 + 33.34 is exactly 100 and 99.99 is not.
  const total = criteria.reduce((sum, c) => sum + weightHundredths(c.weightPercent), 0);
  if (total !== 10_000) throw badRequest(`Weights must total 100%; they total ${percent(total)}`, 'criteria');
}

/**
 * Price is scored by formula from the bids (lowest bid ÷ this bid × weight), never by evaluators, so one
 * price criterion carries the whole price weight; a second would count the same bid twice.
 */
export function assertAtMostOnePriceCriterion(criteria: { kind: CriterionKind }[]): void {
  if (criteria.filter((c) => c.kind === 'price').length > 1)
    throw badRequest('Only one criterion can be price: price is scored from the bids by formula, so give it the whole price weight', 'criteria');
}

/** Both checks a set of criteria must pass before applications are evaluated against it. */
export function assertCriteriaComplete(criteria: { kind: CriterionKind; weightPercent: number }[]): void {
  assertWeightsTotal100(criteria);
  assertAtMostOnePriceCriterion(criteria);
}

export function assertScoreOnScale(score: number, scaleMax: number, field: string): void {
  if (!Number.isInteger(score) || score < 0 || score > scaleMax) throw badRequest(`Score must be a whole number from 0 to ${scaleMax}`, field);
}

export const scaleInput = z
  .object({
    scaleMax: z.number().int().min(1).max(10),
    descriptors: z.array(z.object({ score: z.number().int().min(0).max(10), descriptor: requiredText('what the score means', 1000) })),
  })
  .superRefine((s, ctx) => {
    const scores = s.descriptors.map((d) => d.score).sort((a, b) => a - b);
    const coversScale = scores.length === s.scaleMax + 1 && scores.every((score, i) => score === i);
    if (!coversScale) ctx.addIssue({ code: 'custom', message: `Describe each score from 0 to ${s.scaleMax} exactly once`, path: ['descriptors'] });
  });
export type ScaleInput = z.infer<typeof scaleInput>;

export const gatewayQuestionInput = z.object({
  question: requiredText('the question', 2000),
  guidance: anyText(2000).optional(),
});

/** Pass/fail questions asked before any answer is scored; a single fail ends the application. */
export const DEFAULT_GATEWAY_QUESTIONS: string[] = [
  'Registered with the Care Quality Commission for the regulated activity "Personal care"',
  "Employers' liability insurance of at least £5 million",
  'Public liability insurance of at least £5 million',
  'Professional indemnity insurance of at least £1 million',
  'No grounds for mandatory exclusion',
  'No grounds for discretionary exclusion, or evidence of self-cleaning accepted by the authority',
  'Adult safeguarding policy and procedures in line with the Care Act 2014 and local multi-agency procedures',
  "Enhanced Disclosure and Barring Service checks, including the adults' barred list, for all staff in regulated activity",
  'Economic and financial standing sufficient for the value of the contracts that may be called off',
];
