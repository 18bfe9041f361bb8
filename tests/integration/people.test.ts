import { randomUUID } from 'node:crypto';
import { createCaller, loadApiConfig, resolveSession } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, GSS, openSeededDatabase, outcome, recordingMail, signIn, type Caller, outcomeWithField as refusal } from '../support/api.ts';

/**
 * Issue 10, item 3: authority administrators invite people by single-use links, change roles (the last
 * administrator kept), deactivate people (their sessions end at once) and issue password reset links.
 */
const PASSWORD = 'heron lantern quarry';
const DAY = 86_400_000;


const tokenOf = (path: string | null) => path!.split('/').pop()!;
const tamper = (token: string) => (token[0] === 'A' ? 'B' : 'A') + token.slice(1);

let connection: Connection;
let seftonAdmin: Caller;
let plymouthAdmin: Caller;
let ip = 0;
/** A fresh address per anonymous call, so the link throttle meets no earlier test's attempts. */
const anonymous = (now = new Date()) => {
  const ctx = contextFor(connection, null, { now: () => now, meta: { ip: `192.0.2.${++ip}` } });
  return { ctx, caller: createCaller(ctx) };
};
const accept = (token: string, now?: Date, password = PASSWORD) => {
  const { ctx, caller } = anonymous(now);
  return { ctx, call: caller.people.acceptInvitation({ token, displayName: 'Val Newcomer', password, confirmPassword: password }) };
};

beforeAll(async () => {
  connection = await openSeededDatabase();
  seftonAdmin = callerFor(connection, (await signIn(connection, 'admin.sefton@concord.example')).session);
  plymouthAdmin = callerFor(connection, (await signIn(connection, 'admin.plymouth@concord.example')).session);
});
afterAll(() => connection.close());

describe('invitations', () => {
  it('invite → accept: the person is signed in for the authority with the roles', async () => {
    const invited = await seftonAdmin.people.invite({ email: 'Val.Newcomer@Sefton.example', roles: ['viewer', 'finance'] });
    expect(invited.path).toMatch(/^\/invitation\/[A-Za-z0-9_-]{43}$/);
    expect((await seftonAdmin.people.list()).invitations.map((i) => i.email)).toEqual(['val.newcomer@sefton.example']);
    const stored = await connection.db.selectFrom('person_link').select(['token_hash']).where('id', '=', invited.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(tokenOf(invited.path));

    const { ctx, call } = accept(tokenOf(invited.path));
    await call;
    const session = await resolveSession(connection.db, ctx.jar.token!, config.session, new Date());
    expect(session).toMatchObject({ email: 'val.newcomer@sefton.example', authorityId: GSS.sefton, displayName: 'Val Newcomer' });
    const roles = await connection.db.selectFrom('membership').select('role').where('user_id', '=', session!.userId).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['finance', 'viewer']);
    const listed = await seftonAdmin.people.list();
    expect(listed.invitations).toEqual([]);
    expect(listed.people.find((p) => p.email === 'val.newcomer@sefton.example')).toMatchObject({ active: true, roles: ['finance', 'viewer'] });
    expect(listed.people.find((p) => p.email === 'val.newcomer@sefton.example')!.lastSignInAt).not.toBeNull();

    // Used once: refused the second time, against the link.
    expect(await refusal(accept(tokenOf(invited.path)).call)).toBe('BAD_REQUEST token');
  });

  it('an expired, tampered or cancelled link is refused and creates nobody', async () => {
    const invited = await seftonAdmin.people.invite({ email: 'late@sefton.example', roles: ['viewer'] });
    const token = tokenOf(invited.path);
    expect(await refusal(accept(token, new Date(Date.now() + 7 * DAY + 60_000)).call)).toBe('BAD_REQUEST token');
    expect(await refusal(accept(tamper(token)).call)).toBe('BAD_REQUEST token');
    expect(await refusal(accept(token, undefined, 'password').call)).toBe('BAD_REQUEST password');
    await seftonAdmin.people.cancelInvitation({ invitationId: invited.id });
    expect(await refusal(accept(token).call)).toBe('BAD_REQUEST token');
    expect(await connection.db.selectFrom('app_user').select('id').where('email', '=', 'late@sefton.example').execute()).toEqual([]);
  });

  it('an email already a member or already invited is refused against the field', async () => {
    expect(await refusal(seftonAdmin.people.invite({ email: 'viewer.sefton@concord.example', roles: ['viewer'] }))).toBe('BAD_REQUEST email');
    await seftonAdmin.people.invite({ email: 'twice@sefton.example', roles: ['viewer'] });
    expect(await refusal(seftonAdmin.people.invite({ email: 'twice@sefton.example', roles: ['commissioner'] }))).toBe('BAD_REQUEST email');
    expect(await refusal(seftonAdmin.people.invite({ email: 'none@sefton.example', roles: [] }))).toBe('BAD_REQUEST roles');
  });

  it('the platform administrator invites an authority’s first administrator; a commissioner cannot invite', async () => {
    const admin = callerFor(connection, (await signIn(connection, 'admin@concord.example')).session);
    const invited = await admin.people.inviteAdministrator({ authorityId: GSS.kent, email: 'admin.kent@kent.example' });
    const { ctx, call } = accept(tokenOf(invited.path));
    await call;
    const session = await resolveSession(connection.db, ctx.jar.token!, config.session, new Date());
    const kentAdmin = callerFor(connection, session);
    expect((await kentAdmin.people.list()).people.map((p) => [p.email, p.roles])).toContainEqual(['admin.kent@kent.example', ['authority_admin']]);
    const commissioner = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
    expect(await outcome(commissioner.people.invite({ email: 'x@sefton.example', roles: ['viewer'] }))).toBe('FORBIDDEN');
    expect(await outcome(seftonAdmin.people.inviteAdministrator({ authorityId: GSS.kent, email: 'y@kent.example' }))).toBe('FORBIDDEN');
  });
});

describe('managing people', () => {
  const idOf = async (email: string) => (await connection.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  it('changes roles; the last authority administrator is kept', async () => {
    const viewer = await idOf('viewer.sefton@concord.example');
    // Their roles are at version 1 until first changed; each change moves them on.
    expect(await seftonAdmin.people.setRoles({ userId: viewer, roles: ['viewer', 'contract_officer'], version: 1 })).toEqual({ roles: ['viewer', 'contract_officer'], rowVersion: 2 });
    const roles = await connection.db.selectFrom('membership').select('role').where('user_id', '=', viewer).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['contract_officer', 'viewer']);
    await seftonAdmin.people.setRoles({ userId: viewer, roles: ['viewer'], version: 2 });
    const me = await idOf('admin.sefton@concord.example');
    expect(await refusal(seftonAdmin.people.setRoles({ userId: me, roles: ['viewer'], version: 1 }))).toBe('BAD_REQUEST roles');
    expect((await connection.db.selectFrom('membership').select('role').where('user_id', '=', me).execute()).map((r) => r.role)).toEqual(['authority_admin']);
    // An administrator gives themself a role too (as a council's first administrator does to propose a partnership), and takes it away.
    expect(await seftonAdmin.people.setRoles({ userId: me, roles: ['authority_admin', 'commissioner'], version: 1 })).toEqual({ roles: ['authority_admin', 'commissioner'], rowVersion: 2 });
    expect((await connection.db.selectFrom('membership').select('role').where('user_id', '=', me).orderBy('role').execute()).map((r) => r.role)).toEqual(['authority_admin', 'commissioner']);
    await seftonAdmin.people.setRoles({ userId: me, roles: ['authority_admin'], version: 2 });
    expect((await connection.db.selectFrom('membership').select('role').where('user_id', '=', me).execute()).map((r) => r.role)).toEqual(['authority_admin']);
  });

  it('deactivating ends the person’s sessions at once; their audit rows keep their name; reactivation lets them sign in again', async () => {
    const email = 'commissioner.sefton@concord.example';
    const { token, session } = await signIn(connection, email);
    const victim = callerFor(connection, session);
    await victim.apiToken.create({ idempotencyKey: randomUUID(), label: 'Before deactivation' });
    await seftonAdmin.people.setActive({ userId: session.userId, active: false });
    expect(await resolveSession(connection.db, token, config.session, new Date())).toBeNull();
    const revoked = await connection.db.selectFrom('session').select('revoked_at').where('user_id', '=', session.userId).where('revoked_at', 'is', null).execute();
    expect(revoked).toEqual([]);
    expect(await refusal(signIn(connection, email))).toBe('UNAUTHORIZED');
    const audit = await connection.db
      .selectFrom('audit_event')
      .innerJoin('app_user', 'app_user.id', 'audit_event.user_id')
      .select('app_user.display_name')
      .where('audit_event.procedure', '=', 'apiToken.create')
      .where('audit_event.user_id', '=', session.userId)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    await seftonAdmin.people.setActive({ userId: session.userId, active: true });
    expect(await resolveSession(connection.db, token, config.session, new Date())).toBeNull(); // the old session stays ended
    await signIn(connection, email);
  });

  it('a reset link sets a new password and ends all of that person’s sessions', async () => {
    const email = 'viewer.sefton@concord.example';
    const { token, session } = await signIn(connection, email);
    const issued = await seftonAdmin.people.issueReset({ userId: session.userId });
    expect(issued.path).toMatch(/^\/reset-password\//);
    const { caller } = anonymous();
    await caller.people.resetPassword({ token: tokenOf(issued.path), password: PASSWORD, confirmPassword: PASSWORD });
    expect(await resolveSession(connection.db, token, config.session, new Date())).toBeNull();
    expect(await refusal(signIn(connection, email))).toBe('UNAUTHORIZED');
    const ctx = contextFor(connection, null);
    await createCaller(ctx).auth.signIn({ email, password: PASSWORD });
    expect(ctx.jar.token).toBeTruthy();
    // The link is single use, and an invitation link is no reset link.
    expect(await refusal(anonymous().caller.people.resetPassword({ token: tokenOf(issued.path), password: PASSWORD, confirmPassword: PASSWORD }))).toBe('BAD_REQUEST token');
  });

  it('an authority administrator cannot touch another authority’s people (NOT_FOUND)', async () => {
    const seftonViewer = await idOf('viewer.sefton@concord.example');
    expect(await outcome(plymouthAdmin.people.setRoles({ userId: seftonViewer, roles: ['commissioner'], version: 1 }))).toBe('NOT_FOUND');
    expect(await outcome(plymouthAdmin.people.setActive({ userId: seftonViewer, active: false }))).toBe('NOT_FOUND');
    expect(await outcome(plymouthAdmin.people.issueReset({ userId: seftonViewer }))).toBe('NOT_FOUND');
    const seftonInvite = await seftonAdmin.people.invite({ email: 'private@sefton.example', roles: ['viewer'] });
    expect(await outcome(plymouthAdmin.people.cancelInvitation({ invitationId: seftonInvite.id }))).toBe('NOT_FOUND');
    const listed = await plymouthAdmin.people.list();
    expect(listed.people.map((p) => p.email)).not.toContain('viewer.sefton@concord.example');
    expect(listed.invitations.map((i) => i.email)).not.toContain('private@sefton.example');
  });
});

describe('with mail configured (CONCORD_SMTP_URL)', () => {
  it('the link is emailed through nodemailer, not shown, and works from the email', async () => {
    const { mail, sent } = recordingMail();
    const { session } = await signIn(connection, 'admin.sefton@concord.example');
    const ctx = { ...contextFor(connection, session, { meta: { origin: 'https://concord.council.example', host: 'concord.council.example' } }), config: { ...config, mail } };
    const issued = await createCaller(ctx).people.invite({ email: 'mailed@sefton.example', roles: ['commissioner'] });
    expect(issued).toEqual({ id: issued.id, path: null, emailed: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ from: 'concord@council.example', to: 'mailed@sefton.example', subject: 'Your invitation to Concord' });
    const url = /https:\/\/concord\.council\.example\/invitation\/([A-Za-z0-9_-]{43})/.exec(sent[0]!.text);
    expect(url).not.toBeNull();
    await accept(url![1]!).call;
    expect((await connection.db.selectFrom('app_user').select('display_name').where('email', '=', 'mailed@sefton.example').executeTakeFirstOrThrow()).display_name).toBe('Val Newcomer');
  });

  it('CONCORD_SMTP_URL is checked at start', () => {
    expect(loadApiConfig({}).mail).toBeNull();
    expect(loadApiConfig({ CONCORD_SMTP_URL: 'smtps://u:p@mail.example.org:465', CONCORD_MAIL_FROM: 'concord@council.example' }).mail).toEqual({
      transport: 'smtps://u:p@mail.example.org:465',
      from: 'concord@council.example',
    });
    expect(() => loadApiConfig({ CONCORD_SMTP_URL: 'mail.example.org' })).toThrow(/CONCORD_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  });
});
