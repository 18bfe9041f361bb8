import { APP_ROLE, OWNER_ROLE, UnsafeDatabaseRoleError, assertSafeAppRole, connectPostgres, inTenant, type Connection } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * assertSafeAppRole refuses to serve requests through a role that row-level security does not bind.
 * On PostgreSQL each role really logs in (trust or password auth); on PGlite, which has one user, the
 * same roles are taken on with SET LOCAL ROLE inside a transaction that is rolled back.
 */

let connection: Connection;
const suffix = randomBytes(4).toString('hex');
const password = randomBytes(12).toString('hex');
const roles = {
  superuser: `concord_guard_${suffix}_super`,
  bypass: `concord_guard_${suffix}_bypass`,
  outsider: `concord_guard_${suffix}_outsider`,
  ownerMember: `concord_guard_${suffix}_ownermember`,
  web: `concord_guard_${suffix}_web`,
};
const created: string[] = [];

beforeAll(async () => {
  connection = await openTestDatabase();
  const id = (name: string) => sql.id(name);
  const pw = sql.lit(password);
  const statements = [
    [roles.superuser, sql`CREATE ROLE ${id(roles.superuser)} LOGIN PASSWORD ${pw} SUPERUSER`],
    [roles.bypass, sql`CREATE ROLE ${id(roles.bypass)} LOGIN PASSWORD ${pw} NOSUPERUSER BYPASSRLS IN ROLE ${id(APP_ROLE)}`],
    [roles.outsider, sql`CREATE ROLE ${id(roles.outsider)} LOGIN PASSWORD ${pw} NOSUPERUSER NOBYPASSRLS`],
    [roles.ownerMember, sql`CREATE ROLE ${id(roles.ownerMember)} LOGIN PASSWORD ${pw} NOSUPERUSER NOBYPASSRLS IN ROLE ${id(APP_ROLE)}, ${id(OWNER_ROLE)}`],
    [roles.web, sql`CREATE ROLE ${id(roles.web)} LOGIN PASSWORD ${pw} NOSUPERUSER NOBYPASSRLS IN ROLE ${id(APP_ROLE)}`],
  ] as const;
  for (const [name, statement] of statements) {
    await statement.execute(connection.db);
    created.push(name);
  }
});

afterAll(async () => {
  if (!connection) return;
  try {
    // Roles are cluster-wide on PostgreSQL: never leave them behind.
    for (const name of created.reverse()) await sql`DROP ROLE IF EXISTS ${sql.id(name)}`.execute(connection.db);
  } finally {
    await connection.close();
  }
});

class Rollback extends Error {}

/**
 * Runs `work` with a database handle whose current user is `role`: a real login on PostgreSQL, a SET
 * LOCAL ROLE in a rolled-back transaction on PGlite.
 */
async function asRole<T>(role: string, work: (db: Kysely<any>) => Promise<T>): Promise<T> {
  if (connection.kind === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('a postgres test database without TEST_DATABASE_URL');
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(connection.db);
    const url = new URL(base);
    url.username = role;
    url.password = password;
    url.pathname = `/${rows[0]!.name}`;
    const login = connectPostgres(url.toString(), 1);
    try {
      const { rows: who } = await sql<{ session_user: string }>`SELECT session_user`.execute(login.db);
      expect(who[0]!.session_user).toBe(role); // really logged in as the role
      return await work(login.db);
    } finally {
      await login.close();
    }
  }
  let result: T | undefined;
  await connection.db
    .transaction()
    .execute(async (trx) => {
      await sql`SET LOCAL ROLE ${sql.id(role)}`.execute(trx);
      result = await work(trx);
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result as T;
}

async function refusal(db: Kysely<any>): Promise<UnsafeDatabaseRoleError | 'accepted'> {
  try {
    await assertSafeAppRole(db);
    return 'accepted';
  } catch (error) {
    if (error instanceof UnsafeDatabaseRoleError) return error;
    throw error;
  }
}

describe('assertSafeAppRole', () => {
  it('refuses a superuser', async () => {
    const result = await asRole(roles.superuser, refusal);
    expect(result).toBeInstanceOf(UnsafeDatabaseRoleError);
    expect((result as Error).message).toContain(`the DATABASE_URL role "${roles.superuser}" is a superuser`);
  });

  it('refuses a BYPASSRLS role even though it is a member of the application role', async () => {
    const result = await asRole(roles.bypass, refusal);
    expect(result).toBeInstanceOf(UnsafeDatabaseRoleError);
    const message = (result as Error).message;
    expect(message).toContain(`the DATABASE_URL role "${roles.bypass}" has BYPASSRLS.`);
    expect(message).not.toContain('superuser');
  });

  it('refuses a role that is not a member of the application role', async () => {
    const result = await asRole(roles.outsider, refusal);
    expect(result).toBeInstanceOf(UnsafeDatabaseRoleError);
    expect((result as Error).message).toContain(`the DATABASE_URL role "${roles.outsider}" is not a member of ${APP_ROLE}.`);
  });

  it('refuses a role that is a member of the owner role', async () => {
    const result = await asRole(roles.ownerMember, refusal);
    expect(result).toBeInstanceOf(UnsafeDatabaseRoleError);
    expect((result as Error).message).toContain(`the DATABASE_URL role "${roles.ownerMember}" is a member of the owner role ${OWNER_ROLE}.`);
  });

  it('accepts a plain login role that is a member of the application role', async () => {
    expect(await asRole(roles.web, refusal)).toBe('accepted');
  });

  it('refuses the owner connection the tests arrange fixtures with (a superuser)', async () => {
    const result = await refusal(connection.db);
    expect(result).toBeInstanceOf(UnsafeDatabaseRoleError);
    expect((result as Error).message).toContain('is a superuser');
  });
});

// openTestDatabase chooses PostgreSQL exactly when TEST_DATABASE_URL is set; tests are registered
// before it runs, so they branch on the same variable and check the kind they got.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe('inside inTenant', () => {
  if (onPostgres) {
    it('through the safe login role, the current user is the application role and it cannot become the superuser', async () => {
      expect(connection.kind).toBe('postgres');
      await asRole(roles.web, async (db) => {
        const user = await inTenant(db as Kysely<any>, { authorityId: 'E08000014' }, async (trx) =>
          (await sql<{ u: string }>`SELECT current_user AS u`.execute(trx)).rows[0]!.u,
        );
        expect(user).toBe(APP_ROLE);
        const escape = inTenant(db as Kysely<any>, { authorityId: 'E08000014' }, (trx) => sql`SET ROLE postgres`.execute(trx));
        await expect(escape).rejects.toMatchObject({ code: '42501' });
        await expect(escape).rejects.toThrow(/permission denied to set role "postgres"/);
      });
    });
  } else {
    it('on PGlite the current user is the application role, which the guard accepts (and the session outside it, it refuses)', async () => {
      expect(connection.kind).toBe('pglite');
      const inside = await inTenant(connection.db, { authorityId: 'E08000014' }, async (trx) => ({
        user: (await sql<{ u: string }>`SELECT current_user AS u`.execute(trx)).rows[0]!.u,
        guard: await refusal(trx),
      }));
      expect(inside).toEqual({ user: APP_ROLE, guard: 'accepted' });
      expect(await refusal(connection.db)).toBeInstanceOf(UnsafeDatabaseRoleError);
    });
  }
});
