import { z } from 'zod';
import { anyText, requiredText } from '../input.ts';
import { badRequest } from '../errors.ts';
import { nameField, parseInput } from '../cost-model/validation.ts';

/**
 * Risk register scoring: score = likelihood (1–5) × impact (1–5), so 1–25, before and after mitigation, each
 * given a RAG rating from a 5×5 matrix. The matrix is configurable per authority; the default bands the score
 * (the business case labels its score column "RAG (1 – 25)"):
 *   1–4 green · 5–12 amber · 15–25 red        (the products 13 and 14 cannot occur)
 * A mitigated score HIGHER than the unmitigated one is shown and flagged, never corrected: Plymouth's
 * "developing the service in isolation" goes 2×3=6 → 3×4=12, and that is what the paper says.
 * Heat maps count risks per cell, indexed [likelihood − 1][impact − 1] (row 0 = likelihood 1).
 */

export const RAG_RATINGS = ['green', 'amber', 'red'] as const;
export type RagRating = (typeof RAG_RATINGS)[number];
export const RAG_LABELS: Record<RagRating, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

/** matrix[likelihood − 1][impact − 1]. */
export type RagMatrix = readonly (readonly RagRating[])[];

const SCALE = [1, 2, 3, 4, 5] as const;

/** A matrix that bands the score: below amberFrom green, below redFrom amber, otherwise red. */
export function ragMatrixFromScores(bands: { amberFrom: number; redFrom: number }): RagMatrix {
  if (!(bands.amberFrom >= 1 && bands.amberFrom <= bands.redFrom && bands.redFrom <= 26)) {
    throw badRequest('Amber must start at or below red, and both within 1 to 25', 'amberFrom');
  }
  return SCALE.map((l) => SCALE.map((i) => (l * i >= bands.redFrom ? 'red' : l * i >= bands.amberFrom ? 'amber' : 'green')));
}

export const DEFAULT_RAG_MATRIX: RagMatrix = ragMatrixFromScores({ amberFrom: 5, redFrom: 15 });

export const ragMatrix = z
  .array(z.array(z.enum(RAG_RATINGS, { error: 'Each cell must be green, amber or red' })).length(5, 'Each row of the matrix needs 5 cells'), {
    error: 'The RAG matrix must be 5 rows of 5 cells',
  })
  .length(5, 'The RAG matrix needs 5 rows, one for each likelihood');

const rating = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number from 1 to 5`)
    .min(1, `${label} must be a whole number from 1 to 5`)
    .max(5, `${label} must be a whole number from 1 to 5`);

const assessment = (when: string) =>
  z.object({ likelihood: rating(['Likelihood', when].join(' ').trim()), impact: rating(['Impact', when].join(' ').trim()) });

export const riskEntry = z.object({
  id: requiredText('the risk id', 100),
  description: nameField('the risk', 2_000),
  before: assessment('before mitigation'),
  mitigation: anyText(5_000).default(''),
  after: assessment('after mitigation'),
});
export type RiskEntry = z.input<typeof riskEntry>;

export interface RiskRating {
  likelihood: number;
  impact: number;
  score: number;
  rag: RagRating;
}

export interface AssessedRisk {
  id: string;
  description: string;
  mitigation: string;
  before: RiskRating;
  after: RiskRating;
  /** after − before: negative when mitigation lowers the score. */
  change: number;
  /** The mitigated score is higher than the unmitigated one — shown as recorded, flagged for review. */
  mitigationRaisesScore: boolean;
}

/** likelihood × impact, each a whole number 1–5. */
export function riskScore(likelihood: number, impact: number): number {
  const v = parseInput(assessment(''), { likelihood, impact });
  return v.likelihood * v.impact;
}

export function ragFor(likelihood: number, impact: number, matrix: RagMatrix = DEFAULT_RAG_MATRIX): RagRating {
  riskScore(likelihood, impact);
  return matrix[likelihood - 1]![impact - 1]!;
}

export function assessRisk(entry: RiskEntry, matrix: RagMatrix = DEFAULT_RAG_MATRIX): AssessedRisk {
  const m = parseInput(ragMatrix, matrix);
  const v = parseInput(riskEntry, entry);
  return assess(v, m);
}

function assess(v: z.output<typeof riskEntry>, m: RagMatrix): AssessedRisk {
  const rate = (a: { likelihood: number; impact: number }): RiskRating => ({
    likelihood: a.likelihood,
    impact: a.impact,
    score: a.likelihood * a.impact,
    rag: m[a.likelihood - 1]![a.impact - 1]!,
  });
  const before = rate(v.before);
  const after = rate(v.after);
  return {
    id: v.id,
    description: v.description,
    mitigation: v.mitigation,
    before,
    after,
    change: after.score - before.score,
    mitigationRaisesScore: after.score > before.score,
  };
}

/** 5×5 counts, [likelihood − 1][impact − 1]. */
export type RiskHeatMap = number[][];

export interface AssessedRiskRegister {
  risks: AssessedRisk[];
  /** Ids of risks whose mitigated score is higher than before. */
  raisedByMitigation: string[];
  heatMap: { before: RiskHeatMap; after: RiskHeatMap };
  ragCounts: { before: Record<RagRating, number>; after: Record<RagRating, number> };
}

export function assessRiskRegister(entries: readonly RiskEntry[], matrix: RagMatrix = DEFAULT_RAG_MATRIX): AssessedRiskRegister {
  const m = parseInput(ragMatrix, matrix);
  const parsed = parseInput(z.array(riskEntry, { error: 'Risks must be a list' }), entries);
  const seen = new Set<string>();
  parsed.forEach((r, i) => {
    if (seen.has(r.id)) throw badRequest(`Two risks share the id "${r.id}"`, `[${i}].id`);
    seen.add(r.id);
  });
  const risks = parsed.map((r) => assess(r, m));
  const heat = (when: 'before' | 'after'): RiskHeatMap => {
    const grid = SCALE.map(() => SCALE.map(() => 0));
    for (const r of risks) grid[r[when].likelihood - 1]![r[when].impact - 1]! += 1;
    return grid;
  };
  const counts = (when: 'before' | 'after') => {
    const c: Record<RagRating, number> = { green: 0, amber: 0, red: 0 };
    for (const r of risks) c[r[when].rag] += 1;
    return c;
  };
  return {
    risks,
    raisedByMitigation: risks.filter((r) => r.mitigationRaisesScore).map((r) => r.id),
    heatMap: { before: heat('before'), after: heat('after') },
    ragCounts: { before: counts('before'), after: counts('after') },
  };
}

/** Just the heat map, for one side of the mitigation. */
export function riskHeatMap(entries: readonly RiskEntry[], when: 'before' | 'after'): RiskHeatMap {
  return assessRiskRegister(entries).heatMap[when];
}
