import { demoSeedCommands } from '@concord/api';
import { seed, type Connection } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn, testPasswordHash } from '../support/api.ts';

/**
 * One way in (issue 10, item 6): the demo seed registers its councils and invites its people through the
 * registry's and people's commands. The data is what the seed made before (compared with a database seeded
 * without the commands), the commands' rules apply to the seed (a bad GSS code stops it), and the demo people
 * sign in with the demo password.
 */
let viaCommands: Connection;
let viaSql: Connection;

beforeAll(async () => {
  viaCommands = await openTestDatabase();
  await seed.seedDemo(viaCommands.db, testPasswordHash, demoSeedCommands);
  viaSql = await openSeededDatabase();
});
afterAll(async () => {
  await viaCommands?.close();
  await viaSql?.close();
});

/** What the seed made of the registry, people and partnerships, without generated ids or times. */
async function snapshot(connection: Connection) {
  const db = connection.db;
  const authorities = await db.selectFrom('authority').select(['id', 'name', 'kind', 'region', 'nhs_body_kind', 'active']).orderBy('id').execute();
  const people = await db.selectFrom('app_user').select(['email', 'display_name', 'is_platform_admin', 'disabled_at']).orderBy('email').execute();
  const memberships = await db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select(['app_user.email', 'membership.authority_id', 'membership.role'])
    .orderBy('app_user.email')
    .orderBy('membership.authority_id')
    .orderBy('membership.role')
    .execute();
  const partnershipRoles = await db
    .selectFrom('partnership_role')
    .innerJoin('app_user', 'app_user.id', 'partnership_role.user_id')
    .innerJoin('partnership', 'partnership.id', 'partnership_role.partnership_id')
    .select(['app_user.email', 'partnership.name', 'partnership_role.role'])
    .orderBy('app_user.email')
    .orderBy('partnership.name')
    .execute();
  const partnerships = await db.selectFrom('partnership').select(['name', 'kind', 'lead_authority_id']).orderBy('name').execute();
  const members = await db
    .selectFrom('partnership_member')
    .innerJoin('partnership', 'partnership.id', 'partnership_member.partnership_id')
    .select(['partnership.name', 'partnership_member.authority_id', 'partnership_member.joined_on', 'partnership_member.left_on'])
    .orderBy('partnership.name')
    .orderBy('partnership_member.authority_id')
    .execute();
  const count = async (table: 'contract' | 'procurement' | 'placement' | 'kpi_return' | 'partnership_member') =>
    (await db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
  return {
    authorities,
    people,
    memberships,
    partnershipRoles,
    partnerships,
    members,
    counts: { contract: await count('contract'), procurement: await count('procurement'), placement: await count('placement'), kpi_return: await count('kpi_return'), partnership_member: await count('partnership_member') },
  };
}

describe('the demo seed through the commands', () => {
  it('makes the same registry, people, memberships, partnership roles and records as before', async () => {
    const [commands, plain] = [await snapshot(viaCommands), await snapshot(viaSql)];
    expect(commands.authorities.length).toBe(seed.AUTHORITIES.length);
    expect(commands.people.length).toBeGreaterThan(30);
    expect(commands.counts.contract).toBeGreaterThan(0);
    expect(commands).toEqual(plain);
  });

  it('each person was invited and accepted the invitation: a used single-use link, issued by their authority’s administrator or the platform administrator', async () => {
    const links = await viaCommands.db
      .selectFrom('person_link')
      .innerJoin('app_user as inviter', 'inviter.id', 'person_link.created_by')
      .select(['person_link.email', 'person_link.authority_id', 'person_link.purpose', 'person_link.used_at', 'inviter.email as inviter'])
      .execute();
    const byEmail = new Map(links.map((l) => [l.email, l]));
    expect(byEmail.get('viewer.sefton@concord.example')).toMatchObject({ purpose: 'invitation', authority_id: GSS.sefton, inviter: 'admin.sefton@concord.example' });
    expect(byEmail.get('admin.sefton@concord.example')).toMatchObject({ inviter: 'admin@concord.example' });
    expect(byEmail.get('commissioner.kent@concord.example')).toMatchObject({ inviter: 'admin@concord.example' });
    expect(links.every((l) => l.used_at !== null)).toBe(true);
    // Everyone with an authority came in by invitation, but for the procurement seed's own panel members, who are
    // still written with SQL (packages/db/src/seed/procurement.ts); the platform administrator has no authority.
    const demo = new Set(seed.demoUsers().map((u) => u.email));
    const panel = seed.allDemoUsers().filter((u) => !demo.has(u.email)).map((u) => u.email);
    const members = await viaCommands.db.selectFrom('membership').innerJoin('app_user', 'app_user.id', 'membership.user_id').select('app_user.email').distinct().execute();
    expect(members.filter((m) => !byEmail.has(m.email)).map((m) => m.email).sort()).toEqual([...panel].sort());
    expect(panel.length).toBeLessThan(5);
  });

  it('each partnership was proposed by its lead, and each member invited and accepted, on the day it joined: its history says so', async () => {
    const history = await viaCommands.db
      .selectFrom('partnership_event')
      .innerJoin('partnership', 'partnership.id', 'partnership_event.partnership_id')
      .select(['partnership.name', 'partnership_event.action', 'partnership_event.about_authority_id', 'partnership_event.actor_name', 'partnership_event.at'])
      .where('partnership.name', '=', 'LCR Tripartite')
      .where('partnership_event.action', 'in', ['proposed', 'invited', 'accepted'])
      .orderBy('partnership_event.at')
      .execute();
    // All on the day it was formed (one timestamp), so compared as a set of steps.
    expect(history.map((e) => `${e.action} ${e.about_authority_id} ${e.at.toISOString().slice(0, 10)}`).sort()).toEqual(
      [
        `proposed ${GSS.liverpool} 2018-04-03`,
        `invited ${GSS.sefton} 2018-04-03`,
        `accepted ${GSS.sefton} 2018-04-03`,
        `invited ${GSS.knowsley} 2018-04-03`,
        `accepted ${GSS.knowsley} 2018-04-03`,
      ].sort(),
    );
    const invitations = await viaCommands.db.selectFrom('partnership_invitation').select('status').execute();
    expect(new Set(invitations.map((i) => i.status))).toEqual(new Set(['accepted']));
  });

  it('the demo people sign in with the demo password, with their roles', async () => {
    const { session } = await signIn(viaCommands, 'admin.sefton@concord.example');
    const people = await callerFor(viaCommands, session).people.list();
    expect(people.people.find((p) => p.email === 'viewer.sefton@concord.example')?.roles).toEqual(['viewer']);
  });
});

describe('the commands’ rules apply to the seed', () => {
  const entry = (id: string, kind: 'unitary' | 'county') => ({ id, slug: 'x', name: 'Test Council', kind, region: 'South West', population: 1 });

  async function tryAuthorities(authorities: ReturnType<typeof entry>[]) {
    const connection = await openTestDatabase();
    try {
      const error = await connection.db
        .transaction()
        .execute((trx) => seed.seedAuthorities(trx, demoSeedCommands, authorities))
        .then(() => null, (e: unknown) => e as Error);
      const written = await connection.db.selectFrom('authority').select('id').execute();
      return { error: error?.message ?? null, written: written.map((a) => a.id) };
    } finally {
      await connection.close();
    }
  }

  it('a GSS code that is not a council’s with adult social care (E07, a district) is refused, and nothing is written', async () => {
    const { error, written } = await tryAuthorities([entry('E06000099', 'unitary'), entry('E07000001', 'unitary')]);
    expect(error).toContain('Enter a GSS code of a council with adult social care responsibility');
    expect(written).toEqual([]);
  });

  it('a kind in the seed list that the code does not give is refused', async () => {
    const { error } = await tryAuthorities([entry('E06000099', 'county')]);
    expect(error).toBe('seed: Test Council (E06000099) was registered as unitary, not county');
  });
});
