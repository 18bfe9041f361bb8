import { describe, expect, it } from 'vitest';
import {
  assessRisk,
  assessRiskRegister,
  DEFAULT_RAG_MATRIX,
  PLYMOUTH_SHARED_LIVES_RISKS,
  ragFor,
  ragMatrixFromScores,
  riskHeatMap,
  riskScore,
} from '../../src/risk/index.ts';

describe('risk register', () => {
  it("scores Plymouth's risks before and after mitigation, as the paper does", () => {
    const r = assessRiskRegister(PLYMOUTH_SHARED_LIVES_RISKS);
    expect(r.risks.map((x) => [x.id, x.before.score, x.before.rag, x.after.score, x.after.rag, x.change])).toEqual([
      ['demand-over-budget', 15, 'red', 6, 'amber', -9],
      ['quality-falls', 10, 'amber', 3, 'green', -7],
      ['demand-and-resources', 12, 'amber', 6, 'amber', -6],
      ['isolation-from-best-practice', 6, 'amber', 12, 'amber', 6],
      ['carers-leave', 9, 'amber', 4, 'green', -5],
    ]);
    expect(r.ragCounts).toEqual({ before: { green: 0, amber: 4, red: 1 }, after: { green: 2, amber: 3, red: 0 } });
  });

  it('flags the risk whose mitigation RAISES the score, and keeps the score as recorded', () => {
    const r = assessRiskRegister(PLYMOUTH_SHARED_LIVES_RISKS);
    expect(r.raisedByMitigation).toEqual(['isolation-from-best-practice']);
    const isolation = r.risks[3]!;
    expect(isolation.before).toEqual({ likelihood: 2, impact: 3, score: 6, rag: 'amber' });
    expect(isolation.after).toEqual({ likelihood: 3, impact: 4, score: 12, rag: 'amber' });
    expect(isolation.mitigationRaisesScore).toBe(true);
    expect(r.risks.filter((x) => x.mitigationRaisesScore)).toHaveLength(1);
  });

  it('counts risks per cell of the 5×5 heat map, [likelihood − 1][impact − 1]', () => {
    const r = assessRiskRegister(PLYMOUTH_SHARED_LIVES_RISKS);
    expect(r.heatMap.before).toEqual([
      [0, 0, 0, 0, 0],
      [0, 0, 1, 0, 1],
      [0, 0, 1, 1, 1],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    expect(r.heatMap.after).toEqual([
      [0, 0, 1, 0, 0],
      [0, 1, 2, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    expect(riskHeatMap(PLYMOUTH_SHARED_LIVES_RISKS, 'after')[1]![2]).toBe(2);
  });

  it('default matrix: 1–4 green, 5–12 amber, 15–25 red', () => {
    expect(DEFAULT_RAG_MATRIX).toEqual([
      ['green', 'green', 'green', 'green', 'amber'],
      ['green', 'green', 'amber', 'amber', 'amber'],
      ['green', 'amber', 'amber', 'amber', 'red'],
      ['green', 'amber', 'amber', 'red', 'red'],
      ['amber', 'amber', 'red', 'red', 'red'],
    ]);
    expect([ragFor(1, 4), ragFor(1, 5), ragFor(3, 4), ragFor(3, 5), ragFor(5, 5)]).toEqual(['green', 'amber', 'amber', 'red', 'red']);
    expect(riskScore(3, 5)).toBe(15);
  });

  it('takes a configured matrix', () => {
    const strict = ragMatrixFromScores({ amberFrom: 4, redFrom: 10 });
    const r = assessRiskRegister(PLYMOUTH_SHARED_LIVES_RISKS, strict);
    expect(r.risks.map((x) => x.before.rag)).toEqual(['red', 'red', 'red', 'amber', 'amber']);
    expect(() => assessRiskRegister(PLYMOUTH_SHARED_LIVES_RISKS, strict.slice(0, 4))).toThrow(
      expect.objectContaining({ message: 'The RAG matrix needs 5 rows, one for each likelihood' }),
    );
  });

  it('refuses likelihood or impact outside 1–5, naming which', () => {
    const risk = PLYMOUTH_SHARED_LIVES_RISKS[0];
    expect(() => assessRisk({ ...risk, before: { likelihood: 6, impact: 5 } })).toThrow(
      expect.objectContaining({ message: 'Likelihood before mitigation must be a whole number from 1 to 5', field: 'before.likelihood' }),
    );
    expect(() => assessRiskRegister([risk, { ...risk, id: 'x', after: { likelihood: 2, impact: 0 } }])).toThrow(
      expect.objectContaining({ message: 'Impact after mitigation must be a whole number from 1 to 5', field: '[1].after.impact' }),
    );
    expect(() => riskScore(2.5, 3)).toThrow(expect.objectContaining({ message: 'Likelihood must be a whole number from 1 to 5' }));
    expect(() => assessRiskRegister([risk, risk])).toThrow(expect.objectContaining({ message: 'Two risks share the id "demand-over-budget"' }));
  });
});
