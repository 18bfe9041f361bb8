import type { Connection } from '@concord/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn, type Caller } from '../support/api.ts';
import { inParallel } from '../support/concurrency.ts';
import { registerVerifiedProvider, type RegisteredProvider } from '../support/providers.ts';

/**
 * Issue 12, item 4: two invitations of one email at once make one. people.invite and organisation.invite checked for
 * a pending invitation without a lock; migration 0050's partial unique index refuses the second insert, answered with
 * the refusal the check gives. An expired invitation does not stand in the way of a new one.
 *
 * On PostgreSQL (TEST_DATABASE_URL) the parallel calls really run at once, each its own transaction.
 */
let connection: Connection;
let seftonAdmin: Caller;
let provider: RegisteredProvider;
const db = () => connection.db;

beforeAll(async () => {
  connection = await openSeededDatabase();
  const { session } = await signIn(connection, 'admin.sefton@concord.example');
  seftonAdmin = callerFor(connection, session);
  provider = await registerVerifiedProvider(connection, 150);
});
afterAll(() => connection.close());

const refusedAsInvited = (email: string) => ({ code: 'BAD_REQUEST', message: `${email} has already been invited: cancel that invitation to send a new one` });

const openPersonLinks = (email: string) =>
  db().selectFrom('person_link').select(['id', 'expires_at']).where('email', '=', email).where('purpose', '=', 'invitation').where('used_at', 'is', null).where('cancelled_at', 'is', null).execute();
const openProviderLinks = (email: string) =>
  db().selectFrom('provider_person_link').select(['id', 'expires_at']).where('email', '=', email).where('used_at', 'is', null).where('cancelled_at', 'is', null).execute();

describe('two invitations of one email at once: one invitation, the other refused', () => {
  it('people.invite', async () => {
    const email = 'race@sefton.example';
    const result = await inParallel([1, 2, 3].map(() => () => seftonAdmin.people.invite({ email, roles: ['viewer'] })));
    expect(result.ok).toHaveLength(1);
    expect(result.refused).toEqual([refusedAsInvited(email), refusedAsInvited(email)]);
    expect(await openPersonLinks(email)).toHaveLength(1);
    expect((await db().selectFrom('person_link').select('id').where('email', '=', email).execute()).length).toBe(1);
  });

  it('organisation.invite', async () => {
    const email = 'race@homecare150.example';
    const result = await inParallel([1, 2, 3].map(() => () => provider.caller.organisation.invite({ email, roles: ['bid_writer'] })));
    expect(result.ok).toHaveLength(1);
    expect(result.refused).toEqual([refusedAsInvited(email), refusedAsInvited(email)]);
    expect(await openProviderLinks(email)).toHaveLength(1);
    expect((await db().selectFrom('provider_person_link').select('id').where('email', '=', email).execute()).length).toBe(1);
  });
});

describe('an expired invitation is closed at its expiry when the email is invited again', () => {
  it('people.invite', async () => {
    const email = 'lapsed@sefton.example';
    const first = await seftonAdmin.people.invite({ email, roles: ['viewer'] });
    const lapsed = new Date('2020-01-08T00:00:00Z');
    await sql`UPDATE person_link SET created_at = '2020-01-01T00:00:00Z', expires_at = ${lapsed} WHERE id = ${first.id}`.execute(db());
    const second = await seftonAdmin.people.invite({ email, roles: ['viewer'] });
    expect((await openPersonLinks(email)).map((l) => l.id)).toEqual([second.id]);
    const closed = await db().selectFrom('person_link').select('cancelled_at').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(closed.cancelled_at?.toISOString()).toBe(lapsed.toISOString());
  });

  it('organisation.invite', async () => {
    const email = 'lapsed@homecare150.example';
    const first = await provider.caller.organisation.invite({ email, roles: ['bid_writer'] });
    const lapsed = new Date('2020-01-08T00:00:00Z');
    await sql`UPDATE provider_person_link SET created_at = '2020-01-01T00:00:00Z', expires_at = ${lapsed} WHERE id = ${first.id}`.execute(db());
    const second = await provider.caller.organisation.invite({ email, roles: ['bid_writer'] });
    expect((await openProviderLinks(email)).map((l) => l.id)).toEqual([second.id]);
    const closed = await db().selectFrom('provider_person_link').select('cancelled_at').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(closed.cancelled_at?.toISOString()).toBe(lapsed.toISOString());
  });
});
