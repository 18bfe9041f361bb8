import { enterTenant, type Connection, type TenantSettings, type Tx } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededDatabase } from '../support/api.ts';
import { registerProvider, type RegisteredProvider } from '../support/providers.ts';
import { asTenant as as, undoneOn } from '../support/owner-transaction.ts';

/**
 * Issue 15 (migration 0064): the fourteen provider-visibility policies of the procurement family read only the row and
 * the settings. A procurement's reopening windows and applied providers are copies on its row, and every child (lot,
 * clarification, criterion, gateway question, buyer, milestone, reopening; the specification and its versions over all
 * their procurements) carries its procurement's facts, kept by triggers. These tests hold what the subqueries meant:
 * a provider sees a published procurement and all its children, not a draft; a closed one only once it has applied; a
 * live framework only within a reopening today; a specification while any of its procurements is visible; a provider's
 * insert is refused unless it sees the procurement; the copies equal their sources; the application role cannot read
 * or write them; no policy of these tables has a subquery.
 */
let connection: Connection;
let applicant: RegisteredProvider, other: RegisteredProvider;
/** The seeded Leicestershire open tender: live, a specification, criteria, lots, milestones, buyers. */
let target: { authority_id: string; id: string; partnership_id: string; specification_id: string; service_type: string };

const CHILDREN = ['lot', 'clarification', 'evaluation_criterion', 'gateway_question', 'procurement_buyer', 'procurement_milestone', 'reopening'] as const;

beforeAll(async () => {
  connection = await openSeededDatabase();
  [applicant, other] = [await registerProvider(connection, 641), await registerProvider(connection, 642)];
  target = await connection.db
    .selectFrom('procurement')
    .select(['authority_id', 'id', 'partnership_id', 'service_type', sql<string>`specification_id`.as('specification_id')])
    .where('reference', '=', 'LCC-HTLAH-2016')
    .executeTakeFirstOrThrow();
  // One row of each child the seed may lack, so that every count below can show the difference.
  const key = { authority_id: target.authority_id, partnership_id: target.partnership_id, procurement_id: target.id };
  await connection.db.insertInto('clarification').values({ ...key, question: 'Is TUPE expected?', answer: 'Yes, see the pack.' }).execute();
  await connection.db.insertInto('gateway_question').values({ ...key, question: 'Are you registered with the CQC?' }).execute();
  await connection.db.insertInto('reopening').values({ ...key, opens_on: '2025-01-06', closes_on: '2025-01-31', reason: 'A past reopening' }).execute();
});
afterAll(() => connection.close());

/** Runs `work` in one transaction of the test's (owner) connection and rolls it back. */
const undone = <T>(work: (tx: Tx) => Promise<T>) => undoneOn(connection.db, work);
const provider = (p: RegisteredProvider): TenantSettings => ({ providerId: p.providerId, providerVerified: true });
const LONDON_TODAY = sql`(now() AT TIME ZONE 'Europe/London')::date`;
const setTarget = (tx: Tx, change: string) => sql`UPDATE procurement SET ${sql.raw(change)} WHERE id = ${target.id}`.execute(tx);

/** How many rows of the target procurement's family the current role reads: the procurement, each child, spec, published versions. */
async function family(tx: Tx): Promise<number[]> {
  const n = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(tx)).rows[0]!.n;
  const counts = [await n(sql<{ n: number }>`SELECT count(*)::int AS n FROM procurement WHERE id = ${target.id}`)];
  for (const t of CHILDREN) counts.push(await n(sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)} WHERE procurement_id = ${target.id}`));
  counts.push(await n(sql<{ n: number }>`SELECT count(*)::int AS n FROM specification WHERE id = ${target.specification_id}`));
  counts.push(await n(sql<{ n: number }>`SELECT count(*)::int AS n FROM specification_version WHERE specification_id = ${target.specification_id} AND status = 'published'`));
  return counts;
}
/** What these settings read of the family. */
const seen = (tx: Tx, settings: TenantSettings) => as(tx, settings, () => family(tx));
const submittedApplication = (p: RegisteredProvider) => ({
  authority_id: target.authority_id,
  procurement_id: target.id,
  provider_id: p.providerId,
  received_on: '2026-12-01',
  submitted_at: new Date(),
});
/** A reopening of the target from `from` to `to` days after today (London). */
const reopen = (tx: Tx, from: number, to: number) =>
  sql`INSERT INTO reopening (authority_id, partnership_id, procurement_id, opens_on, closes_on, reason)
    VALUES (${target.authority_id}, ${target.partnership_id}, ${target.id}, ${LONDON_TODAY} + ${from}::int, ${LONDON_TODAY} + ${to}::int, 'Test reopening')`.execute(tx);

describe('who sees a procurement and its family', () => {
  it('a provider sees all of a published one, none of a draft or a live open tender', async () => {
    const result = await undone(async (tx) => {
      const all = await family(tx);
      const live = await seen(tx, provider(applicant));
      await setTarget(tx, `status = 'published'`);
      const published = await seen(tx, provider(applicant));
      await setTarget(tx, `status = 'draft'`);
      return { all, live, published, draft: await seen(tx, provider(applicant)) };
    });
    expect(result.all.every((n) => n > 0)).toBe(true);
    expect(result.published).toEqual(result.all);
    expect(result.live).toEqual(result.all.map(() => 0));
    expect(result.draft).toEqual(result.all.map(() => 0));
  });

  it('a live PDPS, DPS or dynamic market is open to every provider; a closed-list framework is not', async () => {
    const result = await undone(async (tx) => {
      const routes: Record<string, number> = {};
      for (const route of ['pdps', 'dps', 'dynamic_market', 'framework_closed', 'block_contract']) {
        await setTarget(tx, `route = '${route}'`);
        routes[route] = (await seen(tx, provider(other)))[0]!;
      }
      return routes;
    });
    expect(result).toEqual({ pdps: 1, dps: 1, dynamic_market: 1, framework_closed: 0, block_contract: 0 });
  });

  it('a closed procurement: the provider that applied sees it and its children, another does not; from the same transaction', async () => {
    const result = await undone(async (tx) => {
      await setTarget(tx, `status = 'closed'`);
      const all = await family(tx);
      const before = await seen(tx, provider(applicant));
      await tx.insertInto('application').values(submittedApplication(applicant)).execute();
      return { all, before, applied: await seen(tx, provider(applicant)), other: await seen(tx, provider(other)) };
    });
    expect(result.before).toEqual(result.all.map(() => 0));
    expect(result.applied).toEqual(result.all);
    expect(result.other).toEqual(result.all.map(() => 0));
  });

  it('an application not yet submitted (entered by the lead without submitted_at) shows nothing', async () => {
    const result = await undone(async (tx) => {
      await setTarget(tx, `status = 'closed'`);
      await tx.insertInto('application').values({ ...submittedApplication(applicant), submitted_at: null }).execute();
      return seen(tx, provider(applicant));
    });
    expect(result.every((n) => n === 0)).toBe(true);
  });

  it('a live framework: seen within a reopening today, not before it opens or after it closes, nor when not live', async () => {
    const result = await undone(async (tx) => {
      await setTarget(tx, `route = 'framework'`);
      const none = (await seen(tx, provider(other)))[0];
      await reopen(tx, 0, 0);
      const today = await seen(tx, provider(other));
      await sql`UPDATE reopening SET opens_on = opens_on + 1, closes_on = closes_on + 5 WHERE procurement_id = ${target.id} AND reason = 'Test reopening'`.execute(tx);
      const future = (await seen(tx, provider(other)))[0];
      await sql`UPDATE reopening SET opens_on = opens_on - 10, closes_on = opens_on - 2 WHERE procurement_id = ${target.id} AND reason = 'Test reopening'`.execute(tx);
      const past = (await seen(tx, provider(other)))[0];
      await sql`UPDATE reopening SET closes_on = ${LONDON_TODAY} WHERE procurement_id = ${target.id} AND reason = 'Test reopening'`.execute(tx);
      const closesToday = (await seen(tx, provider(other)))[0];
      await setTarget(tx, `status = 'closed'`);
      const closed = (await seen(tx, provider(other)))[0];
      return { none, today: today.every((n) => n > 0), future, past, closesToday, closed };
    });
    expect(result).toEqual({ none: 0, today: true, future: 0, past: 0, closesToday: 1, closed: 0 });
  });

  it('a specification shared by two procurements is seen while either is visible, with its published versions', async () => {
    const result = await undone(async (tx) => {
      await setTarget(tx, `status = 'draft'`);
      const spec = async () => (await seen(tx, provider(other))).slice(-2);
      const hidden = await spec();
      const { id } = await tx
        .insertInto('procurement')
        .values({ authority_id: target.authority_id, partnership_id: target.partnership_id, reference: 'TEST-SHARED-SPEC', title: 'Shares a specification', service_type: target.service_type, route: 'open_tender', regime: 'pcr_2015_light_touch', specification_id: target.specification_id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const draftSibling = await spec();
      await sql`UPDATE procurement SET status = 'published' WHERE id = ${id}`.execute(tx);
      const publishedSibling = await spec();
      await sql`UPDATE procurement SET specification_id = NULL WHERE id = ${id}`.execute(tx);
      return { hidden, draftSibling, publishedSibling, detached: await spec() };
    });
    expect(result.hidden).toEqual([0, 0]);
    expect(result.draftSibling).toEqual([0, 0]);
    expect(result.publishedSibling[0]).toBe(1);
    expect(result.publishedSibling[1]).toBeGreaterThan(0);
    expect(result.detached).toEqual([0, 0]);
  });
});

describe('a provider’s inserts that name the procurement', () => {
  /** The outcome of the provider's insert into `table` for the target after `change` (as the owner), rolled back. */
  const inserts = (table: 'application' | 'clarification_question' | 'provider_application', p: RegisteredProvider, change?: string) =>
    undone(async (tx) => {
      if (change) await setTarget(tx, change);
      await enterTenant(tx, provider(p));
      const key = { authority_id: target.authority_id, procurement_id: target.id, provider_id: p.providerId };
      const insert =
        table === 'application'
          ? tx.insertInto('application').values({ ...key, received_on: '2026-12-01', submitted_at: new Date() })
          : table === 'clarification_question'
            ? tx.insertInto('clarification_question').values({ ...key, question: 'Is TUPE expected?' })
            : tx.insertInto('provider_application').values(key);
      return insert.execute().then(
        () => 'ok',
        (error: { code?: string }) => error.code ?? String(error),
      );
    });

  it('are accepted while it is visible to the provider (published, or closed and applied to) and refused (42501) otherwise', async () => {
    for (const table of ['application', 'clarification_question', 'provider_application'] as const) {
      expect({ table, published: await inserts(table, applicant, `status = 'published'`) }).toEqual({ table, published: 'ok' });
      expect({ table, draft: await inserts(table, applicant, `status = 'draft'`) }).toEqual({ table, draft: '42501' });
      expect({ table, live: await inserts(table, applicant) }).toEqual({ table, live: '42501' });
    }
  });
});

describe('the copies', () => {
  /** Rows anywhere in the database whose copies differ from their sources (0 when kept exactly). */
  const drift = (tx: Tx) =>
    sql<{ n: number }>`WITH facts AS (
        SELECT p.*, (SELECT coalesce(range_agg(daterange(r.opens_on, r.closes_on, '[]')), '{}') FROM reopening r
            WHERE r.authority_id = p.authority_id AND r.procurement_id = p.id) AS w,
          ARRAY(SELECT DISTINCT a.provider_id FROM application a WHERE a.authority_id = p.authority_id AND a.procurement_id = p.id
            AND a.submitted_at IS NOT NULL ORDER BY 1) AS ids FROM procurement p)
      SELECT ((SELECT count(*) FROM facts f WHERE (f.reopening_windows, f.applied_provider_ids, f.open_to_providers, f.open_windows)
          IS DISTINCT FROM (f.w, f.ids, f.status = 'published' OR f.status = 'live' AND f.route IN ('pdps', 'dps', 'dynamic_market'),
            CASE WHEN f.status = 'live' AND f.route = 'framework' THEN f.w ELSE '{}' END))
        ${sql.join(
          CHILDREN.map((t) => sql`+ (SELECT count(*) FROM ${sql.table(t)} x JOIN procurement p ON p.authority_id = x.authority_id AND p.id = x.procurement_id
            WHERE (x.procurement_open, x.procurement_windows, x.procurement_applied_provider_ids) IS DISTINCT FROM (p.open_to_providers, p.open_windows, p.applied_provider_ids))`),
          sql` `,
        )}
        + (SELECT count(*) FROM specification s CROSS JOIN LATERAL (
            SELECT coalesce(bool_or(p.open_to_providers), false) AS o, coalesce(range_agg(p.open_windows), '{}') AS w,
              ARRAY(SELECT DISTINCT x FROM procurement q, unnest(q.applied_provider_ids) x WHERE q.specification_id = s.id ORDER BY 1) AS ids
            FROM procurement p WHERE p.specification_id = s.id) f
          WHERE (s.procurement_open, s.procurement_windows, s.procurement_applied_provider_ids) IS DISTINCT FROM (f.o, f.w, f.ids))
        + (SELECT count(*) FROM specification_version v JOIN specification s ON s.authority_id = v.authority_id AND s.id = v.specification_id
            WHERE (v.procurement_open, v.procurement_windows, v.procurement_applied_provider_ids)
              IS DISTINCT FROM (s.procurement_open, s.procurement_windows, s.procurement_applied_provider_ids))
      )::int AS n`.execute(tx).then((r) => r.rows[0]!.n);

  it('equal their sources in the seed and after status changes, applications and reopenings; the keepers stamp no version', async () => {
    const result = await undone(async (tx) => {
      const version = async () => (await sql<{ v: number }>`SELECT row_version AS v FROM procurement WHERE id = ${target.id}`.execute(tx)).rows[0]!.v;
      const start = [await drift(tx), await version()];
      await setTarget(tx, `route = 'framework'`);
      const routed = [await drift(tx), await version()];
      await reopen(tx, -1, 3);
      await tx.insertInto('application').values(submittedApplication(applicant)).execute();
      await tx.insertInto('application').values(submittedApplication(other)).execute();
      const kept = [await drift(tx), await version()];
      const copies = await sql<{ applied: string[]; open: boolean; today: boolean }>`SELECT procurement_applied_provider_ids::text[] AS applied,
          procurement_open AS open, ${LONDON_TODAY} <@ procurement_windows AS today FROM specification_version WHERE specification_id = ${target.specification_id} LIMIT 1`.execute(tx);
      await setTarget(tx, `status = 'closed'`);
      await sql`DELETE FROM reopening WHERE procurement_id = ${target.id} AND reason = 'Test reopening'`.execute(tx);
      return { start: start[0], routed, kept, copies: copies.rows[0], closed: await drift(tx), versions: [start[1], routed[1], kept[1]] };
    });
    expect(result.start).toBe(0);
    expect(result.routed[0]).toBe(0);
    expect(result.kept[0]).toBe(0);
    expect(result.closed).toBe(0);
    expect(result.copies).toEqual({ applied: [applicant.providerId, other.providerId].sort(), open: false, today: true });
    // The route change is an edit (one version); the reopening and the applications are not edits of the procurement.
    const v0 = result.versions[0]!;
    expect(result.versions).toEqual([v0, v0 + 1, v0 + 1]);
  });

  it('the application role can neither read nor write them; what it writes into them on insert is replaced', async () => {
    const refused = (settings: TenantSettings, query: ReturnType<typeof sql>) =>
      undone(async (tx) => {
        await setTarget(tx, `status = 'published'`);
        await enterTenant(tx, settings);
        return query.execute(tx).then(() => 'ok', (error: { code?: string }) => error.code);
      });
    const me = provider(applicant);
    const lead = { authorityId: target.authority_id };
    expect(await refused(me, sql`SELECT * FROM procurement`)).toBe('42501');
    expect(await refused(me, sql`SELECT applied_provider_ids FROM procurement`)).toBe('42501');
    expect(await refused(me, sql`SELECT procurement_applied_provider_ids FROM lot`)).toBe('42501');
    expect(await refused(me, sql`SELECT procurement_seen FROM provider_application`)).toBe('42501');
    expect(await refused(lead, sql`SELECT reopening_windows FROM procurement`)).toBe('42501');
    expect(await refused(lead, sql`UPDATE procurement SET applied_provider_ids = ${[applicant.providerId]}::uuid[] WHERE id = ${target.id}`)).toBe('42501');
    expect(await refused(lead, sql`UPDATE lot SET procurement_open = true WHERE procurement_id = ${target.id}`)).toBe('42501');
    // What the lead may read is still there, column by column.
    expect(await refused(lead, sql`SELECT id, status, route, row_version FROM procurement`)).toBe('ok');

    const stored = await undone(async (tx) => {
      await sql`INSERT INTO lot (authority_id, partnership_id, procurement_id, number, name, basis, procurement_open, procurement_applied_provider_ids)
        VALUES (${target.authority_id}, ${target.partnership_id}, ${target.id}, 99, 'Forged copies', 'geography', true, ${[other.providerId]}::uuid[])`.execute(tx);
      const lot = await sql<{ open: boolean; ids: string[] }>`SELECT procurement_open AS open, procurement_applied_provider_ids::text[] AS ids FROM lot WHERE number = 99 AND procurement_id = ${target.id}`.execute(tx);
      const parent = await sql<{ open: boolean; ids: string[] }>`SELECT open_to_providers AS open, applied_provider_ids::text[] AS ids FROM procurement WHERE id = ${target.id}`.execute(tx);
      return { lot: lot.rows[0], parent: parent.rows[0] };
    });
    expect(stored.lot).toEqual(stored.parent);
    expect(stored.lot!.ids).not.toContain(other.providerId);
    expect(stored.lot!.open).toBe(false);
  });

  it('no policy of these tables has a subquery, and the rule they call reads no table', async () => {
    const { rows } = await sql<{ name: string }>`SELECT tablename || '.' || policyname AS name FROM pg_policies
      WHERE tablename IN ('procurement', 'lot', 'clarification', 'evaluation_criterion', 'gateway_question', 'procurement_buyer', 'procurement_milestone',
        'reopening', 'specification', 'specification_version', 'clarification_question', 'provider_application')
        AND coalesce(qual, '') || ' ' || coalesce(with_check, '') ~* '\\mselect\\M'`.execute(connection.db);
    expect(rows).toEqual([]);
    const application = await sql<{ name: string }>`SELECT policyname AS name FROM pg_policies WHERE tablename = 'application'
        AND coalesce(qual, '') || ' ' || coalesce(with_check, '') ~* '\\mselect\\M'`.execute(connection.db);
    expect(application.rows).toEqual([]);
    const body = await sql<{ src: string }>`SELECT prosrc AS src FROM pg_proc WHERE proname = 'concord_procurement_visible'`.execute(connection.db);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]!.src).not.toMatch(/\bfrom\b/i);
    expect((await sql`SELECT 1 FROM pg_proc WHERE proname = 'concord_in_reopening'`.execute(connection.db)).rows).toEqual([]);
  });
});
