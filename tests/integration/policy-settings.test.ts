import { resolveSession } from '@concord/api';
import { enterTenant, setLocal, type Connection, type Tx } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, config, GSS, openSeededDatabase, outcome, signIn, type Caller } from '../support/api.ts';
import { registerProvider, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { seftonContractFor } from '../tenancy/provider-contract-matrix.ts';
import { rolledBack as rolledBackIn } from '../support/rolled-back.ts';

/**
 * Issue 15 (migration 0052): the policies whose subquery a per-transaction setting answers read the setting instead,
 * so Citus can hold them: "the row's authority leads its partnership" reads app.led_partnership_ids, "the provider
 * organisation is verified" reads app.verified_provider_id, and the platform administrator's checks read
 * app_is_platform_admin() alone. These tests hold: which policies still have a subquery (exactly those); the lead
 * writes and a member does not; the led partnerships follow a change of lead or leaving from the next transaction; an
 * unverified organisation reads and adds nothing, a verified one does; a setting naming another organisation grants
 * nothing.
 */
let connection: Connection;
let c: Record<'liverpool' | 'sefton' | 'devon' | 'plymouth', Caller>;
let peninsula: string;

beforeAll(async () => {
  connection = await openSeededDatabase();
  c = await callersFor(connection, {
    liverpool: 'commissioner.liverpool@concord.example',
    sefton: 'commissioner.sefton@concord.example',
    devon: 'commissioner.devon@concord.example',
    plymouth: 'commissioner.plymouth@concord.example',
  });
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => connection.close());

/** Runs `work` as the application role with these settings and rolls everything back. */
const rolledBack = <T>(settings: Parameters<typeof enterTenant>[1], work: (tx: Tx) => Promise<T>) => rolledBackIn(connection.db, settings, work);

async function led(authorityId: string): Promise<string[]> {
  return rolledBack({ authorityId }, async (tx) => {
    const { rows } = await sql<{ ids: string[] }>`SELECT app_leading_partnership_ids()::text[] AS ids`.execute(tx);
    return rows[0]!.ids;
  });
}

/** The cost models of the partnership an UPDATE (to what they are) reaches, as that authority: only the lead's. */
async function costModelsReachable(authorityId: string, partnershipId: string): Promise<number> {
  return rolledBack({ authorityId }, async (tx) => {
    const result = await tx.updateTable('cost_model').set({ name: sql<string>`name` }).where('partnership_id', '=', partnershipId).executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
}

describe('which policies still read another table', () => {
  it('none has a subquery (migration 0052 lists why; 0058, 0059, 0061, 0062 and 0064–0066 took the rest)', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT tablename || '.' || policyname AS name FROM pg_policies
      WHERE schemaname = 'public' AND coalesce(qual, '') || ' ' || coalesce(with_check, '') ~* '\\mselect\\M' ORDER BY 1`.execute(connection.db);
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  /**
   * A policy calling a function that reads a table is a subquery in disguise (PostgreSQL inlines a SQL function; on a
   * Citus worker the read is a nested distributed query, refused in a transaction that has written). Exactly these are
   * left, each function with the tables it reads: app_user's (read by the two SECURITY DEFINER colleague functions of
   * 0059) is a registry table meant to be a reference table, a copy on every node; the others are still to go
   * (infra/scale-out.md, "Where this leaves it"). 0067 took app_partnership_manager() and app_is_provider_admin(),
   * 0068 app_led_partnership_ids() and app_invited_partnership_ids().
   */
  it('exactly these call a function that reads a table', async () => {
    const { rows } = await sql<{ fn: string; policies: string }>`
      WITH calls AS (
        SELECT DISTINCT pol.tablename, pol.policyname,
          (regexp_matches(coalesce(pol.qual, '') || ' ' || coalesce(pol.with_check, ''), '([a-z_][a-z0-9_]*)\\(', 'g'))[1] AS fn
        FROM pg_policies pol WHERE pol.schemaname = 'public'
      ), readers AS (
        SELECT p.proname, (SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND p.prosrc ~* ('\\m(from|join)\\s+' || c.relname || '\\M')) AS reads
        FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
      )
      SELECT r.proname || ' (' || r.reads || ')' AS fn, string_agg(c.tablename || '.' || c.policyname, ' ' ORDER BY c.tablename, c.policyname) AS policies
      FROM calls c JOIN readers r ON r.proname = c.fn WHERE r.reads IS NOT NULL GROUP BY 1 ORDER BY 1`.execute(connection.db);
    expect(Object.fromEntries(rows.map((r) => [r.fn, r.policies.split(' ')]))).toEqual({
      'app_may_decide_claim (contract,placement)': ['provider_claim.provider_claim_decider_decides', 'provider_claim.provider_claim_decider_reads'],
      'concord_authorities_of (app_user)': [
        'api_token.api_token_holder',
        'session.session_admin_ends',
        'session.session_admin_reads',
        'session.session_holder',
        'two_step.two_step_enrolled_of_authority',
      ],
      'concord_providers_of (app_user)': ['session.session_acts_for_own_organisation_insert', 'session.session_acts_for_own_organisation_update'],
    });
  });
});

describe('only the lead authority writes what its partnership shares', () => {
  it('an approved-list entry: Liverpool (lead of the Tripartite) changes it; Sefton (a member) is refused, by procedure and in SQL', async () => {
    const { rows } = await sql<{ id: string; partnership_id: string }>`
      SELECT e.id, e.partnership_id FROM approved_list_entry e JOIN partnership p ON p.id = e.partnership_id
      WHERE p.lead_authority_id = ${GSS.liverpool} AND e.status = 'active' ORDER BY e.id LIMIT 1`.execute(connection.db);
    const entry = rows[0]!;
    const reach = (authorityId: string) =>
      rolledBack({ authorityId }, async (tx) => Number((await tx.updateTable('approved_list_entry').set((eb) => ({ status: eb.ref('status') })).where('id', '=', entry.id).executeTakeFirst()).numUpdatedRows));
    expect({ liverpool: await reach(GSS.liverpool), sefton: await reach(GSS.sefton) }).toEqual({ liverpool: 1, sefton: 0 });
    // Sefton is a member: it reads the entry, but cannot change it.
    expect(await rolledBack({ authorityId: GSS.sefton }, async (tx) => (await tx.selectFrom('approved_list_entry').select('id').where('id', '=', entry.id).execute()).length)).toBe(1);

    const today = new Date().toISOString().slice(0, 10);
    expect(await outcome(c.sefton.approvedList.change({ entryId: entry.id, action: 'suspend', reason: 'Safeguarding enquiry', effectiveOn: today }))).toBe('FORBIDDEN');
    expect((await c.liverpool.approvedList.change({ entryId: entry.id, action: 'suspend', reason: 'Safeguarding enquiry', effectiveOn: today })).status).toBe('suspended');
    expect((await c.liverpool.approvedList.change({ entryId: entry.id, action: 'reinstate', reason: 'Enquiry closed', effectiveOn: today })).status).toBe('active');
  });

  it('a benchmark pack: Devon (lead of the Peninsula) issues it; Plymouth (a member) is refused, by procedure and in SQL', async () => {
    const meeting = await c.devon.meeting.create({ idempotencyKey: randomUUID(), partnershipId: peninsula, heldOn: '2026-12-11', title: 'Peninsula network, settings test' });
    const insertPack = (authorityId: string) =>
      rolledBack({ authorityId }, (tx) =>
        tx
          .insertInto('benchmark_pack')
          .values({ authority_id: GSS.devon, partnership_id: peninsula, meeting_id: meeting.id, title: 'Pack', kpi_codes: ['SL-01'], periods: [], issued_at: new Date().toISOString() })
          .execute()
          .then(() => 'inserted', (error: { message?: string }) => error.message ?? 'refused'),
      );
    expect(await insertPack(GSS.devon)).toBe('inserted');
    expect(await insertPack(GSS.plymouth)).toMatch(/row-level security/);

    expect(await outcome(c.plymouth.meeting.issuePack({ meetingId: meeting.id, kpiCodes: ['SL-01'] }))).toBe('FORBIDDEN');
    const pack = await c.devon.meeting.issuePack({ meetingId: meeting.id, kpiCodes: ['SL-01'] });
    expect(pack.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the led partnerships follow the partnership as it is now', () => {
  it('the request identity carries them: the same as the transaction looks up', async () => {
    for (const [email, authorityId] of [
      ['commissioner.devon@concord.example', GSS.devon],
      ['commissioner.plymouth@concord.example', GSS.plymouth],
      ['commissioner.liverpool@concord.example', GSS.liverpool],
    ] as const) {
      const { token } = await signIn(connection, email);
      const identity = (await resolveSession(connection.db, token, config.session, new Date()))!;
      const split = (ids: string) => ids.split(',').filter(Boolean).sort();
      expect({ email, led: split(identity.ledPartnershipIds!) }).toEqual({ email, led: (await led(authorityId)).sort() });
    }
    expect(await led(GSS.devon)).toEqual([peninsula]);
    expect(await led(GSS.plymouth)).toEqual([]);
  });

  it('a change of lead counts from the next transaction (the handover refreshes its own)', async () => {
    expect(await costModelsReachable(GSS.devon, peninsula)).toBeGreaterThan(0);
    await c.devon.partnership.proposeLead({ partnershipId: peninsula, authorityId: GSS.plymouth });
    await c.plymouth.partnership.acceptLead({ partnershipId: peninsula });
    try {
      expect({ devon: await led(GSS.devon), plymouth: await led(GSS.plymouth) }).toEqual({ devon: [], plymouth: [peninsula] });
      // Devon wrote the cost models as the lead; it is no longer, so its write policies reach none of them.
      expect(await costModelsReachable(GSS.devon, peninsula)).toBe(0);
      const { token } = await signIn(connection, 'commissioner.plymouth@concord.example');
      expect((await resolveSession(connection.db, token, config.session, new Date()))!.ledPartnershipIds).toBe(peninsula);
    } finally {
      await c.plymouth.partnership.proposeLead({ partnershipId: peninsula, authorityId: GSS.devon });
      await c.devon.partnership.acceptLead({ partnershipId: peninsula });
    }
    expect({ devon: await led(GSS.devon), plymouth: await led(GSS.plymouth) }).toEqual({ devon: [peninsula], plymouth: [] });
    expect(await costModelsReachable(GSS.devon, peninsula)).toBeGreaterThan(0);
  });

  it('a lead that has left its partnership leads it no more, from the next transaction', async () => {
    // The procedures refuse a lead's leaving; the membership conjunct holds even so (set as the owner).
    await connection.db.updateTable('partnership_member').set({ left_on: sql`current_date` }).where('authority_id', '=', GSS.devon).where('partnership_id', '=', peninsula).execute();
    try {
      expect(await led(GSS.devon)).toEqual([]);
      expect(await costModelsReachable(GSS.devon, peninsula)).toBe(0);
    } finally {
      await connection.db.updateTable('partnership_member').set({ left_on: null }).where('authority_id', '=', GSS.devon).where('partnership_id', '=', peninsula).execute();
    }
    expect(await led(GSS.devon)).toEqual([peninsula]);
  });

  it('what the caller brings is what the transaction has; a led partnership set by hand writes nothing of another authority’s', async () => {
    expect(await costModelsReachable(GSS.devon, peninsula)).toBeGreaterThan(0);
    const brought = (ledPartnershipIds: string) =>
      rolledBack({ authorityId: GSS.devon, partnershipIds: peninsula, ledPartnershipIds }, async (tx) =>
        Number((await tx.updateTable('cost_model').set({ name: sql<string>`name` }).where('partnership_id', '=', peninsula).executeTakeFirst()).numUpdatedRows),
      );
    expect(await brought('')).toBe(0);
    expect(await brought(peninsula)).toBeGreaterThan(0);
    // Plymouth naming the Peninsula as led by hand still writes nothing of Devon's: the row's authority is Devon's.
    const forged = await rolledBack({ authorityId: GSS.plymouth }, async (tx) => {
      await setLocal(tx, { 'app.led_partnership_ids': peninsula });
      return Number((await tx.updateTable('cost_model').set({ name: sql<string>`name` }).where('partnership_id', '=', peninsula).executeTakeFirst()).numUpdatedRows);
    });
    expect(forged).toBe(0);
  });
});

describe('only a verified provider organisation reads its contracts and adds monitoring returns', () => {
  let verified: RegisteredProvider;
  let unverified: RegisteredProvider;
  let verifiedContract: string;
  let unverifiedContract: string;

  beforeAll(async () => {
    verified = await registerVerifiedProvider(connection, 420);
    unverified = await registerProvider(connection, 421);
    verifiedContract = await seftonContractFor(connection, verified.providerId, 0);
    unverifiedContract = await seftonContractFor(connection, unverified.providerId, 1);
  });

  const contractsSeen = (settings: Parameters<typeof enterTenant>[1], extra: Record<string, string> = {}) =>
    rolledBack(settings, async (tx) => {
      if (Object.keys(extra).length) await setLocal(tx, extra);
      return (await tx.selectFrom('contract').select('id').execute()).map((r) => r.id);
    });

  const addReturn = (providerId: string, contractId: string, settings: Partial<Parameters<typeof enterTenant>[1]> = {}, extra: Record<string, string> = {}) =>
    rolledBack({ providerId, ...settings }, async (tx) => {
      if (Object.keys(extra).length) await setLocal(tx, extra);
      return sql`INSERT INTO provider_monitoring_return (authority_id, provider_id, contract_id, period_start, period_end, hours_delivered, missed_visits,
          late_visits, staff_turnover_percent, complaints, status)
        VALUES (${GSS.sefton}, ${providerId}, ${contractId}, '2026-01-01', '2026-01-31', 10, 0, 0, 1.0, 0, 'draft')`
        .execute(tx)
        .then(() => 'added', (error: { message?: string }) => error.message ?? 'refused');
    });

  it('in SQL: the verified one reads its contract and adds a return; the unverified one neither', async () => {
    expect(await contractsSeen({ providerId: verified.providerId })).toEqual([verifiedContract]);
    expect(await contractsSeen({ providerId: unverified.providerId })).toEqual([]);
    expect(await addReturn(verified.providerId, verifiedContract)).toBe('added');
    expect(await addReturn(unverified.providerId, unverifiedContract)).toMatch(/row-level security/);
  });

  it('by procedure: the same', async () => {
    expect((await verified.caller.providerContract.list({})).items.map((x) => x.id)).toEqual([verifiedContract]);
    expect(await outcome(unverified.caller.providerContract.list({}))).toBe('FORBIDDEN');
    const form = { rowVersion: null, periodStart: '2026-02-01', periodEnd: '2026-02-28', hoursDelivered: 100, missedVisits: 0, lateVisits: 1, staffTurnoverPercent: 2, complaints: 0 };
    expect((await verified.caller.providerReturn.submit({ ...form, contractId: verifiedContract, asDraft: true })).status).toBe('draft');
    expect(await outcome(unverified.caller.providerReturn.submit({ ...form, contractId: unverifiedContract, asDraft: true }))).toBe('FORBIDDEN');
  });

  it('the request identity says whether it is verified; what the caller brings is what the transaction has', async () => {
    for (const [provider, expected] of [
      [verified, true],
      [unverified, false],
    ] as const) {
      const identity = (await resolveSession(connection.db, provider.token, config.session, new Date()))!;
      expect({ provider: provider.providerId, verified: identity.providerVerified }).toEqual({ provider: provider.providerId, verified: expected });
    }
    expect(await contractsSeen({ providerId: verified.providerId, providerVerified: false })).toEqual([]);
    expect(await addReturn(verified.providerId, verifiedContract, { providerVerified: false })).toMatch(/row-level security/);
  });

  it('a hand-set app.verified_provider_id naming another organisation grants nothing; nor does one for an authority', async () => {
    expect(await contractsSeen({ providerId: unverified.providerId }, { 'app.verified_provider_id': verified.providerId })).toEqual([]);
    expect(await addReturn(unverified.providerId, unverifiedContract, {}, { 'app.verified_provider_id': verified.providerId })).toMatch(/row-level security/);
    expect(await addReturn(unverified.providerId, unverifiedContract, {}, { 'app.verified_provider_id': 'true' })).toMatch(/row-level security/);
    // The verified organisation's setting, carried over to another organisation part-way, is no longer its.
    const switched = await rolledBack({ providerId: verified.providerId }, async (tx) => {
      await setLocal(tx, { 'app.provider_id': unverified.providerId });
      return (await tx.selectFrom('contract').select('id').execute()).map((r) => r.id);
    });
    expect(switched).toEqual([]);
    expect(await rolledBack({ authorityId: GSS.sefton, providerVerified: true }, async (tx) => (await sql<{ v: boolean }>`SELECT app_provider_verified() AS v`.execute(tx)).rows[0]!.v)).toBe(false);
  });
});

describe('the platform administrator’s checks read the settings alone', () => {
  it('provider register and the platform log: the administrator reads them, a commissioner does not', async () => {
    const admin = (await connection.db.selectFrom('app_user').select('id').where('email', '=', 'admin@concord.example').executeTakeFirstOrThrow()).id;
    const seen = (settings: Parameters<typeof enterTenant>[1]) =>
      rolledBack(settings, async (tx) => ({
        providers: Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM provider`.execute(tx)).rows[0]!.n) > 0,
        log: Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM platform_audit_event`.execute(tx)).rows[0]!.n) > 0,
      }));
    expect(await seen({ userId: admin, authorityId: null })).toEqual({ providers: true, log: true });
    expect(await seen({ userId: admin, authorityId: null, platformAdmin: false })).toEqual({ providers: false, log: false });
  });
});
