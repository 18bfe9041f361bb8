import { type Connection, type TenantSettings, type Tx } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase } from '../support/api.ts';
import { fixtureContract, fixtureProvider } from '../support/contracts.ts';
import { pdfFile } from '../support/documents.ts';
import { applyToTripartite, uploadDocument } from '../support/online-applications.ts';
import { registerProvider, type RegisteredProvider } from '../support/providers.ts';
import { asTenant as as, undoneOn } from '../support/owner-transaction.ts';

/**
 * Issue 15 (migration 0066): provider_document's two authority reads and provider_membership's confirmed-claim check
 * read only the row and the settings. Which authorities contract with a document's provider, and which hold a
 * submitted application listing it, are copies on the document kept by triggers; the authorities whose confirmed
 * claim the inserting transaction could read are written to a new membership before its check. These tests hold what
 * the subqueries meant: an authority with a contract with the provider reads its documents, one without does not,
 * following contracts at once; the lead authority reads documents listed in a submitted application, not in a draft,
 * not unlisted ones; the copies equal their sources; the application role can neither read nor write them; a
 * provider administrator's membership needs a confirmed claim decided by this authority, which it may still see. On
 * PostgreSQL, writes at once in separate transactions (the provider's row lock) leave the lists exact.
 */
let connection: Connection;
let applicant: RegisteredProvider, drafter: RegisteredProvider;
let listed: string, unlisted: string, draftListed: string;
let lead: string; // the authority of the Tripartite's applications

beforeAll(async () => {
  connection = await openSeededDatabase();
  [applicant, drafter] = [await registerProvider(connection, 230), await registerProvider(connection, 231)];
  listed = await uploadDocument(applicant, 'insurance_certificate');
  unlisted = await uploadDocument(applicant, 'safeguarding_policy');
  draftListed = await uploadDocument(drafter, 'insurance_certificate');
  await applyToTripartite(connection, applicant, [listed]);
  await applyToTripartite(connection, drafter, [draftListed], { draft: true });
  lead = (await connection.db.selectFrom('provider_application').select('authority_id').where('provider_id', '=', applicant.providerId).executeTakeFirstOrThrow()).authority_id;
});
afterAll(() => connection.close());

/** Runs `work` in one transaction of the test's (owner) connection and rolls it back. */
const undone = <T>(work: (tx: Tx) => Promise<T>) => undoneOn(connection.db, work);
/** The codes of an outcome: 'ok' or the SQLSTATE, within a savepoint so the transaction goes on. */
async function attempt(tx: Tx, work: () => Promise<unknown>): Promise<string> {
  await sql`SAVEPOINT attempt`.execute(tx);
  return work().then(
    async () => (await sql`RELEASE SAVEPOINT attempt`.execute(tx), 'ok'),
    async (error: { code?: string }) => (await sql`ROLLBACK TO SAVEPOINT attempt`.execute(tx), error.code ?? String(error)),
  );
}
/** The ids of these documents that an authority reads, sorted. */
const readBy = (tx: Tx, authorityId: string, ids: string[]) =>
  as(tx, { authorityId }, async () => (await tx.selectFrom('provider_document').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort());
const userOf = async (tx: Tx, email: string) => (await tx.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

describe('an authority with a contract with the provider reads its documents', () => {
  it('Sefton reads them once it has a contract (at once), not before, not after it is deleted; Devon never', async () => {
    const mine = [listed, unlisted].sort();
    const seen = await undone(async (tx) => {
      const before = [await readBy(tx, GSS.sefton, mine), await readBy(tx, GSS.devon, mine)];
      const contract = await fixtureContract(tx, GSS.sefton, { providerId: applicant.providerId });
      const contracted = [await readBy(tx, GSS.sefton, mine), await readBy(tx, GSS.devon, mine)];
      await tx.deleteFrom('contract_extension_option').where('contract_id', '=', contract.id).execute();
      await tx.deleteFrom('contract').where('id', '=', contract.id).execute();
      return [...before, ...contracted, await readBy(tx, GSS.sefton, mine)];
    });
    expect(seen).toEqual([[], [], mine, [], []]);
  });

  it('a contract moved to another provider takes its authority’s reading with it', async () => {
    const seen = await undone(async (tx) => {
      const contract = await fixtureContract(tx, GSS.devon, { providerId: drafter.providerId });
      const first = [await readBy(tx, GSS.devon, [draftListed]), await readBy(tx, GSS.devon, [unlisted])];
      await tx.updateTable('contract').set({ provider_id: applicant.providerId }).where('id', '=', contract.id).execute();
      return [...first, await readBy(tx, GSS.devon, [draftListed]), await readBy(tx, GSS.devon, [unlisted])];
    });
    expect(seen).toEqual([[draftListed], [], [], [unlisted]]);
  });
});

describe('the lead authority reads the documents of a submitted application', () => {
  it('listed in a submitted application: yes; not listed, or listed only in a draft: no; another authority: no', async () => {
    const seen = await undone(async (tx) => [await readBy(tx, lead, [listed, unlisted, draftListed]), await readBy(tx, GSS.sefton, [listed, unlisted, draftListed])]);
    expect(lead).toBe(GSS.liverpool);
    expect(seen).toEqual([[listed], []]);
  });

  it('a draft that is submitted (as the owner, here) shows its documents at once; one withdrawn to a draft hides them again', async () => {
    const seen = await undone(async (tx) => {
      const submit = (at: string | null) =>
        tx.updateTable('provider_application').set({ submitted_at: at === null ? null : sql`now()`, application_id: null, snapshot: sql`'{}'::jsonb` }).where('provider_id', '=', drafter.providerId).execute();
      await sql`ALTER TABLE provider_application DISABLE TRIGGER provider_application_frozen`.execute(tx);
      await sql`ALTER TABLE provider_application DROP CONSTRAINT provider_application_check`.execute(tx);
      const before = await readBy(tx, lead, [draftListed]);
      await submit('now');
      const submitted = await readBy(tx, lead, [draftListed]);
      await submit(null);
      return [before, submitted, await readBy(tx, lead, [draftListed])];
    });
    expect(seen).toEqual([[], [draftListed], []]);
  });
});

describe('the copies', () => {
  /** Documents anywhere in the database whose lists differ from their sources (0 when kept exactly). */
  const drift = (tx: Tx) =>
    sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_document d
      WHERE d.contracting_authority_ids IS DISTINCT FROM ARRAY(SELECT DISTINCT c.authority_id FROM contract c WHERE c.provider_id = d.provider_id ORDER BY 1)
        OR d.submitted_to_authority_ids IS DISTINCT FROM ARRAY(SELECT DISTINCT pa.authority_id FROM provider_application pa
          WHERE pa.provider_id = d.provider_id AND d.id = ANY (pa.document_ids) AND pa.submitted_at IS NOT NULL ORDER BY 1)`
      .execute(tx)
      .then((r) => r.rows[0]!.n);
  const lists = (tx: Tx, id: string) =>
    sql<{ c: string[]; s: string[] }>`SELECT contracting_authority_ids AS c, submitted_to_authority_ids AS s FROM provider_document WHERE id = ${id}`.execute(tx).then((r) => r.rows[0]);

  it('equal their sources: after contracts are made, moved and deleted, and for a superseded document', async () => {
    const seen = await undone(async (tx) => {
      const start = await drift(tx);
      await tx.updateTable('provider_document').set({ superseded_at: sql`now()` }).where('id', '=', unlisted).execute();
      const a = await fixtureContract(tx, GSS.sefton, { providerId: applicant.providerId });
      await fixtureContract(tx, GSS.devon, { providerId: applicant.providerId });
      const two = await lists(tx, unlisted);
      await tx.updateTable('contract').set({ provider_id: drafter.providerId }).where('id', '=', a.id).execute();
      return { start, two, moved: await lists(tx, listed), drafter: await lists(tx, draftListed), end: await drift(tx) };
    });
    expect(seen).toEqual({
      start: 0,
      two: { c: [GSS.devon, GSS.sefton].sort(), s: [] },
      moved: { c: [GSS.devon], s: [GSS.liverpool] },
      drafter: { c: [GSS.sefton], s: [] },
      end: 0,
    });
  });

  it('the application role can neither read nor write them; what it writes into them on insert is replaced', async () => {
    const userId = await undone((tx) => userOf(tx, applicant.email));
    const own: TenantSettings = { providerId: applicant.providerId, userId };
    const outcomes = await undone(async (tx) => {
      const tried = (settings: TenantSettings, statement: ReturnType<typeof sql>) => as(tx, settings, () => attempt(tx, () => statement.execute(tx)));
      return [
        await tried(own, sql`SELECT * FROM provider_document`),
        await tried({ authorityId: lead }, sql`SELECT submitted_to_authority_ids FROM provider_document`),
        await tried(own, sql`SELECT confirmed_claim_authority_ids FROM provider_membership`),
        await tried(own, sql`UPDATE provider_document SET contracting_authority_ids = ${[GSS.devon]}::text[] WHERE id = ${listed}`),
        await tried(own, sql`SELECT id, title FROM provider_document`),
      ];
    });
    expect(outcomes).toEqual(['42501', '42501', '42501', '42501', 'ok']);
    const inserted = await undone(async (tx) => {
      const content = pdfFile('Forged lists');
      await as(tx, own, () =>
        sql`INSERT INTO provider_document (provider_id, kind, title, file_name, content_type, size_bytes, sha256, content, uploaded_by,
            contracting_authority_ids, submitted_to_authority_ids)
          VALUES (${applicant.providerId}, 'other', 'Forged', 'forged.pdf', 'application/pdf', ${content.length},
            encode(sha256(${content}), 'hex'), ${content}, ${userId}, ${[GSS.devon]}::text[], ${[GSS.devon]}::text[])`.execute(tx),
      );
      const id = (await tx.selectFrom('provider_document').select('id').where('title', '=', 'Forged').executeTakeFirstOrThrow()).id;
      return { lists: await lists(tx, id), devon: await readBy(tx, GSS.devon, [id]) };
    });
    expect(inserted).toEqual({ lists: { c: [], s: [] }, devon: [] });
  });

  it('no policy of provider_document or provider_membership has a subquery', async () => {
    const { rows } = await sql<{ name: string }>`SELECT policyname AS name FROM pg_policies
      WHERE tablename IN ('provider_document', 'provider_membership') AND coalesce(qual, '') || ' ' || coalesce(with_check, '') ~* '\\mselect\\M'`.execute(connection.db);
    expect(rows).toEqual([]);
  });
});

describe('the lists under concurrent writes (on PostgreSQL really at once, each its own transaction; on PGlite, one connection, one after the other)', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const insertDocument = (db: Connection['db'], providerId: string, userId: string) => {
    const content = pdfFile(`Concurrent ${providerId}`);
    return sql`INSERT INTO provider_document (provider_id, kind, title, file_name, content_type, size_bytes, sha256, content, uploaded_by)
      VALUES (${providerId}, 'other', 'Concurrent', 'concurrent.pdf', 'application/pdf', ${content.length}, encode(sha256(${content}), 'hex'), ${content}, ${userId})`.execute(db);
  };
  /** A transaction that does `work`, then stays open a while before it commits. */
  const heldOpen = (work: (tx: Tx) => Promise<unknown>) => connection.db.transaction().execute(async (tx) => (await work(tx), await sleep(400)));

  it('a document made while a contract is, a contract made while a document is, and two contracts at once all land in the list', async () => {
    const userId = await undone((tx) => userOf(tx, applicant.email));
    const [p1, p2, p3] = [await fixtureProvider(connection.db), await fixtureProvider(connection.db), await fixtureProvider(connection.db)];
    const contractFirst = heldOpen((tx) => fixtureContract(tx, GSS.sefton, { providerId: p1 }));
    await sleep(150);
    await Promise.all([contractFirst, insertDocument(connection.db, p1, userId)]);
    const documentFirst = heldOpen((tx) => insertDocument(tx, p2, userId));
    await sleep(150);
    await Promise.all([documentFirst, fixtureContract(connection.db, GSS.sefton, { providerId: p2 })]);
    await insertDocument(connection.db, p3, userId);
    await Promise.all([GSS.sefton, GSS.devon].map((a) => heldOpen((tx) => fixtureContract(tx, a, { providerId: p3 }))));
    const { rows } = await sql<{ p: string; c: string[] }>`SELECT provider_id AS p, contracting_authority_ids AS c FROM provider_document
      WHERE provider_id IN (${p1}, ${p2}, ${p3})`.execute(connection.db);
    expect(Object.fromEntries(rows.map((r) => [r.p, r.c]))).toEqual({ [p1]: [GSS.sefton], [p2]: [GSS.sefton], [p3]: [GSS.devon, GSS.sefton].sort() });
  });
});

describe('a provider administrator by a confirmed claim', () => {
  /** As `authorityId` (its commissioner), inserts the claimant's provider_admin (or `role`) membership of `providerId`. */
  const adds = (tx: Tx, authorityId: string, providerId: string, claimant: string, role = 'provider_admin', written: string[] = []) =>
    as(tx, { authorityId }, () =>
      attempt(tx, () =>
        sql`INSERT INTO provider_membership (provider_id, user_id, role, confirmed_claim_authority_ids)
          VALUES (${providerId}, ${claimant}, ${role}, ${written}::text[])`.execute(tx),
      ),
    );
  /** A claim as the owner, pending or decided by `decider` (the schema's insert type has claims start pending). */
  const claimOf = (tx: Tx, providerId: string, userId: string, status: 'pending' | 'confirmed', decider: string | null) =>
    sql`INSERT INTO provider_claim (provider_id, user_id, claimant_name, claimant_email, legal_name, status, decided_by_authority_id, decided_at)
      VALUES (${providerId}, ${userId}, 'Claimant', 'claimant@claim.example', 'Claimed Care Ltd', ${status}, ${decider}, CASE WHEN ${decider}::text IS NULL THEN NULL ELSE now() END)`.execute(tx);

  it('is refused without a confirmed claim decided by this authority, and allowed with one', async () => {
    const seen = await undone(async (tx) => {
      const providerId = await fixtureProvider(tx);
      const claimant = await userOf(tx, 'viewer.plymouth@concord.example');
      await claimOf(tx, providerId, claimant, 'pending', null);
      const pending = await adds(tx, GSS.devon, providerId, claimant);
      await tx.updateTable('provider_claim').set({ status: 'confirmed', decided_by_authority_id: GSS.devon, decided_at: sql`now()` }).where('provider_id', '=', providerId).execute();
      const others = [await adds(tx, GSS.plymouth, providerId, claimant), await adds(tx, GSS.plymouth, providerId, claimant, 'provider_admin', [GSS.plymouth])];
      const asBidWriter = await adds(tx, GSS.devon, providerId, claimant, 'bid_writer');
      const devon = await adds(tx, GSS.devon, providerId, claimant);
      const copy = await sql<{ ids: string[] }>`SELECT confirmed_claim_authority_ids AS ids FROM provider_membership WHERE provider_id = ${providerId}`.execute(tx);
      return { pending, others, asBidWriter, devon, copy: copy.rows.map((r) => r.ids) };
    });
    expect(seen).toEqual({ pending: '42501', others: ['42501', '42501'], asBidWriter: '42501', devon: 'ok', copy: [[GSS.devon]] });
  });

  it('is refused to the deciding authority once it may no longer see the claim (another authority alone contracts with the provider)', async () => {
    const seen = await undone(async (tx) => {
      const providerId = await fixtureProvider(tx);
      const claimant = await userOf(tx, 'viewer.plymouth@concord.example');
      await claimOf(tx, providerId, claimant, 'confirmed', GSS.devon);
      await fixtureContract(tx, GSS.sefton, { providerId });
      const refused = await adds(tx, GSS.devon, providerId, claimant);
      await fixtureContract(tx, GSS.devon, { providerId });
      return [refused, await adds(tx, GSS.devon, providerId, claimant)];
    });
    expect(seen).toEqual(['42501', 'ok']);
  });
});
