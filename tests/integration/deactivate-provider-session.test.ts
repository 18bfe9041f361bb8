import { resolveSession } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersFor, config, GSS, openSeededDatabase, type Caller } from '../support/api.ts';
import { registerProvider, type RegisteredProvider } from '../support/providers.ts';

/**
 * Migration 0063: a person may belong to an authority and to a provider organisation. Their authority's administrator
 * deactivates them while they hold a live session acting for the organisation: the person is deactivated and that
 * session ends (before 0063 the restrictive session policy refused to end it, 42501, and nothing was deactivated). What
 * a live session may act for is held by session-colleague-policies.test.ts, unchanged.
 */
let connection: Connection;
let provider: RegisteredProvider;
let admin: Caller;
let personId: string;

beforeAll(async () => {
  connection = await openSeededDatabase();
  provider = await registerProvider(connection, 63);
  personId = (await connection.db.selectFrom('app_user').select('id').where('email', '=', provider.email).executeTakeFirstOrThrow()).id;
  await connection.db.insertInto('membership').values({ authority_id: GSS.sefton, user_id: personId, role: 'viewer' }).execute();
  ({ admin } = await callersFor(connection, { admin: 'admin.sefton@concord.example' }));
});
afterAll(() => connection.close());

describe('deactivating a colleague who acts for a provider organisation', () => {
  it('deactivates them and ends their organisation’s session', async () => {
    expect(await resolveSession(connection.db, provider.token, config.session, new Date())).toMatchObject({ providerId: provider.providerId });
    expect(await admin.people.setActive({ userId: personId, active: false })).toEqual({ active: false });
    expect(await resolveSession(connection.db, provider.token, config.session, new Date())).toBeNull();
    const sessions = await connection.db.selectFrom('session').select(['provider_id', 'revoked_at']).where('user_id', '=', personId).execute();
    expect(sessions.some((s) => s.provider_id === provider.providerId)).toBe(true);
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    expect((await connection.db.selectFrom('app_user').select('disabled_at').where('id', '=', personId).executeTakeFirstOrThrow()).disabled_at).not.toBeNull();
  });
});
