import { enterTenant, refreshAdminRoles, setLocal, type Connection, type Tx } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, GSS, openSeededDatabase, type Caller } from '../support/api.ts';
import { rolledBack as rolledBackIn } from '../support/rolled-back.ts';

/**
 * Issue 15 (migration 0051): whether the user is a platform administrator, or an administrator of the authority the
 * transaction acts for, is a transaction setting that enterTenant takes from the database, and the policies of the
 * registry tables read only settings. These tests hold: no subquery in those policies; the settings looked up for
 * every way in that does not bring them; each setting bound to the user and authority it was worked out for; a role
 * taken away counting from the next transaction, and within the same one after refreshAdminRoles.
 */
let connection: Connection;
let c: Record<'seftonAdmin', Caller>;
const ids: Record<'platform' | 'seftonAdmin' | 'seftonCommissioner' | 'plymouthAdmin', string> = {} as never;

beforeAll(async () => {
  connection = await openSeededDatabase();
  c = await callersFor(connection, { seftonAdmin: 'admin.sefton@concord.example' });
  const emails = {
    platform: 'admin@concord.example',
    seftonAdmin: 'admin.sefton@concord.example',
    seftonCommissioner: 'commissioner.sefton@concord.example',
    plymouthAdmin: 'admin.plymouth@concord.example',
  } as const;
  for (const [who, email] of Object.entries(emails) as [keyof typeof emails, string][]) {
    ids[who] = (await connection.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  }
});
afterAll(() => connection.close());

async function adminRoles(tx: Tx): Promise<{ platform: boolean; authority: boolean }> {
  const { rows } = await sql<{ platform: boolean; authority: boolean }>`SELECT app_is_platform_admin() AS platform, app_is_authority_admin() AS authority`.execute(tx);
  return rows[0]!;
}

/** Runs `work` as the application role with these settings and rolls everything back. */
const rolledBack = <T>(settings: Parameters<typeof enterTenant>[1], work: (tx: Tx) => Promise<T>) => rolledBackIn(connection.db, settings, work);

/** Rows of Sefton's authority row an UPDATE of two_step_required (to what it is) reaches: only its administrators'. */
async function seftonRowsReachable(tx: Tx): Promise<number> {
  const result = await tx.updateTable('authority').set({ two_step_required: sql<boolean>`two_step_required` }).where('id', '=', GSS.sefton).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

describe('the registry tables’ policies read only settings', () => {
  it('authority, authority_population, membership and app_user have no subquery', async () => {
    const { rows } = await sql<{ table: string; policy: string }>`
      SELECT tablename AS table, policyname AS policy FROM pg_policies
      WHERE tablename IN ('authority', 'authority_population', 'membership', 'app_user')
        AND (coalesce(qual, '') ~* '\\mselect\\M' OR coalesce(with_check, '') ~* '\\mselect\\M')
      ORDER BY 1, 2`.execute(connection.db);
    // app_user's three colleague policies read the person's own row since migration 0058 (colleague-columns.test.ts).
    expect(rows).toEqual([]);
  });

  it('app_is_platform_admin() and app_is_authority_admin() read no table', async () => {
    const { rows } = await sql<{ name: string; body: string }>`
      SELECT proname AS name, prosrc AS body FROM pg_proc WHERE proname IN ('app_is_platform_admin', 'app_is_authority_admin') ORDER BY 1`.execute(connection.db);
    expect(rows.map((r) => r.name)).toEqual(['app_is_authority_admin', 'app_is_platform_admin']);
    for (const { body } of rows) {
      expect(body).not.toMatch(/\bfrom\b/i);
      expect(body).toMatch(/current_setting\('app\.(platform|authority)_admin'/);
    }
  });
});

describe('enterTenant looks the roles up when the caller does not bring them', () => {
  it('for each kind of person, as the database says', async () => {
    const cases = [
      [{ userId: ids.platform, authorityId: null }, { platform: true, authority: false }],
      [{ userId: ids.seftonAdmin, authorityId: GSS.sefton }, { platform: false, authority: true }],
      [{ userId: ids.seftonCommissioner, authorityId: GSS.sefton }, { platform: false, authority: false }],
      // An administrator of Plymouth acting (as no session could) for Sefton is no administrator there.
      [{ userId: ids.plymouthAdmin, authorityId: GSS.sefton }, { platform: false, authority: false }],
      [{ authorityId: GSS.sefton }, { platform: false, authority: false }],
    ] as const;
    for (const [settings, expected] of cases) {
      expect({ settings, roles: await rolledBack(settings, adminRoles) }).toEqual({ settings, roles: expected });
    }
  });

  it('what the caller brings is what the transaction has (the request identity’s roles)', async () => {
    expect(await rolledBack({ userId: ids.seftonAdmin, authorityId: GSS.sefton, platformAdmin: false, authorityAdmin: false, partnershipManager: true }, adminRoles)).toEqual({
      platform: false,
      authority: false,
    });
    expect(await rolledBack({ userId: ids.seftonAdmin, authorityId: GSS.sefton, platformAdmin: false, authorityAdmin: true, partnershipManager: true }, seftonRowsReachable)).toBe(1);
    expect(await rolledBack({ userId: ids.seftonAdmin, authorityId: GSS.sefton, platformAdmin: false, authorityAdmin: false, partnershipManager: true }, seftonRowsReachable)).toBe(0);
  });
});

describe('each setting is bound to whom it was worked out for', () => {
  it('switching the authority or the user part-way carries no administrator role over', async () => {
    const afterSwitch = async (settings: Record<string, string>) =>
      rolledBack({ userId: ids.seftonAdmin, authorityId: GSS.sefton }, async (tx) => {
        expect(await adminRoles(tx)).toEqual({ platform: false, authority: true });
        await setLocal(tx, settings);
        return adminRoles(tx);
      });
    expect(await afterSwitch({ 'app.authority_id': GSS.plymouth })).toEqual({ platform: false, authority: false });
    expect(await afterSwitch({ 'app.user_id': ids.seftonCommissioner })).toEqual({ platform: false, authority: false });
    const platformAfterSwitch = await rolledBack({ userId: ids.platform, authorityId: null }, async (tx) => {
      await setLocal(tx, { 'app.user_id': ids.seftonCommissioner });
      return adminRoles(tx);
    });
    expect(platformAfterSwitch).toEqual({ platform: false, authority: false });
  });

  it('a setting that names nobody ("true") makes nobody an administrator', async () => {
    const roles = await rolledBack({ userId: ids.seftonCommissioner, authorityId: GSS.sefton }, async (tx) => {
      await setLocal(tx, { 'app.platform_admin': 'true', 'app.authority_admin': 'true' });
      return adminRoles(tx);
    });
    expect(roles).toEqual({ platform: false, authority: false });
  });
});

describe('a role taken away counts at once', () => {
  it('from the next transaction, and within the same one after refreshAdminRoles', async () => {
    const commissioner = { userId: ids.seftonCommissioner, authorityId: GSS.sefton };
    expect(await rolledBack(commissioner, seftonRowsReachable)).toBe(0);
    const version = async () =>
      (await connection.db.selectFrom('membership_version').select('row_version').where('authority_id', '=', GSS.sefton).where('user_id', '=', ids.seftonCommissioner).executeTakeFirst())?.row_version ?? null;
    await c.seftonAdmin.people.setRoles({ userId: ids.seftonCommissioner, roles: ['commissioner', 'authority_admin'], version: (await version()) ?? 1 });
    expect(await rolledBack(commissioner, seftonRowsReachable)).toBe(1);

    // Within one transaction: the new administrator drops their own role; refreshed, the transaction knows.
    const within = await rolledBack(commissioner, async (tx) => {
      await tx.deleteFrom('membership').where('authority_id', '=', GSS.sefton).where('user_id', '=', ids.seftonCommissioner).where('role', '=', 'authority_admin').execute();
      const before = await adminRoles(tx);
      await refreshAdminRoles(tx);
      return { before, after: await adminRoles(tx), reachable: await seftonRowsReachable(tx) };
    });
    expect(within).toEqual({ before: { platform: false, authority: true }, after: { platform: false, authority: false }, reachable: 0 });

    await c.seftonAdmin.people.setRoles({ userId: ids.seftonCommissioner, roles: ['commissioner'], version: (await version())! });
    expect(await rolledBack(commissioner, seftonRowsReachable)).toBe(0);
  });
});
