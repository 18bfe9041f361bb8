import type { Connection } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, signIn, openSeededDatabase, type Caller } from '../support/api.ts';
import { changedBy, inParallel } from '../support/concurrency.ts';
import { fixtureProcurement, LIVERPOOL_COMMISSIONER, partnershipIdOf } from '../support/procurement.ts';

/**
 * Issue 12, item 4, the rest of the edit forms: a lot, a meeting action's status, a risk, a budget, a
 * business case, a demand model, an options appraisal, a procurement's criteria. An edit from a stale
 * version is refused with CONFLICT naming who changed the record and when, and the row keeps the first
 * editor's change; a create repeated with one form key makes one row.
 *
 * On PostgreSQL (TEST_DATABASE_URL) the parallel calls really run at once, each its own transaction.
 */
const SEFTON = 'commissioner.sefton@concord.example';
const PLYMOUTH = 'commissioner.plymouth@concord.example';

let connection: Connection;
const sessions: Record<string, Awaited<ReturnType<typeof signIn>>['session']> = {};
const as = (email: string): Caller => callerFor(connection, sessions[email]!);
const nameOf = async (email: string) => (await connection.db.selectFrom('app_user').select('display_name').where('email', '=', email).executeTakeFirstOrThrow()).display_name;
const db = () => connection.db;

beforeAll(async () => {
  connection = await openSeededDatabase();
  for (const email of [SEFTON, PLYMOUTH, LIVERPOOL_COMMISSIONER]) sessions[email] = (await signIn(connection, email)).session;
});
afterAll(() => connection.close());

/** Two saves from one version at once: exactly one applies; the other is refused, naming the winner. */
async function oneWins<T>(saves: (() => Promise<T>)[], winner: string) {
  const result = await inParallel(saves);
  expect(result.ok).toHaveLength(1);
  expect(result.refused).toHaveLength(saves.length - 1);
  for (const r of result.refused) {
    expect(r.code).toBe('CONFLICT');
    expect(r.message).toMatch(changedBy(await nameOf(winner)));
  }
  return result;
}

describe('an edit from a stale version is refused, naming who changed it, and the row is unchanged', () => {
  it('a lot: the second save from version 1 is refused; the lot keeps the first', async () => {
    const p = await fixtureProcurement(db());
    const lotId = p.lotIds[0]!;
    const saved = await as(LIVERPOOL_COMMISSIONER).lot.update({ lotId, version: 1, expectedProviders: 7 });
    expect(saved.rowVersion).toBe(2);
    const stale = await inParallel([() => as(LIVERPOOL_COMMISSIONER).lot.update({ lotId, version: 1, expectedProviders: 9, name: 'Overwritten' })]);
    expect(stale.refused).toEqual([{ code: 'CONFLICT', message: expect.stringMatching(changedBy(await nameOf(LIVERPOOL_COMMISSIONER))) }]);
    const lot = await db().selectFrom('lot').select(['expected_providers', 'name', 'row_version']).where('id', '=', lotId).executeTakeFirstOrThrow();
    expect(lot).toEqual({ expected_providers: 7, name: 'Fixture lot 1', row_version: 2 });
    // The page's read gives the version to send next.
    expect((await as(LIVERPOOL_COMMISSIONER).procurement.get({ procurementId: p.id })).lots.find((l) => l.id === lotId)!.rowVersion).toBe(2);
  });

  it('two editors of one lot at once: one saves, the other is refused', async () => {
    const p = await fixtureProcurement(db());
    const lotId = p.lotIds[1]!;
    await oneWins([1, 2].map((n) => () => as(LIVERPOOL_COMMISSIONER).lot.update({ lotId, version: 1, expectedProviders: n })), LIVERPOOL_COMMISSIONER);
    expect((await db().selectFrom('lot').select('row_version').where('id', '=', lotId).executeTakeFirstOrThrow()).row_version).toBe(2);
  });

  it('a procurement’s criteria and details share its version: a set made from the version before is refused', async () => {
    const p = await fixtureProcurement(db());
    const { rowVersion } = await as(LIVERPOOL_COMMISSIONER).procurement.get({ procurementId: p.id });
    const criteria = [{ kind: 'quality' as const, name: 'Quality of care', weightPercent: 70 }, { kind: 'price' as const, name: 'Price', weightPercent: 30 }];
    await as(LIVERPOOL_COMMISSIONER).criteria.set({ procurementId: p.id, version: rowVersion, criteria });
    const stale = await inParallel<unknown>([
      () => as(LIVERPOOL_COMMISSIONER).criteria.set({ procurementId: p.id, version: rowVersion, criteria: [{ kind: 'quality', name: 'Only quality', weightPercent: 100 }] }),
      () => as(LIVERPOOL_COMMISSIONER).procurement.update({ procurementId: p.id, version: rowVersion, title: 'Stale title' }),
    ]);
    expect(stale.refused.map((r) => r.code)).toEqual(['CONFLICT', 'CONFLICT']);
    const names = await db().selectFrom('evaluation_criterion').select('name').where('procurement_id', '=', p.id).orderBy('position').execute();
    expect(names.map((c) => c.name)).toEqual(['Quality of care', 'Price']);
    expect((await as(LIVERPOOL_COMMISSIONER).procurement.get({ procurementId: p.id })).title).not.toBe('Stale title');
  });

  it('a meeting action’s status: of two changes from one page at once one applies, the other is refused', async () => {
    const partnershipId = await partnershipIdOf(db());
    const meeting = await db()
      .insertInto('network_meeting')
      .values({ authority_id: GSS.liverpool, partnership_id: partnershipId, held_on: '2026-11-01', title: 'Concurrency meeting', agenda: '', attending: [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const action = await db()
      .insertInto('meeting_action')
      .values({ authority_id: GSS.liverpool, partnership_id: partnershipId, meeting_id: meeting.id, owner_authority_id: GSS.sefton, description: 'Share the rates', due_on: '2026-12-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const shown = (await as(LIVERPOOL_COMMISSIONER).meeting.get({ meetingId: meeting.id })).actions[0]!;
    expect(shown.rowVersion).toBe(1);
    const { ok } = await oneWins(
      (['done', 'dropped'] as const).map((status) => () => as(LIVERPOOL_COMMISSIONER).meeting.setActionStatus({ actionId: action.id, version: shown.rowVersion, status })),
      LIVERPOOL_COMMISSIONER,
    );
    const row = await db().selectFrom('meeting_action').select(['status', 'row_version']).where('id', '=', action.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: ok[0]!.status, row_version: 2 });
    // A later change from the page as it is now applies.
    await as(LIVERPOOL_COMMISSIONER).meeting.setActionStatus({ actionId: action.id, version: 2, status: 'open' });
    expect((await db().selectFrom('meeting_action').select('status').where('id', '=', action.id).executeTakeFirstOrThrow()).status).toBe('open');
  });

  it('a risk: a stale save is refused and the risk keeps the first editor’s scores', async () => {
    const bc = await as(PLYMOUTH).businessCase.create({ idempotencyKey: randomUUID(), title: 'Concurrency risks' });
    const risk = await as(PLYMOUTH).risk.create({ idempotencyKey: randomUUID(), subjectKind: 'business_case', subjectId: bc.id, description: 'Staff turnover', before: { likelihood: 3, impact: 3 }, after: { likelihood: 2, impact: 2 } });
    const { versions } = await as(PLYMOUTH).risk.list({ subjectKind: 'business_case', subjectId: bc.id });
    await oneWins(
      [4, 5].map((impact) => () => as(PLYMOUTH).risk.update({ riskId: risk.id, version: versions[risk.id]!, before: { likelihood: 3, impact } })),
      PLYMOUTH,
    );
    const stale = await inParallel([() => as(PLYMOUTH).risk.update({ riskId: risk.id, version: versions[risk.id]!, description: 'Overwritten' })]);
    expect(stale.refused[0]!.code).toBe('CONFLICT');
    const row = await db().selectFrom('risk').select(['description', 'row_version']).where('id', '=', risk.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ description: 'Staff turnover', row_version: 2 });
  });

  it('a budget: set from the version shown; a stale one, or one set meanwhile by someone else, is refused', async () => {
    const line = { serviceType: 'supported_living' as const, financialYear: 2031 };
    const first = await as(SEFTON).budget.set({ ...line, amountPence: 100_000_00, version: null });
    expect(first.rowVersion).toBe(1);
    const listed = (await as(SEFTON).budget.list({ financialYear: 2031 })).rows.find((r) => r.serviceType === 'supported_living')!;
    expect(listed.budgetVersion).toBe(1);
    // Someone else's form, loaded before there was a budget, still says "none".
    const refusedNone = await inParallel([() => as(SEFTON).budget.set({ ...line, amountPence: 1, version: null })]);
    expect(refusedNone.refused[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(changedBy(await nameOf(SEFTON))) });
    await oneWins([200_000_00, 300_000_00].map((amountPence) => () => as(SEFTON).budget.set({ ...line, amountPence, version: 1 })), SEFTON);
    const row = await db().selectFrom('budget').select(['amount_pence', 'row_version']).where('service_type', '=', line.serviceType).where('financial_year', '=', 2031).execute();
    expect(row).toHaveLength(1);
    expect(row[0]!.row_version).toBe(2);
    expect([200_000_00, 300_000_00]).toContain(row[0]!.amount_pence);
  });

  it('a business case: a stale save is refused and the case keeps the first editor’s title', async () => {
    const bc = await as(PLYMOUTH).businessCase.create({ idempotencyKey: randomUUID(), title: 'Concurrency case' });
    await as(PLYMOUTH).businessCase.update({ businessCaseId: bc.id, version: 1, title: 'First editor' });
    const stale = await inParallel([() => as(PLYMOUTH).businessCase.update({ businessCaseId: bc.id, version: 1, title: 'Second editor' })]);
    expect(stale.refused).toEqual([{ code: 'CONFLICT', message: expect.stringMatching(changedBy(await nameOf(PLYMOUTH))) }]);
    const row = await db().selectFrom('business_case').select(['title', 'row_version']).where('id', '=', bc.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'First editor', row_version: 2 });
    expect((await as(PLYMOUTH).businessCase.get({ businessCaseId: bc.id })).rowVersion).toBe(2);
  });

  it('a demand model and an options appraisal: a stale save is refused, the first save stays', async () => {
    const demand = await as(PLYMOUTH).demand.create({ idempotencyKey: randomUUID(), title: 'Concurrency demand', populationSource: 'entered', populations: [{ year: 2024, population: 1000 }] });
    await oneWins(['A', 'B'].map((t) => () => as(PLYMOUTH).demand.update({ demandModelId: demand.id, version: 1, title: `Demand ${t}` })), PLYMOUTH);
    expect((await as(PLYMOUTH).demand.get({ demandModelId: demand.id })).rowVersion).toBe(2);
    const appraisal = await as(PLYMOUTH).appraisal.create({ idempotencyKey: randomUUID(), title: 'Concurrency appraisal' });
    await as(PLYMOUTH).appraisal.update({ appraisalId: appraisal.id, version: 1, title: 'First' });
    const stale = await inParallel([() => as(PLYMOUTH).appraisal.update({ appraisalId: appraisal.id, version: 1, title: 'Second' })]);
    expect(stale.refused[0]!.code).toBe('CONFLICT');
    expect((await as(PLYMOUTH).appraisal.get({ appraisalId: appraisal.id })).title).toBe('First');
  });
});

describe('a create repeated with its form key creates one row', () => {
  const count = async (table: 'lot' | 'risk' | 'options_appraisal' | 'demand_model' | 'kpi_definition', column: string, value: string) =>
    (await db().selectFrom(table).select(db().fn.countAll<number>().as('n')).where(column as never, '=', value as never).executeTakeFirstOrThrow()).n;

  it('a lot, a risk, an appraisal and a demand model sent twice at once with one key: one row each, one answer', async () => {
    const p = await fixtureProcurement(db());
    const lotKey = randomUUID();
    const lots = await inParallel([1, 2].map(() => () => as(LIVERPOOL_COMMISSIONER).lot.create({ procurementId: p.id, name: 'Keyed lot', basis: 'scheme', idempotencyKey: lotKey })));
    expect(lots.refused).toEqual([]);
    expect(lots.ok[0]).toEqual(lots.ok[1]);
    expect(Number(await count('lot', 'name', 'Keyed lot'))).toBe(1);

    const bc = await as(PLYMOUTH).businessCase.create({ idempotencyKey: randomUUID(), title: 'Keyed risks' });
    const riskKey = randomUUID();
    const risk = { subjectKind: 'business_case' as const, subjectId: bc.id, description: 'Keyed risk', before: { likelihood: 2, impact: 2 }, after: { likelihood: 1, impact: 1 }, idempotencyKey: riskKey };
    const risks = await inParallel([1, 2].map(() => () => as(PLYMOUTH).risk.create(risk)));
    expect(risks.ok).toHaveLength(2);
    expect(Number(await count('risk', 'description', 'Keyed risk'))).toBe(1);

    const appraisalKey = randomUUID();
    await as(PLYMOUTH).appraisal.create({ title: 'Keyed appraisal', idempotencyKey: appraisalKey });
    await as(PLYMOUTH).appraisal.create({ title: 'Keyed appraisal', idempotencyKey: appraisalKey });
    expect(Number(await count('options_appraisal', 'title', 'Keyed appraisal'))).toBe(1);

    const demandKey = randomUUID();
    const demand = { title: 'Keyed demand', populationSource: 'entered' as const, populations: [{ year: 2024, population: 1000 }], idempotencyKey: demandKey };
    await inParallel([1, 2].map(() => () => as(PLYMOUTH).demand.create(demand)));
    expect(Number(await count('demand_model', 'title', 'Keyed demand'))).toBe(1);
  });

  it('a KPI definition saved twice with one key is one version', async () => {
    const partnershipId = await partnershipIdOf(db());
    const kpi = {
      partnershipId,
      code: 'CC-99',
      name: 'Keyed KPI',
      definition: 'People counted once',
      unit: 'count' as const,
      direction: 'higher_better' as const,
      frequency: 'monthly' as const,
      firstPeriod: '2026-04-01',
      idempotencyKey: randomUUID(),
    };
    const { ok, refused } = await inParallel([1, 2].map(() => () => as(LIVERPOOL_COMMISSIONER).kpi.save(kpi)));
    expect(refused).toEqual([]);
    expect(ok[0]!.id).toBe(ok[1]!.id);
    expect(Number(await count('kpi_definition', 'name', 'Keyed KPI'))).toBe(1);
  });
});
