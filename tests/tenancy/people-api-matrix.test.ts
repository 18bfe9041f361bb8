import { createCaller } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, contextFor, GSS, openSeededDatabase, outcome, signIn, testPasswordHash, type Caller } from '../support/api.ts';
import { PEOPLE_ACTORS, PEOPLE_MATRIX, type PeopleActor } from './people-matrix.ts';

const EMAIL: Record<Exclude<PeopleActor, 'signedOut'>, string> = {
  viewer: 'viewer.sefton@concord.example',
  contract_officer: 'officer.sefton@concord.example',
  commissioner: 'commissioner.sefton@concord.example',
  authorityAdmin: 'admin.sefton@concord.example',
  otherAdmin: 'admin.plymouth@concord.example',
  platformAdmin: 'admin@concord.example',
};
const PASSWORD = 'heron lantern quarry';

let connection: Connection;
let seftonAdmin: Caller;
let serial = 0;

/** A fresh Sefton viewer (as the owner), so a cell that changes them changes nobody the next cell meets. */
async function freshPerson(): Promise<string> {
  const user = await connection.db
    .insertInto('app_user')
    .values({ email: `matrix.person${++serial}@sefton.example`, display_name: 'Matrix Person', password_hash: await testPasswordHash(PASSWORD) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await connection.db.insertInto('membership').values({ authority_id: GSS.sefton, user_id: user.id, role: 'viewer' }).execute();
  return user.id;
}
const freshInvitation = async () => seftonAdmin.people.invite({ email: `matrix.invited${++serial}@sefton.example`, roles: ['viewer'] });
const tokenOf = (path: string | null) => path!.split('/').pop()!;

type Call = (caller: Caller, actor: PeopleActor) => Promise<unknown>;
const CALLS: Record<string, Call> = {
  'people.list': async (c, actor) => {
    const listed = await c.people.list();
    const emails = listed.people.map((p) => p.email);
    if (actor === 'otherAdmin') expect(emails).not.toContain('viewer.sefton@concord.example');
    else expect(emails).toContain('viewer.sefton@concord.example');
  },
  'people.invite': (c) => c.people.invite({ email: `matrix.invite${++serial}@example.org`, roles: ['viewer'] }),
  'people.inviteAdministrator': (c) => c.people.inviteAdministrator({ authorityId: GSS.kent, email: `matrix.kent${++serial}@example.org` }),
  'people.cancelInvitation': async (c) => c.people.cancelInvitation({ invitationId: (await freshInvitation()).id }),
  'people.setRoles': async (c) => c.people.setRoles({ userId: await freshPerson(), roles: ['finance'], version: 1 }),
  'people.setActive': async (c) => c.people.setActive({ userId: await freshPerson(), active: false }),
  'people.issueReset': async (c) => c.people.issueReset({ userId: await freshPerson() }),
  'people.setTwoStepRequired': async (c, actor) => {
    const authorityId = actor === 'otherAdmin' ? GSS.plymouth : GSS.sefton;
    const { row_version } = await connection.db.selectFrom('authority').select('row_version').where('id', '=', authorityId).executeTakeFirstOrThrow();
    expect(await c.people.setTwoStepRequired({ required: false, rowVersion: row_version })).toEqual({ required: false, rowVersion: row_version + 1 });
  },
  'people.checkLink': async (c) => expect((await c.people.checkLink({ token: tokenOf((await freshInvitation()).path) })).usable).toBe(true),
  'people.acceptInvitation': async (c) => {
    const token = tokenOf((await freshInvitation()).path);
    return c.people.acceptInvitation({ token, displayName: 'Matrix Newcomer', password: PASSWORD, confirmPassword: PASSWORD });
  },
  'people.resetPassword': async (c) => {
    const token = tokenOf((await seftonAdmin.people.issueReset({ userId: await freshPerson() })).path);
    return c.people.resetPassword({ token, password: PASSWORD, confirmPassword: PASSWORD });
  },
  'audit.list': async (c, actor) => {
    const events = await c.audit.list({ limit: 200 });
    if (actor !== 'platformAdmin') expect(events.length).toBeGreaterThan(0);
    const authorities = [...new Set(events.map((e) => e.authority?.id ?? null))];
    if (actor === 'platformAdmin') expect(events.filter((e) => e.authority !== null && !['registry', 'people', 'partnership'].includes(e.kind))).toEqual([]);
    else expect(authorities).toEqual([actor === 'otherAdmin' ? GSS.plymouth : GSS.sefton]);
  },
};

beforeAll(async () => {
  connection = await openSeededDatabase();
  seftonAdmin = callerFor(connection, (await signIn(connection, EMAIL.authorityAdmin)).session);
});
afterAll(() => connection.close());

describe('people API tenancy matrix (issue 10, item 3)', () => {
  it('calls every procedure it classifies', () => expect(Object.keys(CALLS).sort()).toEqual(Object.keys(PEOPLE_MATRIX).sort()));

  let address = 0;
  for (const [path, expectation] of Object.entries(PEOPLE_MATRIX)) {
    for (const actor of PEOPLE_ACTORS) {
      it(`${path} as ${actor}: ${expectation[actor]}`, async () => {
        const me = actor === 'signedOut' ? null : (await signIn(connection, EMAIL[actor])).session;
        // A fresh address per cell, so the link throttle meets no earlier cell's attempts.
        const caller = createCaller(contextFor(connection, me, { meta: { ip: `198.51.100.${++address % 250}` } }));
        expect(await outcome(CALLS[path]!(caller, actor))).toBe(expectation[actor]);
      });
    }
  }
});
