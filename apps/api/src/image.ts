// Prepared data folders (issue 14, item 5): a new embedded database starts from a copy made at build time instead of
// running PGlite's initdb, the migrations and the demo seed (about 10 s of CPU) on the user's first start.
//
// The build (scripts/build.mjs, then dist/write-images.js) makes one freshly migrated database, dumps it, seeds the
// demo data into it and dumps it again: two gzipped tarballs of PGlite's data folder in dist/images/ (gitignored, as
// dist is). `start` unpacks the one its demo-data setting needs into an empty data folder (./database.ts), then checks
// the migrations as on every start, so an image older than the code is migrated forward. Nothing made per installation
// is in them: no sessions, tokens or links (the first-run setup link is issued at each start, after the database is
// open); the demo accounts' password hash is demo data, as their published password is. What the seed stamps with the
// time it runs (when the demo people accepted their invitations) carries the build's time instead of the first start's.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSeedCommands, hashPassword } from '@concord/api';
import { connectPglite, migrateToLatest, seed, type Connection } from '@concord/db';
import { sql } from 'kysely';

export type ImageKind = 'migrated' | 'demo';

/** The image of `kind` in `dir`, or null when the build made none there (a fallback to initdb, migrations and seed). */
export function imagePath(dir: string | undefined, kind: ImageKind): string | null {
  if (!dir) return null;
  const path = join(dir, `${kind}.tar.gz`);
  return existsSync(path) ? path : null;
}

/** The whole database, written to disk and compressed, renamed into place only when complete. */
async function writeImage(connection: Connection, dir: string, kind: ImageKind): Promise<void> {
  await sql`CHECKPOINT`.execute(connection.db);
  const dump = await connection.dump!('gzip');
  const path = join(dir, `${kind}.tar.gz`);
  writeFileSync(`${path}.partial`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${path}.partial`, path);
}

/**
 * Writes `migrated.tar.gz` and `demo.tar.gz` into `dir`. In memory, with the server's settings for a new folder
 * (connectPglite's `small`), so the images are the folders `start` would have made itself. `hash` is the demo
 * password's hasher (the server's; tests pass a cheaper one).
 */
export async function writeImages(dir: string, hash: (password: string) => Promise<string> = hashPassword): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const connection = await connectPglite(undefined, { small: true });
  try {
    await migrateToLatest(connection.db);
    await writeImage(connection, dir, 'migrated');
    await seed.seedDemo(connection.db, hash, demoSeedCommands);
    await writeImage(connection, dir, 'demo');
  } finally {
    await connection.close();
  }
}
