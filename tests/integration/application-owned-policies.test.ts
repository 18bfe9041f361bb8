import { enterTenant, type Connection, type TenantSettings, type Tx } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededDatabase } from '../support/api.ts';
import { applyToTripartite, uploadDocument } from '../support/online-applications.ts';
import { seededTripartite } from '../support/procurement.ts';
import { registerProvider, type RegisteredProvider } from '../support/providers.ts';
import { asTenant as as, undoneOn } from '../support/owner-transaction.ts';

/**
 * Issue 15 (migration 0065): the policies of the tables an application owns (application_lot, gateway_answer,
 * evaluation_score, moderated_score) read only the row and the settings. The application's provider, submission time,
 * status and (for a lot) procurement are copies on the row, kept by triggers; a lot of another procurement is refused
 * by a key. These tests hold what the subqueries meant: a provider reads the lots of its own submitted applications
 * only, and its gateway answers and scores only once the application is admitted or rejected; the copies follow the
 * application at once and do not bump a score's version; a provider adds lots only to its own received application
 * and only of its procurement; the application role can neither read nor write the copies; no policy of the four
 * tables has a subquery.
 */
let connection: Connection;
let applicant: RegisteredProvider, other: RegisteredProvider;
let tripartite: { id: string; lotIds: string[] };
const app = { mine: '', theirs: '', authority: '' };
const ids = { question: '', criterion: '', evaluator: '', foreignLot: '' };

beforeAll(async () => {
  connection = await openSeededDatabase();
  [applicant, other] = [await registerProvider(connection, 650), await registerProvider(connection, 651)];
  tripartite = await seededTripartite(connection.db);
  app.mine = (await applyToTripartite(connection, applicant, [await uploadDocument(applicant, 'insurance_certificate')]))!;
  app.theirs = (await applyToTripartite(connection, other, [await uploadDocument(other, 'insurance_certificate')]))!;
  const db = connection.db;
  app.authority = (await db.selectFrom('application').select('authority_id').where('id', '=', app.mine).executeTakeFirstOrThrow()).authority_id;
  ids.question = (await db.selectFrom('gateway_question').select('id').where('procurement_id', '=', tripartite.id).executeTakeFirstOrThrow()).id;
  ids.criterion = (await db.selectFrom('evaluation_criterion').select('id').where('procurement_id', '=', tripartite.id).executeTakeFirstOrThrow()).id;
  ids.evaluator = (await db.selectFrom('app_user').select('id').where('email', '=', 'commissioner.liverpool@concord.example').executeTakeFirstOrThrow()).id;
  ids.foreignLot = (await db.selectFrom('lot').select('id').where('procurement_id', '<>', tripartite.id).executeTakeFirstOrThrow()).id;
});
afterAll(() => connection.close());

/** Runs `work` in one transaction of the test's (owner) connection and rolls it back. */
const undone = <T>(work: (tx: Tx) => Promise<T>) => undoneOn(connection.db, work);
const provider = (p: RegisteredProvider): TenantSettings => ({ providerId: p.providerId });
const TABLES = ['application_lot', 'gateway_answer', 'evaluation_score', 'moderated_score'] as const;
/** How many rows of each of the four tables, of both applications, these settings read. */
const reads = (tx: Tx, settings: TenantSettings) =>
  as(tx, settings, async () => {
    const seen: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE application_id IN (${app.mine}, ${app.theirs})`.execute(tx);
      seen[table] = rows[0]!.n;
    }
    return seen;
  });
/** A gateway answer, a score and a moderated score of `applicationId` (as the owner). */
async function evaluate(tx: Tx, applicationId: string): Promise<void> {
  const key = { authority_id: app.authority, application_id: applicationId };
  await tx.insertInto('gateway_answer').values({ ...key, question_id: ids.question, passed: true }).execute();
  await tx.insertInto('evaluation_score').values({ ...key, criterion_id: ids.criterion, evaluator_id: ids.evaluator, score: 4, rationale: 'Clear plan' }).execute();
  await tx.insertInto('moderated_score').values({ ...key, criterion_id: ids.criterion, score: 4, rationale: 'Agreed', moderated_by: ids.evaluator }).execute();
}
const decide = (tx: Tx, applicationId: string, status: string) =>
  sql`UPDATE application SET status = ${status}, decided_on = '2026-12-05', outcome_reason = ${status === 'admitted' ? null : 'Decided in a test'}
    WHERE id = ${applicationId}`.execute(tx);

describe('who reads an application’s lots, gateway answers and scores', () => {
  it('a provider reads the lots of its own submitted application, nothing of another’s, and no answers or scores while it is received', async () => {
    const seen = await undone(async (tx) => {
      await evaluate(tx, app.mine);
      await evaluate(tx, app.theirs);
      return [await reads(tx, provider(applicant)), await reads(tx, provider(other))];
    });
    const lotsOnly = { application_lot: 1, gateway_answer: 0, evaluation_score: 0, moderated_score: 0 };
    expect(seen).toEqual([lotsOnly, lotsOnly]);
  });

  it('reads its answers and scores once admitted or rejected, at once, not when withdrawn; the other provider never does', async () => {
    const seen = await undone(async (tx) => {
      await evaluate(tx, app.mine);
      await decide(tx, app.mine, 'admitted');
      const admitted = [await reads(tx, provider(applicant)), await reads(tx, provider(other))];
      await decide(tx, app.mine, 'rejected');
      const rejected = await reads(tx, provider(applicant));
      await decide(tx, app.mine, 'withdrawn');
      return [...admitted, rejected, await reads(tx, provider(applicant))];
    });
    const all = { application_lot: 1, gateway_answer: 1, evaluation_score: 1, moderated_score: 1 };
    expect(seen).toEqual([all, { application_lot: 1, gateway_answer: 0, evaluation_score: 0, moderated_score: 0 }, all, { ...all, gateway_answer: 0, evaluation_score: 0, moderated_score: 0 }]);
  });

  it('an application of its own that was not submitted online shows it nothing', async () => {
    const seen = await undone(async (tx) => {
      const paper = await tx
        .insertInto('application')
        .values({ authority_id: app.authority, procurement_id: tripartite.id, provider_id: applicant.providerId, received_on: '2026-12-01', status: 'admitted', decided_on: '2026-12-02' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('application_lot').values({ authority_id: app.authority, application_id: paper.id, lot_id: tripartite.lotIds[1]! }).execute();
      await evaluate(tx, paper.id);
      return as(tx, provider(applicant), async () => {
        const counts: number[] = [];
        for (const table of TABLES) counts.push((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE application_id = ${paper.id}`.execute(tx)).rows[0]!.n);
        return counts;
      });
    });
    expect(seen).toEqual([0, 0, 0, 0]);
  });
});

describe('a provider adds a lot to an application', () => {
  /** The outcome of a provider's insert of `lotId` to `applicationId` after `change` (as the owner), rolled back. */
  const adds = (p: RegisteredProvider, applicationId: string, lotId: string, change?: (tx: Tx) => Promise<unknown>) =>
    undone(async (tx) => {
      if (change) await change(tx);
      await enterTenant(tx, provider(p));
      return tx
        .insertInto('application_lot')
        .values({ authority_id: app.authority, application_id: applicationId, lot_id: lotId, bid_price_pence: 2_300 })
        .execute()
        .then(
          () => 'ok',
          (error: { code?: string }) => error.code ?? String(error),
        );
    });

  it('is accepted for a lot of its own received application’s procurement', async () => {
    expect(await adds(applicant, app.mine, tripartite.lotIds[1]!)).toBe('ok');
  });

  it('is refused for a lot of another procurement (the key, 23503), for another’s application and once decided (42501)', async () => {
    expect(await adds(applicant, app.mine, ids.foreignLot)).toBe('23503');
    expect(await adds(applicant, app.theirs, tripartite.lotIds[1]!)).toBe('42501');
    expect(await adds(applicant, app.mine, tripartite.lotIds[1]!, (tx) => decide(tx, app.mine, 'admitted'))).toBe('42501');
  });
});

describe('the copies', () => {
  /** Rows of the four tables anywhere whose copies differ from their application (0 when kept exactly). */
  const drift = (tx: Tx) =>
    sql<{ n: number }>`SELECT (
      (SELECT count(*) FROM application_lot x JOIN application a ON a.authority_id = x.authority_id AND a.id = x.application_id
        WHERE (x.application_provider_id, x.application_submitted_at, x.application_status, x.application_procurement_id)
          IS DISTINCT FROM (a.provider_id, a.submitted_at, a.status, a.procurement_id))
      + (SELECT count(*) FROM gateway_answer x JOIN application a ON a.authority_id = x.authority_id AND a.id = x.application_id
        WHERE (x.application_provider_id, x.application_submitted_at, x.application_status) IS DISTINCT FROM (a.provider_id, a.submitted_at, a.status))
      + (SELECT count(*) FROM evaluation_score x JOIN application a ON a.authority_id = x.authority_id AND a.id = x.application_id
        WHERE (x.application_provider_id, x.application_submitted_at, x.application_status) IS DISTINCT FROM (a.provider_id, a.submitted_at, a.status))
      + (SELECT count(*) FROM moderated_score x JOIN application a ON a.authority_id = x.authority_id AND a.id = x.application_id
        WHERE (x.application_provider_id, x.application_submitted_at, x.application_status) IS DISTINCT FROM (a.provider_id, a.submitted_at, a.status))
    )::int AS n`.execute(tx).then((r) => r.rows[0]!.n);
  const statuses = (tx: Tx) =>
    sql<{ s: string }>`SELECT application_status AS s FROM evaluation_score WHERE application_id = ${app.mine}
      UNION ALL SELECT application_status FROM application_lot WHERE application_id = ${app.mine}`.execute(tx).then((r) => r.rows.map((x) => x.s));

  it('equal their application in the seed and after its status changes; a score’s version stays', async () => {
    const seen = await undone(async (tx) => {
      const start = await drift(tx);
      await evaluate(tx, app.mine);
      const version = () => tx.selectFrom('evaluation_score').select('row_version').where('application_id', '=', app.mine).executeTakeFirstOrThrow().then((r) => r.row_version);
      const before = [await statuses(tx), await version()];
      await decide(tx, app.mine, 'rejected');
      return { start, before, after: [await statuses(tx), await version()], drift: await drift(tx) };
    });
    expect(seen).toEqual({ start: 0, before: [['received', 'received'], 1], after: [['rejected', 'rejected'], 1], drift: 0 });
  });

  it('the application role can neither read nor write them; what it writes into them on insert is replaced', async () => {
    const authority: TenantSettings = { authorityId: app.authority };
    const refused = (work: (tx: Tx) => Promise<unknown>) =>
      undone(async (tx) => {
        await enterTenant(tx, authority);
        return work(tx).then(() => 'ok', (error: { code?: string }) => error.code);
      });
    expect(await refused((tx) => sql`SELECT * FROM gateway_answer`.execute(tx))).toBe('42501');
    expect(await refused((tx) => sql`SELECT application_status FROM evaluation_score`.execute(tx))).toBe('42501');
    expect(await refused((tx) => sql`SELECT application_procurement_id FROM application_lot`.execute(tx))).toBe('42501');
    expect(await refused((tx) => sql`UPDATE moderated_score SET application_status = 'admitted' WHERE application_id = ${app.mine}`.execute(tx))).toBe('42501');
    expect(await refused((tx) => sql`UPDATE application_lot SET application_provider_id = ${other.providerId} WHERE application_id = ${app.mine}`.execute(tx))).toBe('42501');
    const stored = await undone(async (tx) => {
      await as(tx, authority, () =>
        sql`INSERT INTO gateway_answer (authority_id, application_id, question_id, passed, application_provider_id, application_status)
          VALUES (${app.authority}, ${app.mine}, ${ids.question}, true, ${other.providerId}, 'admitted')`.execute(tx),
      );
      return (await sql<{ p: string; s: string }>`SELECT application_provider_id AS p, application_status AS s FROM gateway_answer WHERE application_id = ${app.mine}`.execute(tx)).rows;
    });
    expect(stored).toEqual([{ p: applicant.providerId, s: 'received' }]);
  });

  it('no policy of the four tables has a subquery', async () => {
    const { rows } = await sql<{ name: string }>`SELECT policyname AS name FROM pg_policies
      WHERE tablename IN ('application_lot', 'gateway_answer', 'evaluation_score', 'moderated_score')
        AND coalesce(qual, '') || ' ' || coalesce(with_check, '') ~* '\\mselect\\M'`.execute(connection.db);
    expect(rows).toEqual([]);
  });
});
