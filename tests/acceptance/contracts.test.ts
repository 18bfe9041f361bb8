import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { continuationExtraCost } from '@concord/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';

let connection: Connection;
beforeAll(async () => {
  connection = await openSeededDatabase();
});
afterAll(() => connection.close());

const as = async (email: string) => callerFor(connection, (await signIn(connection, email)).session);

describe("Kent's home care continuation to 31 May 2019 (seed 004)", () => {
  it('current annual value £33,632,993.52; continuing every contract to 31 May 2019 adds £7,095,568.31, each line from its own row', async () => {
    const api = await as('commissioner.kent@concord.example');
    const register = await api.contract.list({ serviceType: 'home_care', sort: 'reference', direction: 'asc' });
    expect(register.contracts).toHaveLength(8);
    expect(register.totals.annualValuePence).toBe(3_363_299_352);

    const contractIds = register.contracts.map((c) => c.id);
    const preview = await api.contract.previewContinuation({ contractIds, commonEndDate: '2019-05-31' });
    expect(preview.totalAnnualValuePence).toBe(3_363_299_352);
    expect(preview.totalExtraPence).toBe(709_556_831);
    for (const line of preview.lines) {
      const row = register.contracts.find((c) => c.id === line.contractId)!;
      expect(line.extraPence).toBe(continuationExtraCost(row.annualValuePence, row.endDate, '2019-05-31').extraPence);
    }

    const done = await api.contract.bulkContinue({
      idempotencyKey: randomUUID(),
      contractIds,
      commonEndDate: '2019-05-31',
      justification: 'Single source justification: align Homecare contracts to one end date for the Phase 3 transformation and full integration with the NHS by 2020 (paper, sections 4 and 5)',
      legalBasis: 'Continuation outside competition, relying in part on the procurement regulations; legal advice in the exempt appendix (paper, 7.1)',
      decisionReference: 'Cabinet Member decision 17/00030b',
      decidedOn: '2017-06-20',
    });
    expect(done.totalExtraPence).toBe(709_556_831);
    const after = await api.contract.list({ serviceType: 'home_care', sort: 'reference', direction: 'asc' });
    expect(new Set(after.contracts.map((c) => c.endDate))).toEqual(new Set(['2019-05-31']));
    expect(new Set(after.contracts.map((c) => c.status))).toEqual(new Set(['extended']));
    const [batch] = await api.contract.continuations();
    expect(batch).toMatchObject({ commonEndDate: '2019-05-31', totalAnnualValuePence: 3_363_299_352, totalExtraPence: 709_556_831, decisionReference: 'Cabinet Member decision 17/00030b' });
    expect(batch!.lines.reduce((s, l) => s + l.extraPence, 0)).toBe(709_556_831);
  });
});

describe("Plymouth's Shared Lives direct award, budget and uplift (seed 000)", () => {
  it('the direct award: 2 years from 1 October 2023, £403,589 a year, £807,178 in all, with its justification and decision', async () => {
    const api = await as('commissioner.plymouth@concord.example');
    const { contracts } = await api.contract.list({ source: 'direct_award', sort: 'end_date', direction: 'asc' });
    expect(contracts).toHaveLength(1);
    const award = await api.contract.get({ contractId: contracts[0]!.id });
    expect(award).toMatchObject({
      reference: 'PCC-SL-2023',
      provider: { name: 'Shared Lives South West' },
      startDate: '2023-10-01',
      endDate: '2025-09-30',
      annualValuePence: 40_358_900,
      totalValuePence: 80_717_800,
    });
    expect(award.award.justification).toContain('21');
    expect(award.award.decisionReference).toContain('Portfolio Holder');
    // 13 long-term placements averaging £245 a week.
    expect(award.placements).toHaveLength(13);
    expect(award.placements.reduce((s, p) => s + p.weeklyCostPence, 0) / 13).toBe(24_500);
    expect(award.placements.every((p) => /^PLY-SL-\d{4}$/.test(p.reference))).toBe(true);
  });

  it('the 2023/24 Shared Lives budget of £403,589 is met exactly by the placements and the scheme fee', async () => {
    const api = await as('finance.plymouth@concord.example');
    const { rows } = await api.budget.list({ financialYear: 2023, asOf: '2024-03-31' });
    const sharedLives = rows.find((r) => r.serviceType === 'shared_lives')!;
    expect(sharedLives.position).toMatchObject({
      label: '2023/24',
      budgetPence: 40_358_900,
      forecastOutturnPence: 40_358_900,
      variancePence: 0,
      activePlacements: 13,
    });
    expect(sharedLives.position.toDate.placementsPence).toBe(16_562_000); // 13 × £245 × 52
    // Half-way through the year, half of the placements' cost is still committed (weekly cost × weeks remaining).
    const mid = await api.budget.list({ financialYear: 2023, asOf: '2023-09-30' });
    expect(mid.rows.find((r) => r.serviceType === 'shared_lives')!.position.committed.placementsPence).toBe(8_281_000);
  });

  it('the uplift: +11.5% and one more paid week from October, costed from the 13 placement rows', async () => {
    const api = await as('finance.plymouth@concord.example');
    const u = await api.budget.uplift({ serviceType: 'shared_lives', financialYear: 2023, risePercent: 11.5, extraPaidWeeks: 1, startMonth: 10 });
    expect(u.on).toBe('2023-10-01');
    expect(u.impact).toMatchObject({ placements: 13, weeklyRisePence: 36_634, restOfYear: { totalPence: 1_130_051 }, fullYear: { totalPence: 2_260_102 } });
    // The paper's "£12,500 for 6 months": the whole extra week at the current rate is the closest reading (£12,709.84).
    const paper = await api.budget.uplift({ serviceType: 'shared_lives', financialYear: 2023, risePercent: 11.5, extraPaidWeeks: 1, startMonth: 10, extraWeeksInPartYear: 'whole', extraWeeksAt: 'current_rate' });
    expect(paper.impact!.restOfYear.totalPence).toBe(1_270_984);
  });

  it('the register warns that the direct award has ended while 13 placements are still paid for under it', async () => {
    const api = await as('viewer.plymouth@concord.example');
    const { warnings } = await api.contract.warnings();
    expect(warnings.find((w) => w.reference === 'PCC-SL-2023' && w.kind === 'past_end_with_placements')?.message).toBe(
      'Ended on 30 September 2025 but 13 placements are still being paid for under it',
    );
    // The contract before it has expired with no placements under it: no warning.
    expect(warnings.some((w) => w.reference === 'PCC-SL-2012')).toBe(false);
  });
});
