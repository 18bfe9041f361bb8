import { createHash } from 'node:crypto';
import { createCaller, resolveSession } from '@concord/api';
import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, openSeededDatabase, outcome, outcomeWithField, signIn, type Caller } from '../support/api.ts';
import { asProvider, registerProvider, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';

/**
 * Issue 11, item 1: the people of a provider organisation. Its provider administrator invites colleagues with roles
 * by a single-use link (only the hash stored, readable by nobody), removes roles (never the last administrator), and
 * nobody else can: not its bid writers, not another organisation, not a council.
 */
const COLLEAGUE = 'asha@homecare100.example';
const COLLEAGUE_PASSWORD = 'lantern meadow copper';

describe('people of a provider organisation', () => {
  let connection: Connection;
  let a: RegisteredProvider;
  let unverified: RegisteredProvider;
  let other: RegisteredProvider;
  let inviteToken: string;
  let colleague: { caller: Caller; userId: string; token: string };
  beforeAll(async () => {
    connection = await openSeededDatabase();
    a = await registerVerifiedProvider(connection, 100);
    unverified = await registerProvider(connection, 101);
    other = await registerVerifiedProvider(connection, 102);
  });
  afterAll(() => connection.close());

  const people = async () => (await a.caller.organisation.mine()).people.map((p) => [p.displayName, p.roles.map((r) => r.label)]);

  it('an organisation not yet verified cannot invite anyone', async () => {
    expect(await outcome(unverified.caller.organisation.invite({ email: 'x@homecare101.example', roles: ['bid_writer'] }))).toBe('FORBIDDEN');
  });

  it('the provider administrator invites a colleague with roles; the invitation is listed with its roles in words', async () => {
    const issued = await a.caller.organisation.invite({ email: ` ${COLLEAGUE.toUpperCase()} `, roles: ['bid_writer', 'contract_manager', 'bid_writer'] });
    expect(issued.emailed).toBe(false);
    expect(issued.path).toMatch(/^\/organisation-invitation\/[A-Za-z0-9_-]{40,}$/);
    inviteToken = issued.path!.split('/').pop()!;
    const invitations = await a.caller.organisation.invitations();
    expect(invitations.map((i) => [i.email, i.roles.map((r) => r.label)])).toEqual([[COLLEAGUE, ['Bid writer', 'Contract manager']]]);
    // Invited once only, and never someone already of the organisation.
    expect(await outcomeWithField(a.caller.organisation.invite({ email: COLLEAGUE, roles: ['bid_writer'] }))).toBe('BAD_REQUEST email');
    expect(await outcomeWithField(a.caller.organisation.invite({ email: a.email, roles: ['bid_writer'] }))).toBe('BAD_REQUEST email');
    expect(await outcomeWithField(a.caller.organisation.invite({ email: 'y@homecare100.example', roles: [] }))).toBe('BAD_REQUEST roles');
  });

  it('only the hash of the link is stored, the application role cannot read it, and no other organisation sees the invitation', async () => {
    const stored = await connection.db.selectFrom('provider_person_link').select(['token_hash', 'provider_id']).where('email', '=', COLLEAGUE).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(inviteToken);
    expect(stored[0]!.token_hash).toBe(createHash('sha256').update(inviteToken).digest('base64url'));
    await expect(asProvider(connection, a.providerId, (tx) => sql`SELECT token_hash FROM provider_person_link`.execute(tx))).rejects.toThrow(/permission denied/);
    const seenByOther = await asProvider(connection, other.providerId, (tx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_person_link`.execute(tx));
    expect(seenByOther.rows[0]!.n).toBe(0);
    expect(await other.caller.organisation.invitations()).toEqual([]);
  });

  it('the colleague accepts the link once and is signed in acting for the organisation with those roles', async () => {
    const ctx = contextFor(connection, null, { meta: { ip: '198.51.100.200' } });
    const publicCaller = createCaller(ctx);
    expect(await publicCaller.organisation.checkInvitation({ token: inviteToken })).toEqual({ usable: true, email: COLLEAGUE, organisationName: 'Wirral Homecare 100 Ltd' });
    expect(await outcomeWithField(publicCaller.organisation.acceptInvitation({ token: inviteToken, displayName: 'Asha Patel', password: 'short', confirmPassword: 'short' }))).toBe('BAD_REQUEST password');
    const accepted = await publicCaller.organisation.acceptInvitation({ token: inviteToken, displayName: 'Asha Patel', password: COLLEAGUE_PASSWORD, confirmPassword: COLLEAGUE_PASSWORD });
    expect(accepted.providerId).toBe(a.providerId);
    const session = (await resolveSession(connection.db, ctx.jar.token!, config.session, new Date()))!;
    expect(session).toMatchObject({ providerId: a.providerId, authorityId: null, providerRoles: ['bid_writer', 'contract_manager'] });
    colleague = { caller: callerFor(connection, session), userId: session.userId, token: ctx.jar.token! };
    expect(await people()).toEqual([
      ['Asha Patel', ['Bid writer', 'Contract manager']],
      ['Bid Writer 100', ['Provider administrator']],
    ]);
    expect(await a.caller.organisation.invitations()).toEqual([]);
    // Single use.
    const again = createCaller(contextFor(connection, null, { meta: { ip: '198.51.100.201' } }));
    expect((await again.organisation.checkInvitation({ token: inviteToken })).usable).toBe(false);
    expect(await outcomeWithField(again.organisation.acceptInvitation({ token: inviteToken, displayName: 'Someone', password: COLLEAGUE_PASSWORD, confirmPassword: COLLEAGUE_PASSWORD }))).toBe('BAD_REQUEST token');
  });

  it('nobody but a provider administrator of the organisation invites, lists invitations or removes roles', async () => {
    expect(await outcome(colleague.caller.organisation.invite({ email: 'z@homecare100.example', roles: ['bid_writer'] }))).toBe('FORBIDDEN');
    expect(await outcome(colleague.caller.organisation.invitations())).toBe('FORBIDDEN');
    expect(await outcome(colleague.caller.organisation.removeRole({ userId: a.caller ? (await a.caller.auth.me())!.userId : '', role: 'provider_admin' }))).toBe('FORBIDDEN');
    // Another organisation's administrator does not see the person at all.
    expect(await outcome(other.caller.organisation.removeRole({ userId: colleague.userId, role: 'bid_writer' }))).toBe('NOT_FOUND');
    const sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
    expect(await outcome(sefton.organisation.invite({ email: 'q@sefton.example', roles: ['bid_writer'] }))).toBe('FORBIDDEN');
    expect(await outcome(sefton.organisation.removeRole({ userId: colleague.userId, role: 'bid_writer' }))).toBe('FORBIDDEN');
    // In SQL as the application role: a bid writer acting for the organisation cannot delete a membership; nor can another organisation.
    for (const [providerId, userId] of [
      [a.providerId, colleague.userId],
      [other.providerId, (await other.caller.auth.me())!.userId],
    ] as const) {
      const deleted = await connection.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('role', 'concord_app', true), set_config('app.provider_id', ${providerId}, true), set_config('app.user_id', ${userId}, true)`.execute(tx);
        return sql`DELETE FROM provider_membership WHERE user_id = ${colleague.userId} AND role = 'bid_writer'`.execute(tx);
      });
      expect(deleted.numAffectedRows).toBe(0n);
    }
    expect((await people())[0]).toEqual(['Asha Patel', ['Bid writer', 'Contract manager']]);
  });

  it('the administrator removes a role, never the last administrator; a person left with no role no longer acts for it', async () => {
    const adminId = (await a.caller.auth.me())!.userId;
    expect(await a.caller.organisation.removeRole({ userId: colleague.userId, role: 'bid_writer' })).toEqual({ removed: 'bid_writer' });
    expect((await people())[0]).toEqual(['Asha Patel', ['Contract manager']]);
    expect(await outcomeWithField(a.caller.organisation.removeRole({ userId: colleague.userId, role: 'bid_writer' }))).toBe('BAD_REQUEST role');
    expect(await outcomeWithField(a.caller.organisation.removeRole({ userId: adminId, role: 'provider_admin' }))).toBe('BAD_REQUEST role');
    await a.caller.organisation.removeRole({ userId: colleague.userId, role: 'contract_manager' });
    expect((await people()).map(([name]) => name)).toEqual(['Bid Writer 100']);
    const session = (await resolveSession(connection.db, colleague.token, config.session, new Date()))!;
    expect(session.providerRoles).toEqual([]);
    expect(await outcome(callerFor(connection, session).organisation.mine())).toBe('FORBIDDEN');
  });

  it('a cancelled invitation cannot be used', async () => {
    const issued = await a.caller.organisation.invite({ email: 'ben@homecare100.example', roles: ['contract_manager'] });
    const [invitation] = await a.caller.organisation.invitations();
    await a.caller.organisation.cancelInvitation({ invitationId: invitation!.id });
    expect(await outcome(a.caller.organisation.cancelInvitation({ invitationId: invitation!.id }))).toBe('NOT_FOUND');
    expect(await outcome(other.caller.organisation.cancelInvitation({ invitationId: invitation!.id }))).toBe('NOT_FOUND');
    const publicCaller = createCaller(contextFor(connection, null, { meta: { ip: '198.51.100.202' } }));
    expect((await publicCaller.organisation.checkInvitation({ token: issued.path!.split('/').pop()! })).usable).toBe(false);
  });
});
