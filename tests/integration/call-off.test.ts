import { randomUUID } from 'node:crypto';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, signIn, openSeededAs, type Caller } from '../support/api.ts';
import { refusedUnchanged } from '../support/procurement.ts';
import { seftonCallOff, SPEC, tripartiteSeftonLot } from '../support/call-offs.ts';
import { privateRowCounts } from '../support/contracts.ts';

let connection: Connection;
let api: Caller;
beforeAll(async () => ({ connection, caller: api } = await openSeededAs('commissioner.sefton@concord.example')));
afterAll(() => connection.close());

/** The refusal a call fails with, having written nothing. */
const refused = (call: () => Promise<unknown>) => refusedUnchanged(() => privateRowCounts(connection.db), call);
const contract = (reference: string) => ({ reference, annualValuePence: 52_000_000 });

describe('calling off from the Tripartite PDPS: bad input is refused, naming the field, and nothing is written', () => {
  it('from a procurement that is not live', async () => {
    const t = await tripartiteSeftonLot(connection);
    await connection.db.updateTable('procurement').set({ status: 'closed' }).where('id', '=', t.procurement.id).execute();
    try {
      const e = await refused(() => api.callOff.create({ idempotencyKey: randomUUID(), procurementId: t.procurement.id, lotId: t.seftonLot.id, method: 'direct', specification: SPEC }));
      expect(e).toMatchObject({ code: 'BAD_REQUEST', field: 'procurementId' });
      expect(e.message).toContain('is not live');
    } finally {
      await connection.db.updateTable('procurement').set({ status: 'live' }).where('id', '=', t.procurement.id).execute();
    }
  });

  it('from a lot my authority may not buy from', async () => {
    const t = await tripartiteSeftonLot(connection);
    const e = await refused(() => api.callOff.create({ idempotencyKey: randomUUID(), procurementId: t.procurement.id, lotId: t.knowsleyLot.id, method: 'direct', specification: SPEC }));
    expect(e).toMatchObject({ code: 'BAD_REQUEST', field: 'lotId', message: 'Lot 2 (Knowsley) is for Knowsley Council to buy from, not your authority' });
  });

  it('to a provider not (or no longer) on the lot’s list', async () => {
    const made = await seftonCallOff(connection, 'direct');
    const notListed = (await connection.db.selectFrom('provider').select('id').where('legal_name', '=', 'Liver Bird Home Support CIC').executeTakeFirstOrThrow()).id;
    const e = await refused(() => api.callOff.awardDirect({ callOffId: made.id, providerId: notListed, justification: 'x', awardedOn: '2026-02-01', contract: contract('SEF-BAD-1') }));
    expect(e).toMatchObject({ code: 'BAD_REQUEST', field: 'providerId', message: 'That provider is not on this lot’s approved list' });
    // Suspended: on the list, but not callable.
    const entry = await connection.db.selectFrom('approved_list_entry').select('id').where('lot_id', '=', made.seftonLot.id).where('status', '=', 'active').executeTakeFirstOrThrow();
    await connection.db.updateTable('approved_list_entry').set({ status: 'suspended' }).where('id', '=', entry.id).execute();
    try {
      const suspended = (await connection.db.selectFrom('approved_list_entry').select('provider_id').where('id', '=', entry.id).executeTakeFirstOrThrow()).provider_id;
      const s = await refused(() => api.callOff.awardDirect({ callOffId: made.id, providerId: suspended, justification: 'x', awardedOn: '2026-02-01', contract: contract('SEF-BAD-2') }));
      expect(s.message).toContain('is suspended on this lot’s approved list');
    } finally {
      await connection.db.updateTable('approved_list_entry').set({ status: 'active' }).where('id', '=', entry.id).execute();
    }
  });

  it('criteria the procurement did not have, or weights that do not total 100', async () => {
    const made = await seftonCallOff(connection, 'mini_competition');
    const price = made.criteria.find((c) => c.kind === 'price')!;
    const e = await refused(() =>
      api.callOff.startMiniCompetition({
        callOffId: made.id,
        criteria: [
          { criterionId: price.id, weightPercent: 50 },
          { criterionId: '00000000-0000-4000-8000-000000000000', weightPercent: 50 },
        ],
        invitedOn: '2026-01-05',
        responseDeadline: '2026-02-06',
      }),
    );
    expect(e).toMatchObject({ code: 'BAD_REQUEST', field: 'criteria[1].criterionId' });
    const w = await refused(() => api.callOff.startMiniCompetition({ callOffId: made.id, criteria: [{ criterionId: price.id, weightPercent: 90 }], invitedOn: '2026-01-05', responseDeadline: '2026-02-06' }));
    expect(w).toMatchObject({ field: 'criteria', message: 'The weights must total 100%; they total 90%' });
    const d = await refused(() => api.callOff.startMiniCompetition({ callOffId: made.id, criteria: [{ criterionId: price.id, weightPercent: 100 }], invitedOn: '2026-03-05', responseDeadline: '2026-02-06' }));
    expect(d.field).toBe('responseDeadline');
  });

  it('negative money and a late response', async () => {
    const made = await seftonCallOff(connection, 'mini_competition', { invite: true });
    const detail = await api.callOff.get({ callOffId: made.id });
    const providerId = detail.invitations[0]!.providerId;
    const neg = await refused(() => api.callOff.recordResponse({ callOffId: made.id, providerId, pricePence: -1_800, receivedOn: '2026-02-01' }));
    expect(neg).toMatchObject({ code: 'BAD_REQUEST', field: 'pricePence' });
    const late = await refused(() => api.callOff.recordResponse({ callOffId: made.id, providerId, pricePence: 1_800, receivedOn: '2026-03-01' }));
    expect(late.field).toBe('receivedOn');
    const award = await refused(() => api.callOff.award({ callOffId: made.id, awardedOn: '2026-02-01', contract: { reference: 'SEF-NEG', annualValuePence: -5 } }));
    expect(award.field).toBe('contract.annualValuePence');
  });
});

describe('calling off both ways', () => {
  it('a direct call-off to an active listed provider makes the contract in my register, linked to the call-off and the procurement', async () => {
    const made = await seftonCallOff(connection, 'direct');
    const provider = made.providers.find((p) => p.status === 'active')!;
    const done = await api.callOff.awardDirect({ callOffId: made.id, providerId: provider.id, justification: 'The current provider of the scheme: continuity for residents', awardedOn: '2026-02-01', contract: contract('SEF-EC-DIRECT') });
    const c = await api.contract.get({ contractId: done.contractId });
    expect(c).toMatchObject({ source: 'call_off', provider: { id: provider.id }, startDate: '2026-04-01', endDate: '2031-03-31', callOff: { id: made.id }, procurement: { reference: 'LCR-EC-2018' }, lot: { name: 'Sefton' } });
    expect((await api.callOff.get({ callOffId: made.id })).status).toBe('awarded');
  });

  it('a mini-competition: every active provider invited, scored, ranked, awarded to the first; the winner’s price is the rate', async () => {
    const made = await seftonCallOff(connection, 'mini_competition', { invite: true, respond: true });
    const detail = await api.callOff.get({ callOffId: made.id });
    expect(detail.invitations.map((i) => i.providerName)).toEqual(made.providers.filter((p) => p.status === 'active').map((p) => p.legal_name));
    const { results } = await api.callOff.evaluate({ callOffId: made.id });
    expect(results.map((r) => [r.rank, r.totalPoints])).toEqual([
      [1, 90.29],
      [2, 80.92],
      [3, 76],
    ]);
    // Before the deadline, with every invitee answered, the award can be made.
    const done = await api.callOff.award({ callOffId: made.id, awardedOn: '2026-02-03', contract: contract('SEF-EC-MINI') });
    expect(done.providerId).toBe(results[0]!.providerId);
    const c = await api.contract.get({ contractId: done.contractId });
    expect(c.rates).toEqual([expect.objectContaining({ band: 'Tendered', unit: 'hour', ratePence: 2_100 })]);
  });

  it('the partnership’s lead cannot see Sefton’s call-offs', async () => {
    const liverpool = callerFor(connection, (await signIn(connection, 'commissioner.liverpool@concord.example')).session);
    expect(await liverpool.callOff.list()).toEqual([]);
  });
});
