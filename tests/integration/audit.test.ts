import { inTenant, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn, type Caller } from '../support/api.ts';

/**
 * Audit you can rely on (issue 12, item 6): events are written through record_audit_event, which takes the
 * authority and user from the transaction's settings (since migration 0057 as the application role, whose policy
 * takes only the transaction's own authority, user and name; a trigger stamps id and time); a platform
 * administrator's population import is in the platform log; refused attempts on a named record are security events of the caller's own authority.
 */
let connection: Connection;
let sefton: Caller;
let seftonViewer: Caller;
let admin: Caller;
let seftonUser: string;
let kentContract: string;
let seftonContract: string;

/** The ONS MYE2 persons layout for one area. */
function mye(code: string, perYear: number): string {
  const header = ['Code', 'Name', 'Geography', 'All ages', ...Array.from({ length: 90 }, (_, i) => String(i)), '90+'];
  return [header.join(','), [code, 'Area', 'Unitary Authority', String(perYear * 91), ...Array.from({ length: 91 }, () => String(perYear))].join(',')].join('\n');
}

const events = (authorityId: string) =>
  connection.db.selectFrom('audit_event').select(['procedure', 'target', 'outcome', 'user_id', 'request_id']).where('authority_id', '=', authorityId).execute();

beforeAll(async () => {
  connection = await openSeededDatabase();
  const seftonSession = (await signIn(connection, 'commissioner.sefton@concord.example')).session;
  seftonUser = seftonSession.userId;
  sefton = callerFor(connection, seftonSession);
  seftonViewer = callerFor(connection, (await signIn(connection, 'viewer.sefton@concord.example')).session);
  admin = callerFor(connection, (await signIn(connection, 'admin@concord.example')).session);
  const contract = (authority: string) =>
    connection.db.selectFrom('contract').select('id').where('authority_id', '=', authority).orderBy('reference').executeTakeFirstOrThrow();
  seftonContract = (await contract(GSS.sefton)).id;
  kentContract = (await connection.db.selectFrom('contract').select('id').where('authority_id', 'not in', [GSS.sefton]).orderBy('reference').executeTakeFirstOrThrow()).id;
});
afterAll(() => connection?.close());

describe('audit rows are appended by the application role, for its own authority and user only', () => {
  const asSefton = () => ({ authorityId: GSS.sefton, userId: seftonUser });
  const insertAs = (values: { authority_id: string; user_id: string | null; actor?: string }) =>
    inTenant(connection.db, asSefton(), (tx) => tx.insertInto('audit_event').values({ procedure: 'direct', outcome: 'success', request_id: 'direct', ...values }).execute()).catch(
      (e: unknown) => e as { code?: string },
    );

  it('an event in another authority’s log, in another person’s name or under another name is refused by the policy (migration 0057)', async () => {
    const kentUser = (await connection.db.selectFrom('membership').select('user_id').where('authority_id', '=', GSS.kent).executeTakeFirstOrThrow()).user_id;
    const refused = [
      await insertAs({ authority_id: GSS.kent, user_id: seftonUser }),
      await insertAs({ authority_id: GSS.sefton, user_id: kentUser }),
      await insertAs({ authority_id: GSS.sefton, user_id: null }),
      await insertAs({ authority_id: GSS.sefton, user_id: seftonUser, actor: 'Someone Else (else@example.org)' }),
    ];
    expect(refused.map((e) => (e as { code?: string }).code)).toEqual(['42501', '42501', '42501', '42501']);
    expect(await connection.db.selectFrom('audit_event').select('id').where('request_id', '=', 'direct').execute()).toEqual([]);
  });

  it('its own event goes in; the id and the time are the database’s, whatever the insert says', async () => {
    const named = { id: '00000000-0000-4000-8000-000000000001', occurred_at: new Date('2001-01-01T00:00:00Z') };
    const stamped = await inTenant(connection.db, asSefton(), async (tx) => {
      await tx.insertInto('audit_event').values({ ...named, authority_id: GSS.sefton, user_id: seftonUser, procedure: 'direct.own', outcome: 'success', request_id: 'direct-own' }).execute();
      const { rows } = await sql<{ now: Date }>`SELECT now() AS now`.execute(tx);
      return rows[0]!.now;
    });
    const rows = await connection.db.selectFrom('audit_event').select(['id', 'occurred_at', 'actor']).where('request_id', '=', 'direct-own').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toBe(named.id);
    expect(Math.abs(rows[0]!.occurred_at.getTime() - stamped.getTime())).toBeLessThan(5_000);
    expect(rows[0]!.actor).toBeNull();
  });

  it('no event is changed or removed by the application role: the trail is append-only', async () => {
    const changed = await inTenant(connection.db, asSefton(), (tx) => tx.updateTable('audit_event').set({ outcome: 'denied' }).where('authority_id', '=', GSS.sefton).execute()).catch((e: unknown) => e);
    const removed = await inTenant(connection.db, asSefton(), (tx) => tx.deleteFrom('audit_event').where('authority_id', '=', GSS.sefton).execute()).catch((e: unknown) => e);
    expect([(changed as { code?: string }).code, (removed as { code?: string }).code]).toEqual(['42501', '42501']);
  });

  it('the function writes into the authority and the name of the transaction’s settings, whatever it is asked', async () => {
    await inTenant(connection.db, asSefton(), (tx) => sql`SELECT record_audit_event('test.fn', ${GSS.kent}, 'success', 'fn-1')`.execute(tx));
    expect((await events(GSS.sefton)).filter((e) => e.request_id === 'fn-1')).toEqual([{ procedure: 'test.fn', target: GSS.kent, outcome: 'success', user_id: seftonUser, request_id: 'fn-1' }]);
    expect((await events(GSS.kent)).filter((e) => e.request_id === 'fn-1')).toEqual([]);
    const actor = await connection.db.selectFrom('audit_event').select('actor').where('request_id', '=', 'fn-1').executeTakeFirstOrThrow();
    expect(actor.actor).toMatch(/\(commissioner\.sefton@concord\.example\)$/);
  });

  it('a transaction for no authority and no administrator has no log to write to', async () => {
    const error = await inTenant(connection.db, { userId: seftonUser }, (tx) => sql`SELECT record_audit_event('test.nobody', NULL, 'success', 'fn-2')`.execute(tx)).catch(
      (e: unknown) => e as { code?: string },
    );
    expect((error as { code?: string }).code).toBe('42501');
    expect(await connection.db.selectFrom('platform_audit_event').select('id').where('request_id', '=', 'fn-2').execute()).toEqual([]);
  });

  it('an outcome outside success, denied and not_found is refused by the table', async () => {
    const error = await inTenant(connection.db, asSefton(), (tx) => sql`SELECT record_audit_event('test.bad', NULL, 'maybe', 'fn-3')`.execute(tx)).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('23514');
  });

  it('signing in is still recorded, through the function', async () => {
    await signIn(connection, 'commissioner.sefton@concord.example', { meta: { requestId: 'sign-in-audit' } });
    expect((await events(GSS.sefton)).filter((e) => e.request_id === 'sign-in-audit')).toEqual([
      { procedure: 'auth.signIn', target: null, outcome: 'success', user_id: seftonUser, request_id: 'sign-in-audit' },
    ]);
  });
});

describe('the platform administrator’s population import', () => {
  it('leaves a row in the platform log, which the administrator reads in the audit list', async () => {
    expect(await admin.population.import({ year: 2023, csv: mye(GSS.plymouth, 3_000) })).toMatchObject({ authorities: 1 });
    const platform = await connection.db.selectFrom('platform_audit_event').selectAll().where('procedure', '=', 'population.import').execute();
    expect(platform.map((e) => [e.target, e.outcome])).toEqual([['population 2023', 'success']]);
    const list = await admin.audit.list({ limit: 50 });
    expect(list.find((e) => e.procedure === 'population.import')).toMatchObject({ target: 'population 2023', outcome: 'success', who: expect.stringContaining('admin@concord.example') });
  });

  it('no authority’s log holds it, and a commissioner’s list does not show it', async () => {
    expect(await connection.db.selectFrom('audit_event').select('id').where('procedure', '=', 'population.import').execute()).toEqual([]);
    expect((await sefton.audit.list({ limit: 200 })).map((e) => e.procedure)).not.toContain('population.import');
  });

  it('the platform log is the administrator’s only: a commissioner’s transaction reads none of it', async () => {
    const seen = await inTenant(connection.db, { authorityId: GSS.sefton, userId: seftonUser }, (tx) => tx.selectFrom('platform_audit_event').select('id').execute());
    expect(seen).toEqual([]);
  });
});

describe('refused attempts on another authority’s records', () => {
  it('a commissioner fetching another authority’s contract by its real id gets NOT_FOUND, recorded in their own log only', async () => {
    const before = (await events(GSS.sefton)).length;
    expect(await outcome(sefton.contract.get({ contractId: kentContract }))).toBe('NOT_FOUND');
    const mine = (await events(GSS.sefton)).filter((e) => e.target === kentContract);
    expect(mine).toEqual([{ procedure: 'contract.get', target: kentContract, outcome: 'not_found', user_id: seftonUser, request_id: expect.any(String) }]);
    expect((await events(GSS.sefton)).length).toBe(before + 1);
    const owner = (await connection.db.selectFrom('contract').select('authority_id').where('id', '=', kentContract).executeTakeFirstOrThrow()).authority_id;
    expect((await events(owner)).filter((e) => e.target === kentContract && e.outcome !== 'success')).toEqual([]);
    // …and the commissioner sees it in their audit list.
    expect((await sefton.audit.list({ limit: 200 })).find((e) => e.target === kentContract)).toMatchObject({ procedure: 'contract.get', outcome: 'not_found' });
  });

  it('a refusal naming the record only in its input is recorded with that id', async () => {
    expect(await outcome(sefton.placement.get({ placementId: kentContract }))).toBe('NOT_FOUND');
    expect((await events(GSS.sefton)).filter((e) => e.procedure === 'placement.get' && e.target === kentContract).map((e) => e.outcome)).toEqual(['not_found']);
  });

  it('a FORBIDDEN on a named record is recorded as denied, with the record', async () => {
    expect(await outcome(seftonViewer.contract.update({ contractId: seftonContract } as never))).toBe('FORBIDDEN');
    expect((await events(GSS.sefton)).filter((e) => e.procedure === 'contract.update' && e.target === seftonContract).map((e) => e.outcome)).toEqual(['denied']);
  });

  it('a refusal of bad input (BAD_REQUEST) is not a security event', async () => {
    const before = (await events(GSS.sefton)).length;
    expect(await outcome(sefton.contract.get({ contractId: 'not-an-id' }))).toBe('BAD_REQUEST');
    expect((await events(GSS.sefton)).length).toBe(before);
  });
});
