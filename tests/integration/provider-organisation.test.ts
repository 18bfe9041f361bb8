import { createCaller, resolveSession } from '@concord/api';
import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, openSeededDatabase, outcome, outcomeWithField, signIn, type Caller } from '../support/api.ts';
import { PROVIDER_PASSWORD, registerProvider, registration } from '../support/providers.ts';

/**
 * Issue 11, item 1: a provider organisation registers itself and becomes a kind of tenant. Its session acts for the
 * organisation (never for an authority), it sees its own profile and nothing of any authority's, numbers already in
 * the register are refused, and only a platform administrator (or an authority) verifies it.
 */
const register = (connection: Connection, n: number) => registerProvider(connection, n);
const PASSWORD = PROVIDER_PASSWORD;

describe('a provider organisation registers itself', () => {
  let connection: Connection;
  let provider: { caller: Caller; providerId: string; token: string };
  beforeAll(async () => {
    connection = await openSeededDatabase();
    provider = await register(connection, 1);
  });
  afterAll(() => connection.close());

  it('is signed in acting for the organisation as its provider administrator, unverified', async () => {
    const session = (await resolveSession(connection.db, provider.token, config.session, new Date()))!;
    expect(session.authorityId).toBeNull();
    expect(session.providerId).toBe(provider.providerId);
    expect(session.providerRoles).toEqual(['provider_admin']);
    const mine = await provider.caller.organisation.mine();
    expect(mine.organisation).toMatchObject({ legalName: 'Wirral Homecare 1 Ltd', companiesHouseNumber: '09000001', verified: false, selfRegistered: true });
    expect(mine.people.map((p) => [p.displayName, p.roles.map((r) => r.label)])).toEqual([['Bid Writer 1', ['Provider administrator']]]);
  });

  it('sees nothing of any authority: authority procedures are refused and authority rows are invisible in SQL', async () => {
    expect(await outcome(provider.caller.contract.list({}))).toBe('FORBIDDEN');
    expect(await outcome(provider.caller.provider.list())).toBe('FORBIDDEN');
    expect(await outcome(provider.caller.people.inviteAdministrator({ authorityId: 'E08000014', email: 'x@sefton.example' }))).toBe('FORBIDDEN');
    expect(await outcome(provider.caller.population.import({ year: 2023, csv: 'code,name\n' }))).toBe('FORBIDDEN');
    const { rows } = await connection.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('role', 'concord_app', true), set_config('app.provider_id', ${provider.providerId}, true)`.execute(tx);
      return sql<{ contracts: number; placements: number; providers: number }>`
        SELECT (SELECT count(*)::int FROM contract) AS contracts, (SELECT count(*)::int FROM placement) AS placements, (SELECT count(*)::int FROM provider) AS providers`.execute(tx);
    });
    expect(rows[0]).toEqual({ contracts: 0, placements: 0, providers: 1 });
  });

  it('corrects its own details; a stale version is refused', async () => {
    const { organisation } = await provider.caller.organisation.mine();
    const { rowVersion: _v, id: _i, verified: _x, verifiedOn: _o, verifiedBy: _b, selfRegistered: _s, ...details } = organisation;
    const saved = await provider.caller.organisation.update({ ...details, registeredAddress: details.registeredAddress!, contactName: details.contactName!, contactEmail: details.contactEmail!, contactPhone: '0151 765 4321', rowVersion: organisation.rowVersion });
    expect(saved.rowVersion).toBe(organisation.rowVersion + 1);
    expect(await outcome(provider.caller.organisation.update({ ...details, registeredAddress: 'x', contactName: 'y', contactEmail: 'a@b.example', contactPhone: '0151 000 0000', rowVersion: organisation.rowVersion }))).toBe('CONFLICT');
    expect((await provider.caller.organisation.mine()).organisation.contactPhone).toBe('0151 765 4321');
  });

  it('cannot verify itself, even with SQL as the application role', async () => {
    await expect(
      connection.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('role', 'concord_app', true), set_config('app.provider_id', ${provider.providerId}, true)`.execute(tx);
        await sql`UPDATE provider SET verified_at = now(), verified_by = 'platform' WHERE id = ${provider.providerId}`.execute(tx);
      }),
    ).rejects.toThrow(/only an authority or a platform administrator verifies/);
    expect(await outcome(provider.caller.organisation.verify({ providerId: provider.providerId }))).toBe('FORBIDDEN');
  });

  it('is refused when its Companies House number or CQC provider ID is in the register already, or the email has an account', async () => {
    const ctx = contextFor(connection, null, { meta: { ip: '198.51.100.77' } });
    const caller = createCaller(ctx);
    const again = { ...registration(1), email: 'someone.else@wirral-homecare.example' };
    expect(await outcomeWithField(caller.organisation.register(again))).toBe('CONFLICT companiesHouseNumber');
    expect(await outcomeWithField(caller.organisation.register({ ...again, companiesHouseNumber: '01234599', cqcProviderId: registration(1).cqcProviderId }))).toBe('CONFLICT companiesHouseNumber');
    expect(await outcomeWithField(caller.organisation.register({ ...registration(2), email: registration(1).email }))).toBe('BAD_REQUEST email');
    expect(await outcomeWithField(caller.organisation.register({ ...registration(3), companiesHouseNumber: 'ABC', cqcProviderId: null }))).toBe('BAD_REQUEST companiesHouseNumber');
    expect(await outcomeWithField(caller.organisation.register({ ...registration(3), companiesHouseNumber: null, cqcProviderId: null }))).toBe('BAD_REQUEST companiesHouseNumber');
    expect(ctx.jar.token).toBeNull();
  });

  it('the platform administrator sees it waiting, verifies it once, and the organisation is told in its inbox', async () => {
    const admin = callerFor(connection, (await signIn(connection, 'admin@concord.example')).session);
    const waiting = await admin.organisation.awaitingVerification();
    expect(waiting.organisations.map((o) => o.legalName)).toContain('Wirral Homecare 1 Ltd');
    const verified = await admin.organisation.verify({ providerId: provider.providerId });
    expect(verified.verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await outcomeWithField(admin.organisation.verify({ providerId: provider.providerId }))).toBe('CONFLICT providerId');
    const mine = await provider.caller.organisation.mine();
    expect(mine.organisation).toMatchObject({ verified: true, verifiedBy: 'the platform administrator' });
    const inbox = await provider.caller.message.list();
    expect(inbox.unread).toBe(1);
    expect(inbox.messages[0]).toMatchObject({ subject: 'Your organisation is verified', from: 'Concord', read: false });
    await provider.caller.message.markRead({ messageId: inbox.messages[0]!.id });
    expect((await provider.caller.message.unreadCount()).unread).toBe(0);
  });

  it('an authority user cannot read the organisation’s inbox or its people', async () => {
    const sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
    const inbox = await sefton.message.list();
    expect(inbox.messages.some((m) => m.subject === 'Your organisation is verified')).toBe(false);
    expect(await outcome(sefton.organisation.mine())).toBe('FORBIDDEN');
    const provInbox = await provider.caller.message.list();
    expect(await outcome(sefton.message.markRead({ messageId: provInbox.messages[0]!.id }))).toBe('NOT_FOUND');
  });

  it('signs in again acting for the organisation', async () => {
    const ctx = contextFor(connection, null, { meta: { ip: '198.51.100.90' } });
    await createCaller(ctx).auth.signIn({ email: registration(1).email, password: PASSWORD });
    const session = (await resolveSession(connection.db, ctx.jar.token!, config.session, new Date()))!;
    expect(session.providerId).toBe(provider.providerId);
    expect(session.authorityId).toBeNull();
  });
});
