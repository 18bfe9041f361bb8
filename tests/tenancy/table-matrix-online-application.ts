import type { Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';

/**
 * The table matrix's rows for online applications and clarifications (issue 11, item 3; migration 0031), all under
 * the matrix procurement (the Tripartite's, led by Liverpool, a draft: not open, so no provider may add to it).
 *   provider_application     the matrix provider's draft application
 *   clarification            a clarification Liverpool published
 *   clarification_question   the matrix provider's question, not yet answered
 */
interface Refs {
  db: Kysely<Database>;
  liverpool: string;
  tripartite: string;
  procurement: string;
  /** Another procurement of the Tripartite (a provider has one draft per procurement). */
  otherProcurement: string;
  provider: string;
}

const made = { draft: '', clarification: '', question: '' };
const count = sql<number>`count(*)::int`.as('n');
const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) => result.reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);

export async function makeOnlineApplicationFixtures(refs: Refs): Promise<void> {
  const { db } = refs;
  made.draft = (
    await db.insertInto('provider_application').values({ authority_id: refs.liverpool, procurement_id: refs.procurement, provider_id: refs.provider }).returning('id').executeTakeFirstOrThrow()
  ).id;
  made.clarification = (
    await db
      .insertInto('clarification')
      .values({ authority_id: refs.liverpool, partnership_id: refs.tripartite, procurement_id: refs.procurement, question: 'Matrix question?', answer: 'Matrix answer' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  made.question = (
    await db
      .insertInto('clarification_question')
      .values({ authority_id: refs.liverpool, procurement_id: refs.procurement, provider_id: refs.provider, question: 'Matrix provider question?' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export function onlineApplicationTargets(refs: () => Refs) {
  return {
    provider_application: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('provider_application').select(count).where('id', '=', made.draft).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) =>
        t.insertInto('provider_application').values({ authority_id: refs().liverpool, procurement_id: refs().otherProcurement, provider_id: refs().provider, lot_ids: [] }).execute(),
      update: async (t: Kysely<Database>) => changed(await t.updateTable('provider_application').set({ gateway_answers: '[]' }).where('id', '=', made.draft).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('provider_application').where('id', '=', made.draft).execute()),
    },
    clarification: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('clarification').select(count).where('id', '=', made.clarification).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) =>
        t
          .insertInto('clarification')
          .values({ authority_id: refs().liverpool, partnership_id: refs().tripartite, procurement_id: refs().procurement, question: 'Matrix question 2?', answer: 'Matrix answer 2' })
          .execute(),
      update: async (t: Kysely<Database>) => changed(await t.updateTable('clarification').set({ answer: 'Rewritten' }).where('id', '=', made.clarification).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('clarification').where('id', '=', made.clarification).execute()),
    },
    clarification_question: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('clarification_question').select(count).where('id', '=', made.question).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) =>
        t.insertInto('clarification_question').values({ authority_id: refs().liverpool, procurement_id: refs().procurement, provider_id: refs().provider, question: 'Matrix provider question 2?' }).execute(),
      update: async (t: Kysely<Database>) => changed(await t.updateTable('clarification_question').set({ clarification_id: made.clarification }).where('id', '=', made.question).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('clarification_question').where('id', '=', made.question).execute()),
    },
  };
}
