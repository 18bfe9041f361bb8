import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { MAX_PENCE } from '@concord/domain';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededAs, type Caller } from '../support/api.ts';

/**
 * Issue 12: the inputs that once answered HTTP 500, each now a 400 naming the field; and two smaller things
 * seen (item 10): an appraisal scale upside down, and an uplift that would not cost a stored placement.
 */

let connection: Connection;
let api: Caller;
beforeAll(async () => ({ connection, caller: api } = await openSeededAs('commissioner.sefton@concord.example')));
afterAll(async () => {
  await connection?.close();
});

/** The refusal: its tRPC code and the fields the client is told about. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string; fields: string[] }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { issues?: { path: PropertyKey[] }[]; field?: string } | undefined;
    const fields = cause?.issues ? cause.issues.map((i) => i.path.join('.')) : cause?.field ? [cause.field] : [];
    return { code: error.code, message: error.message, fields };
  }
  throw new Error('the call succeeded');
}

async function seftonIds() {
  const provider = await sql<{ id: string }>`SELECT id FROM provider ORDER BY legal_name LIMIT 1`.execute(connection.db);
  const spec = await sql<{ id: string }>`SELECT id FROM specification ORDER BY created_at LIMIT 1`.execute(connection.db);
  const contract = await sql<{ id: string }>`SELECT id FROM contract WHERE authority_id = 'E08000014' AND status = 'active' ORDER BY reference LIMIT 1`.execute(connection.db);
  return { providerId: provider.rows[0]!.id, specificationId: spec.rows[0]!.id, contractId: contract.rows[0]!.id };
}

describe('bad input is a 400 naming the field, never a 500', () => {
  it('a NUL or a lone surrogate in any text: search boxes, titles, a CSV cell', async () => {
    expect(await refusal(api.provider.list({ search: 'care\u0000' }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['search'] });
    expect(await refusal(api.contract.list({ search: '\ud800' }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['search'] });
    expect(await refusal(api.placement.list({ filters: { search: 'a\u0000' } }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['filters.search'] });
    expect(await refusal(api.appraisal.create({ idempotencyKey: randomUUID(), title: '\u0000' }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['title'] });
    const csv = 'reference,service_type,in_area,funding_route,start_date,weekly_cost\nP-900001,home_care,yes,council_commissioned,2024-04-01,12\u0000.00\n';
    const refused = await refusal(api.placement.importCsv({ csv, dryRun: true }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', fields: ['csv'] });
    expect(refused.message).toContain('cannot be stored');
  });

  it('integers past a PostgreSQL integer, days outside 1900–2199, money past £1bn', async () => {
    const { providerId, specificationId, contractId } = await seftonIds();
    expect(await refusal(api.specification.diff({ specificationId, from: 2 ** 31, to: 1 }))).toMatchObject({ code: 'BAD_REQUEST', fields: ['from'] });
    const award = {
      idempotencyKey: randomUUID(),
      reference: 'SEF-FUZZ-1',
      title: 'Far future',
      providerId,
      serviceType: 'home_care' as const,
      startDate: '9999-12-31',
      termMonths: 12,
      annualValuePence: 100_00,
      justification: 'Test',
      legalBasis: 'Test',
      decisionReference: 'T-1',
      decidedOn: '2024-01-01',
    };
    expect(await refusal(api.contract.directAward(award))).toMatchObject({ code: 'BAD_REQUEST', fields: ['startDate'] });
    expect(await refusal(api.contract.directAward({ ...award, startDate: '2024-04-01', annualValuePence: MAX_PENCE + 1 }))).toMatchObject({
      code: 'BAD_REQUEST',
      fields: ['annualValuePence'],
    });
    expect(await refusal(api.budget.addBlockPayment({ idempotencyKey: randomUUID(), serviceType: 'home_care', description: 'Old', amountPence: 100, dueOn: '0001-01-01' }))).toMatchObject({
      code: 'BAD_REQUEST',
      fields: ['dueOn'],
    });
    expect(await refusal(api.contract.previewContinuation({ contractIds: [contractId], commonEndDate: '9999-12-31' }))).toMatchObject({
      code: 'BAD_REQUEST',
      fields: ['commonEndDate'],
    });
  });

  it('the largest amount the API takes still costs a continuation to the penny (BigInt arithmetic, no RangeError)', async () => {
    const { providerId } = await seftonIds();
    const created = await api.contract.directAward({
      idempotencyKey: randomUUID(),
      reference: 'SEF-BIG-1',
      title: 'A billion a year',
      providerId,
      serviceType: 'home_care',
      startDate: '2024-04-01',
      termMonths: 12,
      annualValuePence: MAX_PENCE,
      justification: 'Test',
      legalBasis: 'Test',
      decisionReference: 'T-2',
      decidedOn: '2024-01-01',
    });
    const contractId = (created as { id: string }).id;
    // 2025-03-31 → 2199-12-31 is 63,827 days: £1bn × 63,827 ÷ 365 = £174,868,493,150.684… → 17,486,849,315,068p
    // (at the old limit of 1e13 pence this product passed 2^53 and divideHalfUp threw: a 500).
    const preview = await api.contract.previewContinuation({ contractIds: [contractId], commonEndDate: '2199-12-31' });
    expect(preview.lines[0]).toMatchObject({ extraDays: 63_827, extraPence: 17_486_849_315_068 });
  });
});

describe('item 10: an upside-down appraisal scale; an uplift of what is stored', () => {
  it('appraisal.create refuses a scale whose highest score is not above its lowest, naming scale.max, and writes nothing', async () => {
    const before = await sql<{ n: string }>`SELECT count(*) AS n FROM options_appraisal`.execute(connection.db);
    const refused = await refusal(api.appraisal.create({ idempotencyKey: randomUUID(), title: 'Upside down', scale: { min: 5, max: 1, descriptors: [] } }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', fields: ['scale.max'] });
    expect(refused.message).toContain('Highest score must be more than the lowest score');
    const after = await sql<{ n: string }>`SELECT count(*) AS n FROM options_appraisal`.execute(connection.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    // A proper scale is kept as given.
    const { id } = await api.appraisal.create({ idempotencyKey: randomUUID(), title: 'One to five', scale: { min: 1, max: 5, descriptors: [{ score: 5, label: 'Excellent' }] } });
    expect((await api.appraisal.get({ appraisalId: id })).scale).toMatchObject({ min: 1, max: 5 });
  });

  it('budget.uplift costs a stored £12,000-a-week placement (the £10,000 typing-slip cap is for typed costs only)', async () => {
    const query = { serviceType: 'residential_nursing' as const, financialYear: 2099, risePercent: 10, startMonth: 10 };
    const before = await api.budget.uplift(query);
    const { providerId } = await seftonIds();
    await api.placement.create({
      idempotencyKey: randomUUID(),
      providerId,
      reference: 'P-12000W',
      serviceType: 'residential_nursing',
      inArea: true,
      fundingRoute: 'council_commissioned',
      startDate: '2099-04-01',
      weeklyCostPence: 1_200_000,
    });
    const after = await api.budget.uplift(query);
    expect(after.placements).toBe(before.placements + 1);
    const current = (r: typeof after) => r.impact?.currentWeeklyPence ?? 0;
    const next = (r: typeof after) => r.impact?.newWeeklyPence ?? 0;
    expect(current(after) - current(before)).toBe(1_200_000);
    expect(next(after) - next(before)).toBe(1_320_000); // +10%, to the penny
    // A typed weekly cost is still held to the cap (the business case's uplift).
    const typed = await refusal(
      api.businessCase.create({ idempotencyKey: randomUUID(), title: 'Typed uplift', financial: { uplift: { placements: [{ weeklyPence: 1_200_000 }], risePercent: 10, startMonth: 10 } } }),
    );
    expect(typed.code).toBe('BAD_REQUEST');
  });

  it('rate.mine summarises a stored contract rate above the £100,000 typed-submission cap instead of refusing every read', async () => {
    const { providerId } = await seftonIds();
    await api.contract.directAward({
      idempotencyKey: randomUUID(),
      reference: 'SEF-RATE-BIG',
      title: 'A very costly rate',
      providerId,
      serviceType: 'supported_living',
      startDate: '2024-04-01',
      termMonths: 12,
      annualValuePence: 100_00,
      rates: [{ band: 'Exceptional', unit: 'week', ratePence: 15_000_000, effectiveFrom: '2024-04-01' }],
      justification: 'Test',
      legalBasis: 'Test',
      decisionReference: 'T-3',
      decidedOn: '2024-01-01',
    });
    const mine = await api.rate.mine();
    expect(mine.rates.find((r) => r.band === 'Exceptional')).toMatchObject({ serviceType: 'supported_living', unit: 'week', ratePence: 15_000_000, source: 'contract' });
  });
});
