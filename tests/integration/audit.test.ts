import { inTenant, type Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn, type Caller } from '../support/api.ts';

/**
 * Audit you can rely on (issue 12, item 6): events are written only through record_audit_event, which takes
 * the authority from the transaction's settings; a platform administrator's population import is in the
 * platform log; refused attempts on a named record are security events of the caller's own authority.
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

describe('audit rows are written only through record_audit_event', () => {
  const asSefton = () => ({ authorityId: GSS.sefton, userId: seftonUser });

  it('the application role cannot insert an event directly: not into another authority’s log, not even into its own', async () => {
    for (const authority of [GSS.kent, GSS.sefton]) {
      const error = await inTenant(connection.db, asSefton(), (tx) =>
        tx.insertInto('audit_event').values({ authority_id: authority, user_id: seftonUser, procedure: 'forged', outcome: 'success', request_id: 'forged' }).execute(),
      ).catch((e: unknown) => e as { code?: string });
      expect({ authority, code: (error as { code?: string }).code }).toEqual({ authority, code: '42501' });
    }
    expect((await connection.db.selectFrom('audit_event').select('id').where('procedure', '=', 'forged').execute()).length).toBe(0);
  });

  it('the function writes into the authority and the name of the transaction’s settings, whatever it is asked', async () => {
    await inTenant(connection.db, asSefton(), (tx) => sql`SELECT record_audit_event('test.fn', ${GSS.kent}, 'success', 'fn-1')`.execute(tx));
    expect((await events(GSS.sefton)).filter((e) => e.request_id === 'fn-1')).toEqual([{ procedure: 'test.fn', target: GSS.kent, outcome: 'success', user_id: seftonUser, request_id: 'fn-1' }]);
    expect((await events(GSS.kent)).filter((e) => e.request_id === 'fn-1')).toEqual([]);
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
