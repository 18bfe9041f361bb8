import { randomUUID } from 'node:crypto';
import { createCaller, type SessionIdentity } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, contextFor, GSS, openSeededDatabase, outcome, signIn, type Caller } from '../support/api.ts';
import { PARTNERSHIP_ACTORS, PARTNERSHIP_MATRIX, type PartnershipActor } from './partnership-matrix.ts';

const EMAIL: Record<Exclude<PartnershipActor, 'signedOut'>, string> = {
  viewer: 'viewer.sefton@concord.example',
  commissioner: 'commissioner.sefton@concord.example',
  authorityAdmin: 'admin.sefton@concord.example',
  member: 'commissioner.knowsley@concord.example',
  invitee: 'commissioner.kent@concord.example',
  outsider: 'commissioner.plymouth@concord.example',
  platformAdmin: 'admin@concord.example',
};

let connection: Connection;
let lead: Caller;
let knowsley: Caller;
let serial = 0;

interface Fixture {
  partnershipId: string;
  kentInvitationId: string;
}

/** A fresh partnership led by Sefton, Knowsley a member, Kent invited. */
async function fresh(): Promise<Fixture> {
  const { id: partnershipId } = await lead.partnership.propose({ idempotencyKey: randomUUID(), name: `Matrix partnership ${++serial}`, kind: 'tripartite', purpose: 'Matrix', kpiCodes: ['SL-01'] });
  const { invitationId } = await lead.partnership.invite({ partnershipId, authorityId: GSS.knowsley });
  await knowsley.partnership.acceptInvitation({ invitationId });
  const { invitationId: kentInvitationId } = await lead.partnership.invite({ partnershipId, authorityId: GSS.kent });
  return { partnershipId, kentInvitationId };
}

type Call = (caller: Caller, f: Fixture, me: SessionIdentity | null) => Promise<unknown>;
const role = (f: Fixture, me: SessionIdentity | null) => ({ partnershipId: f.partnershipId, userId: me?.userId ?? '00000000-0000-4000-8000-000000000000', role: 'network_member' as const });
/** Naming sends the version of the caller's roles as its settings page shows it (1 to a caller who cannot see it). */
const naming = async (c: Caller, f: Fixture, me: SessionIdentity | null) => ({
  ...role(f, me),
  version: await c.partnership.settings({ partnershipId: f.partnershipId }).then((s) => s.rolesVersion, () => 1),
});
const CALLS: Record<string, Call> = {
  'partnership.settings': async (c, f) => expect((await c.partnership.settings({ partnershipId: f.partnershipId })).lead.id).toBe(GSS.sefton),
  'partnership.invitations': (c) => c.partnership.invitations(),
  'partnership.kpiLibrary': (c) => c.partnership.kpiLibrary(),
  'partnership.propose': (c) => c.partnership.propose({ idempotencyKey: randomUUID(), name: `Matrix proposal ${++serial}`, kind: 'framework_consortium', purpose: 'Matrix', kpiCodes: [] }),
  'partnership.invite': (c, f) => c.partnership.invite({ partnershipId: f.partnershipId, authorityId: GSS.devon }),
  'partnership.withdrawInvitation': (c, f) => c.partnership.withdrawInvitation({ invitationId: f.kentInvitationId }),
  'partnership.acceptInvitation': (c, f) => c.partnership.acceptInvitation({ invitationId: f.kentInvitationId }),
  'partnership.declineInvitation': (c, f) => c.partnership.declineInvitation({ invitationId: f.kentInvitationId }),
  'partnership.nameRole': async (c, f, me) => c.partnership.nameRole(await naming(c, f, me)),
  'partnership.removeRole': async (c, f, me) => {
    await c.partnership.nameRole(await naming(c, f, me));
    return c.partnership.removeRole(role(f, me));
  },
  'partnership.leave': (c, f) => c.partnership.leave({ partnershipId: f.partnershipId, leaveOn: new Date().toISOString().slice(0, 10) }),
  'partnership.proposeLead': (c, f) => c.partnership.proposeLead({ partnershipId: f.partnershipId, authorityId: GSS.knowsley }),
  'partnership.acceptLead': async (c, f) => {
    await lead.partnership.proposeLead({ partnershipId: f.partnershipId, authorityId: GSS.knowsley });
    return c.partnership.acceptLead({ partnershipId: f.partnershipId });
  },
  'partnership.setKpiSet': async (c, f) => {
    const { row_version: version } = await connection.db.selectFrom('partnership').select('row_version').where('id', '=', f.partnershipId).executeTakeFirstOrThrow();
    return c.partnership.setKpiSet({ partnershipId: f.partnershipId, kpiCodes: ['COST-01'], version });
  },
};

beforeAll(async () => {
  connection = await openSeededDatabase();
  lead = callerFor(connection, (await signIn(connection, EMAIL.commissioner)).session);
  knowsley = callerFor(connection, (await signIn(connection, EMAIL.member)).session);
});
afterAll(() => connection.close());

describe('partnership API tenancy matrix (issue 10, item 4)', () => {
  it('calls every procedure it classifies', () => expect(Object.keys(CALLS).sort()).toEqual(Object.keys(PARTNERSHIP_MATRIX).sort()));

  for (const [path, expectation] of Object.entries(PARTNERSHIP_MATRIX)) {
    for (const actor of PARTNERSHIP_ACTORS) {
      it(`${path} as ${actor}: ${expectation[actor]}`, async () => {
        const fixture = await fresh();
        const me = actor === 'signedOut' ? null : (await signIn(connection, EMAIL[actor])).session;
        const caller = createCaller(contextFor(connection, me));
        expect(await outcome(CALLS[path]!(caller, fixture, me))).toBe(expectation[actor]);
      });
    }
  }
});
