import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { connectPglite, connectPostgres, type Connection } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { seedDemo } from './seed/index.ts';

/**
 * A migrated database of its own for one test file: in-memory PGlite, or, when TEST_DATABASE_URL
 * names a PostgreSQL server (as a superuser), a fresh database there that is dropped on close. The
 * returned connection is the owner's; tests reach tenant data through `inTenant`, which drops to
 * the application role exactly as the server does.
 */
export async function openTestDatabase(options: { seed?: (password: string) => Promise<string> } = {}): Promise<Connection> {
  const url = process.env.TEST_DATABASE_URL;
  let connection: Connection;
  if (!url) {
    connection = await connectPglite();
  } else {
    const admin = connectPostgres(url, 1);
    const name = `concord_test_${randomBytes(6).toString('hex')}`;
    await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const inner = connectPostgres(target.toString(), 4);
    connection = {
      db: inner.db,
      kind: 'postgres',
      close: async () => {
        await inner.close();
        await sql`DROP DATABASE ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
        await admin.close();
      },
    };
  }
  await migrateToLatest(connection.db);
  if (options.seed) await seedDemo(connection.db, options.seed);
  return connection;
}
