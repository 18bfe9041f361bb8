import { openSeededDatabase } from './api.ts';

/**
 * Builds the migrated, seeded template database once, before any test file starts (issue 14, item 8). Left to
 * the first files, both workers built the same template side by side at the start of every run, and a file that
 * first opened it inside a test (not a hook) could run out of that test's time while migrating and seeding.
 * Every file still opens a database of its own from the template: PGlite from its dump, PostgreSQL with
 * CREATE DATABASE … TEMPLATE (see @concord/db/testing).
 */
export default async function buildTemplateOnce(): Promise<void> {
  const connection = await openSeededDatabase();
  await connection.close();
}
