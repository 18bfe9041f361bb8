import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { CONTRACT_DATE_STATUSES } from '@concord/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';
import { seftonCallOff } from '../support/call-offs.ts';

/**
 * Issue 13: a contract's status is the one a person expects from its dates, computed by the API on the
 * server's today, with the recorded status beside it; the register's status filter keeps exactly what it
 * then shows; an awarded call-off names its winner, the value and its contract.
 */
let connection: Connection;
const TODAY = new Date('2026-12-06T12:00:00Z');
let sefton: ReturnType<typeof callerFor>;
beforeAll(async () => {
  connection = await openSeededDatabase();
  const now = () => TODAY;
  sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example', { now })).session, { now });
});
afterAll(() => connection?.close());

const byReference = async (reference: string) => (await sefton.contract.list({ search: reference })).contracts.find((c) => c.reference === reference)!;

describe('contract status from the dates', () => {
  it('a seeded contract that ended on 31 March 2024 with nothing decided is "Past its end date — no decision", not "Active"', async () => {
    const bootle = await byReference('SEF-EC-BOOTLE');
    expect(bootle).toMatchObject({ endDate: '2024-03-31', status: 'active', dateStatus: 'past_end_no_decision', statusText: 'Past its end date — no decision (recorded as active)' });
    const detail = await sefton.contract.get({ contractId: bootle.id });
    expect(detail.statusText).toBe('Past its end date — no decision (recorded as active)');
  });

  it('a contract starting in 2027 has not started; one running today is active', async () => {
    const provider = await connection.db.selectFrom('provider').select('id').orderBy('legal_name').executeTakeFirstOrThrow();
    const made = await sefton.contract.create({
      idempotencyKey: randomUUID(),
      reference: 'SEF-2027-START',
      title: 'Starts in April 2027',
      providerId: provider.id,
      serviceType: 'extra_care',
      source: 'block_contract',
      startDate: '2027-04-01',
      termMonths: 36,
      annualValuePence: 10_000_000,
    });
    const later = await sefton.contract.get({ contractId: made.id });
    expect(later).toMatchObject({ status: 'active', dateStatus: 'not_started', statusText: 'Not started (recorded as active)' });
    const running = await sefton.contract.create({
      idempotencyKey: randomUUID(),
      reference: 'SEF-RUNNING',
      title: 'Running today',
      providerId: provider.id,
      serviceType: 'extra_care',
      source: 'block_contract',
      startDate: '2026-04-01',
      termMonths: 36,
      annualValuePence: 10_000_000,
    });
    expect(await sefton.contract.get({ contractId: running.id })).toMatchObject({ dateStatus: 'active', statusText: 'Active' });
  });

  it('recording an end decision for the passed end date makes it "Ended", keeping the decision', async () => {
    const southport = await byReference('SEF-EC-SOUTHPORT');
    expect(southport.dateStatus).toBe('past_end_no_decision');
    const { rowVersion } = await sefton.contract.get({ contractId: southport.id });
    await sefton.contract.recordEndDecision({ contractId: southport.id, version: rowVersion, decision: 'recommission', decisionReference: 'SMBC-2024-01', decidedOn: '2024-01-15' });
    const after = await sefton.contract.get({ contractId: southport.id });
    expect(after).toMatchObject({ dateStatus: 'ended', statusText: 'Ended (recorded as active)', endDecision: { decision: 'recommission', forEndDate: '2024-03-31' } });
  });

  it("the register's status filter keeps exactly the contracts shown with that status (computed in SQL on the same today)", async () => {
    const all = (await sefton.contract.list({})).contracts;
    expect(new Set(all.map((c) => c.dateStatus))).toEqual(new Set(['past_end_no_decision', 'ended', 'not_started', 'active']));
    let seen = 0;
    for (const s of CONTRACT_DATE_STATUSES) {
      const filtered = (await sefton.contract.list({ shownStatus: [s] })).contracts;
      expect(filtered.map((c) => c.reference).sort()).toEqual(all.filter((c) => c.dateStatus === s).map((c) => c.reference).sort());
      seen += filtered.length;
    }
    expect(seen).toBe(all.length);
    expect((await sefton.contract.list({ shownStatus: ['past_end_no_decision'] })).contracts.map((c) => c.reference)).toContain('SEF-EC-BOOTLE');
  });
});

describe('an awarded call-off says who won and for how much', () => {
  it('names the provider, the award date, the values in pence for the page to show in pounds, and its contract with its status', async () => {
    const made = await seftonCallOff(connection, 'direct');
    const provider = made.providers.find((p) => p.status === 'active')!;
    const before = await sefton.callOff.get({ callOffId: made.id });
    expect(before.award).toBeNull();
    await sefton.callOff.awardDirect({ callOffId: made.id, providerId: provider.id, justification: 'Continuity for residents', awardedOn: '2026-02-01', contract: { reference: 'SEF-EC-AWARDED', annualValuePence: 52_000_000 } });
    const after = await sefton.callOff.get({ callOffId: made.id });
    expect(after.award).toEqual({ provider: { id: provider.id, name: provider.legal_name }, awardedOn: '2026-02-01', annualValuePence: 52_000_000, totalValuePence: 260_000_000 });
    expect(after.contract).toMatchObject({ reference: 'SEF-EC-AWARDED', provider: { name: provider.legal_name }, startDate: '2026-04-01', dateStatus: 'active', statusText: 'Active' });
  });
});
