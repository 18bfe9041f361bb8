import { type Connection } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Sign-in is not tested here: a cheap stand-in for the server's scrypt hasher.
const fakeHash = async (password: string) => `scrypt$1$1$1$x$${password}`;

const LIVERPOOL = 'E08000012';
const SEFTON = 'E08000014';
const KNOWSLEY = 'E08000011';
const DEVON = 'E10000008';
const PLYMOUTH = 'E06000026';
const CORNWALL = 'E06000052';
const TORBAY = 'E06000027';
const SOMERSET = 'E06000066';
const LEICESTERSHIRE = 'E10000018';
const ELR_CCG = 'E38000051';
const WL_CCG = 'E38000201';
const STAFFORDSHIRE = 'E10000028';
const KENT = 'E10000016';

let connection: Connection;

beforeAll(async () => {
  connection = await openTestDatabase({ seed: fakeHash });
});
afterAll(() => connection?.close());

describe('the demo seed', () => {
  // The three partnerships of the papers, and Staffordshire's own one-member partnership (seed/procurement.ts):
  // Staffordshire commissions its Supported Living framework alone, and a procurement belongs to a partnership.
  it('has exactly the four partnerships, with their leads and members', async () => {
    const { rows } = await sql<{ name: string; kind: string; lead: string; members: string[] }>`
      SELECT p.name, p.kind, p.lead_authority_id AS lead,
        array(SELECT m.authority_id FROM partnership_member m WHERE m.partnership_id = p.id ORDER BY m.authority_id COLLATE "C") AS members
      FROM partnership p ORDER BY p.name COLLATE "C"`.execute(connection.db);
    expect(rows).toEqual([
      {
        name: 'LCR Tripartite',
        kind: 'tripartite',
        lead: LIVERPOOL,
        members: [KNOWSLEY, LIVERPOOL, SEFTON].sort(),
      },
      {
        name: 'Leicestershire with NHS partners',
        kind: 'council_with_nhs',
        lead: LEICESTERSHIRE,
        members: [LEICESTERSHIRE, ELR_CCG, WL_CCG].sort(),
      },
      {
        name: 'South West Peninsula',
        kind: 'regional_network',
        lead: DEVON,
        members: [PLYMOUTH, DEVON, CORNWALL, TORBAY, SOMERSET].sort(),
      },
      {
        name: 'Staffordshire Supported Living',
        kind: 'framework_consortium',
        lead: STAFFORDSHIRE,
        members: [STAFFORDSHIRE],
      },
    ]);
  });

  it('every partnership lead is a member of its own partnership', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT p.name FROM partnership p
      WHERE NOT EXISTS (SELECT 1 FROM partnership_member m WHERE m.partnership_id = p.id AND m.authority_id = p.lead_authority_id)`.execute(
      connection.db,
    );
    expect(rows).toEqual([]);
  });

  it('Kent is in no partnership, and it is the only such authority', async () => {
    const { rows } = await sql<{ id: string }>`
      SELECT a.id FROM authority a
      WHERE NOT EXISTS (SELECT 1 FROM partnership_member m WHERE m.authority_id = a.id) ORDER BY a.id COLLATE "C"`.execute(connection.db);
    expect(rows.map((r) => r.id)).toEqual([KENT]);
  });

  it('has the thirteen authorities, each with an all-ages population above zero and a named source', async () => {
    const { rows } = await sql<{ id: string; population: number | null; source: string | null }>`
      SELECT a.id, p.population, p.source FROM authority a
      LEFT JOIN authority_population p ON p.authority_id = a.id AND p.age_band = 'all'
      ORDER BY a.id COLLATE "C"`.execute(connection.db);
    expect(rows.map((r) => r.id)).toEqual(
      [LIVERPOOL, SEFTON, KNOWSLEY, DEVON, PLYMOUTH, CORNWALL, TORBAY, SOMERSET, LEICESTERSHIRE, ELR_CCG, WL_CCG, STAFFORDSHIRE, KENT].sort(),
    );
    const missing = rows.filter((r) => r.population === null || !(r.population > 0) || !r.source || r.source.trim() === '');
    expect(missing).toEqual([]);
    // One figure each, not several competing ones.
    const { rows: counts } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM authority_population WHERE age_band = 'all'`.execute(connection.db);
    expect(counts[0]!.n).toBe(13);
  });

  it('every authority has at least one commissioner and at least one viewer', async () => {
    const { rows } = await sql<{ id: string; commissioners: number; viewers: number }>`
      SELECT a.id,
        (SELECT count(*)::int FROM membership m WHERE m.authority_id = a.id AND m.role = 'commissioner') AS commissioners,
        (SELECT count(*)::int FROM membership m WHERE m.authority_id = a.id AND m.role = 'viewer') AS viewers
      FROM authority a ORDER BY a.id COLLATE "C"`.execute(connection.db);
    expect(rows).toHaveLength(13);
    expect(rows.filter((r) => r.commissioners < 1 || r.viewers < 1)).toEqual([]);
  });

  it('each partnership has exactly one lead commissioner, from its lead authority', async () => {
    const { rows } = await sql<{ name: string; leads: string[] }>`
      SELECT p.name,
        array(SELECT r.authority_id FROM partnership_role r WHERE r.partnership_id = p.id AND r.role = 'lead_commissioner') AS leads
      FROM partnership p ORDER BY p.name COLLATE "C"`.execute(connection.db);
    expect(rows).toEqual([
      { name: 'LCR Tripartite', leads: [LIVERPOOL] },
      { name: 'Leicestershire with NHS partners', leads: [LEICESTERSHIRE] },
      { name: 'South West Peninsula', leads: [DEVON] },
      { name: 'Staffordshire Supported Living', leads: [STAFFORDSHIRE] },
    ]);
    const { rows: leadUsers } = await sql<{ email: string }>`
      SELECT u.email FROM partnership_role r JOIN app_user u ON u.id = r.user_id
      WHERE r.role = 'lead_commissioner' ORDER BY u.email COLLATE "C"`.execute(connection.db);
    expect(leadUsers.map((u) => u.email)).toEqual([
      'commissioner.devon@concord.example',
      'commissioner.leicestershire@concord.example',
      'commissioner.liverpool@concord.example',
      'commissioner.staffordshire@concord.example',
    ]);
  });

  it('has exactly one platform administrator, with no authority membership', async () => {
    const { rows } = await sql<{ email: string; memberships: number }>`
      SELECT u.email, (SELECT count(*)::int FROM membership m WHERE m.user_id = u.id) AS memberships
      FROM app_user u WHERE u.is_platform_admin`.execute(connection.db);
    expect(rows).toEqual([{ email: 'admin@concord.example', memberships: 0 }]);
  });

  it('no partnership role is held for a partnership the authority is not a member of, or by someone not a commissioner there', async () => {
    const { rows: outside } = await sql<{ authority_id: string; role: string }>`
      SELECT r.authority_id, r.role FROM partnership_role r
      WHERE NOT EXISTS (SELECT 1 FROM partnership_member m WHERE m.authority_id = r.authority_id AND m.partnership_id = r.partnership_id)`.execute(
      connection.db,
    );
    expect(outside).toEqual([]);
    const { rows: notCommissioner } = await sql<{ authority_id: string; role: string }>`
      SELECT r.authority_id, r.role FROM partnership_role r
      WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = r.user_id AND m.authority_id = r.authority_id AND m.role = 'commissioner')`.execute(
      connection.db,
    );
    expect(notCommissioner).toEqual([]);
    // The roles are really there: one per commissioner per partnership their authority is in (3 + 5 + 3 + 1).
    const { rows: total } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM partnership_role`.execute(connection.db);
    expect(total[0]!.n).toBe(12);
  });
});
