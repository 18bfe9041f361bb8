import { randomUUID } from 'node:crypto';
import { createCaller, resolveSession, type SessionIdentity } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, config, contextFor, openSeededDatabase, outcome, signIn, type Caller } from '../support/api.ts';
import { registerProvider, registerVerifiedProvider, registration, type RegisteredProvider } from '../support/providers.ts';
import { PROVIDER_ACTORS, PROVIDER_MATRIX, type ProviderActor } from './provider-matrix.ts';
import { providerDocumentCalls } from './provider-document-matrix.ts';
import { onlineApplicationCalls } from './online-application-calls.ts';
import { sealedCallOffCalls } from './sealed-call-off-matrix.ts';
import { providerContractCalls } from './provider-contract-matrix.ts';

/** Calls for provider-matrix.ts (issue 11). Organisation A's records are the targets; B and C are other organisations. */
let connection: Connection;
let a: RegisteredProvider;
let b: RegisteredProvider;
let c: RegisteredProvider;
let sessions: Record<Exclude<ProviderActor, 'signedOut' | 'provider' | 'otherProvider' | 'unverifiedProvider'>, SessionIdentity>;
let nextRegistration = 960;

beforeAll(async () => {
  connection = await openSeededDatabase();
  a = await registerVerifiedProvider(connection, 950);
  b = await registerVerifiedProvider(connection, 951);
  c = await registerProvider(connection, 952);
  sessions = {
    commissioner: (await signIn(connection, 'commissioner.sefton@concord.example')).session,
    platformAdmin: (await signIn(connection, 'admin@concord.example')).session,
  };
});
afterAll(() => connection.close());

function callerOf(actor: ProviderActor): Caller {
  if (actor === 'signedOut') return createCaller(contextFor(connection, null, { meta: { ip: `198.51.100.${nextRegistration % 250}` } }));
  if (actor === 'provider') return a.caller;
  if (actor === 'otherProvider') return b.caller;
  if (actor === 'unverifiedProvider') return c.caller;
  return callerFor(connection, sessions[actor]);
}

/** A message in A's inbox (left by the platform administrator verifying a fresh organisation is not A's: make one directly). */
async function messageOfA(): Promise<string> {
  const row = await connection.db
    .insertInto('message')
    .values({ provider_id: a.providerId, kind: 'matrix', subject: 'Matrix message', body: 'For organisation A only' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A fresh invitation of A's (its administrator issues it), by its token. */
let nextInvitation = 0;
async function invitationOfA(roles: ('bid_writer' | 'contract_manager')[] = ['bid_writer']): Promise<{ id: string; token: string }> {
  const issued = await a.caller.organisation.invite({ email: `matrix${nextInvitation++}@homecare950.example`, roles });
  return { id: issued.id, token: issued.path!.split('/').pop()! };
}
const PERSON_PASSWORD = 'orchard pebble lantern';
/** A fresh person of A's with the bid writer role (invited and accepted). */
async function personOfA(): Promise<string> {
  const { token } = await invitationOfA();
  const ctx = contextFor(connection, null, { meta: { ip: `203.0.113.${nextInvitation % 250}` } });
  await createCaller(ctx).organisation.acceptInvitation({ token, displayName: 'Matrix Person', password: PERSON_PASSWORD, confirmPassword: PERSON_PASSWORD });
  return (await resolveSession(connection.db, ctx.jar.token!, config.session, new Date()))!.userId;
}

/** A fresh register entry Sefton makes, with no contract or placement, and a pending claim on it by someone registering with its number. */
let nextEntry = 0;
async function claimOnFreshEntry(): Promise<{ providerId: string; claimId: string }> {
  const companiesHouseNumber = `08${String(950_000 + nextEntry++).padStart(6, '0')}`;
  const { id: providerId } = await callerFor(connection, sessions.commissioner).provider.create({ idempotencyKey: randomUUID(), legalName: `Matrix Entry ${nextEntry} Ltd`, companiesHouseNumber });
  const ctx = contextFor(connection, null, { meta: { ip: `203.0.113.${(nextEntry + 100) % 250}` } });
  await createCaller(ctx).organisation.register({ ...registration(nextRegistration++), companiesHouseNumber, cqcProviderId: null });
  const claim = await connection.db.selectFrom('provider_claim').select('id').where('provider_id', '=', providerId).executeTakeFirstOrThrow();
  return { providerId, claimId: claim.id };
}

type Call = (caller: Caller, actor: ProviderActor) => Promise<unknown>;
const CALLS: Record<string, Call> = {
  ...providerDocumentCalls(() => a),
  'organisation.register': (caller) => caller.organisation.register(registration(nextRegistration++)),
  'organisation.mine': async (caller, actor) => {
    const mine = await caller.organisation.mine();
    const expectedId = actor === 'provider' ? a.providerId : actor === 'otherProvider' ? b.providerId : c.providerId;
    expect(mine.organisation.id).toBe(expectedId);
  },
  'organisation.update': async (caller) => {
    const { organisation } = await caller.organisation.mine();
    return caller.organisation.update({
      legalName: organisation.legalName,
      companiesHouseNumber: organisation.companiesHouseNumber,
      cqcProviderId: organisation.cqcProviderId,
      registeredAddress: organisation.registeredAddress!,
      contactName: organisation.contactName!,
      contactEmail: organisation.contactEmail!,
      contactPhone: '0151 222 3333',
      isSme: organisation.isSme,
      isVcse: organisation.isVcse,
      rowVersion: organisation.rowVersion,
    });
  },
  'organisation.awaitingVerification': async (caller) => {
    const waiting = await caller.organisation.awaitingVerification();
    expect(waiting.organisations.some((o) => o.id === c.providerId)).toBe(true);
    expect(waiting.organisations.some((o) => o.id === a.providerId)).toBe(false);
  },
  'organisation.get': async (caller) => expect((await caller.organisation.get({ providerId: a.providerId })).id).toBe(a.providerId),
  'organisation.verify': async (caller) => caller.organisation.verify({ providerId: (await registerProvider(connection, nextRegistration++)).providerId }),
  'organisation.invitations': async (caller, actor) => {
    const mine = await caller.organisation.invitations();
    if (actor !== 'provider') expect(mine.some((i) => i.email.endsWith('@homecare950.example'))).toBe(false);
  },
  'organisation.invite': (caller) => caller.organisation.invite({ email: `invited${nextInvitation++}@matrix.example`, roles: ['contract_manager'] }),
  'organisation.cancelInvitation': async (caller) => caller.organisation.cancelInvitation({ invitationId: (await invitationOfA()).id }),
  'organisation.removeRole': async (caller) => caller.organisation.removeRole({ userId: await personOfA(), role: 'bid_writer' }),
  'organisation.checkInvitation': async (caller) => expect((await caller.organisation.checkInvitation({ token: (await invitationOfA()).token })).usable).toBe(true),
  'organisation.acceptInvitation': async (caller) =>
    caller.organisation.acceptInvitation({ token: (await invitationOfA()).token, displayName: 'Matrix Person', password: PERSON_PASSWORD, confirmPassword: PERSON_PASSWORD }),
  'organisation.myClaim': async (caller) => expect(await caller.organisation.myClaim()).toBeNull(),
  'provider.claims': async (caller) => expect(await caller.provider.claims({ providerId: (await claimOnFreshEntry()).providerId })).toHaveLength(1),
  'provider.decideClaim': async (caller) => caller.provider.decideClaim({ claimId: (await claimOnFreshEntry()).claimId, decision: 'confirm' }),
  'audit.list': async (caller, actor) => {
    const events = await caller.audit.list({ limit: 200 });
    // A's registration is the first event of A's own log, and of no other organisation's.
    if (actor === 'provider' || actor === 'otherProvider' || actor === 'unverifiedProvider') expect(events.some((e) => e.procedure === 'organisation.register' && e.target === a.providerId)).toBe(actor === 'provider');
  },
  'message.list': async (caller, actor) => {
    await messageOfA();
    const { messages } = await caller.message.list({ limit: 100, offset: 0, unreadOnly: false });
    expect(messages.some((m) => m.subject === 'Matrix message')).toBe(actor === 'provider');
  },
  'message.unreadCount': async (caller) => expect((await caller.message.unreadCount()).unread).toBeGreaterThanOrEqual(0),
  'message.markRead': async (caller) => caller.message.markRead({ messageId: await messageOfA() }),
  ...onlineApplicationCalls(() => ({ connection, a })),
  ...sealedCallOffCalls(() => ({ connection, a })),
  ...providerContractCalls(() => ({ connection, a })),
};

describe('provider tenancy matrix', () => {
  it('has a call for every procedure it classifies', () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(PROVIDER_MATRIX).sort());
  });

  for (const [path, cells] of Object.entries(PROVIDER_MATRIX)) {
    for (const actor of PROVIDER_ACTORS) {
      it(`${path} as ${actor}: ${cells[actor]}`, async () => {
        expect(await outcome(CALLS[path]!(callerOf(actor), actor))).toBe(cells[actor]);
      });
    }
  }
});
