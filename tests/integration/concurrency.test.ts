import type { Connection } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, signIn, openSeededDatabase, type Caller } from '../support/api.ts';
import { changedBy, inParallel } from '../support/concurrency.ts';
import { fixtureContract } from '../support/contracts.ts';
import { fixtureApplication, fixtureProcurement, fixtureSpecification, LIVERPOOL_COMMISSIONER } from '../support/procurement.ts';

/**
 * Issue 12, item 4: no lost updates. Values derived from rows are computed under a row lock, state
 * transitions check the state in the statement that changes it, an edit from a stale version is refused
 * naming who changed the record and when, and a create repeated with its form key creates one row.
 *
 * On PostgreSQL (TEST_DATABASE_URL) the calls below really run at once: each caller's procedure is its own
 * transaction on its own pooled connection. On PGlite they take turns, and must give the same outcome.
 */
const SEFTON = 'commissioner.sefton@concord.example';
const PLYMOUTH = 'commissioner.plymouth@concord.example';

let connection: Connection;
const sessions: Record<string, Awaited<ReturnType<typeof signIn>>['session']> = {};
/** A fresh caller (its own context) for a signed-in demo user. */
const as = (email: string): Caller => callerFor(connection, sessions[email]!);
const nameOf = async (email: string) => (await connection.db.selectFrom('app_user').select('display_name').where('email', '=', email).executeTakeFirstOrThrow()).display_name;

beforeAll(async () => {
  connection = await openSeededDatabase();
  for (const email of [SEFTON, PLYMOUTH, LIVERPOOL_COMMISSIONER]) sessions[email] = (await signIn(connection, email)).session;
});
afterAll(() => connection.close());

const decision = { justification: 'Extra hours agreed with the provider', legalBasis: 'Regulation 72(1)(b)', decisionReference: 'OD 26/101', decidedOn: '2026-10-01' };
const contractRow = (id: string) => connection.db.selectFrom('contract').select(['title', 'total_value_pence', 'end_date', 'row_version']).where('id', '=', id).executeTakeFirstOrThrow();

describe('values derived from rows are computed under a lock', () => {
  const tenPounds = (contractId: string, version: number) => ({ contractId, version, idempotencyKey: randomUUID(), kind: 'scope_change' as const, effectiveOn: '2026-10-01', valueChangePence: 1_000, ...decision });

  it('ten parallel +£10 variations from one version: one is recorded and adds exactly £10, nine are refused', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const before = await contractRow(c.id);
    const { ok, refused } = await inParallel(Array.from({ length: 10 }, () => () => as(SEFTON).contract.addVariation(tenPounds(c.id, before.row_version))));
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => r.code)).toEqual(Array(9).fill('CONFLICT'));
    expect(await connection.db.selectFrom('contract_variation').select('id').where('contract_id', '=', c.id).execute()).toHaveLength(1);
    expect(await contractRow(c.id)).toMatchObject({ total_value_pence: before.total_value_pence + 1_000, row_version: before.row_version + 1 });
  });

  it('ten editors each adding +£10 in parallel, reloading when refused: exactly £100 is added', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const before = await contractRow(c.id);
    const editor = async () => {
      for (let attempt = 1; ; attempt++) {
        const { rowVersion } = await as(SEFTON).contract.get({ contractId: c.id });
        const { ok, refused } = await inParallel([() => as(SEFTON).contract.addVariation(tenPounds(c.id, rowVersion))]);
        if (ok.length === 1) return attempt;
        expect(refused.map((r) => r.code)).toEqual(['CONFLICT']);
        if (attempt === 20) throw new Error('Still refused after 20 reloads');
      }
    };
    await Promise.all(Array.from({ length: 10 }, editor));
    expect(await connection.db.selectFrom('contract_variation').select('id').where('contract_id', '=', c.id).execute()).toHaveLength(10);
    expect(await contractRow(c.id)).toMatchObject({ total_value_pence: before.total_value_pence + 10_000, row_version: before.row_version + 10 });
  });

  it('four parallel decisions on one extension option: it is exercised once, the others are told who changed the contract', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton, { endDate: '2027-03-31', annualValuePence: 36_500_000, options: [12] });
    const [option] = await connection.db.selectFrom('contract_extension_option').select('id').where('contract_id', '=', c.id).execute();
    const before = await contractRow(c.id);
    const { ok, refused } = await inParallel(
      Array.from({ length: 4 }, () => () =>
        as(SEFTON).contract.decideExtension({ contractId: c.id, version: before.row_version, optionId: option!.id, decision: 'exercise', decisionReference: 'OD 26/102', decidedOn: '2026-10-01' }),
      ),
    );
    expect(ok).toEqual([{ id: option!.id, endDate: '2028-03-31' }]);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r.code).toBe('CONFLICT');
      // The contract's version moved on with the decision: the others' version is stale.
      expect(r.message).toMatch(changedBy(await nameOf(SEFTON)));
    }
    const after = await contractRow(c.id);
    expect(after.end_date).toBe('2028-03-31');
    // 366 days (2028 is a leap year) of £365,000 a year, added once.
    expect(after.total_value_pence).toBe(before.total_value_pence + 36_600_000);
    expect(await connection.db.selectFrom('contract_variation').select('id').where('contract_id', '=', c.id).execute()).toHaveLength(1);
  });
});

describe('state transitions check the state in the statement that changes it', () => {
  it('two parallel decisions on one application: one applies, the other is a CONFLICT', async () => {
    const p = await fixtureProcurement(connection.db);
    const applicationId = await fixtureApplication(connection.db, p);
    const { ok, refused } = await inParallel(
      ['Late', 'Incomplete'].map((reason) => () => as(LIVERPOOL_COMMISSIONER).application.decide({ applicationId, outcome: 'rejected', reason })),
    );
    expect(ok).toEqual([{ id: applicationId, status: 'rejected', entries: [] }]);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.code).toBe('CONFLICT');
    expect(refused[0]!.message).toMatch(/^This application was already (rejected|decided)\. /);
    const row = await connection.db.selectFrom('application').select(['status', 'row_version']).where('id', '=', applicationId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'rejected', row_version: 2 });
  });
});

describe('an edit from a stale version is refused, naming who changed the record and when', () => {
  it('a contract title: the first edit saves, the second from the same version is refused and changes nothing', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const { rowVersion } = await as(SEFTON).contract.get({ contractId: c.id });
    await as(SEFTON).contract.update({ contractId: c.id, version: rowVersion, title: 'Extra care: north' });
    const stale = await inParallel([() => as(SEFTON).contract.update({ contractId: c.id, version: rowVersion, title: 'Extra care: south' })]);
    expect(stale.refused).toHaveLength(1);
    expect(stale.refused[0]!.code).toBe('CONFLICT');
    expect(stale.refused[0]!.message).toMatch(changedBy(await nameOf(SEFTON)));
    expect(await contractRow(c.id)).toMatchObject({ title: 'Extra care: north', row_version: rowVersion + 1 });
    expect((await as(SEFTON).contract.get({ contractId: c.id })).rowVersion).toBe(rowVersion + 1);
  });

  it('two editors save one contract from one version at once: one saves, the other is refused', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const { rowVersion } = await as(SEFTON).contract.get({ contractId: c.id });
    const { ok, refused } = await inParallel(['North', 'South'].map((title) => () => as(SEFTON).contract.update({ contractId: c.id, version: rowVersion, title })));
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => r.code)).toEqual(['CONFLICT']);
    expect((await contractRow(c.id)).row_version).toBe(rowVersion + 1);
  });

  it('a specification draft: the second editor’s stale save is refused and the first editor’s text stays', async () => {
    const spec = await fixtureSpecification(connection.db, { draft: true });
    const lead = as(LIVERPOOL_COMMISSIONER);
    const { current } = await lead.specification.get({ specificationId: spec.id });
    const first = [{ key: 'outcomes', heading: 'Outcomes', body: 'First editor' }];
    const saved = await lead.specification.updateDraft({ versionId: spec.v2!, version: current.rowVersion, sections: first });
    expect(saved.rowVersion).toBe(current.rowVersion + 1);
    const r = await inParallel([() => as(LIVERPOOL_COMMISSIONER).specification.updateDraft({ versionId: spec.v2!, version: current.rowVersion, changeNote: 'Second editor' })]);
    expect(r.refused).toHaveLength(1);
    expect(r.refused[0]!.code).toBe('CONFLICT');
    expect(r.refused[0]!.message).toMatch(changedBy(await nameOf(LIVERPOOL_COMMISSIONER)));
    const row = await connection.db.selectFrom('specification_version').select(['sections', 'change_note']).where('id', '=', spec.v2!).executeTakeFirstOrThrow();
    expect(row).toEqual({ sections: first, change_note: 'Workforce added' });
  });

  it('a specification draft published twice at once: one publishes; the other is refused, never published twice', async () => {
    const spec = await fixtureSpecification(connection.db, { draft: true });
    const { ok, refused } = await inParallel([1, 2].map(() => () => as(LIVERPOOL_COMMISSIONER).specification.publish({ versionId: spec.v2! })));
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    // Racing (PostgreSQL): the losing UPDATE finds no draft and says who published it. Taking turns (PGlite): the
    // second finds the version published before it starts, the refusal a published version always gets.
    if (refused[0]!.code === 'CONFLICT') expect(refused[0]!.message).toMatch(changedBy(await nameOf(LIVERPOOL_COMMISSIONER)));
    else expect(refused[0]).toEqual({ code: 'BAD_REQUEST', message: 'A published specification version cannot be changed; create a new version' });
    const row = await connection.db.selectFrom('specification_version').select(['status', 'row_version']).where('id', '=', spec.v2!).executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
  });

  it('a KPI return: a correction from a stale version (or from none, when one exists) is refused; the figure stays', async () => {
    const plymouth = as(PLYMOUTH);
    const partnershipId = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
    const entry = { partnershipId, kpiCode: 'SL-01', period: 'Sep 2026' };
    const sep2026 = async () => (await plymouth.return.list({ partnershipId, kpiCode: 'SL-01' })).entries.find((e) => e.periodLabel === 'Sep 2026');
    await plymouth.return.submit({ ...entry, value: 14, version: (await sep2026())?.rowVersion ?? null });
    const shown = (await sep2026())!;
    expect(shown.rowVersion).toEqual(expect.any(Number));
    await plymouth.return.submit({ ...entry, value: 15, version: shown.rowVersion });
    const stale = await inParallel([
      () => as(PLYMOUTH).return.submit({ ...entry, value: 16, version: shown.rowVersion }),
      () => as(PLYMOUTH).return.submit({ ...entry, value: 17, version: null }),
    ]);
    expect(stale.ok).toEqual([]);
    expect(stale.refused.map((r) => r.code)).toEqual(['CONFLICT', 'CONFLICT']);
    for (const r of stale.refused) expect(r.message).toMatch(changedBy(await nameOf(PLYMOUTH)));
    const row = await connection.db.selectFrom('kpi_return').select('value').where('authority_id', '=', GSS.plymouth).where('kpi_code', '=', 'SL-01').where('period_start', '=', '2026-09-01').executeTakeFirstOrThrow();
    expect(row.value).toBe(15);
  });
});

describe('a create repeated with its form key creates one row', () => {
  const payment = { serviceType: 'extra_care' as const, description: 'Night-time cover block', amountPence: 250_000, dueOn: '2026-11-30' };
  const blockPayments = (description: string) => connection.db.selectFrom('block_payment').select('id').where('description', '=', description).execute();

  it('a double submit of a block payment, one after the other and at once: one row, the same result each time', async () => {
    const key = randomUUID();
    const first = await as(SEFTON).budget.addBlockPayment({ ...payment, idempotencyKey: key });
    const again = await as(SEFTON).budget.addBlockPayment({ ...payment, idempotencyKey: key });
    expect(again).toEqual(first);
    expect(await blockPayments(payment.description)).toEqual([{ id: first.id }]);

    const parallelKey = randomUUID();
    const description = 'Weekend cover block';
    const { ok, refused } = await inParallel(Array.from({ length: 3 }, () => () => as(SEFTON).budget.addBlockPayment({ ...payment, description, idempotencyKey: parallelKey })));
    expect(refused).toEqual([]);
    expect(new Set(ok.map((r) => r.id)).size).toBe(1);
    expect(await blockPayments(description)).toEqual([{ id: ok[0]!.id }]);
  });

  it('a variation sent twice with one key is recorded once; the next form (a new key, the new version) is its own', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const before = await contractRow(c.id);
    const key = randomUUID();
    const variation = { contractId: c.id, version: before.row_version, kind: 'scope_change' as const, effectiveOn: '2026-10-01', valueChangePence: 5_000, ...decision };
    const { ok } = await inParallel([() => as(SEFTON).contract.addVariation({ ...variation, idempotencyKey: key }), () => as(SEFTON).contract.addVariation({ ...variation, idempotencyKey: key })]);
    expect(ok[0]).toEqual(ok[1]);
    expect((await contractRow(c.id)).total_value_pence).toBe(before.total_value_pence + 5_000);
    await as(SEFTON).contract.addVariation({ ...variation, version: before.row_version + 1, idempotencyKey: randomUUID() });
    expect((await contractRow(c.id)).total_value_pence).toBe(before.total_value_pence + 10_000);
  });

  it('a key is the authority’s own and names one procedure: reused for another procedure it is refused', async () => {
    const key = randomUUID();
    await as(SEFTON).budget.addBlockPayment({ ...payment, description: 'Key reuse', idempotencyKey: key });
    const c = await fixtureContract(connection.db, GSS.sefton);
    const r = await inParallel([() => as(SEFTON).contract.addVariation({ contractId: c.id, version: 1, kind: 'scope_change', effectiveOn: '2026-10-01', valueChangePence: 1, ...decision, idempotencyKey: key })]);
    expect(r.refused.map((x) => x.code)).toEqual(['BAD_REQUEST']);
    // Another authority using the same key makes its own row: keys never cross authorities.
    await as(PLYMOUTH).budget.addBlockPayment({ ...payment, description: 'Key reuse', idempotencyKey: key });
    const rows = await connection.db.selectFrom('block_payment').select('authority_id').where('description', '=', 'Key reuse').orderBy('authority_id').execute();
    expect(rows.map((r) => r.authority_id)).toEqual([GSS.plymouth, GSS.sefton].sort());
  });
});
