import { enterTenant, type Connection, type TenantSettings, type Tx } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase } from '../support/api.ts';
import type { RegisteredProvider } from '../support/providers.ts';
import { sealedMiniCompetition, threeApprovedProviders } from '../support/sealed-call-offs.ts';
import { asTenant as as, undoneOn } from '../support/owner-transaction.ts';

/**
 * Issue 15 (migration 0061): the call-off family's eight policies read only the row and the settings. Invited providers,
 * the call-off's status and deadline and an answer's response are copies on the row, kept by triggers. These tests hold
 * what the subqueries meant: an invited verified provider reads the call-off and its criteria, others do not, following
 * invitations at once; outcomes show after award only; the authority reads responses and answers only after the
 * deadline; a provider's response is refused unless invited, verified, inviting and before the deadline; the copies
 * equal their sources; the application role cannot read or write them; no policy of the five tables has a subquery.
 */
let connection: Connection;
let invited: RegisteredProvider, other: RegisteredProvider, outsider: RegisteredProvider;
let callOff: Awaited<ReturnType<typeof sealedMiniCompetition>>;
let criteria: { id: string; kind: string }[];

beforeAll(async () => {
  connection = await openSeededDatabase();
  [invited, other, outsider] = await threeApprovedProviders(connection, 270);
  callOff = await sealedMiniCompetition(connection, [invited.providerId, other.providerId]);
  criteria = (await invited.caller.callOff.invitation({ callOffId: callOff.id })).criteria;
  await invited.caller.callOff.respond({
    callOffId: callOff.id,
    pricePence: 1_900,
    answers: criteria.filter((c) => c.kind !== 'price').map((c) => ({ criterionId: c.id, answer: `Our approach to ${c.id.slice(0, 4)}` })),
  });
});
afterAll(() => connection.close());

/** Runs `work` in one transaction of the test's (owner) connection and rolls it back. */
const undone = <T>(work: (tx: Tx) => Promise<T>) => undoneOn(connection.db, work);
const provider = (p: RegisteredProvider, verified = true): TenantSettings => ({ providerId: p.providerId, providerVerified: verified });
const sefton: TenantSettings = { authorityId: GSS.sefton };
const count = (tx: Tx, table: string, column = 'call_off_id') =>
  sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${callOff.id}`.execute(tx).then((r) => r.rows[0]!.n);
/** What of the call-off these settings read: the call-off, its criteria. */
const reads = (tx: Tx, settings: TenantSettings) => as(tx, settings, async () => [await count(tx, 'call_off', 'id'), await count(tx, 'call_off_criterion')]);
const invitationOf = async (tx: Tx, p: RegisteredProvider) => ({
  authority_id: GSS.sefton,
  call_off_id: callOff.id,
  provider_id: p.providerId,
  approved_list_entry_id: (await tx.selectFrom('approved_list_entry').select('id').where('provider_id', '=', p.providerId).executeTakeFirstOrThrow()).id,
  invited_on: '2026-12-02',
});
const setCallOff = (tx: Tx, change: string) => sql`UPDATE call_off SET ${sql.raw(change)} WHERE id = ${callOff.id}`.execute(tx);

describe('who reads a call-off and its criteria', () => {
  it('an invited verified provider does; one not invited, or not verified, does not', async () => {
    expect(await undone((tx) => reads(tx, provider(invited)))).toEqual([1, 3]);
    expect(await undone((tx) => reads(tx, provider(outsider)))).toEqual([0, 0]);
    expect(await undone((tx) => reads(tx, provider(invited, false)))).toEqual([0, 0]);
  });

  it('an invitation added or removed by the authority takes effect within the same transaction', async () => {
    const seen = await undone(async (tx) => {
      const before = await reads(tx, provider(outsider));
      const values = await invitationOf(tx, outsider);
      await as(tx, sefton, () => tx.insertInto('call_off_invitation').values(values).execute());
      const added = await reads(tx, provider(outsider));
      await as(tx, sefton, () => tx.deleteFrom('call_off_invitation').where('call_off_id', '=', callOff.id).where('provider_id', '=', outsider.providerId).execute());
      return [before, added, await reads(tx, provider(outsider))];
    });
    expect(seen).toEqual([[0, 0], [1, 3], [0, 0]]);
  });
});

describe('outcomes and the sealed responses', () => {
  it('a provider reads its own outcome only once the call-off is awarded, and only while it may see the call-off', async () => {
    const seen = await undone(async (tx) => {
      const response = await tx.selectFrom('call_off_response').select('id').where('call_off_id', '=', callOff.id).where('provider_id', '=', invited.providerId).executeTakeFirstOrThrow();
      await tx.insertInto('call_off_outcome').values({ authority_id: GSS.sefton, call_off_id: callOff.id, provider_id: invited.providerId, response_id: response.id, rank: 1, successful: true }).execute();
      const outcomes = (settings: TenantSettings) => as(tx, settings, () => count(tx, 'call_off_outcome'));
      const inviting = [await outcomes(provider(invited)), await outcomes(sefton)];
      await setCallOff(tx, `status = 'awarded', awarded_provider_id = '${other.providerId}', awarded_on = '2026-12-20'`);
      return [...inviting, await outcomes(provider(invited)), await outcomes(provider(other)), await outcomes(provider(invited, false)), await outcomes(sefton)];
    });
    // Before award: the provider none, the authority its own row; after: the provider its own, not another's, not unverified.
    expect(seen).toEqual([0, 1, 1, 0, 0, 1]);
  });

  it('the authority reads responses and answers only once the deadline has passed; the provider its own at any time', async () => {
    const seen = await undone(async (tx) => {
      const now = async (settings: TenantSettings) => as(tx, settings, async () => [await count(tx, 'call_off_response'), await count(tx, 'call_off_response_answer')]);
      const before = [await now(sefton), await now(provider(invited)), await now(provider(other))];
      await setCallOff(tx, `response_deadline_at = now() - interval '1 minute'`);
      return [...before, await now(sefton), await now(provider(invited))];
    });
    expect(seen).toEqual([[0, 0], [1, 2], [0, 0], [1, 2], [1, 2]]);
  });
});

describe('a provider’s response', () => {
  /** The outcome of a provider's insert of a response to the call-off after `change` (as the owner), rolled back. */
  const submits = (settings: TenantSettings, change?: string) =>
    undone(async (tx) => {
      if (change) await setCallOff(tx, change);
      await enterTenant(tx, settings);
      const row = { authority_id: GSS.sefton, call_off_id: callOff.id, provider_id: settings.providerId!, price_pence: 1_800, received_on: '2026-12-03', source: 'provider' as const };
      return tx.insertInto('call_off_response').values(row).execute().then(
        () => 'ok',
        (error: { code?: string }) => error.code ?? String(error),
      );
    });

  it('is accepted from an invited verified provider while the call-off invites and its deadline is ahead', async () => {
    expect(await submits(provider(invited))).toBe('ok');
    expect(await submits(provider(other))).toBe('ok');
  });

  it('is refused (42501) when not invited, not verified, after the deadline, or when the call-off is not inviting', async () => {
    expect(await submits(provider(outsider))).toBe('42501');
    expect(await submits(provider(invited, false))).toBe('42501');
    expect(await submits(provider(invited), `response_deadline_at = now() - interval '1 second'`)).toBe('42501');
    expect(await submits(provider(invited), `status = 'draft'`)).toBe('42501');
    expect(await submits(provider(invited), `status = 'cancelled', cancelled_on = '2026-12-04', cancellation_reason = 'No longer needed', cancelled_by = NULL`)).toBe('42501');
  });
});

describe('the copies', () => {
  /** Rows anywhere in the database whose copies differ from their sources (0 when kept exactly). */
  const drift = (tx: Tx) =>
    sql<{ n: number }>`SELECT (
      (SELECT count(*) FROM call_off c WHERE c.invited_provider_ids IS DISTINCT FROM ARRAY(SELECT DISTINCT i.provider_id FROM call_off_invitation i
        WHERE i.authority_id = c.authority_id AND i.call_off_id = c.id ORDER BY 1))
      + (SELECT count(*) FROM call_off_criterion x JOIN call_off c ON c.authority_id = x.authority_id AND c.id = x.call_off_id
        WHERE x.call_off_invited_provider_ids IS DISTINCT FROM c.invited_provider_ids)
      + (SELECT count(*) FROM call_off_response x JOIN call_off c ON c.authority_id = x.authority_id AND c.id = x.call_off_id
        WHERE (x.call_off_status, x.call_off_response_deadline_at, x.call_off_invited_provider_ids) IS DISTINCT FROM (c.status, c.response_deadline_at, c.invited_provider_ids))
      + (SELECT count(*) FROM call_off_outcome x JOIN call_off c ON c.authority_id = x.authority_id AND c.id = x.call_off_id
        WHERE (x.call_off_status, x.call_off_awarded_provider_id, x.call_off_invited_provider_ids) IS DISTINCT FROM (c.status, c.awarded_provider_id, c.invited_provider_ids))
      + (SELECT count(*) FROM call_off_response_answer x JOIN call_off c ON c.authority_id = x.authority_id AND c.id = x.call_off_id
        JOIN call_off_response r ON r.authority_id = x.authority_id AND r.id = x.response_id
        WHERE (x.call_off_response_deadline_at, x.response_call_off_id, x.response_provider_id, x.response_source, x.response_submitted_at)
          IS DISTINCT FROM (c.response_deadline_at, r.call_off_id, r.provider_id, r.source, r.submitted_at))
    )::int AS n`.execute(tx).then((r) => r.rows[0]!.n);

  it('equal their sources, in the seed and after invitations, status and deadline change', async () => {
    const seen = await undone(async (tx) => {
      const copied = await tx.selectFrom('call_off_response').select(sql<string>`call_off_status`.as('s')).where('call_off_id', '=', callOff.id).executeTakeFirstOrThrow();
      const start = await drift(tx);
      const values = await invitationOf(tx, outsider);
      await as(tx, sefton, () => tx.insertInto('call_off_invitation').values(values).execute());
      const invitedNow = await drift(tx);
      await setCallOff(tx, `status = 'awarded', awarded_provider_id = '${invited.providerId}', awarded_on = '2026-12-20', response_deadline_at = response_deadline_at + interval '1 day'`);
      const response = await tx.selectFrom('call_off_response').select('id').where('call_off_id', '=', callOff.id).executeTakeFirstOrThrow();
      await tx.insertInto('call_off_outcome').values({ authority_id: GSS.sefton, call_off_id: callOff.id, provider_id: invited.providerId, response_id: response.id, successful: true }).execute();
      const awarded = await drift(tx);
      const copies = await sql<{ status: string; invited: string[] }>`SELECT call_off_status AS status, call_off_invited_provider_ids::text[] AS invited FROM call_off_outcome WHERE call_off_id = ${callOff.id}`.execute(tx);
      return { status: copied.s, drift: [start, invitedNow, awarded], outcome: copies.rows };
    });
    expect(seen).toEqual({
      status: 'inviting',
      drift: [0, 0, 0],
      outcome: [{ status: 'awarded', invited: [invited.providerId, other.providerId, outsider.providerId].sort() }],
    });
  });

  it('the application role can neither read nor write them; what it writes into them on insert is replaced', async () => {
    const refused = (work: (tx: Tx) => Promise<unknown>) =>
      undone(async (tx) => {
        await enterTenant(tx, sefton);
        return work(tx).then(() => 'ok', (error: { code?: string }) => error.code);
      });
    expect(await refused((tx) => sql`SELECT * FROM call_off`.execute(tx))).toBe('42501');
    expect(await refused((tx) => sql`SELECT call_off_invited_provider_ids FROM call_off_criterion`.execute(tx))).toBe('42501');
    expect(await refused((tx) => sql`SELECT response_provider_id FROM call_off_response_answer`.execute(tx))).toBe('42501');
    expect(await refused((tx) => sql`UPDATE call_off SET invited_provider_ids = ${[outsider.providerId]}::uuid[] WHERE id = ${callOff.id}`.execute(tx))).toBe('42501');
    const stored = await undone(async (tx) => {
      const used = tx.selectFrom('call_off_criterion').select('procurement_criterion_id').where('call_off_id', '=', callOff.id);
      const any = await tx.selectFrom('evaluation_criterion').select('id').where('procurement_id', '=', callOff.procurement.id).where('id', 'not in', used).limit(1).executeTakeFirstOrThrow();
      await as(tx, sefton, () =>
        sql`INSERT INTO call_off_criterion (authority_id, call_off_id, procurement_criterion_id, kind, name, weight_percent, call_off_invited_provider_ids)
          VALUES (${GSS.sefton}, ${callOff.id}, ${any.id}, 'quality', 'Added', 5, ${[outsider.providerId]}::uuid[])`.execute(tx),
      );
      return (await sql<{ ids: string[] }>`SELECT call_off_invited_provider_ids::text[] AS ids FROM call_off_criterion WHERE name = 'Added' AND call_off_id = ${callOff.id}`.execute(tx)).rows[0]!.ids;
    });
    expect(stored).toEqual([invited.providerId, other.providerId].sort());
  });

  it('no policy of the five tables has a subquery', async () => {
    const { rows } = await sql<{ name: string }>`SELECT policyname AS name FROM pg_policies
      WHERE tablename IN ('call_off', 'call_off_criterion', 'call_off_outcome', 'call_off_response', 'call_off_response_answer')
        AND coalesce(qual, '') || ' ' || coalesce(with_check, '') ~* '\\mselect\\M'`.execute(connection.db);
    expect(rows).toEqual([]);
  });
});
