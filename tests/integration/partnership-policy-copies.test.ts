import type { Connection, TenantSettings, Tx } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, GSS, openSeededDatabase, type Caller } from '../support/api.ts';
import { partnershipIdOf, userIdOf } from '../support/procurement.ts';
import { rolledBack } from '../support/rolled-back.ts';

/**
 * Issue 15 (migration 0068): no policy calls app_led_partnership_ids() (reads partnership) or
 * app_invited_partnership_ids() (reads partnership_invitation). The rows of partnership_event, partnership_invitation,
 * partnership_member and partnership_role carry their partnership's lead, kept by triggers, and a new member or event
 * row whether its inserter is invited. These tests hold what the functions meant, in SQL as the application role: the
 * Tripartite's lead (Liverpool) reads and writes its invitations, lead roles and events, a member (Sefton) does not;
 * after a change of lead through the API the new lead does and the old does not, from the next statement; an invited
 * authority (Kent) joins and records its event, an uninvited one (Plymouth) is refused (42501); the copies equal their
 * sources; the application role can neither read nor write them.
 */
let connection: Connection;
let liverpool: Caller;
let sefton: Caller;
let partnershipId: string;
const users: Record<string, string> = {};
const EMAILS = {
  liverpool: 'commissioner.liverpool@concord.example',
  sefton: 'commissioner.sefton@concord.example',
  kent: 'commissioner.kent@concord.example',
  plymouth: 'commissioner.plymouth@concord.example',
} as const;
type Who = keyof typeof EMAILS;
const TABLES = ['partnership_event', 'partnership_invitation', 'partnership_member', 'partnership_role'];

beforeAll(async () => {
  connection = await openSeededDatabase();
  ({ liverpool, sefton } = await callersFor(connection, { liverpool: EMAILS.liverpool, sefton: EMAILS.sefton }));
  partnershipId = await partnershipIdOf(connection.db);
  for (const who of Object.keys(EMAILS) as Who[]) users[who] = await userIdOf(connection.db, EMAILS[who]);
  for (const who of ['liverpool', 'sefton']) users[`${who}Viewer`] = await userIdOf(connection.db, `viewer.${who}@concord.example`);
  await liverpool.partnership.invite({ partnershipId, authorityId: GSS.kent });
});
afterAll(() => connection.close());

/**
 * The transaction of `who`'s authority and commissioner. `bare`: it brings no partnerships of its own (as within the
 * transaction that proposes or joins one, before refreshPartnershipIds), so only the copies can answer.
 */
const settings = (who: Who, bare = false): TenantSettings => ({
  authorityId: GSS[who],
  userId: users[who]!,
  ...(bare ? { partnershipIds: '', ledPartnershipIds: '' } : {}),
});
const as = <T>(who: Who, work: (tx: Tx) => Promise<T>, bare = false) => rolledBack(connection.db, settings(who, bare), work);
/** 'ok', or the SQLSTATE of the refusal. */
const tried = (who: Who, work: (tx: Tx) => Promise<unknown>, bare = false) =>
  as(who, (tx) => work(tx).then(() => 'ok', (error: { code?: string }) => error.code ?? String(error)), bare);

/** The partnership's invitations the asker sees, other than those to itself (which it always sees). */
const invitationsSeen = (tx: Tx) =>
  sql<{ n: number }>`SELECT count(*)::int AS n FROM partnership_invitation
    WHERE partnership_id = ${partnershipId} AND invited_authority_id <> current_setting('app.authority_id', true)`.execute(tx).then((r) => r.rows[0]!.n);
/** An invitation by `who`'s authority; `copy`: what it writes into partnership_lead_authority_id (the trigger replaces it). */
const invite = (who: Who, invited: string, copy: string | null = null) => (tx: Tx) =>
  sql`INSERT INTO partnership_invitation (authority_id, partnership_id, invited_authority_id, partnership_name, partnership_kind,
      lead_authority_id, invited_by, invited_at, partnership_lead_authority_id)
    VALUES (${GSS[who]}, ${partnershipId}, ${invited}, 'LCR Tripartite', 'tripartite', ${GSS[who]}, ${users[who]}, now(), ${copy})`.execute(tx);
/** Names the authority's viewer (who holds no partnership role in the seed) to a role. */
const nameRole = (who: 'liverpool' | 'sefton', role: string) => (tx: Tx) =>
  sql`INSERT INTO partnership_role (authority_id, partnership_id, user_id, role) VALUES (${GSS[who]}, ${partnershipId}, ${users[`${who}Viewer`]}, ${role})`.execute(tx);
const nameLeadCommissioner = (who: 'liverpool' | 'sefton') => nameRole(who, 'lead_commissioner');
/** Names a lead commissioner and removes it: how many rows the removal saw. */
const nameAndRemoveLeadCommissioner = (who: 'liverpool' | 'sefton') => async (tx: Tx) => {
  await nameLeadCommissioner(who)(tx);
  const { rows } = await sql`DELETE FROM partnership_role WHERE partnership_id = ${partnershipId} AND authority_id = ${GSS[who]}
    AND user_id = ${users[`${who}Viewer`]} AND role = 'lead_commissioner' RETURNING 1`.execute(tx);
  return rows.length;
};
const recordEvent = (who: Who) => (tx: Tx) =>
  sql`INSERT INTO partnership_event (authority_id, partnership_id, at, user_id, actor_name, action)
    VALUES (${GSS[who]}, ${partnershipId}, now(), ${users[who]}, 'A commissioner', 'checked')`.execute(tx);
const join = (who: Who) => (tx: Tx) =>
  sql`INSERT INTO partnership_member (authority_id, partnership_id, joined_on) VALUES (${GSS[who]}, ${partnershipId}, current_date)`.execute(tx);
const leave = (who: Who) => (tx: Tx) =>
  sql`UPDATE partnership_member SET left_on = current_date + 30 WHERE authority_id = ${GSS[who]} AND partnership_id = ${partnershipId}`.execute(tx);

/** Per table: its rows, and those whose copy differs from their partnership's lead (read as the owner). */
async function copiesAgainstSources(): Promise<Record<string, { rows: number; wrong: number }>> {
  const out: Record<string, { rows: number; wrong: number }> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ rows: number; wrong: number }>`
      SELECT count(*)::int AS rows, count(*) FILTER (WHERE x.partnership_lead_authority_id IS DISTINCT FROM p.lead_authority_id)::int AS wrong
      FROM ${sql.id(table)} x JOIN partnership p ON p.id = x.partnership_id WHERE x.partnership_id = ${partnershipId}`.execute(connection.db);
    out[table] = rows[0]!;
  }
  return out;
}
const allRight = (counts: Record<string, { rows: number; wrong: number }>) => Object.values(counts).every((c) => c.rows > 0 && c.wrong === 0);

describe('no policy calls a function that reads partnership or partnership_invitation', () => {
  it('none calls app_led_partnership_ids() or app_invited_partnership_ids()', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT tablename || '.' || policyname AS name FROM pg_policies
      WHERE coalesce(qual, '') || ' ' || coalesce(with_check, '') ~ 'app_(led|invited)_partnership_ids'`.execute(connection.db);
    expect(rows).toEqual([]);
  });

  it('the copies equal their sources, on every row of the four tables', async () => {
    const counts = await copiesAgainstSources();
    expect(Object.values(counts).map((c) => c.wrong)).toEqual([0, 0, 0, 0]);
    expect(Object.values(counts).every((c) => c.rows > 0)).toBe(true);
  });
});

describe('the lead reads and writes as the lead, a member does not', () => {
  it('invitations: the lead sees its partnership’s and invites; a member sees none and is refused', async () => {
    expect(await as('liverpool', invitationsSeen)).toBeGreaterThan(0);
    expect(await as('sefton', invitationsSeen)).toBe(0);
    expect(await tried('liverpool', invite('liverpool', GSS.plymouth), true)).toBe('ok');
    expect(await tried('sefton', invite('sefton', GSS.plymouth))).toBe('42501');
    // What the member writes into the copy is replaced: it is still refused.
    expect(await tried('sefton', invite('sefton', GSS.plymouth, GSS.sefton))).toBe('42501');
  });

  it('roles: the lead names and removes lead commissioners; a member names only network members', async () => {
    expect(await as('liverpool', nameAndRemoveLeadCommissioner('liverpool'))).toBe(1);
    expect(await tried('sefton', nameLeadCommissioner('sefton'))).toBe('42501');
    expect(await tried('sefton', nameRole('sefton', 'network_member'))).toBe('ok');
  });

  it('events and leaving: the lead records with no partnerships of its own in the settings, a member not; the lead may not leave', async () => {
    expect(await tried('liverpool', recordEvent('liverpool'), true)).toBe('ok');
    expect(await tried('sefton', recordEvent('sefton'), true)).toBe('42501');
    expect(await tried('sefton', recordEvent('sefton'))).toBe('ok'); // as a member (app.partnership_ids)
    expect(await tried('liverpool', leave('liverpool'))).toBe('42501');
    expect(await tried('sefton', leave('sefton'))).toBe('ok');
  });
});

describe('invited or not', () => {
  it('the invited authority joins and records its event; an uninvited one is refused', async () => {
    expect(await tried('kent', async (tx) => (await join('kent')(tx), await recordEvent('kent')(tx)), true)).toBe('ok');
    expect(await tried('plymouth', join('plymouth'), true)).toBe('42501');
    expect(await tried('plymouth', recordEvent('plymouth'), true)).toBe('42501');
  });

  it('a partnership proposed in this transaction: its lead’s member row and event pass on the copy', async () => {
    const outcome = await tried('plymouth', async (tx) => {
      const { rows } = await sql<{ id: string }>`INSERT INTO partnership (name, kind, lead_authority_id) VALUES ('Copies test', 'tripartite', ${GSS.plymouth}) RETURNING id`.execute(tx);
      const id = rows[0]!.id;
      await sql`INSERT INTO partnership_member (authority_id, partnership_id, joined_on) VALUES (${GSS.plymouth}, ${id}, current_date)`.execute(tx);
      await sql`INSERT INTO partnership_event (authority_id, partnership_id, at, user_id, actor_name, action) VALUES (${GSS.plymouth}, ${id}, now(), ${users.plymouth}, 'A commissioner', 'proposed')`.execute(tx);
    }, true);
    expect(outcome).toBe('ok');
  });
});

describe('a change of lead', () => {
  it('inside the transaction that takes the lead, the next statement reads and writes as the lead', async () => {
    await liverpool.partnership.proposeLead({ partnershipId, authorityId: GSS.sefton });
    const seen = await as('sefton', async (tx) => {
      const before = await invitationsSeen(tx);
      await sql`UPDATE partnership SET lead_authority_id = ${GSS.sefton}, proposed_lead_authority_id = NULL WHERE id = ${partnershipId}`.execute(tx);
      const after = await invitationsSeen(tx);
      await invite('sefton', GSS.plymouth)(tx);
      return { before, after: after > 0 };
    });
    expect(seen).toEqual({ before: 0, after: true });
  });

  it('through the API: the new lead can, the old cannot; the copies follow', async () => {
    await sefton.partnership.acceptLead({ partnershipId });
    expect(allRight(await copiesAgainstSources())).toBe(true);
    expect(await as('sefton', invitationsSeen)).toBeGreaterThan(0);
    expect(await as('liverpool', invitationsSeen)).toBe(0);
    expect(await tried('sefton', invite('sefton', GSS.plymouth))).toBe('ok');
    expect(await tried('liverpool', invite('liverpool', GSS.plymouth))).toBe('42501');
    expect(await as('sefton', nameAndRemoveLeadCommissioner('sefton'))).toBe(1);
    expect(await tried('liverpool', nameLeadCommissioner('liverpool'))).toBe('42501');
    expect(await tried('liverpool', leave('liverpool'))).toBe('ok');
    expect(await tried('sefton', leave('sefton'))).toBe('42501');
  });
});

describe('the application role and the copies', () => {
  it('cannot read or write them', async () => {
    expect(await tried('liverpool', (tx) => sql`SELECT partnership_lead_authority_id FROM partnership_member`.execute(tx))).toBe('42501');
    expect(await tried('liverpool', (tx) => sql`SELECT * FROM partnership_invitation`.execute(tx))).toBe('42501');
    expect(await tried('liverpool', (tx) => sql`SELECT partnership_invited FROM partnership_event`.execute(tx))).toBe('42501');
    expect(await tried('liverpool', (tx) => sql`SELECT partnership_lead_authority_id FROM partnership_role`.execute(tx))).toBe('42501');
    expect(await tried('sefton', (tx) => sql`UPDATE partnership_member SET partnership_lead_authority_id = ${GSS.sefton} WHERE authority_id = ${GSS.sefton}`.execute(tx))).toBe('42501');
    expect(await tried('sefton', (tx) => sql`UPDATE partnership_invitation SET partnership_lead_authority_id = ${GSS.sefton}`.execute(tx))).toBe('42501');
  });
});
