import { connectPostgres, inTenant, isPreparable, pglitePoolFrom, prepareStatements, type Connection, type Database } from '@concord/db';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS, openSeededDatabase } from '../support/api.ts';

/**
 * Issue 14, the per-request cost: on PostgreSQL a connection sends each data statement as a named prepared
 * statement (packages/db/src/prepared.ts), parsed once per connection, at most a bounded number of texts per
 * connection, never a utility or multi-statement text; and a generic plan still applies each tenant's policies.
 * The server names statements on PostgreSQL only (embedded PGlite is left as it was), but the naming is the pool's,
 * so on PGlite these tests run it over a pool of their own on a copy of the database: the same assertions hold.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;

let owner: Connection;
let url: string;
let dump: Blob | undefined;
beforeAll(async () => {
  owner = await openSeededDatabase();
  if (!onPostgres) {
    dump = await owner.dump!('none');
    return;
  }
  const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(owner.db)).rows[0]!.name;
  const target = new URL(process.env.TEST_DATABASE_URL!);
  target.pathname = `/${name}`;
  url = target.toString();
});
afterAll(() => owner?.close());

/**
 * A pool of one connection to this file's database, and how to let it go after the pool has ended: on PostgreSQL a
 * new connection; on PGlite an embedded copy of the database.
 */
async function poolOfOne(): Promise<{ pool: pg.Pool; done(): Promise<void> }> {
  if (onPostgres) return { pool: new pg.Pool({ connectionString: url, max: 1 }), done: async () => {} };
  const { pool, close } = await pglitePoolFrom(dump!);
  return { pool, done: close };
}

/** Kysely over a pool of one, its statements named (at most `max`) or not. */
async function kyselyOfOne(max: number | false): Promise<{ db: Kysely<Database>; pool: pg.Pool; close(): Promise<void> }> {
  const { pool, done } = await poolOfOne();
  // pool.end() lets go of its connection before the server has closed it; when the file's database is then dropped
  // (WITH FORCE), the server ends that connection with an error the pool reports on itself, as connectPostgres' pool does.
  pool.on('error', () => {});
  if (max !== false) prepareStatements(pool, max);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: async () => (await db.destroy(), await done()) };
}

/** This connection's prepared statements with the given text (the pool has one connection). */
async function preparedWith(db: Kysely<Database>, text: string) {
  const rows = await sql<{ name: string; generic_plans: number; custom_plans: number }>`
    SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement = ${text}`.execute(db);
  return rows.rows;
}

const contractCount = (id: string) => sql<{ n: number }>`SELECT count(*)::int AS n FROM contract WHERE authority_id = ${id}`;
const countContracts = (db: Kysely<Database>, id: string) => contractCount(id).execute(db);

describe('which statements are named', () => {
  it('data statements, one statement each; never utility, transaction or multi-statement texts', () => {
    for (const text of ['SELECT 1', '  select * from x where a = $1', 'WITH a AS (SELECT 1) SELECT * FROM a', 'insert into t values ($1)', 'UPDATE t SET a = 1', 'delete from t', 'SELECT 1;', 'SELECT set_config($1, $2, true)']) {
      expect(isPreparable(text), text).toBe(true);
    }
    for (const text of ['begin', 'commit', 'rollback', 'SET LOCAL ROLE concord_app', 'CREATE TABLE t (a int)', 'ALTER TABLE t ADD b int', 'SELECT 1; SELECT 2', 'savepoint "a"', 'selection', 'VACUUM ANALYZE', 'DEALLOCATE ALL']) {
      expect(isPreparable(text), text).toBe(false);
    }
  });
});

describe('named prepared statements', () => {
  it('a statement run twice is prepared once on the connection; CONCORD_PREPARED=false (prepared: false) names none', async () => {
    for (const prepared of [true, false]) {
      // On PostgreSQL the server's own way in (connectPostgres); on PGlite the same naming over a pool of one.
      const connection = onPostgres ? connectPostgres(url, 1, { prepared }) : await kyselyOfOne(prepared ? 100 : false);
      try {
        const first = await countContracts(connection.db, GSS.sefton);
        const second = await countContracts(connection.db, GSS.sefton);
        expect(second.rows[0]!.n).toBe(first.rows[0]!.n);
        const text = contractCount(GSS.sefton).compile(connection.db).sql;
        const rows = await preparedWith(connection.db, text);
        if (prepared) expect(rows).toEqual([expect.objectContaining({ custom_plans: 2 })]);
        else expect(rows).toEqual([]);
        // A multi-statement text goes as before (the simple protocol): it works and is never prepared.
        await sql.raw('SELECT 1; SELECT 2').execute(connection.db);
        expect(await preparedWith(connection.db, 'SELECT 1; SELECT 2')).toEqual([]);
      } finally {
        await connection.close();
      }
    }
  });

  it('at most N distinct texts are named on one connection; after it, statements still run, unnamed', async () => {
    const { db, close } = await kyselyOfOne(3);
    try {
      for (let i = 1; i <= 6; i++) {
        const row = await sql<{ n: number }>`SELECT ${sql.lit(i)}::int + ${i}::int AS n`.execute(db);
        expect(row.rows[0]!.n).toBe(2 * i);
      }
      const all = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements ORDER BY statement`.execute(db);
      expect(all.rows.map((r) => r.statement)).toEqual(['SELECT 1::int + $1::int AS n', 'SELECT 2::int + $1::int AS n', 'SELECT 3::int + $1::int AS n']);
    } finally {
      await close();
    }
  });

  it('a statement whose columns changed under it (a column added during an upgrade) fails once, then runs under a new name', async () => {
    const { db, close } = await kyselyOfOne(100);
    try {
      await sql.raw('CREATE TEMP TABLE upgraded (a int); INSERT INTO upgraded VALUES (1)').execute(db);
      const read = () => sql<Record<string, number>>`SELECT * FROM upgraded WHERE a = ${1}`.execute(db);
      expect((await read()).rows).toEqual([{ a: 1 }]);
      await sql.raw('ALTER TABLE upgraded ADD COLUMN b int DEFAULT 2').execute(db);
      await expect(read()).rejects.toThrow(/cached plan must not change result type/);
      expect((await read()).rows).toEqual([{ a: 1, b: 2 }]);
    } finally {
      await close();
    }
  });

  it('a generic plan still applies each tenant’s policies (plan_cache_mode = force_generic_plan)', async () => {
    const { db, pool, close } = await kyselyOfOne(100);
    pool.on('connect', (client) => void client.query('SET plan_cache_mode = force_generic_plan'));
    try {
      const expected: Record<string, number> = {};
      for (const id of [GSS.sefton, GSS.plymouth, GSS.liverpool]) expected[id] = (await countContracts(owner.db, id)).rows[0]!.n;
      expect(expected[GSS.sefton]).toBeGreaterThan(0);
      const mine = db.selectFrom('contract').select(['authority_id', 'id']);
      for (let round = 0; round < 4; round++) {
        for (const id of [GSS.sefton, GSS.plymouth, GSS.liverpool]) {
          const rows = await inTenant(db, { authorityId: id }, (tx) => tx.selectFrom('contract').select(['authority_id', 'id']).execute());
          expect(rows.length, `${id}, round ${round}`).toBe(expected[id]);
          expect(new Set(rows.map((r) => r.authority_id))).toEqual(new Set(rows.length ? [id] : []));
        }
      }
      const [statement] = await preparedWith(db, mine.compile().sql);
      expect(statement?.generic_plans).toBe(12);
    } finally {
      await close();
    }
  });
});
