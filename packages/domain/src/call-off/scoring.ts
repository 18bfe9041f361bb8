import { badRequest } from '../errors.ts';
import type { CriterionKind } from '../procurement/labels.ts';

/**
 * Scoring and ranking a mini-competition's responses.
 *
 * - Price: points = lowest price ÷ this price × price weight. The lowest price among the responses scores the
 *   whole weight. Prices are per hour or per week, the same unit for every response to one call-off.
 * - Quality (and social value): each answer is scored on the procurement's scale, 0 to scaleMax;
 *   points = score ÷ scaleMax × weight.
 * - Total out of 100, worked exactly and rounded half up to 2 decimal places once; ranked on the rounded
 *   total, highest first; equal totals share a rank (1, 2, 2, 4).
 * - A response missing a price (when price is a criterion) or a score is 'incomplete': not ranked, and
 *   its price does not set the lowest price.
 *
 * Ranks are for the authority's commissioners. No procedure meant for providers shows them (there are no
 * provider users yet; when there are, a provider sees its own response and, after award, the outcome).
 *
 * Worked example (the unit test asserts it). Scale 0–5; criteria refined from the procurement:
 *   Quality "Person-centred care" 40%, Quality "Workforce" 20%, Price 40%.
 *   Alder £19.50/h, scores 4 and 3 → 32.00 + 12.00 + 18.00/19.50 × 40 (36.9231) = 80.9231 → 80.92
 *   Birch £18.00/h, scores 3 and 3 → 24.00 + 12.00 + 40.00                    = 76.00
 *   Cedar £21.00/h, scores 5 and 4 → 40.00 + 16.00 + 18.00/21.00 × 40 (34.2857) = 90.2857 → 90.29
 *   Ranking: Cedar 1, Alder 2, Birch 3.
 */
export interface MiniCompetitionCriterion {
  id: string;
  kind: CriterionKind;
  name: string;
  weightPercent: number;
}

export interface MiniCompetitionResponse {
  responseId: string;
  providerId: string;
  providerName: string;
  pricePence: number | null;
  scores: { criterionId: string; score: number }[];
}

export interface ScoredCriterion {
  criterionId: string;
  kind: CriterionKind;
  score: number | null;
  points: number | null;
}

export interface ScoredResponse {
  responseId: string;
  providerId: string;
  providerName: string;
  pricePence: number | null;
  criteria: ScoredCriterion[];
  pricePoints: number | null;
  qualityPoints: number | null;
  totalPoints: number | null;
  rank: number | null;
  status: 'ranked' | 'incomplete';
}

const hundredthsOf = (w: number) => BigInt(Math.round(w * 100));
/** n ÷ d to the nearest whole number, an exact half going up; n, d ≥ 0. */
const roundDiv = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

export function scoreMiniCompetition(input: { criteria: readonly MiniCompetitionCriterion[]; scaleMax: number; responses: readonly MiniCompetitionResponse[] }): ScoredResponse[] {
  const { criteria, scaleMax, responses } = input;
  if (!Number.isInteger(scaleMax) || scaleMax < 1 || scaleMax > 10) throw badRequest('The scoring scale must run from 0 to a whole number between 1 and 10', 'scaleMax');
  const total = criteria.reduce((s, c) => s + Number(hundredthsOf(c.weightPercent)), 0);
  if (total !== 10_000) throw badRequest(`The weights must total 100%; they total ${total / 100}%`, 'criteria');
  const price = criteria.find((c) => c.kind === 'price') ?? null;
  if (criteria.filter((c) => c.kind === 'price').length > 1) throw badRequest('Only one criterion can be price', 'criteria');
  const scored = criteria.filter((c) => c.kind !== 'price');
  const m = BigInt(scaleMax);

  for (const r of responses) {
    if (r.pricePence !== null && (!Number.isSafeInteger(r.pricePence) || r.pricePence <= 0)) throw badRequest('A price must be a whole number of pence above zero', 'pricePence');
    for (const s of r.scores) {
      if (!Number.isInteger(s.score) || s.score < 0 || s.score > scaleMax) throw badRequest(`A score must be a whole number from 0 to ${scaleMax}`, 'scores');
    }
  }
  const complete = (r: MiniCompetitionResponse) =>
    (price === null || r.pricePence !== null) && scored.every((c) => r.scores.some((s) => s.criterionId === c.id));
  const pool = responses.filter(complete).map((r) => r.pricePence).filter((p): p is number => p !== null);
  const lowest = price && pool.length > 0 ? BigInt(Math.min(...pool)) : null;

  const results = responses.map((r) => {
    const isComplete = complete(r);
    const bid = r.pricePence === null ? null : BigInt(r.pricePence);
    // Exact total in hundredths of a point, as a fraction over scaleMax × bid.
    let qualityNumerator = 0n; // Σ score × weight(hundredths), over scaleMax
    const rows: ScoredCriterion[] = criteria.map((c) => {
      const w = hundredthsOf(c.weightPercent);
      if (c.kind === 'price') {
        const points = lowest !== null && bid !== null && isComplete ? Number(roundDiv(lowest * w, bid)) / 100 : null;
        return { criterionId: c.id, kind: c.kind, score: null, points };
      }
      const s = r.scores.find((x) => x.criterionId === c.id)?.score ?? null;
      if (s !== null) qualityNumerator += BigInt(s) * w;
      return { criterionId: c.id, kind: c.kind, score: s, points: s === null ? null : Number(roundDiv(BigInt(s) * w, m)) / 100 };
    });
    let totalHundredths: bigint | null = null;
    let pricePoints: number | null = null;
    if (isComplete) {
      if (price && lowest !== null && bid !== null) {
        const w = hundredthsOf(price.weightPercent);
        totalHundredths = roundDiv(qualityNumerator * bid + lowest * w * m, m * bid);
        pricePoints = Number(roundDiv(lowest * w, bid)) / 100;
      } else {
        totalHundredths = roundDiv(qualityNumerator, m);
        pricePoints = price ? null : 0;
      }
    }
    return {
      responseId: r.responseId,
      providerId: r.providerId,
      providerName: r.providerName,
      pricePence: r.pricePence,
      criteria: rows,
      pricePoints,
      qualityPoints: isComplete ? Number(roundDiv(qualityNumerator, m)) / 100 : null,
      totalPoints: totalHundredths === null ? null : Number(totalHundredths) / 100,
      rank: null as number | null,
      status: (isComplete ? 'ranked' : 'incomplete') as ScoredResponse['status'],
    };
  });
  const ranked = results.filter((r) => r.totalPoints !== null).sort((a, b) => b.totalPoints! - a.totalPoints!);
  ranked.forEach((r, i) => {
    r.rank = i > 0 && ranked[i - 1]!.totalPoints === r.totalPoints ? ranked[i - 1]!.rank : i + 1;
  });
  return results.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.providerName.localeCompare(b.providerName));
}
