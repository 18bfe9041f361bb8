import { hasCitus, inTenant, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAs } from '../support/plans.ts';
import { callerFor, GSS, openSeededDatabase, signIn, type Caller } from '../support/api.ts';

/**
 * Issue 15, migration 0057: the application role appends an authority's audit events, so on Citus audit_event is
 * distributed by authority_id with budget. An authority's audit read naming authority_id is one shard's; an event
 * recorded in a transaction that has written the authority's budget goes in beside it (Citus refused that while the
 * owner wrote the event); the platform administrator's list reads every shard and joins people on the coordinator.
 * On plain PostgreSQL and PGlite the same calls give the same rows, and audit_event keeps its keys.
 */

let connection: Connection;
let citus: boolean;
let sefton: Caller;
let admin: Caller;
let seftonUser: string;

beforeAll(async () => {
  connection = await openSeededDatabase();
  citus = await hasCitus(connection.db);
  const session = (await signIn(connection, 'commissioner.sefton@concord.example')).session;
  seftonUser = session.userId;
  sefton = callerFor(connection, session);
  admin = callerFor(connection, (await signIn(connection, 'admin@concord.example')).session);
});
afterAll(() => connection?.close());

/** The audit list's read (packages/api/src/audit/queries.ts): the log's page on its own, then its people. */
const AUDIT_PAGE = (named: string) => `
  WITH page AS MATERIALIZED (
    SELECT e.id, e.occurred_at, e.user_id, e.actor FROM audit_event e WHERE ${named} ORDER BY e.occurred_at DESC, e.id DESC LIMIT 50)
  SELECT e.id, coalesce(e.actor, u.display_name) AS who FROM page e LEFT JOIN app_user u ON u.id = e.user_id ORDER BY e.occurred_at DESC, e.id DESC`;

describe('the audit log on Citus (issue 15, migration 0057)', () => {
  it("Sefton's audit read with authority_id named runs on one shard; by row-level security alone, on all of them", async () => {
    const named = await planAs(connection.db, GSS.sefton, AUDIT_PAGE(`e.authority_id = '${GSS.sefton}'`));
    const unnamed = await planAs(connection.db, GSS.sefton, AUDIT_PAGE('true'));
    if (citus) {
      expect(named).toMatch(/Task Count: 1\n/);
      expect(unnamed).toMatch(/Task Count: 32\n/);
    } else {
      expect(named).not.toMatch(/Citus/);
    }
    expect(named).toMatch(/audit_event/);
  });

  it('an event recorded after writing the authority’s budget in the same transaction goes in beside it', async () => {
    await inTenant(connection.db, { authorityId: GSS.sefton, userId: seftonUser }, async (trx) => {
      await sql`INSERT INTO budget (authority_id, service_type, financial_year, amount_pence) VALUES (${GSS.sefton}, 'home_care', 2032, 4200)`.execute(trx);
      await sql`SELECT record_audit_event('budget.set', 'audit-routing', 'success', 'audit-routing')`.execute(trx);
    });
    const recorded = await connection.db.selectFrom('audit_event').select(['authority_id', 'user_id', 'actor']).where('request_id', '=', 'audit-routing').execute();
    expect(recorded).toEqual([{ authority_id: GSS.sefton, user_id: seftonUser, actor: expect.stringContaining('(commissioner.sefton@concord.example)') }]);
  });

  it("the commissioner's list is Sefton's events only, the procedure's own among them, with who did each", async () => {
    const list = await sefton.audit.list({ limit: 200 });
    expect(list.find((e) => e.requestId === 'audit-routing')).toMatchObject({ procedure: 'budget.set', who: expect.stringContaining('commissioner.sefton') });
    expect(new Set(list.map((e) => e.authority?.id))).toEqual(new Set([GSS.sefton]));
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE authority_id = ${GSS.sefton}`.execute(connection.db);
    expect(list).toHaveLength(Math.min(rows[0]!.n, 200));
  });

  it("the platform administrator's list (every shard, then people on the coordinator) is every authority's administration events", async () => {
    await sql`INSERT INTO audit_event (authority_id, user_id, procedure, outcome, request_id, actor)
      VALUES (${GSS.kent}, NULL, 'people.setRoles', 'success', 'audit-routing-admin', 'Kent Admin (admin.kent@example.org)'),
             (${GSS.plymouth}, NULL, 'contract.get', 'success', 'audit-routing-admin', 'Not administration')`.execute(connection.db);
    const list = await admin.audit.list({ limit: 200 });
    const mine = list.filter((e) => e.requestId === 'audit-routing-admin');
    expect(mine.map((e) => [e.authority?.id, e.procedure, e.who])).toEqual([[GSS.kent, 'people.setRoles', 'Kent Admin (admin.kent@example.org)']]);
  });

  it('on Citus audit_event keeps only keys within its co-location group; elsewhere its keys to authority and app_user are whole', async () => {
    const { rows } = await sql<{ referenced: string }>`
      SELECT confrelid::regclass::text AS referenced FROM pg_constraint WHERE contype = 'f' AND conrelid = 'audit_event'::regclass ORDER BY 1`.execute(connection.db);
    expect(rows.map((r) => r.referenced)).toEqual(citus ? [] : ['app_user', 'authority']);
  });
});
