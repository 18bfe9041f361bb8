import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, linkSync, mkdtempSync, openAsBlob, readdirSync, readFileSync, statfsSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { copyCitusDatabase, createCitusDatabase, dropCitusDatabase, freezeCitusDatabase, hasCitus, letRolesLogIn } from './citus.ts';
import { connectPglite, connectPostgres, type Connection, type StatementObserver } from './connection.ts';
import { APP_ROLE, OWNER_ROLE } from './roles.ts';
import { DataFolderInUseError, lockDataFolder } from './lock.ts';
import { migrateToLatest } from './migrate.ts';
import { seedDemo, type SeedCommands } from './seed/index.ts';

type Hasher = (password: string) => Promise<string>;

/**
 * A migrated database of its own for one test file: in-memory PGlite, or, when TEST_DATABASE_URL
 * names a PostgreSQL server (as a superuser), a fresh database there that is dropped on close. The
 * returned connection is the owner's; tests reach tenant data through `inTenant`, which drops to
 * the application role exactly as the server does.
 */
export async function openTestDatabase(options: { seed?: Hasher; commands?: SeedCommands; observe?: StatementObserver } = {}): Promise<Connection> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openPgliteFromTemplate(options.seed, options.commands, options.observe);
  const admin = connectPostgres(url, 1);
  const name = `concord_test_${randomBytes(6).toString('hex')}`;
  let citus = false;
  try {
    // A Citus coordinator (issue 15): every database is made on every node, and tenant settings go as SET LOCAL.
    citus = await hasCitus(admin.db);
    if (citus) process.env.CONCORD_CITUS = 'true';
    await copyOfTemplate(admin.db, url, options.seed, name, options.commands, citus);
  } catch (error) {
    await admin.close();
    throw error;
  }
  const inner = connectPostgres(databaseUrl(url, name), 4, { observe: options.observe });
  return {
    db: inner.db,
    kind: 'postgres',
    close: async () => {
      await inner.close();
      if (citus) await dropCitusDatabase(admin.db, url, name);
      else await sql`DROP DATABASE ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    },
  };
}

const TEMPLATE_PREFIX = 'concord_template_';

function databaseUrl(serverUrl: string, name: string): string {
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return target.toString();
}

/**
 * On PostgreSQL the same idea as the PGlite dump: the first test file migrates (and seeds) a template
 * database, named by what it was built from, and every file copies it with CREATE DATABASE … TEMPLATE,
 * which takes a fraction of a second. Builders in parallel processes queue on an advisory lock; the
 * template is built under a temporary name and renamed, so nobody copies half of one. Templates built
 * from older sources are dropped, so a long-lived server does not collect them.
 */
async function copyOfTemplate(admin: Connection['db'], url: string, seed: Hasher | undefined, copy: string, commands: SeedCommands | undefined, citus: boolean): Promise<void> {
  const name = `${TEMPLATE_PREFIX}${SOURCES_DIGEST.slice(0, 12)}_${templateKey(seed, commands).slice(0, 12)}`;
  // The admin pool has one connection, so the session-level lock and its release use the same one.
  await sql`SELECT pg_advisory_lock(hashtext('concord_test_templates'))`.execute(admin);
  try {
    const found = await sql<{ datname: string }>`SELECT datname FROM pg_database WHERE starts_with(datname, ${TEMPLATE_PREFIX})`.execute(admin);
    if (!found.rows.some((r) => r.datname === name)) await buildTemplate(admin, url, seed, name, found.rows.map((r) => r.datname), commands, citus);
    // Inside the lock, so no builder with other sources drops the template while it is copied.
    if (citus) await copyCitusDatabase(admin, url, name, copy);
    else await sql`CREATE DATABASE ${sql.id(copy)} TEMPLATE ${sql.id(name)}`.execute(admin);
  } finally {
    await sql`SELECT pg_advisory_unlock(hashtext('concord_test_templates'))`.execute(admin);
  }
}

async function buildTemplate(admin: Connection['db'], url: string, seed: Hasher | undefined, name: string, existing: string[], commands: SeedCommands | undefined, citus: boolean): Promise<void> {
  const building = `${name}_building`;
  if (citus) {
    await dropCitusDatabase(admin, url, building);
    await createCitusDatabase(admin, url, building);
  } else {
    await sql`DROP DATABASE IF EXISTS ${sql.id(building)} WITH (FORCE)`.execute(admin);
    await sql`CREATE DATABASE ${sql.id(building)}`.execute(admin);
  }
  const inner = connectPostgres(databaseUrl(url, building), 2);
  try {
    await migrateToLatest(inner.db);
    // Worker connections open as the current role, the application role after SET LOCAL ROLE (citus.ts).
    if (citus) await letRolesLogIn(inner.db, [APP_ROLE, OWNER_ROLE]);
    if (seed) await seedDemo(inner.db, seed, commands);
  } finally {
    await inner.close();
  }
  if (citus) await freezeCitusDatabase(admin, url, building, name);
  else await sql`ALTER DATABASE ${sql.id(building)} RENAME TO ${sql.id(name)}`.execute(admin);
  for (const datname of existing) {
    // Built from other sources than this process's (an older checkout): dropped, so they do not pile up.
    if (datname.startsWith(`${TEMPLATE_PREFIX}${SOURCES_DIGEST.slice(0, 12)}_`)) continue;
    if (citus) await dropCitusDatabase(admin, url, datname);
    else await sql`DROP DATABASE IF EXISTS ${sql.id(datname)}`.execute(admin);
  }
}

const SRC = fileURLToPath(new URL('.', import.meta.url));
const DOMAIN_SRC = fileURLToPath(new URL('../../domain/src', import.meta.url));
// The seed's commands (issue 10, item 6) are @concord/api's: a change to them makes a new seeded template too.
const API_SRC = fileURLToPath(new URL('../../api/src', import.meta.url));

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
for (const file of [...filesUnder(SRC), ...filesUnder(DOMAIN_SRC), ...filesUnder(API_SRC)]) SOURCES.update(file).update(readFileSync(file));
const SOURCES_DIGEST = SOURCES.digest('hex');

function templateKey(seed: Hasher | undefined, commands?: SeedCommands): string {
  const how = seed ? `seeded:${seed.toString()}${commands ? ':through-commands' : ''}` : 'migrated';
  return createHash('sha256').update(SOURCES_DIGEST).update(how).digest('hex').slice(0, 20);
}

/**
 * Migrating and seeding an embedded database takes seconds; dozens of test files each doing it made
 * the suite slow and fragile. The first file builds the database once and dumps it; the others start
 * from the dump. Each file still gets a database of its own. The dump is a plain tar (about 70 MB in the
 * temporary folder) read as a file-backed Blob: unzipping it, or copying it into memory first, cost every
 * file another 0.3–1 s of CPU.
 */
async function openPgliteFromTemplate(seed: Hasher | undefined, commands?: SeedCommands, observe?: StatementObserver, settings: string[] = []): Promise<Connection> {
  const file = join(tmpdir(), `concord-test-template-${templateKey(seed, commands)}.tar`);
  const load = async () => connectPglite(undefined, { loadDataDir: await openAsBlob(file), observe, small: true, settings });
  // One builder at a time (issue 14, item 8): turbo runs @concord/db's tests beside the tests package's, and both
  // workers of a run may start on the same template; the others wait for its dump instead of building it again.
  // The lock is a file naming the builder's process, taken over when that process has gone (lock.ts).
  for (;;) {
    if (existsSync(file)) return load();
    let release: () => void;
    try {
      release = lockDataFolder(file);
    } catch (error) {
      if (!(error instanceof DataFolderInUseError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      return existsSync(file) ? await load() : await buildPgliteTemplate(file, seed, commands, observe);
    } finally {
      release();
    }
  }
}

/**
 * What every test file unpacks from the dump, made smaller (issue 14, item 8): opening a test database took ~1.4 s of
 * CPU, mostly copying a 68 MB tar into PGlite's in-memory files; now ~0.6 s from ~24 MB, with the same schema and data.
 * WAL files of 1 MB instead of 16 MB (a database's own setting, chosen when it is created), and a checkpoint within
 * every 4 MB of WAL while building, so the dump keeps a few of them instead of two 16 MB ones; and no template0 or
 * template1 (15 MB): they are only for CREATE DATABASE, which no test does on PGlite. The tests' database, postgres,
 * is untouched.
 */
const TEMPLATE_INITDB = ['--wal-segsize=1'];
const TEMPLATE_BUILD_SETTINGS = ['-c', 'min_wal_size=2MB', '-c', 'max_wal_size=4MB'];

async function slimForDump(db: Connection['db']): Promise<void> {
  await sql`UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')`.execute(db);
  // A seeded template starts from the migrated one's dump, which has neither.
  await sql`DROP DATABASE IF EXISTS template0`.execute(db);
  await sql`DROP DATABASE IF EXISTS template1`.execute(db);
  await sql`CHECKPOINT`.execute(db);
}

async function buildPgliteTemplate(file: string, seed: Hasher | undefined, commands: SeedCommands | undefined, observe: StatementObserver | undefined): Promise<Connection> {
  // A seeded template is the migrated one with the seed added (issue 14, item 8): a run builds three templates (the
  // tests' seeded through the commands, the seed's own with a stand-in hasher, the migrated one), and initdb with the
  // migrations cost ~6-8 s of CPU each; a seeded one now loads the migrated dump (~1 s), built first if need be.
  const connection = seed
    ? await openPgliteFromTemplate(undefined, undefined, observe, TEMPLATE_BUILD_SETTINGS)
    : await connectPglite(undefined, { observe, small: true, initdb: TEMPLATE_INITDB, settings: TEMPLATE_BUILD_SETTINGS });
  if (seed) await seedDemo(connection.db, seed, commands);
  else await migrateToLatest(connection.db);
  await slimForDump(connection.db);
  const dump = await connection.dump!('none');
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  // Atomic, and never over a dump another builder made first (a file-backed Blob of it may be being read).
  try {
    linkSync(partial, file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(partial);
  }
  pruneStaleTemplates(tmpdir(), file);
  return connection;
}

/** Two days: far longer than any test run, so a dump another checkout's run is still reading is never removed. */
const STALE_TEMPLATE_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Every change to a migration, the seed or the domain makes a new dump of about 70 MB: without this, a day's work
 * left gigabytes of them in the temporary folder. Removes the dumps (and leftovers of interrupted builds) neither
 * written nor read for two days in `dir`, keeping `keep`.
 */
export function pruneStaleTemplates(dir: string, keep: string, now = Date.now()): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('concord-test-template-')) continue;
    const path = join(dir, name);
    if (path === keep) continue;
    try {
      const { atimeMs, mtimeMs } = statSync(path);
      if (now - Math.max(atimeMs, mtimeMs) > STALE_TEMPLATE_MS) unlinkSync(path);
    } catch {
      // Removed by another run meanwhile, or not ours to remove: either way, nothing to do.
    }
  }
}

/**
 * A memory-backed folder for scratch files when the machine has one with room (Linux's /dev/shm, with 2 GB free: a
 * container's is often 64 MB), else the temporary folder.
 */
const SCRATCH = (() => {
  try {
    accessSync('/dev/shm', constants.W_OK);
    const { bavail, bsize } = statfsSync('/dev/shm');
    return bavail * bsize >= 2 ** 31 ? '/dev/shm' : tmpdir();
  } catch {
    return tmpdir();
  }
})();

/**
 * A new empty folder for a test's data folders and images (issue 14, item 8). Files made and removed there cost
 * less CPU than on this machine's disk (ext4): PGlite's initdb of a new folder ~3.6 s instead of ~4.2-4.5 s, and
 * initdb and image unpacking write hundreds of files each. What the tests check of a folder does not depend on the
 * file system it is on. The caller removes it.
 */
export function scratchFolder(prefix: string): string {
  return mkdtempSync(join(SCRATCH, prefix));
}
