import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { connectPglite, connectPostgres, type Connection } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { seedDemo } from './seed/index.ts';

type Hasher = (password: string) => Promise<string>;

/**
 * A migrated database of its own for one test file: in-memory PGlite, or, when TEST_DATABASE_URL
 * names a PostgreSQL server (as a superuser), a fresh database there that is dropped on close. The
 * returned connection is the owner's; tests reach tenant data through `inTenant`, which drops to
 * the application role exactly as the server does.
 */
export async function openTestDatabase(options: { seed?: Hasher } = {}): Promise<Connection> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openPgliteFromTemplate(options.seed);
  const admin = connectPostgres(url, 1);
  const name = `concord_test_${randomBytes(6).toString('hex')}`;
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const inner = connectPostgres(target.toString(), 4);
  await migrateToLatest(inner.db);
  if (options.seed) await seedDemo(inner.db, options.seed);
  return {
    db: inner.db,
    kind: 'postgres',
    close: async () => {
      await inner.close();
      await sql`DROP DATABASE ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    },
  };
}

const SRC = fileURLToPath(new URL('.', import.meta.url));
const DOMAIN_SRC = fileURLToPath(new URL('../../domain/src', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/**
 * What a template depends on: every migration, seed and domain source file (the seed uses the domain's
 * demo constants) and the hasher. Change any of them and a new template is built, never a stale one used.
 */
// Fingerprinted when this module loads, i.e. when the migrations and seed it will run are loaded too, so
// a process started before someone edits a migration never files its old schema under the new key.
const SOURCES = createHash('sha256');
for (const file of [...filesUnder(SRC), ...filesUnder(DOMAIN_SRC)]) SOURCES.update(file).update(readFileSync(file));
const SOURCES_DIGEST = SOURCES.digest('hex');

function templateKey(seed: Hasher | undefined): string {
  return createHash('sha256').update(SOURCES_DIGEST).update(seed ? `seeded:${seed.toString()}` : 'migrated').digest('hex').slice(0, 20);
}

/**
 * Migrating and seeding an embedded database takes seconds; dozens of test files each doing it made
 * the suite slow and fragile. The first file builds the database once and dumps it; the others start
 * from the dump. Each file still gets a database of its own.
 */
async function openPgliteFromTemplate(seed: Hasher | undefined): Promise<Connection> {
  const file = join(tmpdir(), `concord-test-template-${templateKey(seed)}.tar.gz`);
  if (existsSync(file)) return connectPglite(undefined, { loadDataDir: new Blob([readFileSync(file)]) });
  const connection = await connectPglite();
  await migrateToLatest(connection.db);
  if (seed) await seedDemo(connection.db, seed);
  const dump = await connection.dump!();
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file); // atomic: a parallel builder never sees half a file
  return connection;
}
