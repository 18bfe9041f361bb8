import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededPlymouthCase } from '../support/business-case.ts';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';

/**
 * Issue 13: one uplift calculation, one answer wherever it appears. The paper's example (Plymouth Shared
 * Lives, +11.5% and one more paid week from October 2023): the budgets calculator finds 13 placements and
 * £11,300.51; the business case and the rates' uplift scenario must find the same for the same inputs
 * (the scenario said "Placements 0, £0.00": it matched the rate's band "Long-term" against the placements'
 * "long_term").
 */
let connection: Connection;
let plymouth: ReturnType<typeof callerFor>;
let peninsula: string;
const now = () => new Date('2023-09-01T12:00:00Z');
beforeAll(async () => {
  connection = await openSeededDatabase();
  plymouth = callerFor(connection, (await signIn(connection, 'commissioner.plymouth@concord.example', { now })).session, { now });
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => connection?.close());

const PAPER = { risePercent: 11.5, extraPaidWeeks: 1, startMonth: 10 } as const;

describe('the uplift: the calculator, the business case and the scenario agree', () => {
  it('the budgets calculator: 13 placements, £11,300.51 to March', async () => {
    const calc = await plymouth.budget.uplift({ serviceType: 'shared_lives', financialYear: 2023, ...PAPER });
    expect(calc).toMatchObject({ on: '2023-10-01', placements: 13, impact: { restOfYear: { totalPence: 1_130_051 }, fullYear: { totalPence: 2_260_102 } } });
  });

  it('a business case costed on the register finds the same 13 placements and £11,300.51, and says so', async () => {
    const bc = await plymouth.businessCase.create({ idempotencyKey: randomUUID(), title: 'Uplift from the register', financial: { serviceType: 'shared_lives', financialYear: 2023, uplift: { ...PAPER } } });
    const v = await plymouth.businessCase.get({ businessCaseId: bc.id });
    const calc = await plymouth.budget.uplift({ serviceType: 'shared_lives', financialYear: 2023, ...PAPER });
    expect(v.figures.financial.upliftImpact).toEqual(calc.impact);
    expect(v.figures.financial.upliftCosting).toEqual({ from: 'register', serviceType: 'shared_lives', on: '2023-10-01', placements: 13 });
    const text = JSON.stringify(v.document.blocks);
    expect(text).toContain('£11,300.51');
    expect(text).toContain('Uplift costed on our 13 placements running on 1 October 2023');
    expect(text).not.toContain('£0.00');
  });

  it('the business case may choose the same readings as the calculator: whole week at the current rate, the paper nearest reading', async () => {
    const readings = { extraWeeksInPartYear: 'whole', extraWeeksAt: 'current_rate' } as const;
    const bc = await plymouth.businessCase.create({ idempotencyKey: randomUUID(), title: 'Paper reading', financial: { serviceType: 'shared_lives', financialYear: 2023, uplift: { ...PAPER, ...readings } } });
    const v = await plymouth.businessCase.get({ businessCaseId: bc.id });
    const calc = await plymouth.budget.uplift({ serviceType: 'shared_lives', financialYear: 2023, ...PAPER, ...readings });
    expect(calc.impact!.restOfYear.totalPence).toBe(1_270_984);
    expect(v.figures.financial.upliftImpact).toEqual(calc.impact);
    expect(JSON.stringify(v.document.blocks)).toContain('extra paid weeks in full in the part year, at the current rate');
  });

  it("the seeded case (placements as the paper gives them: 13 at £245) shows the calculator's £11,300.51", async () => {
    const { id } = await seededPlymouthCase(connection.db);
    const v = await plymouth.businessCase.get({ businessCaseId: id });
    const calc = await plymouth.budget.uplift({ serviceType: 'shared_lives', financialYear: 2023, ...PAPER });
    expect(v.figures.financial.upliftImpact!.restOfYear.totalPence).toBe(calc.impact!.restOfYear.totalPence);
    expect(v.figures.financial.upliftImpact!.placements).toBe(calc.placements);
    // Its contracts carry the status their dates give on the case's as-at date (31 August 2023).
    expect(v.figures.liveService!.contracts.map((c) => [c.startDate, c.status])).toEqual([
      ['2012-10-01', 'Active (recorded as expired)'],
      ['2023-10-01', 'Not started (recorded as active)'],
    ]);
  });

  it('the rates uplift scenario, placements from my records, counts the same 13 and costs £11,300.51 (it said 0 and £0.00)', async () => {
    const s = await plymouth.rate.scenario({ partnershipId: peninsula, serviceType: 'shared_lives', band: 'Long-term', ...PAPER });
    expect(s.placementsFrom).toBe('placements');
    expect(s.placements).toBe(13);
    expect(s.impact.restOfYear.totalPence).toBe(1_130_051);
  });

  it('a register uplift needs the service type: refused, naming the field', async () => {
    await expect(plymouth.businessCase.create({ idempotencyKey: randomUUID(), title: 'No service', financial: { uplift: { ...PAPER } } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
