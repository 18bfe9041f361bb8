import { appRouter, type SessionIdentity } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, DEMO_PASSWORD, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import { ACTORS, API_MATRIX, type Actor } from './api-matrix.ts';

const EMAIL: Record<Exclude<Actor, 'signedOut'>, string> = {
  viewer: 'viewer.sefton@concord.example',
  contract_officer: 'officer.sefton@concord.example',
  commissioner: 'commissioner.sefton@concord.example',
  admin: 'admin@concord.example',
};

let connection: Connection;
let tripartiteId: string;
let peninsulaId: string;

beforeAll(async () => {
  connection = await openSeededDatabase();
  const ids = await connection.db.selectFrom('partnership').select(['id', 'name']).execute();
  tripartiteId = ids.find((p) => p.name === 'LCR Tripartite')!.id;
  peninsulaId = ids.find((p) => p.name === 'South West Peninsula')!.id;
  // An event of another authority that no Sefton caller may ever see.
  await connection.db.insertInto('audit_event').values({ authority_id: GSS.kent, procedure: 'marker.kent', outcome: 'success', request_id: 'kent' }).execute();
});
afterAll(() => connection.close());

type Caller = ReturnType<typeof callerFor>;
type Call = (caller: Caller, target: 'own' | 'other', actor: Actor, me: SessionIdentity | null) => Promise<unknown>;

/** How each procedure is called for a target, and what its result must (not) contain. */
const CALLS: Record<string, Call> = {
  'auth.signIn': (c, target, actor) =>
    c.auth.signIn({ email: EMAIL[actor === 'signedOut' ? 'viewer' : actor], password: target === 'own' ? DEMO_PASSWORD : 'wrong password' }),
  'auth.me': async (c, _t, actor, me) => {
    const result = await c.auth.me();
    expect(result?.userId ?? null).toBe(actor === 'signedOut' ? null : me!.userId);
  },
  'auth.signOut': (c) => c.auth.signOut(),
  'auth.sessions': async (c, _t, _a, me) => {
    const sessions = await c.auth.sessions();
    expect(sessions.find((s) => s.current)?.id).toBe(me!.sessionId);
  },
  'auth.revokeSession': async (c, target, actor) => {
    const victim = target === 'own' ? EMAIL[actor === 'signedOut' ? 'viewer' : actor] : 'viewer.kent@concord.example';
    const { session } = await signIn(connection, victim);
    return c.auth.revokeSession({ sessionId: session.sessionId });
  },
  'authority.mine': async (c) => {
    const mine = await c.authority.mine();
    expect(mine.authority.id).toBe(GSS.sefton);
    expect(mine.partnerships.map((p) => p.name)).toEqual(['LCR Tripartite']);
  },
  'partnership.get': async (c, target) => {
    const partnership = await c.partnership.get({ partnershipId: target === 'own' ? tripartiteId : peninsulaId });
    expect(partnership.lead.id).toBe(GSS.liverpool);
  },
  'audit.list': async (c) => {
    const events = await c.audit.list({ limit: 200 });
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((e) => e.procedure)).not.toContain('marker.kent');
  },
};

describe('API tenancy matrix', () => {
  it('classifies every procedure of the router', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(API_MATRIX).sort()).toEqual(procedures);
    expect(Object.keys(CALLS).sort()).toEqual(procedures);
  });

  for (const [path, expectation] of Object.entries(API_MATRIX)) {
    for (const actor of ACTORS) {
      for (const target of ['own', 'other'] as const) {
        const expected = expectation[actor][target];
        it(`${path} as ${actor} on ${target}: ${expected}`, async () => {
          // A fresh session per cell: some cells sign out or revoke.
          const me = actor === 'signedOut' ? null : (await signIn(connection, EMAIL[actor])).session;
          expect(await outcome(CALLS[path]!(callerFor(connection, me), target, actor, me))).toBe(expected);
        });
      }
    }
  }
});
