import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { beginWithFirstStatement } from './begin.ts';
import { wrapEachConnection } from './client-query.ts';
import { emptyFolder, isEmptyFolder, unpackImage } from './image.ts';
import { lockDataFolder } from './lock.ts';
import { preparedFromEnv, prepareStatements } from './prepared.ts';
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

/**
 * Sees every statement a connection sends, as sent (BEGIN and COMMIT too; BEGIN with the statement it goes with, see
 * begin.ts): tests count statements per request with it.
 */
export type StatementObserver = (sql: string) => void;

/** Shows `observe` each statement text the pool's connections send. */
function observeStatements(pool: pg.Pool, observe: StatementObserver): void {
  wrapEachConnection(pool, (query) => (...args: unknown[]) => {
    const [first] = args;
    if (typeof first === 'string') observe(first);
    else if (first && typeof first === 'object' && 'text' in first) observe(String(first.text));
    return query(...args);
  });
}

/**
 * What every pool of Concord's does to its connections, innermost first: named prepared statements (PostgreSQL, unless
 * `prepared` is false), the observer, and BEGIN sent with the statement after it (begin.ts).
 */
function tunePool(pool: pg.Pool, options: { observe?: StatementObserver; prepared?: boolean }): pg.Pool {
  if (options.prepared) prepareStatements(pool);
  if (options.observe) observeStatements(pool, options.observe);
  return beginWithFirstStatement(pool);
}

/**
 * Real PostgreSQL through a pg pool. Data statements are sent as named prepared statements (./prepared.ts) unless
 * `prepared` is false (by default CONCORD_PREPARED, on unless `false`).
 */
export function connectPostgres(url: string, poolSize = 10, options: { observe?: StatementObserver; prepared?: boolean } = {}): Connection {
  const pool = tunePool(new pg.Pool({ connectionString: url, max: poolSize }), { ...options, prepared: options.prepared ?? preparedFromEnv() });
  // An idle connection that the server drops (restart, idle timeout) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', (error) => console.warn(`PostgreSQL: an idle connection was lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

const PGLITE_START = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
/**
 * `small`: PGlite sets up PostgreSQL's shared memory on every start, sized by default for 128 MB of buffers and 100
 * connections, and zeroes it in WebAssembly. PGlite is one backend, and Concord's databases are small (the demo about
 * 18 MB, a test database less): 16 MB of buffers and 10 connection slots are plenty, and a page not in the buffers is
 * read from the operating system's file cache. Test databases (issue 14, item 8): about 1.6 s of CPU to open with the
 * defaults, 1.0 s with these. The server's data folder (`start`, item 5): the zeroing alone was ~0.65 s of each start;
 * the seeded demo folder opened in about 1.3 s of CPU with the defaults, 0.9 s with these. initdb (a new database)
 * starts PostgreSQL several times over, so it is given the same settings (`--set`, which also writes them to the
 * new folder's postgresql.conf): ~0.3 s less of a first start.
 */
const SMALL_MEMORY = ['-c', 'shared_buffers=16MB', '-c', 'max_connections=10'];
const SMALL_INITDB = ['--set', 'shared_buffers=16MB', '--set', 'max_connections=10'];

/**
 * A pg pool of one over an embedded PostgreSQL started from a dump (tests that need a pool of their own over a copy of
 * their database, as on PostgreSQL they would open one more connection). End the pool first, then `close`.
 */
export async function pglitePoolFrom(dump: Blob): Promise<{ pool: pg.Pool; close(): Promise<void> }> {
  const pglite = await PGlite.create({ loadDataDir: dump, ...pgliteStart({ small: true }) });
  return { pool: poolOver(pglite), close: () => pglite.close() };
}

/** PGlite is one backend: a pool of one, so transactions queue instead of interleaving. */
const poolOver = (pglite: PGlite, observe?: StatementObserver) => tunePool(new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig), { observe });

interface PgliteStart {
  small?: boolean;
  /** initdb's arguments, for a new database (test templates: smaller WAL files, see @concord/db/testing). */
  initdb?: string[];
  /** PostgreSQL settings for this start (`-c name=value` pairs). */
  settings?: string[];
}

/** PGlite's start and initdb parameters: `small`'s and any given, or PGlite's own when there are none. */
function pgliteStart({ small, initdb = [], settings = [] }: PgliteStart) {
  const start = [...(small ? SMALL_MEMORY : []), ...settings];
  const init = [...(small ? SMALL_INITDB : []), ...initdb];
  return { ...(start.length ? { startParams: [...PGLITE_START, ...start] } : {}), ...(init.length ? { initDbStartParams: init } : {}) };
}

/**
 * Embedded PostgreSQL (PGlite) behind the same pg pool interface, so every query takes one path.
 * `dataDir` is a folder to persist in, or undefined for memory only (tests). `image`: if `dataDir` is empty (or
 * absent), the data folder image (./image.ts) unpacked into it first, under the folder's lock; should that or opening
 * it fail, what was unpacked is removed again, leaving the folder as it was found, and the error is thrown.
 */
export async function connectPglite(
  dataDir?: string,
  options: PgliteStart & { loadDataDir?: Blob; image?: string; observe?: StatementObserver } = {},
): Promise<Connection> {
  const release = dataDir ? lockDataFolder(dataDir) : () => {};
  let unpacking = false;
  try {
    unpacking = Boolean(dataDir && options.image && isEmptyFolder(dataDir));
    if (unpacking) unpackImage(options.image!, dataDir!);
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      ...pgliteStart(options),
    });
    const pool = poolOver(pglite, options.observe);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
    try {
      if (unpacking) emptyFolder(dataDir!);
    } finally {
      release();
    }
    throw error;
  }
}
