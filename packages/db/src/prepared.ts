import { createHash } from 'node:crypto';
import type pg from 'pg';
import { wrapEachConnection } from './client-query.ts';

/**
 * Named prepared statements for a pg pool (issue 14: the per-request cost). node-pg sends a statement with
 * values as an unnamed one, which PostgreSQL parses and plans on every run; planning was most of PostgreSQL's
 * share of a request (the benchmark's statement executes in 2.4 ms and takes 7.6 ms with planning). Named, a
 * connection parses each text once, and after five runs PostgreSQL may keep a generic plan for it.
 *
 * Safe with row-level security: a cached plan is re-planned when the role changes (every request sets its own),
 * and the policies' current_setting('app.…') calls stay in a generic plan and are evaluated at each run, so
 * every tenant's policies apply (the tenancy suite on PostgreSQL runs with this on). A schema change invalidates
 * cached plans; one that changes a statement's columns ("cached plan must not change result type", e.g. a
 * `SELECT *` during an upgrade that adds a column) makes the connection start a fresh set of names.
 */

/** At most this many distinct texts are named on one connection; after it, statements go unnamed as before. */
export const PREPARED_PER_CONNECTION = 100;

/** One data statement: SELECT, INSERT, UPDATE, DELETE or WITH, and no second statement after a `;`. */
export function isPreparable(text: string): boolean {
  if (!/^\s*(select|insert|update|delete|with)\b/i.test(text)) return false;
  const semicolon = text.indexOf(';');
  return semicolon === -1 || text.slice(semicolon + 1).trim() === '';
}

/** The statement's name: a short hash of its text (64 bits; node-pg refuses a name reused for another text). */
export function statementName(text: string, generation = 0): string {
  return `c${generation}_${createHash('sha1').update(text).digest('base64url').slice(0, 11)}`;
}

type QueryConfig = { text: string; values?: unknown[]; name?: string };

/** The per-connection bookkeeping: which texts are named, and how many names were ever made (the cap). */
class Names {
  private names = new Map<string, string>();
  private made = 0;
  private generation = 0;
  constructor(private readonly max: number) {}

  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.made >= this.max || !isPreparable(text)) return known;
    const name = statementName(text, this.generation);
    this.names.set(text, name);
    this.made += 1;
    return name;
  }

  /** After a result type change, names are made afresh (the old ones still count towards the cap). */
  forget(): void {
    this.names.clear();
    this.generation += 1;
  }
}

const RESULT_TYPE_CHANGED = /cached plan must not change result type/;

/** Sends each connection's SELECT/INSERT/UPDATE/DELETE/WITH statements with values as named prepared statements. */
export function prepareStatements(pool: pg.Pool, max = PREPARED_PER_CONNECTION): pg.Pool {
  return wrapEachConnection(pool, (query) => {
    const names = new Names(max);
    return (...args: unknown[]) => {
      const [text, values] = args;
      // Only kysely's form, query(text, values) with a promise; anything else (callbacks, config objects) as it was.
      if (typeof text !== 'string' || !Array.isArray(values) || args.length !== 2) return query(...args);
      const name = names.nameFor(text);
      if (name === undefined) return query(text, values);
      const config: QueryConfig = { name, text, values };
      return (query(config) as Promise<unknown>).catch((error: unknown) => {
        if (error instanceof Error && RESULT_TYPE_CHANGED.test(error.message)) names.forget();
        throw error;
      });
    };
  });
}

/** CONCORD_PREPARED: on unless exactly `false`; anything but `true` or `false` is refused. */
export function preparedFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.CONCORD_PREPARED;
  if (raw === undefined || raw === '' || raw === 'true') return true;
  if (raw === 'false') return false;
  throw new Error(`CONCORD_PREPARED must be true or false, not ${JSON.stringify(raw)}`);
}
