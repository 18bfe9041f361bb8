import { badRequest } from '@concord/domain';
import type { Tx } from '@concord/db';

interface IdempotentOptions<I> {
  ctx: { tx: Tx; session: { authorityId: string | null; providerId?: string | null; userId: string } };
  input: I;
  path: string;
}

/**
 * Makes a create mutation safe to repeat: with an `idempotencyKey` (the web sends one per form), the first
 * call claims the key and stores its result in the same transaction; a repeat with the same key (a double
 * submit, a retry after a lost response) returns that stored result and writes nothing. Two calls with one
 * key at once: the second waits on the first's claim (a unique key), then returns its result.
 *
 *   create: write.input(schema).mutation(idempotent(({ ctx, input }) => createThing(ctx, input))),
 *
 * `stored` is what a repeat answers instead of the first result, where that holds a secret that must never be
 * stored (a new API token's text): the first call still answers the whole result.
 */
export function idempotent<I extends { idempotencyKey?: string | undefined }, O extends IdempotentOptions<I>, R>(
  handler: (opts: O) => Promise<R>,
  stored: (result: R) => R = (result) => result,
) {
  return async (opts: O): Promise<R> => {
    const key = opts.input.idempotencyKey;
    const authorityId = opts.ctx.session.authorityId;
    const providerId = opts.ctx.session.providerId ?? null;
    if (key && !authorityId && providerId) return providerIdempotent(handler, stored, opts, key, providerId);
    if (!key || !authorityId) return handler(opts);
    const { tx } = opts.ctx;
    const claimed = await tx
      .insertInto('idempotency_key')
      .values({ authority_id: authorityId, key, procedure: opts.path, user_id: opts.ctx.session.userId, result: null })
      .onConflict((oc) => oc.columns(['authority_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const earlier = await tx.selectFrom('idempotency_key').select(['procedure', 'result']).where('key', '=', key).executeTakeFirstOrThrow();
      if (earlier.procedure !== opts.path) throw badRequest('This form was already used for something else: reload the page and try again', 'idempotencyKey');
      return earlier.result as R;
    }
    const result = await handler(opts);
    await tx
      .updateTable('idempotency_key')
      .set({ result: JSON.stringify(stored(result) ?? null) })
      .where('key', '=', key)
      .execute();
    return result;
  };
}

/** The same, for a provider organisation's forms (its own keys, migration 0026). */
async function providerIdempotent<O extends IdempotentOptions<unknown>, R>(
  handler: (opts: O) => Promise<R>,
  stored: (result: R) => R,
  opts: O,
  key: string,
  providerId: string,
): Promise<R> {
  const { tx } = opts.ctx;
  const claimed = await tx
    .insertInto('provider_idempotency_key')
    .values({ provider_id: providerId, key, procedure: opts.path, user_id: opts.ctx.session.userId, result: null })
    .onConflict((oc) => oc.columns(['provider_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    const earlier = await tx.selectFrom('provider_idempotency_key').select(['procedure', 'result']).where('key', '=', key).executeTakeFirstOrThrow();
    if (earlier.procedure !== opts.path) throw badRequest('This form was already used for something else: reload the page and try again', 'idempotencyKey');
    return earlier.result as R;
  }
  const result = await handler(opts);
  await tx
    .updateTable('provider_idempotency_key')
    .set({ result: JSON.stringify(stored(result) ?? null) })
    .where('key', '=', key)
    .execute();
  return result;
}
