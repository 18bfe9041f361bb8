import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { lockDataFolder } from './lock.ts';
import { preparedFromEnv, prepareStatements } from './prepared.ts';

export { isPreparable, PREPARED_PER_CONNECTION, preparedFromEnv, prepareStatements, statementName } from './prepared.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball (gzipped unless 'none'), to start others from (test templates). */
  dump?: (compression?: 'gzip' | 'none') => Promise<Blob>;
}

// Dates stay ISO strings ('2018-09-01'), never local-midnight Date objects; bigint money in pence
// comes back as a number (safe to £90 trillion).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${value} is too large`);
  return n;
});
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** Sees every statement a connection sends (BEGIN and COMMIT too): tests count statements per request with it. */
export type StatementObserver = (sql: string) => void;

const observing = (observe: StatementObserver | undefined) => (observe ? { log: (event: LogEvent) => observe(event.query.sql) } : {});

/**
 * Real PostgreSQL through a pg pool. Data statements are sent as named prepared statements (./prepared.ts) unless
 * `prepared` is false (by default CONCORD_PREPARED, on unless `false`).
 */
export function connectPostgres(url: string, poolSize = 10, options: { observe?: StatementObserver; prepared?: boolean } = {}): Connection {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  if (options.prepared ?? preparedFromEnv()) prepareStatements(pool);
  // An idle connection that the server drops (restart, idle timeout) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', (error) => console.warn(`PostgreSQL: an idle connection was lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...observing(options.observe) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

const PGLITE_START = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
/**
 * `small` (test databases, issue 14, item 8): PGlite sets up PostgreSQL's shared memory on every start, sized
 * for 128 MB of buffers and 100 connections; a test database of a few MB with one backend needs far less.
 * Opening the seeded test database took about 1.6 s of CPU with the defaults, 1.0 s with these.
 */
const SMALL_MEMORY = ['-c', 'shared_buffers=16MB', '-c', 'max_connections=10'];

/**
 * Embedded PostgreSQL (PGlite) behind the same pg pool interface, so every query takes one path.
 * `dataDir` is a folder to persist in, or undefined for memory only (tests).
 */
export async function connectPglite(
  dataDir?: string,
  options: { loadDataDir?: Blob; observe?: StatementObserver; small?: boolean; initdb?: string[]; settings?: string[] } = {},
): Promise<Connection> {
  const release = dataDir ? lockDataFolder(dataDir) : () => {};
  try {
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      ...(options.small || options.settings ? { startParams: [...PGLITE_START, ...(options.small ? SMALL_MEMORY : []), ...(options.settings ?? [])] } : {}),
      // initdb's arguments, for a new database (test templates: smaller WAL files, see @concord/db/testing).
      ...(options.initdb ? { initDbStartParams: options.initdb } : {}),
    });
    // PGlite is one backend: a pool of one, so transactions queue instead of interleaving.
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...observing(options.observe) });
    return {
      db,
      kind: 'pglite',
      dump: (compression = 'gzip') => pglite.dumpDataDir(compression),
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
