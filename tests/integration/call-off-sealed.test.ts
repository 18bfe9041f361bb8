import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, outcomeWithField, signIn } from '../support/api.ts';
import { asProvider, registerProvider, registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';
import { admitToSeftonLot, asAuthority, passDeadline, sealedMiniCompetition, threeApprovedProviders } from '../support/sealed-call-offs.ts';

/**
 * Issue 11, item 4: sealed mini-competitions. Invited, verified providers see their own invitations and answer them;
 * they may replace a response until the deadline (each version kept, the latest counts). Nobody at Sefton can read
 * any response before the deadline, not even by SQL as the application role in Sefton's tenant: only how many came.
 * After the deadline Sefton scores and awards; each provider then sees its own score, rank and feedback, nobody else's.
 */
let connection: Connection;
let alder: RegisteredProvider, birch: RegisteredProvider, cedar: RegisteredProvider;
let outsider: RegisteredProvider;
let callOff: Awaited<ReturnType<typeof sealedMiniCompetition>>;
const answersFor = (criteria: { id: string; kind: string }[], text: string) => criteria.filter((c) => c.kind !== 'price').map((c) => ({ criterionId: c.id, answer: `${text}: ${c.id.slice(0, 4)}` }));
const sqlCount = (tx: Parameters<Parameters<typeof asProvider>[2]>[0], table: string, callOffId: string) =>
  sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE call_off_id = ${callOffId}`.execute(tx).then((r) => r.rows[0]!.n);

beforeAll(async () => {
  connection = await openSeededDatabase();
  [alder, birch, cedar] = await threeApprovedProviders(connection, 250);
  outsider = await registerVerifiedProvider(connection, 253);
  callOff = await sealedMiniCompetition(connection, [alder.providerId, birch.providerId, cedar.providerId]);
});
afterAll(() => connection.close());

describe('before the deadline', () => {
  it('an invited provider sees its invitation, the refined criteria and the deadline (end of that day in London), and its inbox says so', async () => {
    const list = await alder.caller.callOff.invitations();
    expect(list).toEqual([expect.objectContaining({ callOffId: callOff.id, authority: 'Sefton Council', state: 'open', deadlineAt: '2030-02-01T00:00:00.000Z', deadlineText: '11:59pm on 31 January 2030', responded: null })]);
    const one = await alder.caller.callOff.invitation({ callOffId: callOff.id });
    expect(one.criteria.map((c) => [c.kind, c.weightPercent])).toEqual([['quality', 40], ['quality', 20], ['price', 40]]);
    expect(one).toMatchObject({ specification: { schemeName: 'Test Extra Care scheme', units: 40 }, priceUnit: 'hour', responses: [], outcome: null });
    const inbox = await alder.caller.message.list({});
    expect(JSON.stringify(inbox)).toContain('Sefton Council invites you to a mini-competition: Test Extra Care scheme');
  });

  it('a provider not invited sees nothing of it; an unverified organisation is refused; neither sees a row in SQL', async () => {
    expect(await outsider.caller.callOff.invitations()).toEqual([]);
    expect(await outcome(outsider.caller.callOff.invitation({ callOffId: callOff.id }))).toBe('NOT_FOUND');
    const unverified = await registerProvider(connection, 254);
    await admitToSeftonLot(connection, [unverified.providerId]);
    await connection.db.insertInto('call_off_invitation').values({ authority_id: GSS.sefton, call_off_id: callOff.id, provider_id: unverified.providerId, approved_list_entry_id: (await connection.db.selectFrom('approved_list_entry').select('id').where('provider_id', '=', unverified.providerId).executeTakeFirstOrThrow()).id, invited_on: '2026-12-01' }).execute();
    expect(await outcome(unverified.caller.callOff.invitations())).toBe('FORBIDDEN');
    for (const who of [outsider, unverified]) {
      const counts = await asProvider(connection, who.providerId, async (tx) => [await sqlCount(tx, 'call_off_invitation', callOff.id), await sqlCount(tx, 'call_off_criterion', callOff.id), (await sql<{ n: number }>`SELECT count(*)::int AS n FROM call_off WHERE id = ${callOff.id}`.execute(tx)).rows[0]!.n]);
      expect(counts).toEqual([0, 0, 0]);
    }
    // An invited provider sees only the call-offs it is invited to: none of Sefton's others, no contract.
    const seen = await asProvider(connection, alder.providerId, (tx) => sql<{ c: number; k: number }>`SELECT (SELECT count(*)::int FROM call_off) AS c, (SELECT count(*)::int FROM contract) AS k`.execute(tx));
    expect(seen.rows[0]).toEqual({ c: 1, k: 0 });
  });

  it('providers respond and replace until the deadline; every version is kept and each is told', async () => {
    const { criteria } = await alder.caller.callOff.invitation({ callOffId: callOff.id });
    expect(await outcomeWithField(alder.caller.callOff.respond({ callOffId: callOff.id, answers: answersFor(criteria, 'Alder') }))).toBe('BAD_REQUEST pricePence');
    expect(await outcomeWithField(alder.caller.callOff.respond({ callOffId: callOff.id, pricePence: 1_950, answers: answersFor(criteria, 'Alder').slice(1) }))).toBe('BAD_REQUEST answers');
    const first = await alder.caller.callOff.respond({ callOffId: callOff.id, pricePence: 2_050, answers: answersFor(criteria, 'Alder first') });
    const second = await alder.caller.callOff.respond({ callOffId: callOff.id, pricePence: 1_950, answers: answersFor(criteria, 'Alder') });
    expect([first.version, second.version]).toEqual([1, 2]);
    await birch.caller.callOff.respond({ callOffId: callOff.id, pricePence: 1_800, answers: answersFor(criteria, 'Birch') });
    const mine = await alder.caller.callOff.invitation({ callOffId: callOff.id });
    expect(mine.responses.map((r) => [r.version, r.latest, r.pricePence, r.online])).toEqual([[2, true, 1_950, true], [1, false, 2_050, true]]);
    expect(mine.responses[0]!.answers[0]!.answer).toMatch(/^Alder: /);
    expect((await alder.caller.callOff.invitations())[0]!.responded?.versions).toBe(2);
    expect(JSON.stringify(await alder.caller.message.list({}))).toContain('Replacement response received');
  });

  it('a provider never sees another’s response, even by SQL', async () => {
    const seen = await asProvider(connection, birch.providerId, (tx) =>
      sql<{ r: number; a: number }>`SELECT (SELECT count(*)::int FROM call_off_response) AS r, (SELECT count(*)::int FROM call_off_response_answer) AS a`.execute(tx),
    );
    expect(seen.rows[0]).toEqual({ r: 1, a: 2 });
    expect(JSON.stringify(await birch.caller.callOff.invitation({ callOffId: callOff.id }))).not.toContain('1950');
  });

  it('Sefton sees only how many responded: the procedures and a direct SELECT as the app role return no response', async () => {
    const sefton = callOff.sefton;
    // A paper response Sefton types in is sealed from Sefton too.
    await sefton.callOff.recordResponse({ callOffId: callOff.id, providerId: cedar.providerId, pricePence: 2_100, receivedOn: '2026-12-02' });
    const detail = await sefton.callOff.get({ callOffId: callOff.id });
    expect(detail.responses).toEqual({ received: 3, deadlineAt: '2030-02-01T00:00:00.000Z', sealedUntil: '2030-02-01T00:00:00.000Z', text: '3 responses received, sealed until 11:59pm on 31 January 2030' });
    expect(detail.invitations.map((i) => i.response)).toEqual([null, null, null, null]);
    expect(await sefton.callOff.evaluate({ callOffId: callOff.id })).toMatchObject({ sealedUntil: '2030-02-01T00:00:00.000Z', results: [] });
    const counts = await asAuthority(connection, GSS.sefton, async (tx) => [
      await sqlCount(tx, 'call_off_response', callOff.id),
      await sqlCount(tx, 'call_off_response_answer', callOff.id),
      (await sql<{ n: number }>`SELECT call_off_responses_received(${callOff.id}::uuid) AS n`.execute(tx)).rows[0]!.n,
    ]);
    expect(counts).toEqual([0, 0, 3]);
    // Another authority's count of Sefton's call-off is nothing.
    expect(await asAuthority(connection, GSS.liverpool, async (tx) => (await sql<{ n: number }>`SELECT call_off_responses_received(${callOff.id}::uuid) AS n`.execute(tx)).rows[0]!.n)).toBe(0);
  });

  it('Sefton cannot unseal them by moving its deadline earlier or clearing it, nor award or score before it; it may extend it', async () => {
    for (const change of [sql`response_deadline_at = now()`, sql`response_deadline_at = NULL`]) {
      await expect(asAuthority(connection, GSS.sefton, (tx) => sql`UPDATE call_off SET ${change} WHERE id = ${callOff.id}`.execute(tx))).rejects.toThrow(/never earlier/);
    }
    await asAuthority(connection, GSS.sefton, (tx) => sql`UPDATE call_off SET response_deadline_at = response_deadline_at + interval '1 hour' WHERE id = ${callOff.id}`.execute(tx));
    await asAuthority(connection, GSS.sefton, (tx) => sql`UPDATE call_off SET response_deadline_at = response_deadline_at - interval '1 hour' WHERE id = ${callOff.id}`.execute(tx)).catch(() => undefined);
    await sql`UPDATE call_off SET response_deadline_at = '2030-02-01T00:00:00Z' WHERE id = ${callOff.id}`.execute(connection.db);
    const award = await outcomeWithField(callOff.sefton.callOff.award({ callOffId: callOff.id, awardedOn: '2030-02-02', contract: { reference: 'SEF-SEALED-1', annualValuePence: 52_000_000 } }));
    expect(award).toBe('BAD_REQUEST callOffId');
    const sealed = await callOff.sefton.callOff.get({ callOffId: callOff.id });
    expect(await outcomeWithField(callOff.sefton.callOff.scoreResponse({ callOffId: callOff.id, version: sealed.rowVersion, providerId: alder.providerId, scores: [{ criterionId: sealed.criteria[0]!.id, score: 4 }] }))).toBe('BAD_REQUEST callOffId');
  });
});

describe('after the deadline', () => {
  beforeAll(() => passDeadline(connection, callOff.id));

  it('providers can no longer respond: refused by the procedure and by the database', async () => {
    const { criteria } = await cedar.caller.callOff.invitation({ callOffId: callOff.id });
    expect(await outcomeWithField(cedar.caller.callOff.respond({ callOffId: callOff.id, pricePence: 1_700, answers: answersFor(criteria, 'Late') }))).toBe('BAD_REQUEST callOffId');
    await expect(
      asProvider(connection, cedar.providerId, (tx) =>
        sql`INSERT INTO call_off_response (authority_id, call_off_id, provider_id, price_pence, received_on, source) VALUES (${GSS.sefton}, ${callOff.id}, ${cedar.providerId}, 1700, current_date, 'provider')`.execute(tx),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('Sefton reads every version by SQL, and the latest of each through the call-off', async () => {
    const counts = await asAuthority(connection, GSS.sefton, async (tx) => [await sqlCount(tx, 'call_off_response', callOff.id), await sqlCount(tx, 'call_off_response_answer', callOff.id)]);
    expect(counts).toEqual([4, 6]);
    const detail = await callOff.sefton.callOff.get({ callOffId: callOff.id });
    expect(detail.responses.sealedUntil).toBeNull();
    const byId = (p: RegisteredProvider) => detail.invitations.find((i) => i.providerId === p.providerId)!.response;
    expect([byId(alder)?.pricePence, byId(birch)?.pricePence, byId(cedar)?.pricePence]).toEqual([1_950, 1_800, 2_100]);
    expect([byId(alder)?.online, byId(cedar)?.online]).toEqual([true, false]);
  });

  it('Sefton scores and awards; each provider sees only its own score, rank and feedback; the winner its contract', async () => {
    const sefton = callOff.sefton;
    const { criteria, rowVersion } = await sefton.callOff.get({ callOffId: callOff.id });
    const scored = criteria.filter((c) => c.kind !== 'price');
    const panel: [RegisteredProvider, number[]][] = [[alder, [4, 3]], [birch, [3, 3]], [cedar, [5, 4]]];
    // Each panel score moves the call-off's version on: the next is sent from the version the last returned.
    let version = rowVersion;
    for (const [p, s] of panel) version = (await sefton.callOff.scoreResponse({ callOffId: callOff.id, version, providerId: p.providerId, scores: scored.map((c, k) => ({ criterionId: c.id, score: s[k]!, rationale: `Panel view ${k}` })) })).rowVersion;
    const { results } = await sefton.callOff.evaluate({ callOffId: callOff.id });
    expect(results.map((r) => [r.providerId, r.rank, r.totalPoints])).toEqual([[cedar.providerId, 1, 90.29], [alder.providerId, 2, 80.92], [birch.providerId, 3, 76]]);
    // Before the award, nobody has a result to read.
    expect((await alder.caller.callOff.invitation({ callOffId: callOff.id })).outcome).toBeNull();
    await sefton.callOff.award({
      callOffId: callOff.id,
      // Today in England: passDeadline moved the deadline (a day) to yesterday there, by the database's clock.
      awardedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
      contract: { reference: 'SEF-SEALED-1', annualValuePence: 52_000_000 },
      feedback: [{ providerId: alder.providerId, feedback: 'Strong on person-centred care; your price was higher than the lowest.' }],
    });
    const alderSees = await alder.caller.callOff.invitation({ callOffId: callOff.id });
    expect(alderSees.state).toBe('awarded');
    expect(alderSees.outcome).toMatchObject({ successful: false, rank: 2, totalPoints: 80.92, feedback: 'Strong on person-centred care; your price was higher than the lowest.', contractReference: null });
    expect(alderSees.outcome!.points.map((p) => p.score)).toEqual([4, 3, null]);
    const text = JSON.stringify(alderSees);
    // Numbers as JSON values (":2100"), so an id that happens to hold the digits does not count.
    for (const other of [':2100', ':1800', ':90.29', ':76', '"rank":1', cedar.providerId, birch.providerId, 'Wirral Homecare 252']) expect(text).not.toContain(other);
    expect((await cedar.caller.callOff.invitation({ callOffId: callOff.id })).outcome).toMatchObject({ successful: true, rank: 1, contractReference: 'SEF-SEALED-1' });
    const sqlSeen = await asProvider(connection, alder.providerId, async (tx) => [await sqlCount(tx, 'call_off_outcome', callOff.id), await sqlCount(tx, 'call_off_response', callOff.id)]);
    expect(sqlSeen).toEqual([1, 2]);
    expect(JSON.stringify(await birch.caller.message.list({}))).toContain('The outcome of Test Extra Care scheme');
  });

  it('the authority procedures stay closed to providers', async () => {
    expect(await outcome(alder.caller.callOff.get({ callOffId: callOff.id }))).toBe('FORBIDDEN');
    expect(await outcome(alder.caller.callOff.evaluate({ callOffId: callOff.id }))).toBe('FORBIDDEN');
    const sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
    expect(await outcome(sefton.callOff.invitations())).toBe('FORBIDDEN');
  });
});

describe('a deadline with a time of day', () => {
  it('is that time in England, GMT or BST as the day falls', async () => {
    const winter = await sealedMiniCompetition(connection, [alder.providerId], { day: '2030-03-01', time: '17:00' });
    const summer = await sealedMiniCompetition(connection, [alder.providerId], { day: '2030-07-01', time: '17:00' });
    const list = await alder.caller.callOff.invitations();
    expect(list.find((i) => i.callOffId === winter.id)).toMatchObject({ deadlineAt: '2030-03-01T17:00:00.000Z', deadlineText: '5pm on 1 March 2030', state: 'open' });
    expect(list.find((i) => i.callOffId === summer.id)).toMatchObject({ deadlineAt: '2030-07-01T16:00:00.000Z', deadlineText: '5pm on 1 July 2030' });
    expect((await winter.sefton.callOff.get({ callOffId: winter.id })).responses.text).toBe('No responses received, sealed until 5pm on 1 March 2030');
  });
});
