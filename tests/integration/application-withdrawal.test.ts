import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase, callersFor, type Caller } from '../support/api.ts';
import {
  fixtureApplication,
  fixtureProcurement,
  LIVERPOOL_COMMISSIONER,
  LIVERPOOL_OFFICER,
  LIVERPOOL_VIEWER,
  PLYMOUTH_COMMISSIONER,
  procurementSnapshot,
  refusedUnchanged,
  SEFTON_COMMISSIONER,
} from '../support/procurement.ts';

/** Issue 3: a provider withdraws its application before a decision; the lead commissioner records the day and the reason. */

let connection: Connection;
let lead: Caller;
let officer: Caller;
let viewer: Caller;
let partner: Caller;
let outsider: Caller;

beforeAll(async () => {
  connection = await openSeededDatabase();
  ({ lead, officer, viewer, partner, outsider } = await callersFor(connection, { lead: LIVERPOOL_COMMISSIONER, officer: LIVERPOOL_OFFICER, viewer: LIVERPOOL_VIEWER, partner: SEFTON_COMMISSIONER, outsider: PLYMOUTH_COMMISSIONER }));
});
afterAll(() => connection.close());

const REASON = 'The provider is leaving the Liverpool City Region market';

const unchanged = (call: () => Promise<unknown>) => refusedUnchanged(() => procurementSnapshot(connection.db), call);

describe('withdrawing an application before a decision', () => {
  it('records the day and the reason; the application leaves the evaluation and the list shows it withdrawn', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p);
    expect((await lead.application.evaluation({ procurementId: p.id }))[0]!.results.some((r) => r.applicationId === applicationId)).toBe(true);

    expect(await lead.application.withdraw({ applicationId, withdrawnOn: '2024-05-20', reason: ` ${REASON} ` })).toEqual({ id: applicationId, status: 'withdrawn' });

    const row = await connection.db.selectFrom('application').select(['status', 'outcome_reason', 'decided_on']).where('id', '=', applicationId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'withdrawn', outcome_reason: REASON, decided_on: '2024-05-20' });
    const audit = await connection.db.selectFrom('audit_event').select(['authority_id', 'outcome']).where('procedure', '=', 'application.withdraw').where('target', '=', applicationId).execute();
    expect(audit).toEqual([{ authority_id: GSS.liverpool, outcome: 'success' }]);
    expect((await lead.application.evaluation({ procurementId: p.id }))[0]!.results.some((r) => r.applicationId === applicationId)).toBe(false);
    expect((await officer.application.list({ procurementId: p.id })).find((a) => a.id === applicationId)).toMatchObject({ status: 'withdrawn', outcomeReason: REASON, decidedOn: '2024-05-20' });

    // Withdrawn is the end of it: no scoring, no decision, no second withdrawal.
    expect(await unchanged(async () => officer.application.score({ applicationId, version: null, criterionId: p.criterionIds.quality, score: 3, rationale: 'Late' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'applicationId' });
    // A decision on it now is a conflict: someone already moved it on (who, and when, is said).
    expect(await unchanged(() => lead.application.decide({ applicationId, outcome: 'rejected', reason: 'Late' }))).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(await unchanged(() => lead.application.withdraw({ applicationId, withdrawnOn: '2024-05-21', reason: REASON }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'applicationId',
      message: 'The application was already withdrawn on 20 May 2024: only an application still being evaluated can be withdrawn',
    });
  });
});

describe('withdrawing an application is refused, naming the field, and nothing is written', () => {
  it('once it has been decided', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p);
    await lead.application.decide({ applicationId, outcome: 'rejected', reason: 'Did not meet the specification', decidedOn: '2024-06-01' });
    expect(await unchanged(() => lead.application.withdraw({ applicationId, withdrawnOn: '2024-06-02', reason: REASON }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'applicationId',
      message: 'The application was already rejected on 1 June 2024: only an application still being evaluated can be withdrawn',
    });
  });

  it('dated in the future, before it was received, or without a reason', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p);
    expect(await unchanged(() => lead.application.withdraw({ applicationId, withdrawnOn: '2199-01-01', reason: REASON }))).toEqual({ code: 'BAD_REQUEST', field: 'withdrawnOn', message: 'The withdrawal date cannot be in the future' });
    expect(await unchanged(() => lead.application.withdraw({ applicationId, withdrawnOn: '2024-04-30', reason: REASON }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'withdrawnOn',
      message: 'The withdrawal cannot be dated before the application was received (1 May 2024)',
    });
    expect(await unchanged(() => lead.application.withdraw({ applicationId, withdrawnOn: '2024-05-20', reason: '  ' }))).toMatchObject({ code: 'BAD_REQUEST', field: 'reason' });
  });

  it('for the lead’s contract officer and viewer (FORBIDDEN), a partner and an outsider (NOT_FOUND)', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p);
    const input = { applicationId, withdrawnOn: '2024-05-20', reason: REASON };
    expect(await unchanged(() => officer.application.withdraw(input))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await unchanged(() => viewer.application.withdraw(input))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await unchanged(() => partner.application.withdraw(input))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await unchanged(() => outsider.application.withdraw(input))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await connection.db.selectFrom('application').select('status').where('id', '=', applicationId).executeTakeFirstOrThrow()).status).toBe('received');
  });

  it('the database itself refuses a withdrawn application without its day and reason', async () => {
    const p = await fixtureProcurement(connection.db, { status: 'evaluation' });
    const applicationId = await fixtureApplication(connection.db, p);
    await expect(connection.db.updateTable('application').set({ status: 'withdrawn' }).where('id', '=', applicationId).execute()).rejects.toThrow(/application_withdrawal_recorded/);
  });
});
