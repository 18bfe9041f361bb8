import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, GSS, openSeededDatabase, outcome, outcomeWithField, type Caller } from '../support/api.ts';
import { asProvider, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { asAuthority } from '../support/sealed-call-offs.ts';
import { seftonContractFor } from '../tenancy/provider-contract-matrix.ts';

/**
 * Issue 11, item 5: a provider submits the monitoring return its contract requires; Sefton (the contracting
 * authority) queries it with a reason; the provider corrects it and submits it again; Sefton accepts it. Each side is
 * told in its inbox. Nobody else sees it: not another provider, not another authority, not Sefton while it is a
 * draft, even in SQL as the application role (migration 0033).
 */
describe('monitoring returns', () => {
  let connection: Connection;
  let provider: RegisteredProvider;
  let other: RegisteredProvider;
  let contractId: string;
  let council: Record<'commissioner' | 'officer' | 'viewer' | 'kent', Caller>;
  const form = (overrides: Record<string, unknown> = {}) => ({
    contractId,
    /** A first return for its period (a correction sends the version it replaces). */
    rowVersion: null,
    periodStart: '2026-01-01',
    periodEnd: '2026-01-31',
    hoursDelivered: 4210,
    missedVisits: 3,
    lateVisits: 17,
    staffTurnoverPercent: 12.5,
    complaints: 1,
    ...overrides,
  });
  const inbox = async (caller: Caller) => (await caller.message.list({ limit: 100, offset: 0, unreadOnly: false })).messages.map((m) => m.subject);

  beforeAll(async () => {
    connection = await openSeededDatabase();
    provider = await registerVerifiedProvider(connection, 310);
    other = await registerVerifiedProvider(connection, 311);
    contractId = await seftonContractFor(connection, provider.providerId, 0);
    await seftonContractFor(connection, other.providerId, 1);
    council = await callersFor(connection, {
      commissioner: 'commissioner.sefton@concord.example',
      officer: 'officer.sefton@concord.example',
      viewer: 'viewer.sefton@concord.example',
      kent: 'commissioner.kent@concord.example',
    });
  });
  afterAll(() => connection.close());

  it('a draft is the provider’s alone: Sefton sees nothing of it, even in SQL', async () => {
    const draft = await provider.caller.providerReturn.submit({ ...form(), asDraft: true });
    expect(draft.status).toBe('draft');
    expect(await council.commissioner.contractReturn.list({})).toEqual([]);
    const seen = await asAuthority(connection, GSS.sefton, async (tx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_monitoring_return`.execute(tx)).rows[0]!.n);
    expect(seen).toBe(0);
  });

  it('refuses a period that is not a month or quarter, and figures out of bounds', async () => {
    const version = (await provider.caller.providerReturn.list({}))[0]!.rowVersion;
    expect(await outcomeWithField(provider.caller.providerReturn.submit({ ...form({ periodEnd: '2026-02-15' }), rowVersion: version }))).toBe('BAD_REQUEST periodEnd');
    expect(await outcome(provider.caller.providerReturn.submit({ ...form({ staffTurnoverPercent: 100.5 }), rowVersion: version }))).toBe('BAD_REQUEST');
    expect(await outcome(provider.caller.providerReturn.submit({ ...form({ hoursDelivered: -1 }), rowVersion: version }))).toBe('BAD_REQUEST');
    expect(await outcome(provider.caller.providerReturn.submit({ ...form({ complaints: 2 ** 31 }), rowVersion: version }))).toBe('BAD_REQUEST');
    // Outside the contract's term (it runs to 31 March 2027 here): refused naming the period, with the term in words.
    const late = provider.caller.providerReturn.submit(form({ periodStart: '2027-04-01', periodEnd: '2027-04-30' }));
    expect(await outcomeWithField(late)).toBe('BAD_REQUEST periodStart');
    await expect(provider.caller.providerReturn.submit(form({ periodStart: '2027-04-01', periodEnd: '2027-04-30' }))).rejects.toThrow(/to 31 March 2027: a return is for a period within it/);
  });

  it('submitted: Sefton sees the figures and is told; Kent and the other provider see nothing', async () => {
    const [draft] = await provider.caller.providerReturn.list({});
    const sent = await provider.caller.providerReturn.submit({ ...form(), rowVersion: draft!.rowVersion });
    expect([sent.status, sent.submittedAt === null]).toEqual(['submitted', false]);
    const [seen] = await council.officer.contractReturn.list({ status: 'submitted' });
    expect(seen).toMatchObject({ id: sent.id, hoursDelivered: 4210, missedVisits: 3, lateVisits: 17, staffTurnoverPercent: 12.5, complaints: 1, provider: { name: 'Wirral Homecare 310 Ltd' } });
    expect((await inbox(council.commissioner)).some((s) => s.startsWith('Monitoring return submitted'))).toBe(true);
    expect(await council.kent.contractReturn.list({})).toEqual([]);
    expect(await other.caller.providerReturn.list({})).toEqual([]);
    expect(await outcome(other.caller.providerReturn.submit(form()))).toBe('NOT_FOUND');
    const otherSees = await asProvider(connection, other.providerId, async (tx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_monitoring_return`.execute(tx)).rows[0]!.n);
    expect(otherSees).toBe(0);
    expect(await outcome(council.viewer.contractReturn.list({}))).toBe('FORBIDDEN');
    expect(await outcome(council.kent.contractReturn.accept({ returnId: sent.id, rowVersion: sent.rowVersion }))).toBe('NOT_FOUND');
  });

  it('Sefton cannot change the figures it was sent, even in SQL', async () => {
    await expect(
      asAuthority(connection, GSS.sefton, (tx) => sql`UPDATE provider_monitoring_return SET status = 'accepted', hours_delivered = 1 WHERE provider_id = ${provider.providerId}`.execute(tx)),
    ).rejects.toThrow(/does not change its figures/);
  });

  it('the provider cannot accept its own return, even in SQL', async () => {
    await expect(
      asProvider(connection, provider.providerId, (tx) => sql`UPDATE provider_monitoring_return SET status = 'accepted' WHERE provider_id = ${provider.providerId}`.execute(tx)),
    ).rejects.toThrow(/row-level security/);
  });

  it('Sefton queries it with a reason; the provider is told, corrects it and submits again; Sefton accepts', async () => {
    const [sent] = await council.commissioner.contractReturn.list({});
    const queried = await council.commissioner.contractReturn.query({ returnId: sent!.id, rowVersion: sent!.rowVersion, reason: 'Late visits do not match the call monitoring log' });
    expect([queried.status, queried.queryReason]).toEqual(['queried', 'Late visits do not match the call monitoring log']);
    expect(await outcome(council.commissioner.contractReturn.accept({ returnId: sent!.id, rowVersion: sent!.rowVersion }))).toBe('CONFLICT');
    expect(await outcome(council.commissioner.contractReturn.accept({ returnId: sent!.id, rowVersion: queried.rowVersion }))).toBe('FORBIDDEN');
    expect((await inbox(provider.caller)).some((s) => s.startsWith('Monitoring return queried'))).toBe(true);

    expect(await outcome(provider.caller.providerReturn.submit({ ...form({ lateVisits: 21 }), rowVersion: sent!.rowVersion }))).toBe('CONFLICT');
    const corrected = await provider.caller.providerReturn.submit({ ...form({ lateVisits: 21 }), rowVersion: queried.rowVersion });
    expect([corrected.status, corrected.lateVisits, corrected.id]).toEqual(['submitted', 21, sent!.id]);
    expect((await inbox(council.commissioner)).some((s) => s.startsWith('Monitoring return corrected'))).toBe(true);

    const accepted = await council.officer.contractReturn.accept({ returnId: sent!.id, rowVersion: corrected.rowVersion });
    expect([accepted.status, accepted.lateVisits]).toEqual(['accepted', 21]);
    expect((await inbox(provider.caller)).some((s) => s.startsWith('Monitoring return accepted'))).toBe(true);
    expect(await outcome(provider.caller.providerReturn.submit({ ...form(), rowVersion: accepted.rowVersion }))).toBe('FORBIDDEN');
  });

  it('a quarter is a period too', async () => {
    const q = await provider.caller.providerReturn.submit(form({ periodStart: '2026-04-01', periodEnd: '2026-06-30' }));
    expect(q.status).toBe('submitted');
    expect((await council.commissioner.contractReturn.list({ contractId })).map((r) => [r.periodStart, r.status])).toEqual([
      ['2026-04-01', 'submitted'],
      ['2026-01-01', 'accepted'],
    ]);
  });
});
