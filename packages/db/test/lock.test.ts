import { DataFolderInUseError, connectPglite, type Connection } from '@concord/db';
import { scratchFolder } from '@concord/db/testing';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(packageRoot, 'node_modules', '.bin', 'tsx');
const openerScript = join(packageRoot, 'test', 'fixtures', 'open-data-folder.ts');

const root = scratchFolder('concord-lock-');
const dataDir = join(root, 'data');
const lockPath = `${dataDir}.lock`;

afterAll(() => rmSync(root, { recursive: true, force: true }));

// Creating a PGlite folder takes a few seconds alone, and several times that beside other test files on two cores.
const SLOW = 120_000;

/**
 * Opens the folder with the server's settings for its own folder (connectPglite's `small`: 16 MB of buffers, 10
 * connection slots), which locking does not depend on: initdb ~4.6 s of CPU instead of ~6.1 s, each later open
 * ~0.35 s instead of ~0.85 s (issue 14, item 8).
 */
const open = (folder: string) => connectPglite(folder, { small: true });

async function answer(connection: Connection): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT 41 + 1 AS n`.execute(connection.db);
  return rows[0]!.n;
}

/** A pid that certainly belonged to a process which has now exited. */
function pidOfAnExitedProcess(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  expect(child.status).toBe(0);
  expect(child.pid).toBeGreaterThan(0);
  return child.pid!;
}

/** Another process (with tsx) trying to open the folder with connectPglite. */
function openInAnotherProcess(folder: string) {
  const child = spawnSync(tsx, [openerScript, folder], { cwd: packageRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, error: child.error };
}

it('opens a folder, holds a lock file naming this process, and releases it on close', async () => {
  const connection = await open(dataDir);
  try {
    expect(await answer(connection)).toBe(42);
    await sql`CREATE TABLE kept (n int)`.execute(connection.db);
    await sql`INSERT INTO kept VALUES (7)`.execute(connection.db);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
  } finally {
    await connection.close();
  }
  expect(existsSync(lockPath)).toBe(false);

  const again = await open(dataDir);
  try {
    const { rows } = await sql<{ n: number }>`SELECT n FROM kept`.execute(again.db);
    expect(rows).toEqual([{ n: 7 }]);
  } finally {
    await again.close();
  }
  expect(existsSync(lockPath)).toBe(false);
}, SLOW);

describe('while the folder is open', () => {
  let held: Connection;
  beforeAll(async () => {
    held = await open(dataDir);
  });
  afterAll(() => held?.close());

  it('a second open in this process is refused with DataFolderInUseError naming the folder, and the first keeps its lock', async () => {
    const attempt = open(dataDir);
    await expect(attempt).rejects.toBeInstanceOf(DataFolderInUseError);
    await expect(attempt).rejects.toThrow(dataDir);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    expect(await answer(held)).toBe(42);
  }, SLOW);

  it('another process is refused with a clear message naming the folder and this process', () => {
    const child = openInAnotherProcess(dataDir);
    expect(child.error).toBeUndefined();
    expect(child.stdout).not.toContain('opened');
    expect(child.status).toBe(3);
    expect(child.stderr).toContain(
      `DataFolderInUseError: The data folder ${dataDir} is already open in process ${process.pid}. ` +
        'Stop that process, or set CONCORD_DATA_DIR to another folder.',
    );
    // The refused process did not take or remove the lock.
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
  }, SLOW);
});

it('opens again once the holder has closed', async () => {
  expect(existsSync(lockPath)).toBe(false);
  const connection = await open(dataDir);
  try {
    expect(await answer(connection)).toBe(42);
  } finally {
    await connection.close();
  }
}, SLOW);

it('takes over a stale lock left by a process that has gone', async () => {
  const gone = pidOfAnExitedProcess();
  writeFileSync(lockPath, String(gone));
  const connection = await open(dataDir);
  try {
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    expect(await answer(connection)).toBe(42);
  } finally {
    await connection.close();
  }
  expect(existsSync(lockPath)).toBe(false);
}, SLOW);
