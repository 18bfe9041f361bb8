import type { Connection, Tx } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase } from '../support/api.ts';
import { registerProvider, type RegisteredProvider } from '../support/providers.ts';
import { rolledBack as rolledBackIn } from '../support/rolled-back.ts';

/**
 * Issue 15 (migration 0058): app_user's colleague policies read the person's own row (authority_ids, provider_ids),
 * kept by triggers on membership and provider_membership, instead of a subquery. These tests hold: a membership
 * added makes the person visible (and deactivatable) to that authority in the same transaction, and removing it, each
 * of its roles, makes them unseen again; the same for a provider organisation; the application role can neither read
 * nor write the columns; no policy of app_user has a subquery left.
 */
let connection: Connection;
let provider: RegisteredProvider;
const ids: Record<'seftonAdmin' | 'plymouthAdmin' | 'providerAdmin', string> = {} as never;

beforeAll(async () => {
  connection = await openSeededDatabase();
  provider = await registerProvider(connection, 58);
  const emails = { seftonAdmin: 'admin.sefton@concord.example', plymouthAdmin: 'admin.plymouth@concord.example', providerAdmin: provider.email };
  for (const [who, email] of Object.entries(emails) as [keyof typeof ids, string][]) {
    ids[who] = (await connection.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  }
});
afterAll(() => connection.close());

const rolledBack = <T>(settings: Parameters<typeof rolledBackIn>[1], work: (tx: Tx) => Promise<T>) => rolledBackIn(connection.db, settings, work);
const asSeftonAdmin = <T>(work: (tx: Tx) => Promise<T>) =>
  rolledBack({ authorityId: GSS.sefton, userId: ids.seftonAdmin, authorityAdmin: true }, work);
const asProviderAdmin = <T>(work: (tx: Tx) => Promise<T>) => rolledBack({ providerId: provider.providerId, userId: ids.providerAdmin }, work);

async function seen(tx: Tx, userId: string): Promise<number> {
  return (await tx.selectFrom('app_user').select('id').where('id', '=', userId).execute()).length;
}

/** Rows an administrator's deactivation (to what it is) of this person reaches. */
async function deactivatable(tx: Tx, userId: string): Promise<number> {
  const result = await tx.updateTable('app_user').set({ disabled_at: sql`disabled_at` }).where('id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const removeMembership = (tx: Tx, role: string) =>
  tx.deleteFrom('membership').where('authority_id', '=', GSS.sefton).where('user_id', '=', ids.plymouthAdmin).where('role', '=', role as never).execute();

describe('who is a colleague follows membership at once', () => {
  it('a person joining an authority is visible to it, and deactivatable by its administrator, until their last role there goes', async () => {
    const steps = await asSeftonAdmin(async (tx) => {
      const before = [await seen(tx, ids.plymouthAdmin), await deactivatable(tx, ids.plymouthAdmin)];
      await tx.insertInto('membership').values([
        { authority_id: GSS.sefton, user_id: ids.plymouthAdmin, role: 'viewer' },
        { authority_id: GSS.sefton, user_id: ids.plymouthAdmin, role: 'finance' },
      ]).execute();
      const joined = [await seen(tx, ids.plymouthAdmin), await deactivatable(tx, ids.plymouthAdmin)];
      await removeMembership(tx, 'viewer');
      const oneRoleLeft = [await seen(tx, ids.plymouthAdmin), await deactivatable(tx, ids.plymouthAdmin)];
      await removeMembership(tx, 'finance');
      const left = [await seen(tx, ids.plymouthAdmin), await deactivatable(tx, ids.plymouthAdmin)];
      return { before, joined, oneRoleLeft, left };
    });
    expect(steps).toEqual({ before: [0, 0], joined: [1, 1], oneRoleLeft: [1, 1], left: [0, 0] });
  });

  it('the person stays visible to the other authority they belong to; another authority never sees them through Sefton', async () => {
    const plymouth = await rolledBack({ authorityId: GSS.plymouth, userId: ids.plymouthAdmin }, (tx) => seen(tx, ids.seftonAdmin));
    expect(plymouth).toBe(0);
    const afterJoining = await asSeftonAdmin(async (tx) => {
      await tx.insertInto('membership').values({ authority_id: GSS.sefton, user_id: ids.plymouthAdmin, role: 'viewer' }).execute();
      // Still in this transaction, now acting for Plymouth: the Sefton administrator is no member of Plymouth.
      await sql`SELECT set_config('app.authority_id', ${GSS.plymouth}, true), set_config('app.user_id', ${ids.plymouthAdmin}, true)`.execute(tx);
      return [await seen(tx, ids.seftonAdmin), await seen(tx, ids.plymouthAdmin)];
    });
    expect(afterJoining).toEqual([0, 1]);
  });

  it('a person given a role in a provider organisation is visible to it until it is removed', async () => {
    const steps = await asProviderAdmin(async (tx) => {
      const before = await seen(tx, ids.seftonAdmin);
      await tx.insertInto('provider_membership').values({ provider_id: provider.providerId, user_id: ids.seftonAdmin, role: 'bid_writer' }).execute();
      const joined = await seen(tx, ids.seftonAdmin);
      await tx.deleteFrom('provider_membership').where('provider_id', '=', provider.providerId).where('user_id', '=', ids.seftonAdmin).execute();
      return [before, joined, await seen(tx, ids.seftonAdmin)];
    });
    expect(steps).toEqual([0, 1, 0]);
  });
});

describe('the columns are the triggers’ alone', () => {
  it.each([
    ['writes authority_ids', sql`UPDATE app_user SET authority_ids = ARRAY[${GSS.sefton}] WHERE id = ${'00000000-0000-0000-0000-000000000000'}::uuid`],
    ['writes provider_ids', sql`UPDATE app_user SET provider_ids = '{}' WHERE disabled_at IS NULL`],
    ['reads authority_ids', sql`SELECT authority_ids FROM app_user`],
    ['reads every column', sql`SELECT * FROM app_user`],
    ['reads provider_ids', sql`SELECT provider_ids FROM app_user`],
  ])('the application role %s: refused (42501)', async (_what, statement) => {
    await expect(asSeftonAdmin((tx) => statement.execute(tx))).rejects.toMatchObject({ code: '42501' });
  });

  it('the triggers keep them exactly: each person’s columns are their memberships now', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM app_user u
      WHERE u.authority_ids IS DISTINCT FROM ARRAY(SELECT DISTINCT m.authority_id FROM membership m WHERE m.user_id = u.id ORDER BY 1)
         OR u.provider_ids IS DISTINCT FROM ARRAY(SELECT DISTINCT m.provider_id FROM provider_membership m WHERE m.user_id = u.id ORDER BY 1)`.execute(connection.db);
    expect(rows[0]!.n).toBe(0);
    const { rows: members } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM app_user WHERE cardinality(authority_ids) > 0`.execute(connection.db);
    expect(members[0]!.n).toBeGreaterThan(3);
  });

  it('no policy of app_user has a subquery', async () => {
    const { rows } = await sql<{ policy: string }>`
      SELECT policyname AS policy FROM pg_policies
      WHERE tablename = 'app_user' AND coalesce(qual, '') || ' ' || coalesce(with_check, '') ~* '\\mselect\\M'`.execute(connection.db);
    expect(rows).toEqual([]);
  });
});
