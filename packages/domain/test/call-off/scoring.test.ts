import { describe, expect, it } from 'vitest';
import { refineCriteria } from '../../src/call-off/criteria.ts';
import { scoreMiniCompetition, type MiniCompetitionCriterion } from '../../src/call-off/scoring.ts';

// The procurement's criteria (as a joint procurement might publish them) and a call-off's refinement.
const PROCUREMENT = [
  { id: 'q1', kind: 'quality' as const, name: 'Person-centred care' },
  { id: 'q2', kind: 'quality' as const, name: 'Workforce' },
  { id: 'sv', kind: 'social_value' as const, name: 'Social value' },
  { id: 'p', kind: 'price' as const, name: 'Price' },
];
const CRITERIA: MiniCompetitionCriterion[] = [
  { id: 'q1', kind: 'quality', name: 'Person-centred care', weightPercent: 40 },
  { id: 'q2', kind: 'quality', name: 'Workforce', weightPercent: 20 },
  { id: 'p', kind: 'price', name: 'Price', weightPercent: 40 },
];
const response = (name: string, pricePence: number | null, q1: number | null, q2: number | null) => ({
  responseId: `r-${name}`,
  providerId: `p-${name}`,
  providerName: name,
  pricePence,
  scores: [
    ...(q1 === null ? [] : [{ criterionId: 'q1', score: q1 }]),
    ...(q2 === null ? [] : [{ criterionId: 'q2', score: q2 }]),
  ],
});

describe('mini-competition scoring and ranking', () => {
  it('price score = lowest price ÷ bid × price weight; quality = score ÷ scale × weight; ranked by total', () => {
    const results = scoreMiniCompetition({
      criteria: CRITERIA,
      scaleMax: 5,
      responses: [response('Alder', 1950, 4, 3), response('Birch', 1800, 3, 3), response('Cedar', 2100, 5, 4)],
    });
    expect(results.map((r) => ({ name: r.providerName, price: r.pricePoints, quality: r.qualityPoints, total: r.totalPoints, rank: r.rank }))).toEqual([
      { name: 'Cedar', price: 34.29, quality: 56, total: 90.29, rank: 1 },
      { name: 'Alder', price: 36.92, quality: 44, total: 80.92, rank: 2 },
      { name: 'Birch', price: 40, quality: 36, total: 76, rank: 3 },
    ]);
    expect(results[0]!.criteria).toEqual([
      { criterionId: 'q1', kind: 'quality', score: 5, points: 40 },
      { criterionId: 'q2', kind: 'quality', score: 4, points: 16 },
      { criterionId: 'p', kind: 'price', score: null, points: 34.29 },
    ]);
  });

  it('equal totals share a rank; an incomplete response is not ranked and does not set the lowest price', () => {
    const results = scoreMiniCompetition({
      criteria: CRITERIA,
      scaleMax: 5,
      responses: [response('Alder', 2000, 4, 4), response('Birch', 2000, 4, 4), response('Cedar', 1000, 5, null), response('Dale', 2500, 5, 5)],
    });
    const byName = Object.fromEntries(results.map((r) => [r.providerName, r]));
    // Lowest complete price is £20.00: Alder and Birch 32 + 16 + 40 = 88; Dale 40 + 20 + 32 = 92.
    expect(byName.Dale).toMatchObject({ totalPoints: 92, rank: 1 });
    expect(byName.Alder).toMatchObject({ totalPoints: 88, rank: 2 });
    expect(byName.Birch).toMatchObject({ totalPoints: 88, rank: 2 });
    expect(byName.Cedar).toMatchObject({ status: 'incomplete', rank: null, totalPoints: null });
  });

  it('a quality-only refinement ranks on quality', () => {
    const results = scoreMiniCompetition({
      criteria: [
        { id: 'q1', kind: 'quality', name: 'Person-centred care', weightPercent: 75 },
        { id: 'q2', kind: 'quality', name: 'Workforce', weightPercent: 25 },
      ],
      scaleMax: 5,
      responses: [response('Alder', null, 4, 4), response('Birch', null, 5, 1)],
    });
    expect(results.map((r) => [r.providerName, r.totalPoints, r.rank])).toEqual([
      ['Birch', 80, 1],
      ['Alder', 80, 1],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });

  it('refuses a bad price or score', () => {
    expect(() => scoreMiniCompetition({ criteria: CRITERIA, scaleMax: 5, responses: [response('Alder', -5, 4, 4)] })).toThrow(expect.objectContaining({ field: 'pricePence' }));
    expect(() => scoreMiniCompetition({ criteria: CRITERIA, scaleMax: 5, responses: [response('Alder', 100, 6, 4)] })).toThrow(expect.objectContaining({ field: 'scores' }));
  });
});

describe('refining the procurement’s criteria', () => {
  it('keeps a subset with weights re-set to 100%', () => {
    expect(
      refineCriteria(PROCUREMENT, [
        { criterionId: 'q1', weightPercent: 40 },
        { criterionId: 'q2', weightPercent: 20 },
        { criterionId: 'p', weightPercent: 40 },
      ]),
    ).toEqual([
      { procurementCriterionId: 'q1', kind: 'quality', name: 'Person-centred care', weightPercent: 40 },
      { procurementCriterionId: 'q2', kind: 'quality', name: 'Workforce', weightPercent: 20 },
      { procurementCriterionId: 'p', kind: 'price', name: 'Price', weightPercent: 40 },
    ]);
  });

  it('refuses a criterion the procurement did not have, a repeat, and weights that do not total 100', () => {
    expect(() => refineCriteria(PROCUREMENT, [{ criterionId: 'new', weightPercent: 100 }])).toThrow(expect.objectContaining({ field: 'criteria[0].criterionId' }));
    expect(() =>
      refineCriteria(PROCUREMENT, [
        { criterionId: 'q1', weightPercent: 50 },
        { criterionId: 'q1', weightPercent: 50 },
      ]),
    ).toThrow(expect.objectContaining({ field: 'criteria[1].criterionId' }));
    expect(() =>
      refineCriteria(PROCUREMENT, [
        { criterionId: 'q1', weightPercent: 60 },
        { criterionId: 'p', weightPercent: 30 },
      ]),
    ).toThrow(expect.objectContaining({ field: 'criteria', message: 'The weights must total 100%; they total 90%' }));
    expect(() => refineCriteria(PROCUREMENT, [])).toThrow(expect.objectContaining({ field: 'criteria' }));
  });
});
