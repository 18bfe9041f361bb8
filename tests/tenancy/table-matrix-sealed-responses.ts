import type { Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';

/**
 * The table matrix's rows for sealed mini-competitions (issue 11, item 4; migration 0032), under Sefton's matrix
 * call-off (no deadline: not a sealed competition, so Sefton reads them; integration/call-off-sealed.test.ts shows
 * the seal before a deadline).
 *   call_off_response_answer   an answer on the matrix response (Sefton's; written only by a provider, with its response)
 *   call_off_outcome           the matrix response's outcome (Sefton's; the call-off is not awarded, so no provider reads it)
 */
interface Refs {
  db: Kysely<Database>;
  sefton: string;
  callOff: string;
  response: string;
  leafResponse: string;
  criterion: string;
}

/** The providers of the two matrix responses, read from them. */
const made = { provider: '', leafProvider: '' };

const count = sql<number>`count(*)::int`.as('n');
const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) => result.reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);

export async function makeSealedResponseFixtures(refs: Refs): Promise<void> {
  const providerOf = async (id: string) => (await refs.db.selectFrom('call_off_response').select('provider_id').where('id', '=', id).executeTakeFirstOrThrow()).provider_id;
  made.provider = await providerOf(refs.response);
  made.leafProvider = await providerOf(refs.leafResponse);
  await refs.db.insertInto('call_off_response_answer').values({ authority_id: refs.sefton, response_id: refs.response, criterion_id: refs.criterion, call_off_id: refs.callOff, answer: 'Matrix answer' }).execute();
  await refs.db.insertInto('call_off_outcome').values({ authority_id: refs.sefton, call_off_id: refs.callOff, provider_id: made.provider, response_id: refs.response, rank: 1, total_points: 80, successful: true }).execute();
}

export function sealedResponseTargets(refs: () => Refs) {
  return {
    call_off_response_answer: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('call_off_response_answer').select(count).where('response_id', '=', refs().response).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) =>
        t.insertInto('call_off_response_answer').values({ authority_id: refs().sefton, response_id: refs().leafResponse, criterion_id: refs().criterion, call_off_id: refs().callOff, answer: 'Another' }).execute(),
      update: async (t: Kysely<Database>) => changed(await t.updateTable('call_off_response_answer').set({ answer: 'Rewritten' }).where('response_id', '=', refs().response).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('call_off_response_answer').where('response_id', '=', refs().response).execute()),
    },
    call_off_outcome: {
      select: async (t: Kysely<Database>) => (await t.selectFrom('call_off_outcome').select(count).where('response_id', '=', refs().response).executeTakeFirstOrThrow()).n,
      insert: (t: Kysely<Database>) =>
        t.insertInto('call_off_outcome').values({ authority_id: refs().sefton, call_off_id: refs().callOff, provider_id: made.leafProvider, response_id: refs().leafResponse, rank: 2, total_points: 70, successful: false }).execute(),
      update: async (t: Kysely<Database>) => changed(await t.updateTable('call_off_outcome').set({ feedback: 'Rewritten' }).where('response_id', '=', refs().response).execute()),
      delete: async (t: Kysely<Database>) => changed(await t.deleteFrom('call_off_outcome').where('response_id', '=', refs().response).execute()),
    },
  };
}
