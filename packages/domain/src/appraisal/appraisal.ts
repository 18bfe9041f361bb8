import { z } from 'zod';
import { anyText, requiredText } from '../input.ts';
import { badRequest } from '../errors.ts';
import { toHundredths } from '../cost-model/arithmetic.ts';
import { nameField, parseInput, quantityField } from '../cost-model/validation.ts';

/**
 * Options appraisal: each option is scored against each criterion on a scale with descriptors (default 0–3,
 * as Plymouth's business case). Totals add the scores; with weights, the weighted total is Σ score × weight
 * (weights default to 1, so without weights the two are equal). Options are ranked on the weighted total,
 * highest first; ties share a rank and the next rank is skipped (21, 15, 15, 9 → 1, 2, 2, 4). The recommended
 * option is the single top scorer, unless the appraisal overrides it — and an override needs a reason. If two
 * or more options tie for top and there is no override, nothing is recommended: a person must decide.
 */

export interface ScaleDescriptor {
  score: number;
  label: string;
}

export interface AppraisalScale {
  min: number;
  max: number;
  descriptors: ScaleDescriptor[];
}

export const DEFAULT_APPRAISAL_SCALE: AppraisalScale = {
  min: 0,
  max: 3,
  descriptors: [
    { score: 3, label: 'Exceeds expectations' },
    { score: 2, label: 'Sufficient' },
    { score: 1, label: 'Partly sufficient' },
    { score: 0, label: 'Not met at all' },
  ],
};

const idField = (label: string) => requiredText(label, 100);

export const appraisalScale = z
  .object({
    min: z.number({ error: 'Lowest score must be a number' }).int('Lowest score must be a whole number').min(0, 'Lowest score must be 0 or more'),
    max: z.number({ error: 'Highest score must be a number' }).int('Highest score must be a whole number').max(100, 'Highest score must be 100 or less'),
    descriptors: z.array(
      z.object({
        score: z.number({ error: 'Descriptor score must be a number' }).int('Descriptor score must be a whole number'),
        label: nameField('what the score means', 200),
      }),
    ),
  })
  .refine((s) => s.max > s.min, { message: 'Highest score must be more than the lowest score', path: ['max'] })
  .refine((s) => s.descriptors.every((d) => d.score >= s.min && d.score <= s.max), {
    message: 'Every descriptor must be for a score on the scale',
    path: ['descriptors'],
  });

export const optionsAppraisalInput = z.object({
  options: z
    .array(z.object({ id: idField('the option id'), name: nameField('the option name'), description: anyText(5_000).optional() }))
    .min(1, 'Add at least one option'),
  criteria: z
    .array(
      z.object({
        id: idField('the criterion id'),
        name: nameField('the criterion name'),
        question: anyText(2_000).optional(),
        weight: quantityField('Weight', 100, '').optional(),
      }),
    )
    .min(1, 'Add at least one criterion'),
  scale: appraisalScale.optional(),
  scores: z.array(
    z.object({
      optionId: idField('the option id'),
      criterionId: idField('the criterion id'),
      score: z.number({ error: 'Score must be a number' }),
    }),
  ),
  override: z
    .object({
      optionId: idField('the recommended option'),
      reason: anyText(5_000),
    })
    .optional(),
});
export type OptionsAppraisalInput = z.input<typeof optionsAppraisalInput>;

export interface AppraisedOption {
  id: string;
  name: string;
  /** Score per criterion id. */
  scores: Record<string, number>;
  total: number;
  weightedTotal: number;
  /** 1 = best; ties share a rank. */
  rank: number;
}

export interface Recommendation {
  optionId: string;
  basis: 'top_score' | 'override';
  reason?: string;
}

export interface OptionsAppraisalResult {
  scale: AppraisalScale;
  /** In the order the options were given. */
  options: AppraisedOption[];
  /** Option ids, best first (ties keep input order). */
  ranking: string[];
  /** Option ids sharing the top rank. */
  topOptionIds: string[];
  /** null when options tie for top and nothing overrides. */
  recommended: Recommendation | null;
  /** The maximum possible weighted total, for "21 out of 27". */
  maxPossible: number;
}

export function appraiseOptions(input: OptionsAppraisalInput): OptionsAppraisalResult {
  const v = parseInput(optionsAppraisalInput, input);
  const scale = v.scale ?? DEFAULT_APPRAISAL_SCALE;
  uniqueIds(v.options, 'options', 'option');
  uniqueIds(v.criteria, 'criteria', 'criterion');
  const optionName = new Map(v.options.map((o) => [o.id, o.name]));
  const criterionName = new Map(v.criteria.map((c) => [c.id, c.name]));

  const cells = new Map<string, number>();
  v.scores.forEach((s, i) => {
    const option = optionName.get(s.optionId);
    if (option === undefined) throw badRequest(`Score ${i + 1} is for an option that is not in the appraisal (${s.optionId})`, `scores[${i}].optionId`);
    const criterion = criterionName.get(s.criterionId);
    if (criterion === undefined) {
      throw badRequest(`Score ${i + 1} is for a criterion that is not in the appraisal (${s.criterionId})`, `scores[${i}].criterionId`);
    }
    if (!Number.isInteger(s.score) || s.score < scale.min || s.score > scale.max) {
      throw badRequest(
        `Score for "${option}" against "${criterion}" must be a whole number from ${scale.min} to ${scale.max}`,
        `scores[${i}].score`,
      );
    }
    const key = `${s.optionId}\u0000${s.criterionId}`;
    if (cells.has(key)) throw badRequest(`"${option}" is scored more than once against "${criterion}"`, `scores[${i}]`);
    cells.set(key, s.score);
  });

  // Weights in hundredths so the weighted total is exact: Σ score × weight×100, then ÷ 100.
  const weights = v.criteria.map((c) => toHundredths(c.weight ?? 1));
  const options = v.options.map((o) => {
    const scores: Record<string, number> = {};
    let total = 0;
    let weighted = 0;
    v.criteria.forEach((c, ci) => {
      const score = cells.get(`${o.id}\u0000${c.id}`);
      if (score === undefined) throw badRequest(`Enter a score for "${o.name}" against "${c.name}"`, 'scores');
      scores[c.id] = score;
      total += score;
      weighted += score * weights[ci]!;
    });
    return { id: o.id, name: o.name, scores, total, weightedTotalHundredths: weighted };
  });

  const ordered = [...options].sort((a, b) => b.weightedTotalHundredths - a.weightedTotalHundredths);
  const rankOf = (w: number) => 1 + options.filter((o) => o.weightedTotalHundredths > w).length;
  const appraised: AppraisedOption[] = options.map((o) => ({
    id: o.id,
    name: o.name,
    scores: o.scores,
    total: o.total,
    weightedTotal: o.weightedTotalHundredths / 100,
    rank: rankOf(o.weightedTotalHundredths),
  }));
  const topOptionIds = appraised.filter((o) => o.rank === 1).map((o) => o.id);

  let recommended: Recommendation | null = topOptionIds.length === 1 ? { optionId: topOptionIds[0]!, basis: 'top_score' } : null;
  if (v.override) {
    if (!optionName.has(v.override.optionId)) throw badRequest('Choose one of the appraised options to recommend', 'override.optionId');
    if (v.override.reason.length === 0) {
      throw badRequest('Give a reason for recommending an option other than the top score', 'override.reason');
    }
    recommended = { optionId: v.override.optionId, basis: 'override', reason: v.override.reason };
  }

  return {
    scale,
    options: appraised,
    ranking: ordered.map((o) => o.id),
    topOptionIds,
    recommended,
    maxPossible: (scale.max * weights.reduce((a, b) => a + b, 0)) / 100,
  };
}

function uniqueIds(items: readonly { id: string }[], field: string, what: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw badRequest(`Two ${field} share the ${what} id "${item.id}"`, `${field}[${i}].id`);
    seen.add(item.id);
  });
}

/** Descriptor for a score on a scale, e.g. 2 → 'Sufficient'. */
export function scoreDescriptor(score: number, scale: AppraisalScale = DEFAULT_APPRAISAL_SCALE): string | undefined {
  return scale.descriptors.find((d) => d.score === score)?.label;
}
