import { describe, expect, it } from 'vitest';
import { contractWarnings, registerWarnings, type ContractForWarnings } from '../../src/contract/warnings.ts';

const base: ContractForWarnings = {
  id: 'c1',
  reference: 'C-1',
  title: 'Shared Lives',
  status: 'active',
  startDate: '2023-10-01',
  endDate: '2025-09-30',
  endDecisionFor: null,
  ratesReviewedOn: '2024-09-01',
  activePlacements: 13,
};
const kinds = (c: ContractForWarnings, today: string) => contractWarnings(c, today).map((w) => w.kind);

describe('contract warnings', () => {
  it('warns of an active contract ending within 6 months with no decision, and stops once a decision is recorded for that end', () => {
    expect(kinds(base, '2025-03-29')).toEqual([]);
    expect(kinds(base, '2025-03-30')).toEqual(['ending_without_decision']);
    expect(contractWarnings(base, '2025-09-01')[0]!.message).toBe('Ends on 30 September 2025 (in 29 days) and no decision is recorded about what happens next');
    expect(kinds({ ...base, endDecisionFor: '2025-09-30' }, '2025-09-01')).toEqual([]);
    // A decision for an earlier end date does not cover the new one.
    expect(kinds({ ...base, endDecisionFor: '2024-09-30' }, '2025-09-01')).toEqual(['ending_without_decision']);
  });

  it('warns of a contract past its end date still paying for placements, whatever its status', () => {
    expect(kinds({ ...base, status: 'expired' }, '2025-10-01')).toEqual(['past_end_with_placements']);
    expect(kinds({ ...base, status: 'expired', activePlacements: 0 }, '2025-10-01')).toEqual([]);
    expect(kinds({ ...base, endDecisionFor: '2025-09-30' }, '2025-10-01')).toEqual(['past_end_with_placements']);
  });

  it('warns when rates have not been reviewed for 2 years (never reviewed: since the start)', () => {
    expect(kinds({ ...base, endDate: '2030-01-01', ratesReviewedOn: '2023-09-04' }, '2025-09-03')).toEqual([]);
    expect(kinds({ ...base, endDate: '2030-01-01', ratesReviewedOn: '2023-09-04' }, '2025-09-04')).toEqual(['rates_not_reviewed']);
    expect(kinds({ ...base, endDate: '2030-01-01', ratesReviewedOn: null, startDate: '2012-01-01' }, '2025-01-01')).toEqual(['rates_not_reviewed']);
    expect(kinds({ ...base, status: 'terminated', endDate: '2030-01-01', ratesReviewedOn: null, activePlacements: 0 }, '2025-01-01')).toEqual([]);
  });

  it('orders a register: past end with placements first, then ending soonest', () => {
    const warnings = registerWarnings(
      [
        { ...base, id: 'a', reference: 'A', endDate: '2025-12-31' },
        { ...base, id: 'b', reference: 'B', status: 'expired', endDate: '2025-01-31' },
        { ...base, id: 'c', reference: 'C', endDate: '2025-11-30' },
      ],
      '2025-10-01',
    );
    expect(warnings.map((w) => `${w.reference}:${w.kind}`)).toEqual(['B:past_end_with_placements', 'C:ending_without_decision', 'A:ending_without_decision']);
  });
});
