import { inTenant, type Connection } from '@concord/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';
import { returnVersion } from '../support/versions.ts';

/**
 * Review statuses (issue 6): the Peninsula's lead commissioner (Devon) queries or accepts a member's figure.
 * Returns are private to the member, so the review lives on the partnership-shared return_review record;
 * the member sees "queried: <reason>" on its own returns calendar.
 */
const TORBAY = 'E06000027';
let connection: Connection;
let peninsula: string;
const as: Record<string, ReturnType<typeof callerFor>> = {};

beforeAll(async () => {
  connection = await openSeededDatabase();
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
  for (const who of ['devon', 'plymouth', 'torbay', 'kent']) as[who] = callerFor(connection, (await signIn(connection, `commissioner.${who}@concord.example`)).session);
  as.devonViewer = callerFor(connection, (await signIn(connection, 'viewer.devon@concord.example')).session);
});
afterAll(() => connection.close());

const august = (status: 'queried' | 'accepted', reason?: string, authorityId: string = GSS.plymouth) => ({
  partnershipId: peninsula,
  authorityId,
  kpiCode: 'SL-01',
  period: '2023-08-01',
  status,
  reason,
});
const plymouthAugust = async () => (await as.plymouth!.return.list({ partnershipId: peninsula, kpiCode: 'SL-01', from: '2023-01-01' })).entries.find((e) => e.periodStart === '2023-08-01')!;
const reviewRows = () => connection.db.selectFrom('return_review').selectAll().execute();

describe('reviewing members’ returns', () => {
  it('the lead commissioner queries a figure: the member sees "queried" with the reason on its returns', async () => {
    expect(await plymouthAugust()).toMatchObject({ status: 'submitted', value: 13, reviewReason: null });
    const review = await as.devon!.return.review(august('queried', 'Thirteen looks low against last quarter: please confirm'));
    expect(review).toMatchObject({ authorityId: GSS.plymouth, status: 'queried', periodStart: '2023-08-01' });
    expect(await plymouthAugust()).toMatchObject({ status: 'queried', reviewReason: 'Thirteen looks low against last quarter: please confirm' });
    // Torbay's own August figure is untouched.
    const torbayAugust = (await as.torbay!.return.list({ partnershipId: peninsula, kpiCode: 'SL-01', from: '2023-01-01' })).entries.find((e) => e.periodStart === '2023-08-01')!;
    expect(torbayAugust).toMatchObject({ status: 'submitted', reviewReason: null });
  });

  it('then accepts it; the member sees "accepted"', async () => {
    await as.devon!.return.review(august('accepted'));
    expect(await plymouthAugust()).toMatchObject({ status: 'accepted', reviewReason: null });
    expect((await reviewRows()).filter((r) => r.member_authority_id === GSS.plymouth)).toHaveLength(1);
  });

  it('a resubmission after the review is "submitted" again until the lead reviews it', async () => {
    const later = () => new Date(Date.now() + 60_000);
    const plymouthLater = callerFor(connection, (await signIn(connection, 'commissioner.plymouth@concord.example')).session, { now: later });
    await plymouthLater.return.submit({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01', value: 13, comment: 'Confirmed', version: await returnVersion(connection.db, { authorityId: GSS.plymouth, partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01' }) });
    expect((await plymouthAugust()).status).toMatch(/^(submitted|late)$/);
  });

  it('the lead sees every member’s reviews; a member only its own', async () => {
    await as.devon!.return.review(august('queried', 'Check the carers counted', TORBAY));
    expect((await as.devon!.return.reviews({ partnershipId: peninsula })).map((r) => r.authorityId).sort()).toEqual([TORBAY, GSS.plymouth].sort());
    expect((await as.plymouth!.return.reviews({ partnershipId: peninsula })).map((r) => r.authorityId)).toEqual([GSS.plymouth]);
    expect((await as.torbay!.return.reviews({ partnershipId: peninsula })).map((r) => r.reason)).toEqual(['Check the carers counted']);
  });

  it('in the database itself, a review is read only by the lead that wrote it and the member it is about', async () => {
    const plymouthReviewsSeenBy = (authorityId: string) =>
      inTenant(connection.db, { authorityId }, (t) => t.selectFrom('return_review').select('reason').where('member_authority_id', '=', GSS.plymouth).execute());
    expect(await plymouthReviewsSeenBy(GSS.devon)).toHaveLength(1);
    expect(await plymouthReviewsSeenBy(GSS.plymouth)).toHaveLength(1);
    // Torbay is a member of the same partnership, but the query about Plymouth's figure is not its business.
    expect(await plymouthReviewsSeenBy(TORBAY)).toEqual([]);
    expect(await plymouthReviewsSeenBy(GSS.kent)).toEqual([]);
  });

  it('refusals: a partner FORBIDDEN, the lead authority’s viewer FORBIDDEN, an outsider NOT_FOUND; nothing written', async () => {
    const before = JSON.stringify(await reviewRows());
    expect(await outcome(as.torbay!.return.review(august('accepted')))).toBe('FORBIDDEN');
    expect(await outcome(as.plymouth!.return.review(august('accepted')))).toBe('FORBIDDEN');
    expect(await outcome(as.devonViewer!.return.review(august('accepted')))).toBe('FORBIDDEN');
    expect(await outcome(as.kent!.return.review(august('accepted')))).toBe('NOT_FOUND');
    expect(await outcome(as.kent!.return.reviews({ partnershipId: peninsula }))).toBe('NOT_FOUND');
    expect(JSON.stringify(await reviewRows())).toBe(before);
  });

  it('bad input: a query needs a reason; a figure nobody submitted cannot be reviewed', async () => {
    const noReason = await as.devon!.return.review(august('queried', '  ')).catch((e: unknown) => e);
    expect(noReason).toBeInstanceOf(TRPCError);
    expect((noReason as TRPCError).code).toBe('BAD_REQUEST');
    expect(((noReason as TRPCError).cause as { field?: string }).field).toBe('reason');
    expect(await outcome(as.devon!.return.review({ ...august('accepted'), period: '2019-01-01' }))).toBe('NOT_FOUND');
  });

  it('the database refuses a member writing a review, even of its own figure (RLS: the lead writes)', async () => {
    const { inTenant } = await import('@concord/db');
    await expect(
      inTenant(connection.db, { authorityId: GSS.plymouth }, (tx) =>
        tx.insertInto('return_review').values({ authority_id: GSS.plymouth, partnership_id: peninsula, member_authority_id: GSS.plymouth, kpi_code: 'SL-01', period_start: '2023-09-01', status: 'accepted' }).execute(),
      ),
    ).rejects.toThrow();
  });
});

describe('the lead commissioner’s review list', () => {
  const queue = () => as.devon!.return.reviewQueue({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-01' });

  it('lists every member’s published figure as the benchmark shows it to the lead, with where its review stands', async () => {
    const q = await queue();
    expect(q.period).toEqual({ start: '2023-08-01', label: 'Aug 2023' });
    const byName = Object.fromEntries(q.members.map((m) => [m.name.split(' ')[0], m]));
    // Somerset chose anonymised: the lead is another authority, so it sees "Authority A", never the name or code.
    // A per-head KPI: an anonymised member shows only its rate per 100,000 (its count would give its population).
    expect(Object.fromEntries(q.members.map((m) => [m.name.split(' ')[0], m.value]))).toEqual({ Cornwall: 130, Devon: 73, Plymouth: 13, Authority: null, Torbay: 28 });
    expect(byName.Authority).toMatchObject({ name: 'Authority A', authorityId: null });
    // Its rate (62 / 571,600 × 100,000 = 10.85) rounded to a whole number, so it cannot be solved for a population (issue 12).
    expect(byName.Authority).toMatchObject({ perHundredThousand: 11, value: null, numerator: null, denominator: null });
    expect(JSON.stringify(q)).not.toMatch(/Somerset|E06000066/);
    expect(byName.Torbay).toMatchObject({ status: 'queried', reason: 'Check the carers counted', resubmittedAfter: null });
    // Plymouth resubmitted after the lead accepted: waiting to be looked at again.
    expect(byName.Plymouth).toMatchObject({ status: 'submitted', reason: null, resubmittedAfter: 'accepted' });
    expect(byName.Cornwall).toMatchObject({ status: 'submitted', reviewedAt: null, resubmittedAfter: null });
  });

  it('defaults to the latest period with a figure; a period that is not a month start is refused against the field', async () => {
    const latest = await as.devon!.return.reviewQueue({ partnershipId: peninsula, kpiCode: 'SL-01' });
    expect(latest.period?.start).toBe(latest.periods[0]!.start);
    expect(latest.periods.length).toBe(12);
    const bad = await as.devon!.return.reviewQueue({ partnershipId: peninsula, kpiCode: 'SL-01', period: '2023-08-15' }).catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    expect(((bad as TRPCError).cause as { field?: string }).field).toBe('period');
  });

  it('the lead reviews an anonymised member by its figure, never by its code; the reviews it reads do not name it', async () => {
    const anonymous = (await queue()).members.find((m) => m.authorityId === null)!;
    const byCode = await as.devon!.return.review({ partnershipId: peninsula, authorityId: 'E06000066', kpiCode: 'SL-01', period: '2023-08-01', status: 'accepted' }).catch((e: unknown) => e);
    expect((byCode as TRPCError).code).toBe('BAD_REQUEST');
    expect(((byCode as TRPCError).cause as { field?: string }).field).toBe('authorityId');
    const review = await as.devon!.return.review({ partnershipId: peninsula, figureId: anonymous.figureId!, kpiCode: 'SL-01', period: '2023-08-01', status: 'queried', reason: 'Please confirm the count' });
    expect(review).toMatchObject({ authorityId: null, anonymousLabel: 'Authority A', status: 'queried' });
    expect((await queue()).members.find((m) => m.name === 'Authority A')).toMatchObject({ status: 'queried', reason: 'Please confirm the count' });
    expect(JSON.stringify(await as.devon!.return.reviews({ partnershipId: peninsula }))).not.toContain('E06000066');
    // Somerset itself sees the query on its own figure, named to itself.
    const somerset = callerFor(connection, (await signIn(connection, 'commissioner.somerset@concord.example')).session);
    expect((await somerset.return.reviews({ partnershipId: peninsula })).map((r) => [r.authorityId, r.reason])).toEqual([['E06000066', 'Please confirm the count']]);
  });

  it('nobody but the lead commissioner reads it: members and the lead’s viewer FORBIDDEN, an outsider NOT_FOUND', async () => {
    expect(await outcome(as.plymouth!.return.reviewQueue({ partnershipId: peninsula, kpiCode: 'SL-01' }))).toBe('FORBIDDEN');
    expect(await outcome(as.devonViewer!.return.reviewQueue({ partnershipId: peninsula, kpiCode: 'SL-01' }))).toBe('FORBIDDEN');
    expect(await outcome(as.kent!.return.reviewQueue({ partnershipId: peninsula, kpiCode: 'SL-01' }))).toBe('NOT_FOUND');
  });
});
