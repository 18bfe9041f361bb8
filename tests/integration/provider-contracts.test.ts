import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase, outcome } from '../support/api.ts';
import { asProvider, registerProvider, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';

/**
 * Issue 11, item 5 (after award): a verified provider organisation sees its own contracts and the call-offs awarded
 * to it, with the authority's name and the status from the dates in words; never another provider's contract, never
 * placements, and nothing at all until it is verified. Enforced by row-level security (migration 0033), so a direct
 * SELECT as the application role acting for the provider shows the same.
 */
describe('a provider sees its own contracts', () => {
  let connection: Connection;
  let provider: RegisteredProvider;
  let unverified: RegisteredProvider;
  let contract: { id: string; reference: string; call_off_id: string };
  let seftonContracts: number;

  beforeAll(async () => {
    connection = await openSeededDatabase();
    provider = await registerVerifiedProvider(connection, 300);
    unverified = await registerProvider(connection, 301);
    // As the owner: a seeded Sefton call-off contract now held by the registered organisation.
    const { rows } = await sql<{ id: string; reference: string; call_off_id: string }>`
      SELECT id, reference, call_off_id FROM contract WHERE authority_id = ${GSS.sefton} AND call_off_id IS NOT NULL ORDER BY reference LIMIT 1`.execute(connection.db);
    contract = rows[0]!;
    await sql`UPDATE contract SET provider_id = ${provider.providerId}, status = 'active', start_date = '2020-01-01', initial_end_date = '2099-12-31', end_date = '2099-12-31'
      WHERE id = ${contract.id}`.execute(connection.db);
    await sql`UPDATE call_off SET awarded_provider_id = ${provider.providerId} WHERE id = ${contract.call_off_id}`.execute(connection.db);
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM contract WHERE authority_id = ${GSS.sefton}`.execute(connection.db);
    seftonContracts = count.rows[0]!.n;
  });
  afterAll(() => connection.close());

  it('lists only its contract, with Sefton named, the status in words and the call-off', async () => {
    expect(seftonContracts).toBeGreaterThan(1);
    const page = await provider.caller.providerContract.list({});
    expect(page.total).toBe(1);
    expect(page.items.map((c) => c.id)).toEqual([contract.id]);
    const [c] = page.items;
    expect(c!.authority.name).toBe('Sefton Council');
    expect(c!.reference).toBe(contract.reference);
    expect([c!.dateStatus, c!.statusText, c!.endDate]).toEqual(['active', 'Active', '2099-12-31']);
    expect(c!.callOff?.id).toBe(contract.call_off_id);
    const one = await provider.caller.providerContract.get({ contractId: contract.id });
    expect(one.reference).toBe(contract.reference);
  });

  it('pages: limit 1 offset 1 gives nothing more', async () => {
    expect((await provider.caller.providerContract.list({ limit: 1, offset: 1 })).items).toEqual([]);
  });

  it('gets NOT_FOUND for another provider’s contract', async () => {
    const { rows } = await sql<{ id: string }>`SELECT id FROM contract WHERE authority_id = ${GSS.sefton} AND id <> ${contract.id} LIMIT 1`.execute(connection.db);
    expect(await outcome(provider.caller.providerContract.get({ contractId: rows[0]!.id }))).toBe('NOT_FOUND');
  });

  it('sees in SQL its contract and awarded call-off only, and no placement', async () => {
    const seen = await asProvider(connection, provider.providerId, async (tx) => ({
      contracts: (await sql<{ id: string }>`SELECT id FROM contract`.execute(tx)).rows.map((r) => r.id),
      callOffs: (await sql<{ id: string }>`SELECT id FROM call_off WHERE awarded_provider_id IS NOT NULL`.execute(tx)).rows.map((r) => r.id),
      placements: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM placement`.execute(tx)).rows[0]!.n,
    }));
    expect(seen.contracts).toEqual([contract.id]);
    expect(seen.callOffs).toEqual([contract.call_off_id]);
    expect(seen.placements).toBe(0);
  });

  it('an unverified organisation sees none, by procedure or in SQL, even when a contract names it', async () => {
    const { rows } = await sql<{ id: string }>`SELECT id FROM contract WHERE authority_id = ${GSS.sefton} AND id <> ${contract.id} ORDER BY reference LIMIT 1`.execute(connection.db);
    await sql`UPDATE contract SET provider_id = ${unverified.providerId} WHERE id = ${rows[0]!.id}`.execute(connection.db);
    expect(await outcome(unverified.caller.providerContract.list({}))).toBe('FORBIDDEN');
    expect(await outcome(unverified.caller.providerContract.get({ contractId: rows[0]!.id }))).toBe('FORBIDDEN');
    const n = await asProvider(connection, unverified.providerId, async (tx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM contract`.execute(tx)).rows[0]!.n);
    expect(n).toBe(0);
    // and the verified one still sees only its own
    expect((await provider.caller.providerContract.list({})).items.map((c) => c.id)).toEqual([contract.id]);
  });
});
