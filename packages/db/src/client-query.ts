import type pg from 'pg';

/** A connection's `query`, as pg's client has it: (text, values), (config), with or without a callback. */
export type Query = (...args: unknown[]) => unknown;

/**
 * Replaces `query` on each connection the pool opens with `wrap(query)`: one wrapper per connection, so what it keeps
 * (prepared names, a pending BEGIN) is that connection's. Wrappers installed later run first.
 */
export function wrapEachConnection(pool: pg.Pool, wrap: (query: Query) => Query): pg.Pool {
  pool.on('connect', (client) => {
    const target = client as unknown as { query: Query };
    target.query = wrap(client.query.bind(client) as Query);
  });
  return pool;
}
