import type { Connection } from '@concord/db';
import { afterAll, beforeAll } from 'vitest';
import { callersFor, openSeededDatabase, type Caller } from './api.ts';

/**
 * A test file's own seeded database and a signed-in caller per email: opened before the file's tests, closed after.
 * `as` is filled in place before the first test, so a file may take it apart at once: `const { as, db } = ...`.
 */
export function seededFileWithCallers<K extends string>(emails: Record<K, string>) {
  let opened: Connection | undefined;
  const as = {} as Record<K, Caller>;
  beforeAll(async () => {
    opened = await openSeededDatabase();
    Object.assign(as, await callersFor(opened, emails));
  });
  afterAll(() => opened?.close());
  const connection = (): Connection => {
    if (!opened) throw new Error('the seeded database is opened in beforeAll: use it inside a test');
    return opened;
  };
  const db = () => connection().db;
  /** The display name of the person with this email, as a conflict message names them. */
  const nameOf = async (email: string) => (await db().selectFrom('app_user').select('display_name').where('email', '=', email).executeTakeFirstOrThrow()).display_name;
  return { as, connection, db, nameOf };
}
