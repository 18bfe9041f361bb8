import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase, callersFor, type Caller } from '../support/api.ts';
import { seftonCallOff } from '../support/call-offs.ts';
import { privateRowCounts } from '../support/contracts.ts';
import { refusedUnchanged, tablesSnapshot, userIdOf } from '../support/procurement.ts';
import { validateReleasePackage } from './ocds-schema.ts';

/** Issue 4: a call-off cancelled before award, with the day and the reason; a mini-competition stops, its responses kept. */

const SEFTON = 'commissioner.sefton@concord.example';
let connection: Connection;
let sefton: Caller;
let seftonOfficer: Caller;
let seftonViewer: Caller;
let knowsley: Caller;

beforeAll(async () => {
  connection = await openSeededDatabase();
  ({ sefton, seftonOfficer, seftonViewer, knowsley } = await callersFor(connection, { sefton: SEFTON, seftonOfficer: 'officer.sefton@concord.example', seftonViewer: 'viewer.sefton@concord.example', knowsley: 'commissioner.knowsley@concord.example' }));
});
afterAll(() => connection.close());

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const REASON = 'The housing provider has withdrawn the scheme';

/** The call-off tables' contents: a refusal leaves them exactly as they were. */
async function unchanged(call: () => Promise<unknown>) {
  const tables = Object.keys(await privateRowCounts(connection.db));
  return refusedUnchanged(() => tablesSnapshot(connection.db, tables), call);
}

describe('cancelling a call-off before award', () => {
  it('stops a mini-competition: the day, the reason and who are recorded, the responses kept, and no more responses or award', async () => {
    const made = await seftonCallOff(connection, 'mini_competition', { invite: true, respond: true });
    const before = await sefton.callOff.get({ callOffId: made.id });
    expect(before.cancellation).toBeNull();
    const responses = before.invitations.filter((i) => i.response).length;
    expect(responses).toBeGreaterThan(0);

    // Invitations went out on 5 January 2026, before the call-off was recorded: a cancellation that day stands.
    expect(await seftonOfficer.callOff.cancel({ callOffId: made.id, cancelledOn: '2026-02-09', reason: `  ${REASON} ` })).toEqual({ callOffId: made.id, status: 'cancelled', cancelledOn: '2026-02-09' });

    const row = await connection.db.selectFrom('call_off').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'cancelled', cancelled_on: '2026-02-09', cancellation_reason: REASON, cancelled_by: await userIdOf(connection.db, 'officer.sefton@concord.example'), awarded_on: null });
    expect((await connection.db.selectFrom('call_off_response').select('id').where('call_off_id', '=', made.id).execute()).length).toBe(responses);
    const audit = await connection.db.selectFrom('audit_event').select(['authority_id', 'outcome']).where('procedure', '=', 'callOff.cancel').where('target', '=', made.id).execute();
    expect(audit).toEqual([{ authority_id: GSS.sefton, outcome: 'success' }]);

    const after = await sefton.callOff.get({ callOffId: made.id });
    expect(after).toMatchObject({ status: 'cancelled', cancellation: { cancelledOn: '2026-02-09', reason: REASON } });
    expect((await sefton.callOff.list()).find((c) => c.id === made.id)?.status).toBe('cancelled');

    const invited = after.invitations[0]!.providerId;
    expect(await unchanged(() => sefton.callOff.recordResponse({ callOffId: made.id, providerId: invited, pricePence: 1_700, receivedOn: '2026-02-03', scores: [] }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'callOffId',
      message: 'This call-off is not taking responses (cancelled)',
    });
    expect(await unchanged(() => sefton.callOff.award({ callOffId: made.id, awardedOn: '2026-02-10', contract: { reference: 'SEF-CO-CANCELLED', annualValuePence: 1_000_000, extensionOptions: [], rates: [] } }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'callOffId',
    });
    expect(await unchanged(() => sefton.callOff.cancel({ callOffId: made.id, cancelledOn: londonToday(), reason: REASON }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'callOffId',
      message: 'This call-off has already been cancelled',
    });
  });

  it('its OCDS export: the active tender, then a valid tenderCancellation release with the reason', async () => {
    const made = await seftonCallOff(connection, 'mini_competition', { invite: true });
    await sefton.callOff.cancel({ callOffId: made.id, cancelledOn: '2026-02-01', reason: REASON });
    const doc = await sefton.callOff.ocds({ callOffId: made.id });
    const { valid, errors } = validateReleasePackage(doc);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
    const releases = (doc as { releases: { tag: string[]; tender: { status: string; amendments?: { rationale: string; date: string }[] } }[] }).releases;
    expect(releases.map((r) => `${r.tag.join('+')}: ${r.tender.status}`)).toEqual(['tender: active', 'tenderCancellation: cancelled']);
    expect(releases[1]!.tender.amendments).toMatchObject([{ rationale: REASON, date: '2026-02-01T00:00:00.000Z' }]);
  });

  it('a draft direct call-off can be cancelled today', async () => {
    const made = await seftonCallOff(connection, 'direct');
    await sefton.callOff.cancel({ callOffId: made.id, cancelledOn: londonToday(), reason: REASON });
    expect((await connection.db.selectFrom('call_off').select(['status', 'cancelled_on']).where('id', '=', made.id).executeTakeFirstOrThrow())).toEqual({ status: 'cancelled', cancelled_on: londonToday() });
  });
});

describe('cancelling a call-off is refused, naming the field, and nothing is written', () => {
  it('once it is awarded', async () => {
    const made = await seftonCallOff(connection, 'direct');
    const provider = made.providers.find((p) => p.status === 'active')!;
    await sefton.callOff.awardDirect({ callOffId: made.id, providerId: provider.id, justification: 'Continuity', awardedOn: '2026-02-01', contract: { reference: `SEF-CO-${Date.now().toString(36).toUpperCase()}`, annualValuePence: 50_000_000, extensionOptions: [], rates: [] } });
    expect(await unchanged(() => sefton.callOff.cancel({ callOffId: made.id, cancelledOn: londonToday(), reason: REASON }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'callOffId',
      message: 'This call-off was awarded on 1 February 2026, so it cannot be cancelled: vary or end its contract instead',
    });
  });

  it('dated in the future, or before the call-off began, or without a reason', async () => {
    const made = await seftonCallOff(connection, 'mini_competition', { invite: true });
    expect(await unchanged(() => sefton.callOff.cancel({ callOffId: made.id, cancelledOn: '2199-01-01', reason: REASON }))).toEqual({ code: 'BAD_REQUEST', field: 'cancelledOn', message: 'The cancellation date cannot be in the future' });
    expect(await unchanged(() => sefton.callOff.cancel({ callOffId: made.id, cancelledOn: '2026-01-04', reason: REASON }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'cancelledOn',
      message: 'The cancellation cannot be dated before the call-off began (5 January 2026)',
    });
    expect(await unchanged(() => sefton.callOff.cancel({ callOffId: made.id, cancelledOn: '2026-02-01', reason: '   ' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'reason' });
    expect(await unchanged(() => sefton.callOff.cancel({ callOffId: made.id, cancelledOn: '2026-02-30', reason: REASON }))).toMatchObject({ code: 'BAD_REQUEST', field: 'cancelledOn' });
  });

  it('for a viewer (FORBIDDEN) and for another authority, even the lot’s partner (NOT_FOUND)', async () => {
    const made = await seftonCallOff(connection, 'direct');
    expect(await unchanged(() => seftonViewer.callOff.cancel({ callOffId: made.id, cancelledOn: londonToday(), reason: REASON }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await unchanged(() => knowsley.callOff.cancel({ callOffId: made.id, cancelledOn: londonToday(), reason: REASON }))).toMatchObject({ code: 'NOT_FOUND' });
    const succeeded = await connection.db.selectFrom('audit_event').select('id').where('procedure', '=', 'callOff.cancel').where('target', '=', made.id).where('outcome', '=', 'success').execute();
    expect(succeeded).toEqual([]);
    expect((await connection.db.selectFrom('call_off').select('status').where('id', '=', made.id).executeTakeFirstOrThrow()).status).toBe('draft');
  });

  it('the database itself refuses a cancelled call-off without its day and reason', async () => {
    const made = await seftonCallOff(connection, 'direct');
    await expect(connection.db.updateTable('call_off').set({ status: 'cancelled' }).where('id', '=', made.id).execute()).rejects.toThrow(/call_off_cancellation_recorded/);
    await expect(connection.db.updateTable('call_off').set({ status: 'cancelled', cancelled_on: '2026-02-01', cancellation_reason: ' ' }).where('id', '=', made.id).execute()).rejects.toThrow(/call_off_cancellation_recorded/);
  });
});
