import { sql, type Kysely } from 'kysely';
import { grant, policy, protect } from './rls.ts';

const OWN_AUTHORITY = `authority_id = current_setting('app.authority_id', true)`;
const ME = `app_user_id()`;

/**
 * Personal API tokens for BI tools (issue 6, item 6): Power BI cannot hold a cookie session, so a user
 * makes a token that reads the read API (/api/v1) as them, in the authority they made it for.
 *
 * Only the token's SHA-256 is stored, as for sessions. The token is looked up the way a session is:
 * the holder's hash is set as app.api_token_hash and the policy lets that one row through, before any
 * user or authority is known. Otherwise a user sees, and revokes, only their own tokens in the authority
 * they act for; a token can only be made for an authority its user is a member of. The application may
 * change only last_used_at and revoked_at: a token is never extended, moved or deleted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE api_token (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id),
      label text NOT NULL CHECK (length(trim(label)) BETWEEN 1 AND 100),
      token_hash text NOT NULL UNIQUE CHECK (token_hash <> ''),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      CHECK (expires_at > created_at AND expires_at <= created_at + interval '365 days')
    )`.execute(db);
  await sql`CREATE INDEX api_token_user_idx ON api_token (authority_id, user_id)`.execute(db);
  await protect(db, 'api_token');
  const mine = `user_id = ${ME} AND ${OWN_AUTHORITY}`;
  await policy(db, 'api_token', 'api_token_holder', 'ALL', {
    using: `token_hash = nullif(current_setting('app.api_token_hash', true), '') OR (${mine})`,
    check: `${mine} AND EXISTS (SELECT 1 FROM membership m WHERE m.user_id = ${ME} AND m.authority_id = api_token.authority_id)`,
  });
  await grant(db, 'api_token', 'SELECT, INSERT, UPDATE (last_used_at, revoked_at)');
}
