import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest, type Connection } from '@concord/db';
import { openTestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 14, item 5: the server starts fast. It does not import the packages only some procedures use, it carries
 * the packages of many small modules in its bundle, and a database that is already migrated is recognised with one
 * statement instead of the migrator's introspection.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A module's static imports (`import … from '…'`, one per line in the bundle) and its dynamic ones (`import('…')`). */
const STATIC_IMPORT = /^import\b[^'"]*["']([^"']+)["'];?$/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
/** Packages that take 50–300 ms each to import and serve only exports, uploads, PDFs, mail or the read API. */
const LOADED_ON_FIRST_USE = ['exceljs', 'pdfkit', 'docx', 'nodemailer', 'qrcode', 'trpc-to-openapi', 'file-type'];

describe('the built server', () => {
  let out: string;
  let bundle: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'concord-build-'));
    execFileSync(process.execPath, [join(REPO, 'apps/api/scripts/build.mjs')], { env: { ...process.env, CONCORD_BUILD_OUTDIR: out } });
    bundle = readFileSync(join(out, 'main.js'), 'utf8');
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** The package each import of the bundle names (it imports installed packages by their path under .pnpm). */
  const packagesOf = (pattern: RegExp) =>
    new Set([...bundle.matchAll(pattern)].map((m) => m[1]!.replace(/^.*\/node_modules\/(?!\.pnpm)((?:@[^/]+\/)?[^/]+).*$/, '$1')));

  it('imports none of the heavy packages when it starts, and each of them where it is used', () => {
    const atStart = packagesOf(STATIC_IMPORT);
    const onUse = packagesOf(DYNAMIC_IMPORT);
    expect(atStart).toContain('pg'); // the pattern does find the static imports
    for (const name of LOADED_ON_FIRST_USE) {
      expect(atStart, name).not.toContain(name);
      expect(onUse, name).toContain(name);
    }
  });

  it('decompresses the common-password list only when a password is first checked, not when it starts', () => {
    // @concord/domain/password requires the package on first use (synchronously: zod refinements call the check).
    expect(packagesOf(STATIC_IMPORT)).not.toContain('@zxcvbn-ts/language-common');
    expect(bundle).toMatch(/createRequire\d*\(\w+\.resolve\("@concord\/domain\/password"\)\)\("@zxcvbn-ts\/language-common"\)/);
  });

  it('carries kysely and zod in itself instead of importing their ~360 files one by one', () => {
    const imported = new Set([...packagesOf(STATIC_IMPORT), ...packagesOf(DYNAMIC_IMPORT)]);
    expect(imported).not.toContain('kysely');
    expect(imported).not.toContain('zod');
    expect(bundle).toMatch(/\bKysely = class\b/);
    expect(bundle).toContain('__zod_globalRegistry');
  });
});

describe('migrating a database that is up to date', () => {
  let connection: Connection;
  const statements: string[] = [];
  beforeAll(async () => {
    connection = await openTestDatabase({ observe: (text) => statements.push(text) });
  });
  afterAll(() => connection.close());

  it('applies nothing, with one statement', async () => {
    statements.length = 0;
    expect(await migrateToLatest(connection.db)).toEqual([]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/kysely_migration/);
  });

  it('a migration this code does not know still stops it, as the migrator says', async () => {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_a_newer_release', now()::text)`.execute(connection.db);
    await expect(migrateToLatest(connection.db)).rejects.toThrow(/9999_from_a_newer_release/);
    await sql`DELETE FROM kysely_migration WHERE name = '9999_from_a_newer_release'`.execute(connection.db);
    expect(await migrateToLatest(connection.db)).toEqual([]);
  });
});
