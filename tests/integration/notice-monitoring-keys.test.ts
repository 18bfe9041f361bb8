import { inTenant, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase } from '../support/api.ts';
import { fixtureProcurement, LIVERPOOL_COMMISSIONER, userIdOf } from '../support/procurement.ts';
import { asProvider, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { seftonContractFor } from '../tenancy/provider-contract-matrix.ts';

/**
 * Issue 15 (migration 0062): three policies whose subquery a composite key now answers. A procurement's notice carries
 * its procurement's partnership, held to it by a key, and the members read it by that; a provider's monitoring return
 * names its contract's provider, held by a key, so the provider's write policies no longer ask contract. These tests
 * hold: the keys refuse what the subqueries refused, the partnership follows the procurement, a contract's provider
 * stays while returns name it, and no subquery is left in the three policies.
 */
let connection: Connection;
let mine: RegisteredProvider;
let theirs: RegisteredProvider;
let myContract: string;
let theirContract: string;
let procurement: { id: string; partnershipId: string };

const code = (work: Promise<unknown>) => work.then(() => 'ok', (e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code ?? 'error');
const monitoringReturn = (contractId: string, providerId: string) => sql`
  INSERT INTO provider_monitoring_return (authority_id, provider_id, contract_id, period_start, period_end, hours_delivered, missed_visits,
    late_visits, staff_turnover_percent, complaints, status)
  VALUES (${GSS.sefton}, ${providerId}, ${contractId}, '2026-02-01', '2026-02-28', 100, 0, 0, 5, 0, 'draft')`;

beforeAll(async () => {
  connection = await openSeededDatabase();
  mine = await registerVerifiedProvider(connection, 320);
  theirs = await registerVerifiedProvider(connection, 321);
  myContract = await seftonContractFor(connection, mine.providerId, 0);
  theirContract = await seftonContractFor(connection, theirs.providerId, 1);
  procurement = await fixtureProcurement(connection.db);
});
afterAll(() => connection.close());

describe("a procurement's notice and its partnership", () => {
  const liverpool = async () => ({ authorityId: GSS.liverpool, userId: await userIdOf(connection.db, LIVERPOOL_COMMISSIONER) });
  const draft = (type: string, partnershipId: string | null) => sql<{ partnership_id: string | null }>`
    INSERT INTO procurement_notice (authority_id, notice_type, procurement_id, partnership_id, fields)
    VALUES (${GSS.liverpool}, ${type}, ${procurement.id}, ${partnershipId}, '{}') RETURNING partnership_id`;

  it('the lead writes it with its procurement’s partnership, and no other (23503) or none (23514)', async () => {
    const settings = await liverpool();
    expect(await code(inTenant(connection.db, settings, (tx) => draft('UK2', procurement.partnershipId).execute(tx)))).toBe('ok');
    const other = (await sql<{ id: string }>`SELECT id FROM partnership WHERE id <> ${procurement.partnershipId} LIMIT 1`.execute(connection.db)).rows[0]!.id;
    expect(await code(inTenant(connection.db, settings, (tx) => draft('UK3', other).execute(tx)))).toBe('23503');
    expect(await code(inTenant(connection.db, settings, (tx) => draft('UK4', null).execute(tx)))).toBe('23514');
  });

  it('members of the partnership read it; an authority outside it does not', async () => {
    const count = (authorityId: string) =>
      inTenant(connection.db, { authorityId }, async (tx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM procurement_notice WHERE procurement_id = ${procurement.id}`.execute(tx)).rows[0]!.n);
    expect(await count(GSS.sefton)).toBeGreaterThan(0);
    expect(await count(GSS.kent)).toBe(0);
  });

  it('every notice of a procurement carries that procurement’s partnership', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM procurement_notice n LEFT JOIN procurement p ON p.authority_id = n.authority_id AND p.id = n.procurement_id
      WHERE n.procurement_id IS NOT NULL AND n.partnership_id IS DISTINCT FROM p.partnership_id`.execute(connection.db);
    expect(rows[0]!.n).toBe(0);
  });
});

describe("a provider's monitoring return and its contract", () => {
  it('is written for the provider’s own contract, and refused for another’s (23503) or as another provider (42501)', async () => {
    expect(await code(asProvider(connection, mine.providerId, (tx) => monitoringReturn(myContract, mine.providerId).execute(tx)))).toBe('ok');
    expect(await code(asProvider(connection, mine.providerId, (tx) => monitoringReturn(theirContract, mine.providerId).execute(tx)))).toBe('23503');
    expect(await code(asProvider(connection, mine.providerId, (tx) => monitoringReturn(theirContract, theirs.providerId).execute(tx)))).toBe('42501');
  });

  it('keeps its contract’s provider: the contract cannot pass to another provider while returns name this one', async () => {
    expect(await code(sql`UPDATE contract SET provider_id = ${theirs.providerId} WHERE authority_id = ${GSS.sefton} AND id = ${myContract}`.execute(connection.db))).toBe('23503');
  });
});

it('no subquery is left in the three policies', async () => {
  const { rows } = await sql<{ name: string; sub: boolean }>`
    SELECT policyname AS name, coalesce(qual, '') || ' ' || coalesce(with_check, '') ~* '\\mselect\\M' AS sub FROM pg_policies
    WHERE policyname IN ('procurement_notice_partnership_reads', 'provider_monitoring_return_provider_adds', 'provider_monitoring_return_provider_corrects')
    ORDER BY 1`.execute(connection.db);
  expect(rows).toEqual([
    { name: 'procurement_notice_partnership_reads', sub: false },
    { name: 'provider_monitoring_return_provider_adds', sub: false },
    { name: 'provider_monitoring_return_provider_corrects', sub: false },
  ]);
});
