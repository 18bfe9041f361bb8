import { randomBytes } from 'node:crypto';
import { API_TOKEN_PREFIX, apiTokenExpiry, apiTokenStatus, notFound, shouldTouch, type ApiTokenStatus, type CreateApiTokenInput } from '@concord/domain';
import { APP_USER_COLUMNS, enterTenant, inTenant, type Database, type Tx } from '@concord/db';
import type { Kysely } from 'kysely';
import type { SessionIdentity } from '../auth/sessions.ts';
import { hashSessionToken } from '../auth/token.ts';

/** A new token's text: the prefix and 256 random bits. Only its SHA-256 is stored, hashed as a session token is. */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export const hashApiToken = hashSessionToken;

/**
 * Who a bearer token acts as, or null: unknown, expired or revoked, a disabled user, or a user who is no
 * longer a member of the token's authority. Looked up as a session is: only the holder's hash is set, so
 * the policy lets that one row through, then the transaction acts as the token's user and authority.
 */
export async function resolveApiToken(db: Kysely<Database>, token: string, now: Date): Promise<SessionIdentity | null> {
  const apiTokenHash = hashApiToken(token);
  return inTenant(db, { apiTokenHash }, async (trx) => {
    const row = await trx.selectFrom('api_token').selectAll().where('token_hash', '=', apiTokenHash).executeTakeFirst();
    if (!row || apiTokenStatus({ expiresAt: row.expires_at, revokedAt: row.revoked_at }, now) !== 'active') return null;
    // Only the token's own rows are read and touched here: no administrator role is needed, so none is set (the
    // read API's procedure then looks them up for its own transaction).
    await enterTenant(trx, { apiTokenHash, userId: row.user_id, authorityId: row.authority_id, platformAdmin: false, authorityAdmin: false, partnershipManager: false });
    const user = await trx.selectFrom('app_user').select(APP_USER_COLUMNS).where('id', '=', row.user_id).executeTakeFirst();
    if (!user || user.disabled_at) return null;
    const member = await trx
      .selectFrom('membership')
      .select('role')
      .where('user_id', '=', row.user_id)
      .where('authority_id', '=', row.authority_id)
      .executeTakeFirst();
    if (!member) return null;
    if (shouldTouch(row.last_used_at, now)) {
      await trx.updateTable('api_token').set({ last_used_at: now }).where('authority_id', '=', row.authority_id).where('id', '=', row.id).execute();
    }
    return {
      sessionId: row.id,
      apiTokenId: row.id,
      userId: user.id,
      email: user.email,
      displayName: user.display_name,
      isPlatformAdmin: user.is_platform_admin,
      authorityId: row.authority_id,
    };
  });
}

export interface ApiTokenSummary {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  revokedAt: string | null;
  status: ApiTokenStatus;
}

/** My tokens in the authority I act for, newest first (revoked and expired ones too, so their use stays visible). */
export async function listMyApiTokens(tx: Tx, me: SessionIdentity & { authorityId: string }, now: Date): Promise<ApiTokenSummary[]> {
  const rows = await tx
    .selectFrom('api_token')
    .select(['id', 'label', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('authority_id', '=', me.authorityId)
    .where('user_id', '=', me.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((t) => ({
    id: t.id,
    label: t.label,
    createdAt: t.created_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    expiresAt: t.expires_at.toISOString(),
    revokedAt: t.revoked_at?.toISOString() ?? null,
    status: apiTokenStatus({ expiresAt: t.expires_at, revokedAt: t.revoked_at }, now),
  }));
}

/** Makes a token acting as me in the authority I act for. Its text is returned here and never again. */
export async function createApiToken(
  tx: Tx,
  me: SessionIdentity & { authorityId: string },
  input: Required<CreateApiTokenInput>,
  now: Date,
): Promise<ApiTokenSummary & { token: string }> {
  const token = newApiToken();
  const row = await tx
    .insertInto('api_token')
    .values({
      authority_id: me.authorityId,
      user_id: me.userId,
      label: input.label,
      token_hash: hashApiToken(token),
      created_at: now,
      expires_at: apiTokenExpiry(now, input.expiresInDays),
    })
    .returning(['id', 'label', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: null,
    expiresAt: row.expires_at.toISOString(),
    revokedAt: null,
    status: 'active',
    token,
  };
}

/** Revokes one of my tokens. Anyone else's token (or one already revoked) is "not found" here. */
export async function revokeMyApiToken(tx: Tx, me: SessionIdentity & { authorityId: string }, tokenId: string, now: Date): Promise<void> {
  const revoked = await tx
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('authority_id', '=', me.authorityId)
    .where('id', '=', tokenId)
    .where('user_id', '=', me.userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!revoked) throw notFound('API token');
}
