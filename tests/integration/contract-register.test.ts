import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn } from '../support/api.ts';
import { refusedUnchanged } from '../support/procurement.ts';
import { fixtureContract, fixtureProvider, privateRowCounts } from '../support/contracts.ts';
import { versionOf } from '../support/versions.ts';

let connection: Connection;
let api: ReturnType<typeof callerFor>;
let provider: string;
beforeAll(async () => {
  connection = await openSeededDatabase();
  api = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
  provider = await fixtureProvider(connection.db, 'Register Test Care Ltd');
});
afterAll(() => connection.close());
/** The version the record is at now: every edit of it sends the version it was loaded at. */
const v = (id: string) => versionOf(connection.db, 'contract', id);

/** The refusal a call fails with, having written nothing. */
const refused = (call: () => Promise<unknown>) => refusedUnchanged(() => privateRowCounts(connection.db), call);
const decision = { justification: 'Test', legalBasis: 'Test', decisionReference: 'Test decision', decidedOn: '2025-01-01' };
const contract = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  reference: `T-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  title: 'Test contract',
  providerId: provider,
  serviceType: 'extra_care' as const,
  source: 'block_contract' as const,
  startDate: '2025-04-01',
  termMonths: 36,
  annualValuePence: 36_500_000,
  ...over,
});

describe('the contract register refuses bad input, naming the field, and writes nothing', () => {
  it('an end date before the start date', async () => {
    const e = await refused(() => api.contract.create(contract({ termMonths: undefined, endDate: '2025-03-31' })));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.message).toBe('The end date (31 March 2025) cannot be before the start date (1 April 2025)');
    expect(e.field).toBe('endDate');
  });

  it('negative money', async () => {
    const e = await refused(() => api.contract.create(contract({ annualValuePence: -100 })));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.field).toBe('annualValuePence');
    const r = await refused(() => api.contract.create(contract({ rates: [{ band: 'Day', unit: 'hour', ratePence: -1 }] })));
    expect(r.field).toBe('rates.0.ratePence');
  });

  it('a direct award without its justification', async () => {
    const e = await refused(() => api.contract.create(contract({ source: 'direct_award' })));
    expect(e.field).toBe('awardJustification');
  });

  it('a continuation whose new end is not after the current end', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton, { endDate: '2027-03-31' });
    const e = await refused(async () => api.contract.addVariation({ idempotencyKey: randomUUID(), contractId: c.id, version: await v(c.id), kind: 'continuation', effectiveOn: '2027-04-01', newEndDate: '2027-03-01', ...decision }));
    expect(e.message).toBe('The new end date must be after the current end date (31 March 2027)');
    expect(e.field).toBe('newEndDate');
  });

  it('a bulk continuation is all or nothing: one contract already ending later refuses them all', async () => {
    const a = await fixtureContract(connection.db, GSS.sefton, { endDate: '2027-03-31' });
    const b = await fixtureContract(connection.db, GSS.sefton, { endDate: '2027-09-30' });
    const e = await refused(() => api.contract.bulkContinue({ idempotencyKey: randomUUID(), contractIds: [a.id, b.id], commonEndDate: '2027-05-31', ...decision }));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.field).toBe('contractIds[1]');
    expect(e.message).toContain(b.reference);
    const still = await connection.db.selectFrom('contract').select('end_date').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(still.end_date).toBe('2027-03-31');
  });

  it("another authority's contract in a bulk continuation is not found", async () => {
    const kents = await fixtureContract(connection.db, GSS.kent, { endDate: '2027-03-31' });
    const e = await refused(() => api.contract.bulkContinue({ idempotencyKey: randomUUID(), contractIds: [kents.id], commonEndDate: '2027-05-31', ...decision }));
    expect(e.code).toBe('NOT_FOUND');
  });
});

describe('the contract register', () => {
  it('a direct award: term, value for the term, justification and decision', async () => {
    const made = await api.contract.directAward({
      idempotencyKey: randomUUID(),
      reference: 'SEF-DA-TEST',
      title: 'Direct award test',
      providerId: provider,
      serviceType: 'extra_care',
      startDate: '2025-10-01',
      termMonths: 24,
      annualValuePence: 40_358_900,
      extensionOptions: [{ months: 12 }],
      ...decision,
    });
    const c = await api.contract.get({ contractId: made.id });
    expect(c).toMatchObject({ source: 'direct_award', endDate: '2027-09-30', latestPossibleEnd: '2028-09-30', totalValuePence: 80_717_800 });
    expect(c.award).toMatchObject({ justification: 'Test', decisionReference: 'Test decision' });
  });

  it('exercising an option extends the contract by it and records the variation; options are taken in order', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton, { endDate: '2027-03-31', options: [12, 12] });
    const before = await api.contract.get({ contractId: c.id });
    expect(before.latestPossibleEnd).toBe('2029-03-31');
    const [first, second] = before.extensionOptions;
    const early = await refused(async () => api.contract.decideExtension({ contractId: c.id, version: await v(c.id), optionId: second!.id, decision: 'exercise', decisionReference: 'D1', decidedOn: '2026-10-01' }));
    expect(early.field).toBe('optionId');
    await api.contract.decideExtension({ contractId: c.id, version: await v(c.id), optionId: first!.id, decision: 'exercise', decisionReference: 'D1', decidedOn: '2026-10-01' });
    const after = await api.contract.get({ contractId: c.id });
    expect(after).toMatchObject({ endDate: '2028-03-31', status: 'extended', latestPossibleEnd: '2029-03-31' });
    expect(after.variations).toEqual([expect.objectContaining({ kind: 'extension', previousEndDate: '2027-03-31', newEndDate: '2028-03-31', valueChangePence: 36_600_000 })]);
  });

  it('recording an end decision clears the "ending with no decision" warning', async () => {
    const soon = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const c = await fixtureContract(connection.db, GSS.sefton, { endDate: soon });
    const has = async () => (await api.contract.warnings()).warnings.some((w) => w.contractId === c.id && w.kind === 'ending_without_decision');
    expect(await has()).toBe(true);
    await api.contract.recordEndDecision({ contractId: c.id, version: await v(c.id), decision: 'recommission', decisionReference: 'Cabinet', decidedOn: '2025-01-01' });
    expect(await has()).toBe(false);
  });

  it('the register filters and sorts', async () => {
    const { contracts } = await api.contract.list({ search: 'Direct award test', sort: 'annual_value', direction: 'desc' });
    expect(contracts.map((c) => c.reference)).toEqual(['SEF-DA-TEST']);
    const viewer = callerFor(connection, (await signIn(connection, 'viewer.sefton@concord.example')).session);
    await expect(viewer.contract.update({ contractId: contracts[0]!.id, version: 1, title: 'No' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
