import { contractDetailsNoticeDeadline, contractTerminationNoticeDeadline } from '@concord/domain';
import { inTenant, type Connection } from '@concord/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidatePage } from '../../packages/api/src/notice/due-candidates.ts';
import { type Caller, callerAt, GSS, openSeededDatabase, outcome } from '../support/api.ts';
import { fixtureProvider } from '../support/contracts.ts';
import { PLYMOUTH_COMMISSIONER, SEFTON_COMMISSIONER, userIdOf } from '../support/procurement.ts';

/**
 * "What is due" at scale (issue 16, with issue 14's rule that every list is paged in SQL): more records than a page,
 * pages that continue one another, in due order; the SQL mirror of the UK7 and UK11 deadlines that orders them checked
 * against the domain; the same number of statements for a small page and a large one; the pipeline notice (UK1) on the
 * first page; the register's warnings for the contracts of one page only. The clock is 6 December 2026.
 */
const NOW = new Date('2026-12-06T12:00:00Z');
const TODAY = '2026-12-06';
let connection: Connection;
let plymouth: Caller;
let sefton: Caller;
let counting = false;
const sent: string[] = [];

interface Made {
  id: string;
  reference: string;
  start: string;
  end: string;
  uk7Published: boolean;
}
const made: Made[] = [];

const as = (email: string): Promise<Caller> => callerAt(connection, email, NOW);

/** A contract of Plymouth's awarded directly under the Act (its own record on "What is due"). */
async function actContract(i: number, start: string, end: string, uk7Published = false): Promise<Made> {
  const db = connection.db;
  const reference = `PLY-DUE-${String(i).padStart(3, '0')}`;
  const { id } = await db
    .insertInto('contract')
    .values({
      authority_id: GSS.plymouth,
      reference,
      title: `Paging contract ${reference}`,
      provider_id: await fixtureProvider(db),
      service_type: 'extra_care',
      source: 'direct_award',
      start_date: start,
      initial_end_date: end,
      end_date: end,
      annual_value_pence: 1_000_000,
      total_value_pence: 1_000_000,
      award_justification: 'Paging',
      decision_reference: 'Paging',
      decided_on: start,
      status: end < TODAY ? 'expired' : 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (uk7Published) {
    await db
      .insertInto('procurement_notice')
      .values({ authority_id: GSS.plymouth, notice_type: 'UK7', contract_id: id, status: 'published', notice_identifier: `7${String(i).padStart(5, '0')}-2026`, published_on: start, release: '{}', fields: '{}' })
      .execute();
  }
  return { id, reference, start, end, uk7Published };
}

/** The domain's earliest open UK7 or UK11 day of one of these contracts (light touch: 120 days). */
function expectedSortDay(c: Made): string | null {
  const days = [
    ...(c.uk7Published ? [] : [contractDetailsNoticeDeadline(c.start, true).dueBy]),
    ...(c.end < TODAY ? [contractTerminationNoticeDeadline(c.end).dueBy] : []),
  ].sort();
  return days[0] ?? null;
}

beforeAll(async () => {
  connection = await openSeededDatabase((statement) => void (counting && sent.push(statement)));
  // 25 records: UK7s due from early 2026 (overdue) to spring 2027; three with their UK7 published, one of them ended (its UK11 due).
  for (let i = 0; i < 22; i++) made.push(await actContract(i, new Date(Date.parse('2026-01-05') + i * 13 * 86_400_000).toISOString().slice(0, 10), '2028-03-31'));
  made.push(await actContract(22, '2025-06-02', '2026-11-20', true));
  made.push(await actContract(23, '2025-07-01', '2028-03-31', true));
  made.push(await actContract(24, '2026-08-03', '2026-12-01'));
  [plymouth, sefton] = await Promise.all([as(PLYMOUTH_COMMISSIONER), as(SEFTON_COMMISSIONER)]);
});
afterAll(() => connection.close());

async function allCandidates(limit: number) {
  const userId = await userIdOf(connection.db, PLYMOUTH_COMMISSIONER);
  return inTenant(connection.db, { authorityId: GSS.plymouth, userId }, async (tx) => {
    const pages = [];
    for (let offset = 0; ; offset += limit) {
      const page = await candidatePage(tx, GSS.plymouth, TODAY, { limit, offset });
      pages.push(page);
      if (page.candidates.length < limit) return pages;
    }
  });
}

describe('notice.due, paged in SQL', () => {
  it('chooses the records in SQL: the pages continue one another without repeats or gaps, in due order', async () => {
    const pages = await allCandidates(7);
    const [everything] = await allCandidates(1000);
    const ids = pages.flatMap((p) => p.candidates.map((c) => c.id));
    expect(pages.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(everything!.candidates.map((c) => c.id));
    expect(pages.every((p) => p.total === everything!.candidates.length)).toBe(true);
    for (const m of made) expect(ids).toContain(m.id);
    // Due order: each record's day no earlier than the one before; the records without one last.
    const days = pages.flatMap((p) => p.candidates.map((c) => c.sortDay ?? '9999-12-31'));
    expect(days).toEqual([...days].sort());
  });

  it('orders by a SQL mirror of the UK7 and UK11 deadlines that agrees with the domain', async () => {
    const [everything] = await allCandidates(1000);
    const byId = new Map(everything!.candidates.map((c) => [c.id, c.sortDay]));
    for (const m of made) expect({ reference: m.reference, day: byId.get(m.id) }).toEqual({ reference: m.reference, day: expectedSortDay(m) });
    expect(byId.get(made[22]!.id)).toBe('2026-12-19'); // ended 20 November 2026: UK11 within 30 days beginning with it
    expect(byId.get(made[23]!.id)).toBeNull(); // UK7 published, still running: nothing open to order by
  });

  it('reads one page of records through the API, the next page continuing it, each notice once', async () => {
    const seen = new Map<string, number>();
    let uk7Days: string[][] = [];
    const first = await plymouth.notice.due({ limit: 6, offset: 0 });
    const pageCount = Math.ceil(first.total / 6);
    expect(pageCount).toBeGreaterThan(3);
    for (let page = 0; page < pageCount; page++) {
      const { rows, total } = page === 0 ? first : await plymouth.notice.due({ limit: 6, offset: page * 6 });
      expect(total).toBe(first.total);
      for (const r of rows) {
        const key = `${r.type}:${r.procurement?.id ?? ''}:${r.contract?.id ?? ''}:${r.subjectId ?? ''}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      // Within a page: overdue first, then due, soonest first.
      const open = rows.filter((r) => r.state !== 'done');
      expect(open.map((r) => r.state)).toEqual([...open.map((r) => r.state)].sort((a, b) => (a === b ? 0 : a === 'overdue' ? -1 : 1)));
      uk7Days.push(rows.filter((r) => r.type === 'UK7' && r.state !== 'done' && made.some((m) => m.id === r.contract?.id)).map((r) => r.dueOn!));
    }
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // Every contract made here has its UK7 on some page; those not yet published are on the pages in due order.
    for (const m of made) expect(seen.get(`UK7::${m.id}:${m.id}`), m.reference).toBe(1);
    uk7Days = uk7Days.filter((d) => d.length);
    for (let i = 1; i < uk7Days.length; i++) expect(uk7Days[i - 1]!.sort().at(-1)! <= uk7Days[i]!.sort()[0]!).toBe(true);
    // Past the end: nothing, and still the count.
    const beyond = await plymouth.notice.due({ limit: 6, offset: pageCount * 6 });
    expect(beyond).toMatchObject({ rows: [], total: first.total, pipeline: null });
  });

  it('costs the same number of statements for a page of 3 records and a page of 40', async () => {
    const count = async (limit: number) => {
      sent.length = 0;
      counting = true;
      await plymouth.notice.due({ limit, offset: 0 });
      counting = false;
      return sent.length;
    };
    const small = await count(3);
    const large = await count(40);
    expect(large).toBe(small);
    expect(small).toBeGreaterThanOrEqual(5);
    expect(large).toBeLessThanOrEqual(14);
  });
});

describe('the pipeline notice (UK1) on "What is due"', () => {
  it('shows the coming year, its day, the condition and the floor of what Concord holds, on the first page only', async () => {
    const { pipeline } = await plymouth.notice.due({ limit: 5, offset: 0 });
    expect(pipeline).toMatchObject({ type: 'UK1', yearStartsOn: '2027-04-01', yearName: '2027 to 2028', dueOn: '2027-05-26', state: 'due', record: null });
    expect(pipeline!.reason).toContain('Required only if your authority expects to pay more than £100,000,000 under public contracts in the year (Procurement Act 2023, s.93).');
    expect((await plymouth.notice.due({ limit: 5, offset: 5 })).pipeline).toBeNull();
    // A contract running the whole year at £365,000 a year adds exactly that to the floor; one half the year, half.
    const before = pipeline!.heldPence;
    await actContract(90, '2027-04-01', '2028-03-31').then((c) => connection.db.updateTable('contract').set({ annual_value_pence: 36_500_000 }).where('id', '=', c.id).execute());
    await actContract(91, '2027-10-01', '2029-03-31').then((c) => connection.db.updateTable('contract').set({ annual_value_pence: 36_600_000 }).where('id', '=', c.id).execute());
    const after = (await plymouth.notice.due({ limit: 5, offset: 0 })).pipeline!.heldPence;
    expect(after - before).toBe(36_500_000 + Math.round((36_600_000 * 183) / 366));
  });

  it('a commissioner marks it not required with the reason, or drafts it; another authority sees only its own', async () => {
    const declined = await plymouth.notice.declinePipeline({ subjectId: '2027-04-01', reason: 'Our spend is about £60 million a year', idempotencyKey: randomUUID() });
    expect(declined.status).toBe('withdrawn');
    expect((await plymouth.notice.due({ limit: 5, offset: 0 })).pipeline).toMatchObject({ state: 'not_required', reason: 'Marked not required: Our spend is about £60 million a year' });
    expect((await sefton.notice.due({ limit: 5, offset: 0 })).pipeline).toMatchObject({ state: 'due', record: null });
    const draft = await plymouth.notice.draft({ idempotencyKey: randomUUID(), type: 'UK1', subjectId: '2027-04-01' });
    expect((await plymouth.notice.due({ limit: 5, offset: 0 })).pipeline).toMatchObject({ state: 'due', record: { id: draft.id, status: 'draft' } });
    expect(await outcome(plymouth.notice.declinePipeline({ idempotencyKey: randomUUID(), subjectId: '2027-04-01', reason: 'Again' }))).toBe('BAD_REQUEST');
  });
});

describe('notice.registerWarnings for one page of the register', () => {
  it('answers for the contracts asked (at most 100), with each notice’s day; others’ contracts are left out', async () => {
    const asked = made.slice(0, 3);
    const warnings = await plymouth.notice.registerWarnings({ contractIds: asked.map((m) => m.id) });
    expect(warnings.map((w) => w.reference)).toEqual(asked.map((m) => m.reference));
    for (const [i, w] of warnings.entries()) {
      expect(w.warnings.find((x) => x.type === 'UK7')).toMatchObject({ kind: 'notice_overdue', dueOn: contractDetailsNoticeDeadline(asked[i]!.start, true).dueBy });
    }
    expect(await sefton.notice.registerWarnings({ contractIds: asked.map((m) => m.id) })).toEqual([]);
    expect(await outcome(plymouth.notice.registerWarnings({ contractIds: Array.from({ length: 101 }, () => randomUUID()) }))).toBe('BAD_REQUEST');
    expect(await plymouth.notice.registerWarnings({ contractIds: [] })).toEqual([]);
  });
});
