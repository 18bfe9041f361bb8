import { resolveSession, tenantOfSession } from '@concord/api';
import { setLocal, type Connection, type TenantSettings } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, GSS, openSeededDatabase, signIn } from '../support/api.ts';
import { registerProvider, type RegisteredProvider } from '../support/providers.ts';
import { rolledBack as rolledBackIn } from '../support/rolled-back.ts';

/**
 * Issue 15 (migration 0067): app_partnership_manager() and app_is_provider_admin() read settings, not membership and
 * provider_membership, so the 17 policies that call them read no other table. These tests hold: the functions read no
 * table; they answer as the memberships say, whether the roles come with the request's identity or are looked up; each
 * setting is bound to its user and authority or organisation; a role removed counts from the next transaction; and the
 * policies still refuse a viewer's partnership step and a non-administrator's provider people step in SQL.
 */
let connection: Connection;
let provider: RegisteredProvider;
const ids: Record<string, string> = {};

beforeAll(async () => {
  connection = await openSeededDatabase();
  for (const email of ['commissioner.sefton@concord.example', 'viewer.sefton@concord.example', 'admin.sefton@concord.example']) {
    ids[email] = (await connection.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  }
  provider = await registerProvider(connection, 67);
  ids.providerAdmin = (await connection.db.selectFrom('app_user').select('id').where('email', '=', provider.email).executeTakeFirstOrThrow()).id;
  // A bid writer of the same organisation (not an administrator): the viewer's person, added as the owner.
  await connection.db.insertInto('provider_membership').values({ provider_id: provider.providerId, user_id: ids['viewer.sefton@concord.example']!, role: 'bid_writer' }).execute();
});
afterAll(() => connection.close());

const rolledBack = <T>(settings: TenantSettings, work: Parameters<typeof rolledBackIn<T>>[2]) => rolledBackIn(connection.db, settings, work);
const answers = (settings: TenantSettings) =>
  rolledBack(settings, async (tx) => {
    const { rows } = await sql<{ manager: boolean; providerAdmin: boolean }>`SELECT app_partnership_manager() AS manager, app_is_provider_admin() AS "providerAdmin"`.execute(tx);
    return rows[0]!;
  });
const sefton = (email: string, extra: TenantSettings = {}): TenantSettings => ({ authorityId: GSS.sefton, userId: ids[email]!, ...extra });

describe('the two functions read settings only', () => {
  it('neither body reads a table', async () => {
    const { rows } = await sql<{ name: string; body: string }>`
      SELECT proname AS name, prosrc AS body FROM pg_proc WHERE proname IN ('app_partnership_manager', 'app_is_provider_admin') ORDER BY 1`.execute(connection.db);
    expect(rows.map((r) => r.name)).toEqual(['app_is_provider_admin', 'app_partnership_manager']);
    for (const row of rows) expect({ name: row.name, readsTable: /\bfrom\b/i.test(row.body) }).toEqual({ name: row.name, readsTable: false });
  });
});

describe('they answer as the memberships say', () => {
  it('looked up: a commissioner and an authority administrator manage partnerships, a viewer does not; nobody here administers the organisation', async () => {
    expect(await answers(sefton('commissioner.sefton@concord.example'))).toEqual({ manager: true, providerAdmin: false });
    expect(await answers(sefton('admin.sefton@concord.example'))).toEqual({ manager: true, providerAdmin: false });
    expect(await answers(sefton('viewer.sefton@concord.example'))).toEqual({ manager: false, providerAdmin: false });
  });

  it('looked up: the organisation’s administrator is its provider administrator, its bid writer is not', async () => {
    expect(await answers({ providerId: provider.providerId, userId: ids.providerAdmin! })).toEqual({ manager: false, providerAdmin: true });
    expect(await answers({ providerId: provider.providerId, userId: ids['viewer.sefton@concord.example']! })).toEqual({ manager: false, providerAdmin: false });
  });

  it('from the request’s identity: the same answers, with no lookup', async () => {
    for (const email of ['commissioner.sefton@concord.example', 'viewer.sefton@concord.example']) {
      const { token } = await signIn(connection, email);
      const tenant = tenantOfSession((await resolveSession(connection.db, token, config.session, new Date()))!);
      expect({ email, manager: tenant.partnershipManager }).toEqual({ email, manager: email.startsWith('commissioner') });
      expect(await answers(tenant)).toEqual({ manager: email.startsWith('commissioner'), providerAdmin: false });
    }
    const tenant = tenantOfSession((await resolveSession(connection.db, provider.token, config.session, new Date()))!);
    expect(tenant.providerAdmin).toBe(true);
    expect(await answers(tenant)).toEqual({ manager: false, providerAdmin: true });
  });
});

describe('each setting is bound to whom it was worked out for', () => {
  it('a switch of authority, organisation or user part-way carries no role over, and a value naming nobody grants nothing', async () => {
    const moved = await rolledBack(sefton('commissioner.sefton@concord.example'), async (tx) => {
      const before = (await sql<{ m: boolean }>`SELECT app_partnership_manager() AS m`.execute(tx)).rows[0]!.m;
      await setLocal(tx, { 'app.authority_id': GSS.plymouth });
      const otherAuthority = (await sql<{ m: boolean }>`SELECT app_partnership_manager() AS m`.execute(tx)).rows[0]!.m;
      await setLocal(tx, { 'app.authority_id': GSS.sefton, 'app.user_id': ids['viewer.sefton@concord.example']! });
      const otherUser = (await sql<{ m: boolean }>`SELECT app_partnership_manager() AS m`.execute(tx)).rows[0]!.m;
      await setLocal(tx, { 'app.partnership_manager': 'true', 'app.provider_admin': 'true' });
      const forged = (await sql<{ m: boolean; p: boolean }>`SELECT app_partnership_manager() AS m, app_is_provider_admin() AS p`.execute(tx)).rows[0]!;
      return { before, otherAuthority, otherUser, forged };
    });
    expect(moved).toEqual({ before: true, otherAuthority: false, otherUser: false, forged: { m: false, p: false } });
    const switched = await rolledBack({ providerId: provider.providerId, userId: ids.providerAdmin! }, async (tx) => {
      await setLocal(tx, { 'app.provider_id': '00000000-0000-4000-8000-000000000067' });
      return (await sql<{ p: boolean }>`SELECT app_is_provider_admin() AS p`.execute(tx)).rows[0]!.p;
    });
    expect(switched).toBe(false);
  });
});

describe('the policies still hold', () => {
  it('a viewer cannot propose a partnership in SQL; a commissioner can', async () => {
    const propose = (email: string) =>
      rolledBack(sefton(email), (tx) =>
        tx
          .insertInto('partnership')
          .values({ name: `Sefton settings test ${email}`, kind: 'regional_network', lead_authority_id: GSS.sefton })
          .execute()
          .then(() => 'inserted', (error: { code?: string }) => error.code ?? 'refused'),
      );
    expect(await propose('commissioner.sefton@concord.example')).toBe('inserted');
    expect(await propose('viewer.sefton@concord.example')).toBe('42501');
  });

  it('a bid writer cannot add a colleague to the organisation in SQL; its administrator can', async () => {
    const add = (userId: string) =>
      rolledBack({ providerId: provider.providerId, userId }, (tx) =>
        tx
          .insertInto('provider_membership')
          .values({ provider_id: provider.providerId, user_id: ids['commissioner.sefton@concord.example']!, role: 'bid_writer' })
          .execute()
          .then(() => 'inserted', (error: { code?: string }) => error.code ?? 'refused'),
      );
    expect(await add(ids.providerAdmin!)).toBe('inserted');
    expect(await add(ids['viewer.sefton@concord.example']!)).toBe('42501');
  });

  it('a role removed counts from the next transaction', async () => {
    const viewer = ids['viewer.sefton@concord.example']!;
    await connection.db.updateTable('provider_membership').set({ role: 'provider_admin' }).where('user_id', '=', viewer).where('provider_id', '=', provider.providerId).execute();
    expect(await answers({ providerId: provider.providerId, userId: viewer })).toEqual({ manager: false, providerAdmin: true });
    await connection.db.updateTable('provider_membership').set({ role: 'bid_writer' }).where('user_id', '=', viewer).where('provider_id', '=', provider.providerId).execute();
    expect(await answers({ providerId: provider.providerId, userId: viewer })).toEqual({ manager: false, providerAdmin: false });
  });
});
