import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { wrapEachConnection } from './client-query.ts';

/**
 * BEGIN and a transaction's first statement in one round trip (issue 14, item 2: the per-request cost).
 *
 * Kysely opens a transaction by sending `begin` and waiting for the answer before it runs anything else, so every
 * procedure paid a round trip for BEGIN alone, then one for its role and settings (enterTenant). On this 2-core
 * machine a round trip costs the server ~0.1 ms of CPU in system calls (a write, a wake-up, a read; more with page
 * table isolation) besides the wait, and PostgreSQL a wake-up of its backend.
 *
 * Here a connection answers `begin` at once without sending it, and sends it in front of the next statement: when that
 * statement has no parameters (enterTenant writes the settings' values into its text for this, see tenant.ts), both
 * go as one simple query, `BEGIN;` and the statement, and the statement's own result is returned; PostgreSQL runs the
 * two in order exactly as if sent one after the other, and a failure of the second leaves the transaction aborted,
 * to be rolled back, as before. A statement with parameters is sent after a real `begin` (two round trips, as
 * before). A transaction that sends nothing before its COMMIT or ROLLBACK sends nothing at all.
 *
 * Safe with a pool: the client is only handed back after Kysely's COMMIT or ROLLBACK, which clears the pending BEGIN;
 * a client that errors out is discarded by the pool.
 */

/**
 * A text value written into a statement as a literal, so that the statement has no parameters and can go with BEGIN:
 * pg's escapeLiteral, which doubles quotes and, for a value holding a backslash, writes E'…' with it doubled too, so it
 * reads the same whatever standard_conforming_strings is. For values Concord's own code chose (ids and settings from the
 * database, a hash), never for a whole statement's input.
 */
export function inlineText(value: string): RawBuilder<string> {
  return sql.raw<string>(pg.escapeLiteral(value));
}

const FAKE_BEGIN = { command: 'BEGIN', rowCount: null, rows: [], fields: [] };
const ends = (word: string) => ({ command: word.toUpperCase(), rowCount: null, rows: [], fields: [] });

/** Statement text with no values, as Kysely sends `begin`, `commit` and a statement without parameters. */
function plainText(args: unknown[]): string | null {
  const [text, values] = args;
  if (typeof text !== 'string' || args.length > 2) return null;
  if (values !== undefined && !(Array.isArray(values) && values.length === 0)) return null;
  return text;
}

/** The result of the last statement of a multi-statement simple query (node-pg answers one per statement). */
function lastResult(result: unknown): unknown {
  return Array.isArray(result) ? result[result.length - 1] : result;
}

/** Defers each connection's `begin` to go with the statement after it (see above). Install after prepareStatements. */
export function beginWithFirstStatement(pool: pg.Pool): pg.Pool {
  return wrapEachConnection(pool, (query) => {
    let pending = false;
    return (...args: unknown[]) => {
      const text = plainText(args);
      const word = text?.trim().toLowerCase();
      if (word === 'begin') {
        if (!pending) {
          pending = true;
          return Promise.resolve(FAKE_BEGIN);
        }
        pending = false; // a second BEGIN: one goes, and PostgreSQL answers it as it answers a first
        return query(...args);
      }
      if (!pending) return query(...args);
      pending = false;
      if (word === 'commit' || word === 'rollback') return Promise.resolve(ends(word));
      if (text !== null) return (query(`BEGIN;\n${text}`) as Promise<unknown>).then(lastResult);
      const begun = query('begin') as Promise<unknown>;
      // A statement with values (as Kysely sends them, or a config object as prepareStatements does): after a real
      // BEGIN, or BEGIN's failure.
      const submittable = typeof (args[0] as { submit?: unknown } | null)?.submit === 'function';
      if (!submittable && typeof args.at(-1) !== 'function') return begun.then(() => query(...args));
      // A callback or a cursor, which must be handed to the client at once: queued behind BEGIN.
      begun.catch(() => undefined); // it fails too if BEGIN did, and says so through its own callback
      return query(...args);
    };
  });
}
