import { demoSeedCommands, hashPassword } from '@concord/api';
import {
  assertSafeAppRole,
  connectPglite,
  connectPostgres,
  DataFolderInUseError,
  isEmptyFolder,
  migrateToLatest,
  pendingMigrationsForApp,
  seed,
  type Connection,
} from '@concord/db';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from './config.ts';
import { imagePath } from './image.ts';

export interface Prepared {
  connection: Connection;
  migrated: string[];
  seededUsers: seed.SeedUser[] | null;
}

type Hasher = (password: string) => Promise<string>;

async function migrateAndSeed(connection: Connection, withDemoData: boolean, hash: Hasher = hashPassword) {
  const migrated = await migrateToLatest(connection.db);
  const seededUsers = withDemoData && !(await seed.isSeeded(connection.db)) ? await seed.seedDemo(connection.db, hash, demoSeedCommands) : null;
  return { migrated, seededUsers };
}

/**
 * The server's hasher, with `password`'s hash already under way: scrypt runs on Node's thread pool, so it is worked
 * out on another core while PGlite creates the database on this one (about 0.3 s of a cold start), not after.
 */
function hashingAhead(password: string): Hasher {
  const early = hashPassword(password);
  early.catch(() => {}); // a failure is reported when the seed asks for it
  return (p) => (p === password ? early : hashPassword(p));
}

/**
 * A new data folder started from the build's image (./image.ts), or null if the folder was not empty or the image
 * would not unpack or open: the start then makes the database as it did before there were images, and says why.
 */
async function openFromImage(dataDir: string, image: string): Promise<Connection | null> {
  if (!isEmptyFolder(dataDir)) return null;
  try {
    return await connectPglite(dataDir, { small: true, image });
  } catch (error) {
    if (error instanceof DataFolderInUseError) throw error;
    console.warn(`The prepared database ${image} could not be used (${(error as Error).message}); making a new one instead.`);
    return null;
  }
}

/**
 * Opens the database the server will use, migrated (and, when empty and asked, seeded with demo data).
 * A new embedded database starts from the build's image in `images` when there is one (demo or migrated only, as
 * asked), and is then migrated as any other. Embedded PGlite runs everything through one connection, with each
 * request dropped to the application role. On PostgreSQL, migration uses the owner URL and requests use
 * DATABASE_URL, whose role must pass the safety check.
 */
export async function prepareDatabase(config: ServerConfig, options: { demoData: boolean; images?: string }): Promise<Prepared> {
  if (!config.databaseUrl) {
    // A folder without PostgreSQL's version file is a new database: with demo data on, it is seeded once migrated.
    const isNew = !existsSync(join(config.dataDir, 'PG_VERSION'));
    const image = isNew ? imagePath(options.images, options.demoData ? 'demo' : 'migrated') : null;
    const fromImage = image ? await openFromImage(config.dataDir, image) : null;
    // Without an image, or from one that would not open, initdb makes the folder, and it is migrated and seeded here.
    const hash = options.demoData && isNew && !fromImage ? hashingAhead(seed.DEMO_PASSWORD) : hashPassword;
    const connection = fromImage ?? (await connectPglite(config.dataDir, { small: true }));
    try {
      return { connection, ...(await migrateAndSeed(connection, options.demoData, hash)) };
    } catch (error) {
      await connection.close();
      throw error;
    }
  }
  let migrated: string[] = [];
  let seededUsers: seed.SeedUser[] | null = null;
  if (config.databaseOwnerUrl) {
    const owner = connectPostgres(config.databaseOwnerUrl, 1);
    try {
      ({ migrated, seededUsers } = await migrateAndSeed(owner, options.demoData));
    } finally {
      await owner.close();
    }
  }
  return { connection: await connectForRequests(config.databaseUrl), migrated, seededUsers };
}

/** PostgreSQL for answering requests, as DATABASE_URL's role: refused if the role is unsafe or migrations are pending. */
export async function connectForRequests(databaseUrl: string): Promise<Connection> {
  const connection = connectPostgres(databaseUrl);
  try {
    await assertSafeAppRole(connection.db);
    const pending = await pendingMigrationsForApp(connection.db);
    if (pending.length > 0) {
      throw new Error(
        `The database needs migrations ${pending.join(', ')}. Set DATABASE_OWNER_URL to a role that owns the schema, ` +
          'or run `pnpm db:migrate` with DATABASE_URL set to such a role.',
      );
    }
    return connection;
  } catch (error) {
    await connection.close();
    throw error;
  }
}
