import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoSeedCommands, hashPasswordWithCost, hashSessionToken, issueFirstRunSetupLink, loadApiConfig } from '@concord/api';
import { pendingMigrations, seed, type Connection } from '@concord/db';
import { openTestDatabase, scratchFolder } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSettings } from '../src/config.ts';
import { prepareDatabase } from '../src/database.ts';
import { imagePath, writeImages } from '../src/image.ts';
import { createConcordServer } from '../src/server.ts';

/**
 * Issue 14, item 5: a new embedded database starts from the build's prepared images instead of initdb, the
 * migrations and the demo seed; without a usable image it is made as before; nothing made per installation is shared.
 */
const MIGRATIONS = fileURLToPath(new URL('../../../packages/db/src/migrations/', import.meta.url));
const MIGRATION_NAMES = readdirSync(MIGRATIONS)
  .filter((name) => /^\d{4}_.+\.ts$/.test(name))
  .map((name) => name.replace(/\.ts$/, ''))
  .sort();
const LATEST_MIGRATION = MIGRATION_NAMES.at(-1)!;
// The demo password hashed as the tests' seeded template is (scrypt at a low cost factor, verified by the real path).
const cheapHash = (password: string) => hashPasswordWithCost(password, 1024);

let work: string;
let images: string;
const opened: Connection[] = [];

/** What `start` does with an embedded data folder `name` under the test's folder. */
async function start(name: string, demoData: boolean, imagesDir = images) {
  const { server: config } = loadSettings({ CONCORD_DATA_DIR: join(work, name), CONCORD_DEMO_DATA: String(demoData) });
  const prepared = await prepareDatabase(config, { demoData, images: imagesDir });
  opened.push(prepared.connection);
  return prepared;
}

const count = async (connection: Connection, table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(connection.db)).rows[0]!.n;

/** Rows holding a token that could still be used: in every table with a token_hash, those not used (if it records use). */
async function usableTokens(connection: Connection): Promise<Record<string, number>> {
  const { rows } = await sql<{ table_name: string; has_used_at: boolean }>`
    SELECT c.table_name, EXISTS (SELECT 1 FROM information_schema.columns u
                                 WHERE u.table_schema = 'public' AND u.table_name = c.table_name AND u.column_name = 'used_at') AS has_used_at
    FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.column_name = 'token_hash' ORDER BY 1`.execute(connection.db);
  const found: Record<string, number> = {};
  for (const { table_name, has_used_at } of rows) {
    const unused = has_used_at ? sql`WHERE used_at IS NULL` : sql``;
    found[table_name] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} ${unused}`.execute(connection.db)).rows[0]!.n;
  }
  return found;
}

beforeAll(async () => {
  work = scratchFolder('concord-prepared-start-');
  images = join(work, 'images');
  await writeImages(images, cheapHash);
});
afterAll(async () => {
  for (const connection of opened) await connection.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a new data folder started from the demo image', () => {
  let prepared: Awaited<ReturnType<typeof start>>;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    prepared = await start('demo', true);
    server = createConcordServer({ db: prepared.connection.db, databaseKind: 'pglite', api: loadApiConfig({}), webDist: '/nonexistent', log: () => {} });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is unpacked from the image: nothing migrated or seeded at start, the latest migration already in it', async () => {
    expect(existsSync(join(work, 'demo', 'PG_VERSION'))).toBe(true);
    expect(prepared.migrated).toEqual([]);
    expect(prepared.seededUsers).toBeNull();
    expect(await pendingMigrations(prepared.connection.db)).toEqual([]);
    const { rows } = await sql<{ name: string }>`SELECT max(name) AS name FROM kysely_migration`.execute(prepared.connection.db);
    expect(rows[0]!.name).toBe(LATEST_MIGRATION);
  });

  // Before the sign-in below, which makes a session.
  it('carries no session, link or token anyone could use', async () => {
    const tokens = await usableTokens(prepared.connection);
    expect(Object.keys(tokens)).toEqual(expect.arrayContaining(['person_link', 'session', 'setup_token']));
    expect(Object.entries(tokens).filter(([, n]) => n > 0)).toEqual([]);
    expect(await count(prepared.connection, 'person_link')).toBeGreaterThan(0); // the demo invitations, all accepted
  });

  it('holds the demo seed: every table has the rows of a database seeded in the test, the demo users sign in', async () => {
    const seeded = await openTestDatabase({ seed: cheapHash, commands: demoSeedCommands });
    try {
      const { rows } = await sql<{ table_name: string }>`
        SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(seeded.db);
      expect(rows.length).toBeGreaterThan(50);
      const counts = async (connection: Connection) => Object.fromEntries(await Promise.all(rows.map(async (r) => [r.table_name, await count(connection, r.table_name)])));
      const expected = await counts(seeded);
      expect(expected.app_user).toBe(seed.allDemoUsers().length);
      expect(expected.contract).toBeGreaterThan(0);
      expect(await counts(prepared.connection)).toEqual(expected);
    } finally {
      await seeded.close();
    }
    const signIn = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-concord-csrf': '1' },
      body: JSON.stringify({ email: 'commissioner.sefton@concord.example', password: seed.DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'pglite' });
  });
});

describe('two installations from the image without demo data', () => {
  it('start empty, and each issues a first-run setup link of its own', async () => {
    const [a, b] = [await start('real-a', false), await start('real-b', false)];
    for (const { connection, migrated, seededUsers } of [a, b]) {
      expect(migrated).toEqual([]);
      expect(seededUsers).toBeNull();
      expect(await count(connection, 'app_user')).toBe(0);
      expect(await count(connection, 'authority')).toBe(0);
      expect(Object.entries(await usableTokens(connection)).filter(([, n]) => n > 0)).toEqual([]);
    }
    const now = new Date();
    const [tokenA, tokenB] = [await issueFirstRunSetupLink(a.connection.db, now), await issueFirstRunSetupLink(b.connection.db, now)];
    expect(tokenA).toMatch(/^[\w-]{43}$/);
    expect(tokenB).toMatch(/^[\w-]{43}$/);
    expect(tokenA).not.toBe(tokenB);
    const stored = async (connection: Connection) => (await sql<{ token_hash: string }>`SELECT token_hash FROM setup_token`.execute(connection.db)).rows.map((r) => r.token_hash);
    expect(await stored(a.connection)).toEqual([hashSessionToken(tokenA!)]);
    expect(await stored(b.connection)).toEqual([hashSessionToken(tokenB!)]);
  });
});

describe('without a usable image', () => {
  it('finds none where the build wrote none', () => {
    expect(imagePath(images, 'demo')).toBe(join(images, 'demo.tar.gz'));
    expect(imagePath(join(work, 'no-images'), 'demo')).toBeNull();
    expect(imagePath(undefined, 'migrated')).toBeNull();
  });

  it('an unreadable image: the folder is made as before (initdb, every migration), saying why', async () => {
    const brokenImages = join(work, 'broken-images');
    mkdirSync(brokenImages);
    writeFileSync(join(brokenImages, 'migrated.tar.gz'), 'not a gzipped tarball');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const prepared = await start('from-broken', false, brokenImages);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not be used'));
      expect(prepared.migrated).toEqual(MIGRATION_NAMES);
      expect(await pendingMigrations(prepared.connection.db)).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

