import { randomUUID } from 'node:crypto';
import { reminderRunText, sendDueReminders, type ReminderRun } from '@concord/api';
import { loadServerConfig } from '@concord/api-server/config';
import type { Connection } from '@concord/db';
import { deadlineText } from '@concord/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, signIn, type Caller } from '../support/api.ts';
import { pdfFile } from '../support/documents.ts';
import { asProvider, registerProvider, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { asAuthority, sealedMiniCompetition, threeApprovedProviders } from '../support/sealed-call-offs.ts';

/**
 * Issue 11, item 6: deadline reminders, each sent once, by the clock given to the database (migration 0037):
 *   a call-off's response deadline, 7 days and 1 day before, to each invited provider that has not responded;
 *   a framework reopening's close, 7 days and 1 day before, to each provider with a draft application not submitted;
 *   a document's expiry, 30 days and 7 days before, to its provider.
 * Never twice, never after the deadline, never to a provider that has responded or submitted, nor to anyone else; a
 * missed moment is still sent while the deadline has not passed, but only the latest stage. Days are days in England.
 * The steps share state, in order.
 */
let connection: Connection;
let alder: RegisteredProvider, birch: RegisteredProvider, cedar: RegisteredProvider, outsider: RegisteredProvider;
let sefton: Caller;
const NOTHING: ReminderRun = { callOffResponseDue: 0, applicationWindowClosing: 0, documentExpiring: 0 };
const run = (iso: string) => sendDueReminders(connection.db, { at: new Date(iso) });
/** The reminders in an inbox, as its people read them (message.list), oldest first. */
const remindersOf = async (caller: Caller) => (await caller.message.list({ limit: 100 })).messages.filter((m) => m.subject.startsWith('Reminder: ')).reverse();
const reminders = (provider: RegisteredProvider) => remindersOf(provider.caller);
const stagesSent = async (subjectId: string, providerId: string) =>
  (
    await connection.db.selectFrom('reminder_sent').select('days_before').where('subject_id', '=', subjectId).where('provider_id', '=', providerId).orderBy('sent_at').execute()
  ).map((r) => r.days_before);
const sqlWords = async (iso: string) => (await sql<{ w: string }>`SELECT concord_deadline_words(${iso}::timestamptz) AS w`.execute(connection.db)).rows[0]!.w;
const weekday = (iso: string, shift = 0) => new Date(Date.parse(iso) + shift).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'Europe/London' });

beforeAll(async () => {
  connection = await openSeededDatabase();
  [alder, birch, cedar] = await threeApprovedProviders(connection, 340);
  outsider = await registerVerifiedProvider(connection, 343);
  sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
});
afterAll(() => connection.close());

describe('the words', () => {
  it('say an instant as deadlineText does, with the day of the week, in England’s time (GMT and BST)', async () => {
    const cases: [string, string][] = [
      ['2030-02-01T00:00:00Z', '11:59pm on Thursday 31 January 2030'],
      ['2027-03-01T17:00:00Z', '5pm on Monday 1 March 2027'],
      ['2027-07-01T11:00:00Z', 'midday on Thursday 1 July 2027'],
      ['2027-07-01T08:30:00Z', '9:30am on Thursday 1 July 2027'],
      ['2030-03-31T23:00:00Z', '11:59pm on Sunday 31 March 2030'],
    ];
    for (const [iso, words] of cases) {
      expect({ iso, words: await sqlWords(iso) }).toEqual({ iso, words });
      // The same words as the domain's deadlineText, which has no day of the week (a midnight deadline is the day before).
      const day = weekday(iso, words.startsWith('11:59pm') ? -60_000 : 0);
      expect(words.replace(` on ${day} `, ' on ')).toBe(deadlineText(iso));
    }
  });
});

describe('a call-off’s response deadline', () => {
  // Deadline 31 January 2030, the end of the day in England: 2030-02-01T00:00Z (GMT).
  let callOffId = '';
  beforeAll(async () => {
    const callOff = await sealedMiniCompetition(connection, [alder.providerId, birch.providerId, cedar.providerId]);
    callOffId = callOff.id;
    const { criteria } = await birch.caller.callOff.invitation({ callOffId });
    await birch.caller.callOff.respond({ callOffId, pricePence: 1_800, answers: criteria.filter((c) => c.kind !== 'price').map((c) => ({ criterionId: c.id, answer: 'Birch' })) });
  });

  it('sends nothing more than 7 days before', async () => {
    expect(await run('2030-01-24T23:59:00Z')).toEqual(NOTHING);
    expect(await reminders(alder)).toEqual([]);
  });

  it('7 days before, reminds each invited provider that has not responded, once', async () => {
    expect(await run('2030-01-25T00:00:00Z')).toEqual({ ...NOTHING, callOffResponseDue: 2 });
    expect(await run('2030-01-25T00:00:00Z')).toEqual(NOTHING);
    expect(await run('2030-01-28T09:00:00Z')).toEqual(NOTHING);
    const [message, ...more] = await reminders(alder);
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      kind: 'call_off_response_due',
      subject: 'Reminder: respond to Sefton Council by 11:59pm on Thursday 31 January 2030',
      link: `/organisation/invitations/${callOffId}`,
      from: 'Concord',
      read: false,
    });
    expect(message!.body).toMatch(/^Your response to Sefton Council’s mini-competition [A-Z0-9/-]+ \(Test Extra Care scheme, .+\) is due by 11:59pm on Thursday 31 January 2030\. You have not responded yet\./);
    expect((await reminders(cedar)).map((m) => m.subject)).toEqual([message!.subject]);
  });

  it('1 day before, once more; then never after the deadline', async () => {
    expect(await run('2030-01-30T23:59:00Z')).toEqual(NOTHING);
    expect(await run('2030-01-31T00:00:00Z')).toEqual({ ...NOTHING, callOffResponseDue: 2 });
    expect(await run('2030-01-31T18:00:00Z')).toEqual(NOTHING);
    expect(await run('2030-02-01T00:00:00Z')).toEqual(NOTHING);
    expect(await run('2030-02-03T00:00:00Z')).toEqual(NOTHING);
    expect(await reminders(alder)).toHaveLength(2);
    expect(await stagesSent(callOffId, alder.providerId)).toEqual([7, 1]);
    expect(await stagesSent(callOffId, cedar.providerId)).toEqual([7, 1]);
  });

  it('never to the provider that responded, to a provider not invited, or to the council', async () => {
    expect(await reminders(birch)).toEqual([]);
    expect(await reminders(outsider)).toEqual([]);
    expect(await remindersOf(sefton)).toEqual([]);
    expect(await stagesSent(callOffId, birch.providerId)).toEqual([]);
  });

  it('in SQL as the application role: each provider reads only its own reminders; Sefton and the outsider none; nobody writes one', async () => {
    const count = sql<{ reminders: number; messages: number }>`SELECT (SELECT count(*)::int FROM reminder_sent) AS reminders,
      (SELECT count(*)::int FROM message WHERE kind = 'call_off_response_due') AS messages`;
    expect((await asProvider(connection, alder.providerId, (tx) => count.execute(tx))).rows[0]).toEqual({ reminders: 2, messages: 2 });
    expect((await asProvider(connection, outsider.providerId, (tx) => count.execute(tx))).rows[0]).toEqual({ reminders: 0, messages: 0 });
    expect((await asAuthority(connection, GSS.sefton, (tx) => count.execute(tx))).rows[0]).toEqual({ reminders: 0, messages: 0 });
    const forged = asProvider(connection, outsider.providerId, (tx) =>
      sql`INSERT INTO reminder_sent (kind, subject_id, provider_id, due_at, days_before, message_id, sent_at)
        SELECT kind, subject_id, ${outsider.providerId}::uuid, due_at, days_before, message_id, sent_at FROM reminder_sent LIMIT 1`.execute(tx),
    );
    await expect(forged).rejects.toMatchObject({ code: '42501' });
  });

  it('counts days in England: 1 day before a BST midnight is the GMT midnight before it, 23 hours earlier', async () => {
    // 31 March 2030: clocks go forward at 01:00 GMT, so the deadline is 2030-03-31T23:00Z and 1 day before it is 2030-03-31T00:00Z.
    const callOff = await sealedMiniCompetition(connection, [alder.providerId, birch.providerId, cedar.providerId], { day: '2030-03-31', time: undefined });
    expect(await run('2030-03-30T23:30:00Z')).toEqual({ ...NOTHING, callOffResponseDue: 3 });
    expect(await stagesSent(callOff.id, birch.providerId)).toEqual([7]);
    expect(await run('2030-03-31T00:00:00Z')).toEqual({ ...NOTHING, callOffResponseDue: 3 });
    expect(await stagesSent(callOff.id, birch.providerId)).toEqual([7, 1]);
    expect((await reminders(birch)).map((m) => m.subject)).toEqual(Array(2).fill('Reminder: respond to Sefton Council by 11:59pm on Sunday 31 March 2030'));
  });

  it('a moment missed (the server was down) is still sent before the deadline, but only the latest: no 7-day reminder after the 1-day one is due', async () => {
    const callOff = await sealedMiniCompetition(connection, [alder.providerId, cedar.providerId], { day: '2030-05-31', time: '17:00' });
    expect(await run('2030-05-31T09:00:00Z')).toEqual({ ...NOTHING, callOffResponseDue: 2 });
    expect(await run('2030-05-31T09:15:00Z')).toEqual(NOTHING);
    expect(await stagesSent(callOff.id, alder.providerId)).toEqual([1]);
    expect((await reminders(alder)).at(-1)!.subject).toBe('Reminder: respond to Sefton Council by 5pm on Friday 31 May 2030');
    expect(await run('2030-05-31T16:00:00Z')).toEqual(NOTHING);
  });

  it('a call-off no longer inviting reminds nobody', async () => {
    const callOff = await sealedMiniCompetition(connection, [alder.providerId], { day: '2030-07-31', time: undefined });
    await sefton.callOff.cancel({ callOffId: callOff.id, cancelledOn: new Date().toISOString().slice(0, 10), reason: 'The scheme is delayed' });
    expect(await run('2030-07-30T12:00:00Z')).toEqual(NOTHING);
  });
});

describe('a framework reopening’s close', () => {
  // Staffordshire's framework, live, reopened from yesterday to 30 June 2030 (ends 2030-06-30T23:00Z, BST).
  let drafter: RegisteredProvider, submitter: RegisteredProvider, looker: RegisteredProvider;
  let procurement = { id: '', title: '', reference: '' };
  let draftId = '';
  beforeAll(async () => {
    const framework = await connection.db
      .selectFrom('procurement')
      .select(['id', 'authority_id', 'partnership_id', 'title', 'reference'])
      .where('route', '=', 'framework')
      .where('status', '=', 'live')
      .executeTakeFirstOrThrow();
    procurement = framework;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await connection.db
      .insertInto('reopening')
      .values({ authority_id: framework.authority_id, partnership_id: framework.partnership_id, procurement_id: framework.id, opens_on: yesterday, closes_on: '2030-06-30', reason: 'Reminders test' })
      .execute();
    [drafter, submitter, looker] = [await registerProvider(connection, 344), await registerProvider(connection, 345), await registerProvider(connection, 346)];
    draftId = (await drafter.caller.myApplication.start({ idempotencyKey: randomUUID(), procurementId: framework.id })).id;
    const { id } = await submitter.caller.myApplication.start({ idempotencyKey: randomUUID(), procurementId: framework.id });
    const detail = await submitter.caller.opportunity.get({ procurementId: framework.id });
    const draft = await submitter.caller.myApplication.get({ applicationId: id });
    const lotId = detail.lots[0]!.id;
    const saved = await submitter.caller.myApplication.save({
      applicationId: id,
      rowVersion: draft.rowVersion,
      lotIds: [lotId],
      gatewayAnswers: detail.gatewayQuestions.map((q) => ({ id: q.id, answer: 'Yes' })),
      qualityAnswers: detail.criteria.filter((c) => c.kind !== 'price').map((c) => ({ id: c.id, answer: `Our approach to ${c.name}` })),
      ...(detail.asksForPrices ? { lotPrices: [{ lotId, pricePence: 2_000 }] } : {}),
    });
    await submitter.caller.myApplication.submit({ applicationId: id, rowVersion: saved.rowVersion });
  });

  it('7 days and 1 day before, reminds the provider with a draft, once each, and nobody after the close', async () => {
    expect(await run('2030-06-23T22:59:00Z')).toEqual(NOTHING);
    expect(await run('2030-06-23T23:00:00Z')).toEqual({ ...NOTHING, applicationWindowClosing: 1 });
    expect(await run('2030-06-25T12:00:00Z')).toEqual(NOTHING);
    expect(await run('2030-06-29T23:00:00Z')).toEqual({ ...NOTHING, applicationWindowClosing: 1 });
    expect(await run('2030-06-30T22:59:00Z')).toEqual(NOTHING);
    expect(await run('2030-06-30T23:00:00Z')).toEqual(NOTHING);
    const sent = await reminders(drafter);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({
      kind: 'application_window_closing',
      subject: `Reminder: submit your application to ${procurement.title} by 11:59pm on Sunday 30 June 2030`,
      link: `/organisation/applications/${draftId}`,
    });
    expect(sent[0]!.body).toContain(`Your application to ${procurement.title} (${procurement.reference}, led by Staffordshire County Council) is still a draft.`);
  });

  it('never to a provider that submitted, nor to one that only looked', async () => {
    expect(await reminders(submitter)).toEqual([]);
    expect(await reminders(looker)).toEqual([]);
    expect(await reminders(alder)).not.toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'application_window_closing' })]));
  });
});

describe('a document’s expiry', () => {
  // The organisation's insurance expires on 15 September 2030; an earlier version with the same expiry was replaced.
  let holder: RegisteredProvider;
  let insuranceId = '';
  beforeAll(async () => {
    holder = await registerVerifiedProvider(connection, 347);
    const b64 = (b: Buffer) => b.toString('base64');
    const old = await holder.caller.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'insurance_certificate', title: 'Employers’ liability insurance', fileName: 'el.pdf', contentBase64: b64(pdfFile('EL 2030')), expiresOn: '2030-09-15' });
    await holder.caller.providerDocument.replace({ documentId: old.documentId, title: 'Employers’ liability insurance 2031', fileName: 'el-2031.pdf', contentBase64: b64(pdfFile('EL 2031')), expiresOn: '2031-09-15' });
    insuranceId = (await holder.caller.providerDocument.upload({ idempotencyKey: randomUUID(), kind: 'insurance_certificate', title: 'Public liability insurance', fileName: 'pl.pdf', contentBase64: b64(pdfFile('PL 2030')), expiresOn: '2030-09-15' })).documentId;
  });

  it('30 days and 7 days before, once each, for the current document only; none on or after the expiry day', async () => {
    expect(await run('2030-08-15T12:00:00Z')).toEqual(NOTHING);
    expect(await run('2030-08-15T23:00:00Z')).toEqual({ ...NOTHING, documentExpiring: 1 }); // midnight in England (BST): 16 August
    expect(await run('2030-08-20T12:00:00Z')).toEqual(NOTHING);
    expect(await run('2030-09-08T12:00:00Z')).toEqual({ ...NOTHING, documentExpiring: 1 });
    expect(await run('2030-09-08T13:00:00Z')).toEqual(NOTHING);
    expect(await run('2030-09-15T12:00:00Z')).toEqual(NOTHING);
    expect(await run('2030-09-16T12:00:00Z')).toEqual(NOTHING);
    expect(await stagesSent(insuranceId, holder.providerId)).toEqual([30, 7]);
    const sent = await reminders(holder);
    expect(sent.map((m) => [m.kind, m.subject, m.link])).toEqual([
      ['document_expiring', 'Reminder: ‘Public liability insurance’ expires on Sunday 15 September 2030', '/organisation/documents'],
      ['document_expiring', 'Reminder: ‘Public liability insurance’ expires on Sunday 15 September 2030', '/organisation/documents'],
    ]);
    expect(await reminders(outsider)).not.toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'document_expiring' })]));
  });
});

describe('running them', () => {
  it('the server sends them unless CONCORD_REMINDERS is off; any other value stops the start, named', () => {
    expect(loadServerConfig({}).reminders).toBe(true);
    expect(loadServerConfig({ CONCORD_REMINDERS: 'on' }).reminders).toBe(true);
    expect(loadServerConfig({ CONCORD_REMINDERS: 'off' }).reminders).toBe(false);
    expect(() => loadServerConfig({ CONCORD_REMINDERS: 'false' })).toThrow('CONCORD_REMINDERS must be "on" or "off", got "false"');
  });

  it('says what a run sent in words (the CLI and the server’s log)', () => {
    expect(reminderRunText(NOTHING)).toBe('No reminders sent');
    expect(reminderRunText({ ...NOTHING, documentExpiring: 1 })).toBe('1 reminder sent (1 document expiring)');
    expect(reminderRunText({ callOffResponseDue: 2, applicationWindowClosing: 1, documentExpiring: 0 })).toBe('3 reminders sent (2 call-off responses due, 1 application window closing)');
  });

  it('without a clock given, runs by the database’s: nothing is due now in the far-future deadlines above', async () => {
    expect(await sendDueReminders(connection.db)).toEqual(NOTHING);
  });
});
