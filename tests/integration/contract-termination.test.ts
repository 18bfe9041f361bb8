import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, signIn, openSeededAs, type Caller } from '../support/api.ts';
import { fixtureContract, privateRowCounts } from '../support/contracts.ts';
import { refusedUnchanged } from '../support/procurement.ts';
import { versionOf } from '../support/versions.ts';

/**
 * Issue 4: a contract ended early (the register's "terminated"). It ends on the day; the days after it come off
 * the total value; a termination variation keeps the reason, the clause and the decision; it leaves the
 * "ending with no decision" warning. Bad dates and contracts not running are refused naming the field,
 * nothing written; the database refuses a termination that would move the end later.
 */
let connection: Connection;
let sefton: Caller;
beforeAll(async () => ({ connection, caller: sefton } = await openSeededAs('commissioner.sefton@concord.example')));
afterAll(() => connection.close());
/** The version the record is at now: every edit of it sends the version it was loaded at. */
const v = (id: string) => versionOf(connection.db, 'contract', id);

const decision = {
  justification: 'The provider has gone into administration and cannot continue the service',
  legalBasis: 'Clause 24.2 (termination on insolvency)',
  decisionReference: 'Director decision 26/031',
  decidedOn: '2026-11-20',
};
const refused = (call: () => Promise<unknown>) => refusedUnchanged(() => privateRowCounts(connection.db), call);

describe('terminating a contract', () => {
  it('ends it on the day, takes the days after it off the total and records why', async () => {
    // £365,000 a year to 31 March 2030; ended on 31 March 2029: 365 days, £365,000 off the £1,000,000 total.
    const c = await fixtureContract(connection.db, GSS.sefton, { endDate: '2030-03-31', annualValuePence: 36_500_000 });
    expect(await sefton.contract.terminate({ contractId: c.id, version: await v(c.id), terminatedOn: '2029-03-31', ...decision })).toEqual({
      id: c.id,
      endDate: '2029-03-31',
      valueChangePence: -36_500_000,
      daysCut: 365,
    });
    const after = await sefton.contract.get({ contractId: c.id });
    expect(after).toMatchObject({ status: 'terminated', endDate: '2029-03-31', totalValuePence: 63_500_000 });
    expect(after.variations).toHaveLength(1);
    expect(after.variations[0]).toMatchObject({
      kind: 'termination',
      effectiveOn: '2029-03-31',
      previousEndDate: '2030-03-31',
      newEndDate: '2029-03-31',
      valueChangePence: -36_500_000,
      justification: decision.justification,
      legalBasis: decision.legalBasis,
      decisionReference: decision.decisionReference,
    });
    // A terminated contract cannot be terminated or varied again.
    expect(await refused(async () => sefton.contract.terminate({ contractId: c.id, version: await v(c.id), terminatedOn: '2029-01-31', ...decision }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'contractId',
      message: `${c.reference} is terminated: only an active or extended contract can be terminated`,
    });
    expect((await refused(async () => sefton.contract.addVariation({ idempotencyKey: randomUUID(), contractId: c.id, version: await v(c.id), kind: 'scope_change', effectiveOn: '2029-01-01', ...decision }))).field).toBe('contractId');
  });

  it('a terminated contract needs no end-of-term decision: its warning goes', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const inTwoMonths = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const c = await fixtureContract(connection.db, GSS.sefton, { endDate: inTwoMonths });
    expect((await sefton.contract.get({ contractId: c.id })).warnings).toContain('ending_without_decision');
    await sefton.contract.terminate({ contractId: c.id, version: await v(c.id), terminatedOn: today, ...decision });
    expect((await sefton.contract.get({ contractId: c.id })).warnings).not.toContain('ending_without_decision');
  });

  it('refuses a date outside the term, and a blank reason, naming the field; nothing is written', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton, { endDate: '2030-03-31' });
    expect(await refused(async () => sefton.contract.terminate({ contractId: c.id, version: await v(c.id), terminatedOn: '2030-04-01', ...decision }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'terminatedOn',
      message: `${c.reference} already ends on 31 March 2030: record what happens at the end of its term instead`,
    });
    expect(await refused(async () => sefton.contract.terminate({ contractId: c.id, version: await v(c.id), terminatedOn: '2024-03-31', ...decision }))).toMatchObject({
      field: 'terminatedOn',
      message: 'The termination date cannot be before the contract started (1 April 2024)',
    });
    expect(await refused(async () => sefton.contract.terminate({ contractId: c.id, version: await v(c.id), terminatedOn: '2029-03-31', ...decision, justification: '  ' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'justification',
    });
    expect(await refused(async () => sefton.contract.terminate({ contractId: c.id, version: await v(c.id), terminatedOn: '31/03/2029', ...decision }))).toMatchObject({ code: 'BAD_REQUEST', field: 'terminatedOn' });
    expect((await sefton.contract.get({ contractId: c.id })).status).toBe('active');
  });

  it('another authority’s contract is not found', async () => {
    const liverpool = callerFor(connection, (await signIn(connection, 'commissioner.liverpool@concord.example')).session);
    const c = await fixtureContract(connection.db, GSS.sefton);
    expect(await refused(async () => liverpool.contract.terminate({ contractId: c.id, version: await v(c.id), terminatedOn: '2029-03-31', ...decision }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the database refuses a termination that moves the end later or adds value', async () => {
    const c = await fixtureContract(connection.db, GSS.sefton);
    const row = {
      authority_id: GSS.sefton,
      contract_id: c.id,
      kind: 'termination' as const,
      effective_on: '2030-04-30',
      previous_end_date: '2030-03-31',
      new_end_date: '2030-04-30',
      value_change_pence: 0,
      justification: 'x',
      legal_basis: 'x',
      decision_reference: 'x',
      decided_on: '2026-01-01',
    };
    await expect(connection.db.insertInto('contract_variation').values(row).execute()).rejects.toThrow(/contract_variation_termination_ends_earlier/);
    await expect(connection.db.insertInto('contract_variation').values({ ...row, new_end_date: '2029-03-31', value_change_pence: 5 }).execute()).rejects.toThrow(/contract_variation_termination_ends_earlier/);
  });
});
