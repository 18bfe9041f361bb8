import { OWNER_ROLE, type Connection, type Tx } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase } from '../support/api.ts';
import { registerProvider, type RegisteredProvider } from '../support/providers.ts';
import { rolledBack as rolledBackIn } from '../support/rolled-back.ts';

/**
 * Issue 15 (migration 0059): the colleague policies of session, two_step and api_token ask concord_authorities_of()
 * and concord_providers_of() (a person's authority_ids / provider_ids, as far as membership and provider_membership
 * would show them) instead of a subquery. These tests hold: an authority administrator reads and ends a colleague's
 * session and not anyone else's, following membership within the transaction; a session or an API token is opened
 * only for an authority or provider organisation of the person's own; the owner reading enrolments for
 * people_with_two_step() sees only the authority's members; the functions show the application role no more than
 * membership does; the owner reads app_user through them only while they run; no policy of the three has a subquery.
 */
let connection: Connection;
let provider: RegisteredProvider;
const ids: Record<'seftonAdmin' | 'seftonCommissioner' | 'plymouthAdmin' | 'providerAdmin', string> = {} as never;
/** A live session of each person, written by the seed connection. */
const sessions: Record<'seftonCommissioner' | 'plymouthAdmin', string> = {} as never;

beforeAll(async () => {
  connection = await openSeededDatabase();
  provider = await registerProvider(connection, 59);
  const emails = {
    seftonAdmin: 'admin.sefton@concord.example',
    seftonCommissioner: 'commissioner.sefton@concord.example',
    plymouthAdmin: 'admin.plymouth@concord.example',
    providerAdmin: provider.email,
  };
  for (const [who, email] of Object.entries(emails) as [keyof typeof ids, string][]) {
    ids[who] = (await connection.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  }
  for (const [who, authority] of [['seftonCommissioner', GSS.sefton], ['plymouthAdmin', GSS.plymouth]] as const) {
    const row = await connection.db.insertInto('session')
      .values({ token_hash: `s59-${randomUUID()}`, user_id: ids[who], authority_id: authority, last_seen_at: new Date(), expires_at: new Date(Date.now() + 3_600_000) })
      .returning('id').executeTakeFirstOrThrow();
    sessions[who] = row.id;
  }
  for (const who of ['seftonCommissioner', 'plymouthAdmin'] as const) {
    await connection.db.insertInto('two_step').values({ user_id: ids[who], secret: 'JBSWY3DPEHPK3PXP', created_at: new Date(), enabled_at: new Date() }).execute();
  }
});
afterAll(() => connection.close());

const rolledBack = <T>(settings: Parameters<typeof rolledBackIn>[1], work: (tx: Tx) => Promise<T>) => rolledBackIn(connection.db, settings, work);
const asSeftonAdmin = <T>(work: (tx: Tx) => Promise<T>) => rolledBack({ authorityId: GSS.sefton, userId: ids.seftonAdmin, authorityAdmin: true }, work);

/** Which of the two sessions the transaction reads, and how many an UPDATE ending them reaches. */
async function readAndEnd(tx: Tx): Promise<{ read: string[]; ended: number }> {
  const both = [sessions.seftonCommissioner, sessions.plymouthAdmin];
  const read = (await tx.selectFrom('session').select('user_id').where('id', 'in', both).orderBy('user_id').execute()).map((r) => r.user_id);
  const result = await tx.updateTable('session').set({ revoked_at: new Date() }).where('id', 'in', both).executeTakeFirst();
  return { read, ended: Number(result.numUpdatedRows) };
}

describe('an authority administrator and colleagues’ sessions', () => {
  it('reads and ends a colleague’s session, not a non-member’s; a non-administrator neither', async () => {
    expect(await asSeftonAdmin(readAndEnd)).toEqual({ read: [ids.seftonCommissioner], ended: 1 });
    const commissioner = await rolledBack({ authorityId: GSS.sefton, userId: ids.seftonCommissioner }, (tx) =>
      tx.selectFrom('session').select('id').where('id', '=', sessions.plymouthAdmin).execute());
    expect(commissioner).toEqual([]);
  });

  it('follows membership within the transaction: joined, readable and endable; removed, neither', async () => {
    const steps = await asSeftonAdmin(async (tx) => {
      await tx.insertInto('membership').values({ authority_id: GSS.sefton, user_id: ids.plymouthAdmin, role: 'viewer' }).execute();
      const joined = await readAndEnd(tx);
      await tx.deleteFrom('membership').where('authority_id', '=', GSS.sefton).where('user_id', '=', ids.plymouthAdmin).execute();
      const removed = await readAndEnd(tx);
      return { joined, removed };
    });
    expect(steps).toEqual({
      joined: { read: [ids.seftonCommissioner, ids.plymouthAdmin].sort(), ended: 2 },
      removed: { read: [ids.seftonCommissioner], ended: 1 },
    });
  });
});

describe('a session or an API token only for the person’s own authority or organisation', () => {
  const openSession = (tx: Tx, userId: string, to: { authority_id?: string; provider_id?: string }) =>
    tx.insertInto('session').values({ token_hash: `s59-${randomUUID()}`, user_id: userId, last_seen_at: new Date(), expires_at: new Date(Date.now() + 60_000), ...to }).execute();

  it('a session acting for a provider organisation: refused (42501) for a non-member, accepted for its member', async () => {
    await expect(rolledBack({ userId: ids.seftonCommissioner }, (tx) => openSession(tx, ids.seftonCommissioner, { provider_id: provider.providerId })))
      .rejects.toMatchObject({ code: '42501' });
    const accepted = await rolledBack({ userId: ids.providerAdmin }, async (tx) => {
      await openSession(tx, ids.providerAdmin, { provider_id: provider.providerId });
      return 'accepted';
    });
    expect(accepted).toBe('accepted');
  });

  it('a session acting for an authority: refused (42501) for a non-member, accepted for a member', async () => {
    await expect(rolledBack({ userId: ids.plymouthAdmin }, (tx) => openSession(tx, ids.plymouthAdmin, { authority_id: GSS.sefton })))
      .rejects.toMatchObject({ code: '42501' });
    expect(await rolledBack({ userId: ids.plymouthAdmin }, async (tx) => (await openSession(tx, ids.plymouthAdmin, { authority_id: GSS.plymouth }), 'accepted'))).toBe('accepted');
  });

  const addToken = (tx: Tx, userId: string) =>
    tx.insertInto('api_token').values({ authority_id: GSS.sefton, user_id: userId, label: 's59', token_hash: `s59-${randomUUID()}`, expires_at: new Date(Date.now() + 86_400_000) }).execute();

  it('an API token for the transaction’s authority: refused (42501) for a non-member, accepted for a member', async () => {
    await expect(rolledBack({ authorityId: GSS.sefton, userId: ids.plymouthAdmin }, (tx) => addToken(tx, ids.plymouthAdmin)))
      .rejects.toMatchObject({ code: '42501' });
    expect(await rolledBack({ authorityId: GSS.sefton, userId: ids.seftonCommissioner }, async (tx) => (await addToken(tx, ids.seftonCommissioner), 'accepted'))).toBe('accepted');
  });
});

/** Runs `work` as the owner role (as the SECURITY DEFINER functions do) with these settings, and rolls it back. */
async function asOwner<T>(settings: Record<string, string>, work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  const rollBack = new Error('roll back');
  await connection.db.transaction().execute(async (tx) => {
    await sql`SET LOCAL ROLE ${sql.id(OWNER_ROLE)}`.execute(tx);
    for (const [name, value] of Object.entries(settings)) await sql`SELECT set_config(${name}, ${value}, true)`.execute(tx);
    result = await work(tx);
    throw rollBack;
  }).catch((error) => {
    if (error !== rollBack) throw error;
  });
  return result as T;
}

const enrolled = (tx: Tx) => tx.selectFrom('two_step').select('user_id').where('user_id', 'in', [ids.seftonCommissioner, ids.plymouthAdmin]).execute();

describe('the owner', () => {
  it('reading enrolments for people_with_two_step() sees only the authority’s members, and only while it says so', async () => {
    expect(await asOwner({ 'app.authority_id': GSS.sefton, 'app.two_step_status': 'on' }, enrolled)).toEqual([{ user_id: ids.seftonCommissioner }]);
    expect(await asOwner({ 'app.authority_id': GSS.plymouth, 'app.two_step_status': 'on' }, enrolled)).toEqual([{ user_id: ids.plymouthAdmin }]);
    expect(await asOwner({ 'app.authority_id': GSS.sefton }, enrolled)).toEqual([]);
    const listed = await asSeftonAdmin(async (tx) => (await sql<{ id: string }>`SELECT id FROM people_with_two_step() AS id`.execute(tx)).rows.map((r) => r.id));
    expect(listed).toContain(ids.seftonCommissioner);
    expect(listed).not.toContain(ids.plymouthAdmin);
  });

  it('reads app_user only inside the two functions (the setting they set is theirs alone)', async () => {
    // Not counted: the platform administrators, whom the owner reads for first-run setup (migration 0017).
    const people = (tx: Tx) => tx.selectFrom('app_user').select('id').where('is_platform_admin', '=', false).execute();
    const steps = await asOwner({}, async (tx) => {
      const before = (await people(tx)).length;
      const { rows } = await sql<{ ids: string[]; setting: string | null }>`
        SELECT concord_authorities_of(${ids.plymouthAdmin}::uuid)::text[] AS ids, current_setting('app.colleague_ids_read', true) AS setting`.execute(tx);
      return { before, inside: rows[0]!.ids.length, setting: rows[0]!.setting ?? '', after: (await people(tx)).length };
    });
    // No transaction user or authority: the function shows none of Plymouth's administrator's authorities either.
    expect(steps).toEqual({ before: 0, inside: 0, setting: '', after: 0 });
    expect((await asOwner({ 'app.colleague_ids_read': 'on' }, people)).length).toBeGreaterThan(3);
  });
});

describe('what the functions show the application role', () => {
  const of = (tx: Tx, userId: string) =>
    sql<{ authorities: string[]; providers: string[] }>`
      SELECT concord_authorities_of(${userId}::uuid)::text[] AS authorities, concord_providers_of(${userId}::uuid)::text[] AS providers`.execute(tx).then((r) => r.rows[0]!);

  it('no more than membership and provider_membership show it: all of its own user’s, else only its authority or organisation', async () => {
    const sefton = await asSeftonAdmin(async (tx) => ({ own: await of(tx, ids.seftonAdmin), colleague: await of(tx, ids.seftonCommissioner), other: await of(tx, ids.plymouthAdmin) }));
    expect(sefton.own.authorities).toContain(GSS.sefton);
    expect(sefton.colleague).toEqual({ authorities: [GSS.sefton], providers: [] });
    expect(sefton.other).toEqual({ authorities: [], providers: [] });
    const atProvider = await rolledBack({ providerId: provider.providerId, userId: ids.seftonAdmin }, (tx) => of(tx, ids.providerAdmin));
    expect(atProvider).toEqual({ authorities: [], providers: [provider.providerId] });
  });

  it('no policy of session, two_step or api_token has a subquery', async () => {
    const { rows } = await sql<{ policy: string }>`
      SELECT tablename || '.' || policyname AS policy FROM pg_policies
      WHERE tablename IN ('session', 'two_step', 'api_token') AND coalesce(qual, '') || ' ' || coalesce(with_check, '') ~* '\\mselect\\M'`.execute(connection.db);
    expect(rows).toEqual([]);
  });
});
