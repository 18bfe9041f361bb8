import { inTenant, type Connection, type Database, type TenantSettings, type Tx } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTEXTS,
  CONTEXT_NAMES,
  SEFTON_COMMISSIONER,
  SIGN_IN_IP,
  TABLE_MATRIX,
  type Context,
  type MatrixTable,
  type Operation,
} from './table-matrix.ts';

// Nobody signs in here: a cheap stand-in for the server's scrypt hasher.
const fakeHash = async (password: string) => `scrypt$1$1$1$x$${password}`;

const SEFTON = 'E08000014';
const KENT = 'E10000016';
const LIVERPOOL = 'E08000012';
const OPERATIONS: Operation[] = ['select', 'insert', 'update', 'delete'];
const TARGET_TOKEN_HASH = createHash('sha256').update('matrix: the target session').digest('hex');

let connection: Connection;
let db: Kysely<Database>;
const ids = {
  seftonCommissioner: '',
  seftonViewer: '',
  kentCommissioner: '',
  tripartite: '',
  peninsula: '',
};
const settings = {} as Record<Context, TenantSettings>;

async function userId(email: string): Promise<string> {
  return (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}
async function partnershipId(name: string): Promise<string> {
  return (await db.selectFrom('partnership').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
const count = sql<number>`count(*)::int`.as('n');
const affected = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) =>
  Number(result.reduce((sum, r) => sum + (r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0n));
const inHour = () => new Date(Date.now() + 3_600_000);

/** For each table: how to count, add to, change and remove its target rows (see table-matrix.ts). */
interface Target {
  select(trx: Kysely<Database>): Promise<number>;
  insert(trx: Kysely<Database>): Promise<unknown>;
  update(trx: Kysely<Database>): Promise<number>;
  delete(trx: Kysely<Database>): Promise<number>;
}

const TARGETS: { [T in keyof Database]: Target } = {
  authority: {
    select: async (t) => (await t.selectFrom('authority').select(count).where('id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('authority').values({ id: 'E09000099', name: 'Matrix Borough', kind: 'london_borough', region: 'London' }).execute(),
    update: async (t) => affected(await t.updateTable('authority').set({ name: sql`name` }).where('id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('authority').where('id', '=', SEFTON).execute()),
  },
  authority_population: {
    select: async (t) => (await t.selectFrom('authority_population').select(count).where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t.insertInto('authority_population').values({ authority_id: SEFTON, year: 2031, age_band: '85+', population: 1000, source: 'matrix' }).execute(),
    update: async (t) => affected(await t.updateTable('authority_population').set({ population: sql`population + 1` }).where('authority_id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('authority_population').where('authority_id', '=', SEFTON).execute()),
  },
  partnership: {
    select: async (t) => (await t.selectFrom('partnership').select(count).where('id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('partnership').values({ name: 'Matrix partnership', kind: 'joint_commissioning', lead_authority_id: SEFTON }).execute(),
    update: async (t) => affected(await t.updateTable('partnership').set({ lead_authority_id: SEFTON }).where('id', '=', ids.tripartite).execute()),
    delete: async (t) => affected(await t.deleteFrom('partnership').where('id', '=', ids.tripartite).execute()),
  },
  partnership_member: {
    select: async (t) => (await t.selectFrom('partnership_member').select(count).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
    // Sefton joining a partnership it is not in.
    insert: (t) => t.insertInto('partnership_member').values({ authority_id: SEFTON, partnership_id: ids.peninsula, joined_on: '2024-01-01' }).execute(),
    update: async (t) => affected(await t.updateTable('partnership_member').set({ joined_on: '2024-01-01' }).where('partnership_id', '=', ids.tripartite).execute()),
    delete: async (t) => affected(await t.deleteFrom('partnership_member').where('partnership_id', '=', ids.tripartite).execute()),
  },
  partnership_role: {
    select: async (t) => (await t.selectFrom('partnership_role').select(count).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
    // Sefton's commissioner making themself a lead commissioner of the Tripartite.
    insert: (t) =>
      t
        .insertInto('partnership_role')
        .values({ authority_id: SEFTON, partnership_id: ids.tripartite, user_id: ids.seftonCommissioner, role: 'lead_commissioner' })
        .execute(),
    update: async (t) => affected(await t.updateTable('partnership_role').set({ role: 'lead_commissioner' }).where('partnership_id', '=', ids.tripartite).execute()),
    delete: async (t) => affected(await t.deleteFrom('partnership_role').where('partnership_id', '=', ids.tripartite).execute()),
  },
  app_user: {
    select: async (t) => (await t.selectFrom('app_user').select(count).where('id', '=', ids.seftonCommissioner).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('app_user').values({ email: 'matrix.new@concord.example', display_name: 'New', password_hash: 'x' }).execute(),
    update: async (t) => affected(await t.updateTable('app_user').set({ password_hash: 'scrypt$replaced' }).where('id', '=', ids.seftonCommissioner).execute()),
    delete: async (t) => affected(await t.deleteFrom('app_user').where('id', '=', ids.seftonCommissioner).execute()),
  },
  membership: {
    select: async (t) => (await t.selectFrom('membership').select(count).where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    // Promoting Sefton's viewer to commissioner.
    insert: (t) => t.insertInto('membership').values({ authority_id: SEFTON, user_id: ids.seftonViewer, role: 'commissioner' }).execute(),
    update: async (t) => affected(await t.updateTable('membership').set({ role: sql`role` }).where('authority_id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('membership').where('authority_id', '=', SEFTON).execute()),
  },
  session: {
    select: async (t) => (await t.selectFrom('session').select(count).where('user_id', '=', ids.seftonCommissioner).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('session')
        .values({ token_hash: randomBytes(32).toString('hex'), user_id: ids.seftonCommissioner, authority_id: SEFTON, last_seen_at: new Date(), expires_at: inHour() })
        .execute(),
    update: async (t) => affected(await t.updateTable('session').set({ last_seen_at: new Date() }).where('user_id', '=', ids.seftonCommissioner).execute()),
    delete: async (t) => affected(await t.deleteFrom('session').where('user_id', '=', ids.seftonCommissioner).execute()),
  },
  sign_in_attempt: {
    select: async (t) => (await t.selectFrom('sign_in_attempt').select(count).where('email', '=', SEFTON_COMMISSIONER).executeTakeFirstOrThrow()).n,
    insert: (t) => t.insertInto('sign_in_attempt').values({ email: SEFTON_COMMISSIONER, ip_address: SIGN_IN_IP, succeeded: false }).execute(),
    update: async (t) => affected(await t.updateTable('sign_in_attempt').set({ succeeded: true }).where('email', '=', SEFTON_COMMISSIONER).execute()),
    delete: async (t) => affected(await t.deleteFrom('sign_in_attempt').where('email', '=', SEFTON_COMMISSIONER).execute()),
  },
  audit_event: {
    select: async (t) => (await t.selectFrom('audit_event').select(count).where('authority_id', '=', SEFTON).executeTakeFirstOrThrow()).n,
    insert: (t) =>
      t
        .insertInto('audit_event')
        .values({ authority_id: SEFTON, user_id: ids.seftonCommissioner, procedure: 'matrix.insert', target: null, outcome: 'success', request_id: 'matrix' })
        .execute(),
    update: async (t) => affected(await t.updateTable('audit_event').set({ outcome: 'denied' }).where('authority_id', '=', SEFTON).execute()),
    delete: async (t) => affected(await t.deleteFrom('audit_event').where('authority_id', '=', SEFTON).execute()),
  },
};

/** How many target rows each table has, as the owner sees them (RLS does not bind the owner connection). */
const targetRows = {} as Record<MatrixTable, number>;

beforeAll(async () => {
  connection = await openTestDatabase({ seed: fakeHash });
  db = connection.db;
  ids.seftonCommissioner = await userId(SEFTON_COMMISSIONER);
  ids.seftonViewer = await userId('viewer.sefton@concord.example');
  ids.kentCommissioner = await userId('commissioner.kent@concord.example');
  ids.tripartite = await partnershipId('LCR Tripartite');
  ids.peninsula = await partnershipId('South West Peninsula');

  // Rows the seed does not make: sessions, sign-in attempts and audit events, for Sefton and others.
  await db
    .insertInto('session')
    .values([
      { token_hash: TARGET_TOKEN_HASH, user_id: ids.seftonCommissioner, authority_id: SEFTON, last_seen_at: new Date(), expires_at: inHour() },
      { token_hash: randomBytes(32).toString('hex'), user_id: ids.seftonViewer, authority_id: SEFTON, last_seen_at: new Date(), expires_at: inHour() },
      { token_hash: randomBytes(32).toString('hex'), user_id: ids.kentCommissioner, authority_id: KENT, last_seen_at: new Date(), expires_at: inHour() },
    ])
    .execute();
  await db
    .insertInto('sign_in_attempt')
    .values([
      { email: SEFTON_COMMISSIONER, ip_address: SIGN_IN_IP, succeeded: false },
      { email: SEFTON_COMMISSIONER, ip_address: SIGN_IN_IP, succeeded: true },
      { email: 'commissioner.kent@concord.example', ip_address: '198.51.100.9', succeeded: true },
    ])
    .execute();
  await db
    .insertInto('audit_event')
    .values([
      { authority_id: SEFTON, user_id: ids.seftonCommissioner, procedure: 'auth.signIn', outcome: 'success', request_id: 'r1' },
      { authority_id: SEFTON, user_id: ids.seftonViewer, procedure: 'authority.get', outcome: 'denied', request_id: 'r2' },
      { authority_id: KENT, user_id: ids.kentCommissioner, procedure: 'auth.signIn', outcome: 'success', request_id: 'r3' },
      { authority_id: LIVERPOOL, user_id: null, procedure: 'auth.signIn', outcome: 'success', request_id: 'r4' },
    ])
    .execute();

  for (const [name, context] of Object.entries(CONTEXTS) as [Context, (typeof CONTEXTS)[Context]][]) {
    const s: TenantSettings = {};
    if ('authority' in context) s.authorityId = context.authority;
    if ('user' in context) s.userId = await userId(context.user);
    if ('signInEmail' in context) {
      s.signInEmail = context.signInEmail;
      s.signInIp = context.signInIp;
    }
    if ('sessionToken' in context) s.sessionTokenHash = TARGET_TOKEN_HASH;
    settings[name] = s;
  }

  for (const table of Object.keys(TABLE_MATRIX) as MatrixTable[]) targetRows[table] = await TARGETS[table].select(db);
});
afterAll(() => connection?.close());

class Rollback extends Error {
  constructor(readonly result: unknown) {
    super('rolled back on purpose');
  }
}

type Attempt = { ok: true; result: unknown } | { ok: false; code: string | undefined; message: string };

/** Runs one statement as the application role for a context, always rolled back. */
async function attempt(context: Context, work: (trx: Tx) => Promise<unknown>): Promise<Attempt> {
  try {
    await inTenant(db, settings[context], async (trx) => {
      throw new Rollback(await work(trx));
    });
    throw new Error('inTenant returned without rolling back');
  } catch (error) {
    if (error instanceof Rollback) return { ok: true, result: error.result };
    const e = error as { code?: string; message: string };
    return { ok: false, code: e.code, message: e.message };
  }
}

/** 'allowed' or 'denied' as table-matrix.ts defines them, or a description of anything in between. */
function outcome(table: MatrixTable, operation: Operation, a: Attempt): string {
  const expected = operation === 'insert' ? 1 : targetRows[table];
  if (!a.ok) {
    // Refused by a grant or a policy: insufficient_privilege, which is also what an RLS WITH CHECK raises.
    if (a.code === '42501' && operation !== 'select') return 'denied';
    return `error ${a.code}: ${a.message}`;
  }
  const rows = operation === 'insert' ? Number((a.result as { numInsertedOrUpdatedRows?: bigint }[])[0]?.numInsertedOrUpdatedRows ?? 0) : (a.result as number);
  if (operation !== 'insert' && rows === 0) return 'denied';
  if (rows === expected) return 'allowed';
  return `partly: ${rows} of ${expected} rows`;
}

describe('the matrix and its fixtures', () => {
  it('covers every table in the public schema (a new table fails here until it is added to table-matrix.ts)', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'kysely\\_%'
      ORDER BY c.relname`.execute(db);
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(TABLE_MATRIX).sort());
    for (const [table, operations] of Object.entries(TABLE_MATRIX)) {
      expect({ table, operations: Object.keys(operations) }).toEqual({ table, operations: OPERATIONS });
      for (const contexts of Object.values(operations)) expect(Object.keys(contexts)).toEqual(CONTEXT_NAMES);
    }
  });

  it('every table has target rows to be allowed or denied', () => {
    expect(targetRows).toEqual({
      authority: 1,
      authority_population: 3, // all ages, plus the paper's two 75+ figures
      partnership: 1,
      partnership_member: 3,
      partnership_role: 3,
      app_user: 1,
      membership: 3, // commissioner, viewer, contract officer
      session: 1,
      sign_in_attempt: 2,
      audit_event: 2,
    });
  });

  it('every insert in the matrix is a valid row: the owner can add it (so a denial is the policy, not a constraint)', async () => {
    for (const table of Object.keys(TABLE_MATRIX) as MatrixTable[]) {
      const result = await db
        .transaction()
        .execute(async (trx) => {
          const inserted = await TARGETS[table].insert(trx);
          throw new Rollback(inserted);
        })
        .catch((error: unknown) => (error instanceof Rollback ? 'inserted' : `error: ${(error as Error).message}`));
      expect({ table, result }).toEqual({ table, result: 'inserted' });
    }
  });

  it('the contexts are live: each acting authority sees its own memberships and exactly its own partnerships', async () => {
    const seen: Record<string, { memberships: number; partnerships: string[] }> = {};
    for (const context of ['own', 'colleague', 'partner', 'peninsula', 'kent'] as const) {
      seen[context] = await inTenant(db, settings[context], async (trx) => ({
        memberships: (await trx.selectFrom('membership').select(count).executeTakeFirstOrThrow()).n,
        partnerships: (await trx.selectFrom('partnership').select('name').orderBy('name').execute()).map((p) => p.name),
      }));
    }
    expect(seen).toEqual({
      own: { memberships: 3, partnerships: ['LCR Tripartite'] },
      colleague: { memberships: 3, partnerships: ['LCR Tripartite'] },
      partner: { memberships: 2, partnerships: ['LCR Tripartite'] },
      peninsula: { memberships: 3, partnerships: ['South West Peninsula'] },
      kent: { memberships: 2, partnerships: [] },
    });
  });
});

describe('table-level tenancy matrix', () => {
  for (const table of Object.keys(TABLE_MATRIX) as MatrixTable[]) {
    for (const operation of OPERATIONS) {
      it(`${table} ${operation}`, async () => {
        const actual: Record<string, string> = {};
        for (const context of CONTEXT_NAMES) {
          actual[context] = outcome(table, operation, await attempt(context, (trx) => TARGETS[table][operation](trx)));
        }
        expect(actual).toEqual(TABLE_MATRIX[table][operation]);
      });
    }
  }

  it('Plymouth sees none of the LCR Tripartite rows in any partnership table, but does see its own partnership', async () => {
    const seen = await inTenant(db, settings.peninsula, async (trx) => ({
      partnership: (await trx.selectFrom('partnership').select(count).where('id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
      partnership_member: (await trx.selectFrom('partnership_member').select(count).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
      partnership_role: (await trx.selectFrom('partnership_role').select(count).where('partnership_id', '=', ids.tripartite).executeTakeFirstOrThrow()).n,
      peninsulaMembers: (await trx.selectFrom('partnership_member').select(count).where('partnership_id', '=', ids.peninsula).executeTakeFirstOrThrow()).n,
      peninsulaRoles: (await trx.selectFrom('partnership_role').select(count).where('partnership_id', '=', ids.peninsula).executeTakeFirstOrThrow()).n,
    }));
    expect(seen).toEqual({ partnership: 0, partnership_member: 0, partnership_role: 0, peninsulaMembers: 5, peninsulaRoles: 5 });
  });

  it('the attempts left nothing behind: every write was rolled back', async () => {
    const now: Record<string, number> = {};
    for (const table of Object.keys(TABLE_MATRIX) as MatrixTable[]) now[table] = await TARGETS[table].select(db);
    expect(now).toEqual(targetRows);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE procedure = 'matrix.insert'`.execute(db);
    expect(rows[0]!.n).toBe(0);
  });
});
