import { sql, type Kysely } from 'kysely';
import { grant, policy, protect } from './rls.ts';

/**
 * Two-step verification with an authenticator app (issue 10, item 3).
 *
 *   two_step
 *       One row per person who has started or finished enrolment. Personal, not tenant data (a platform
 *       administrator has no authority): like a session, only the person themself sees or changes it (app.user_id).
 *       The TOTP secret is kept in the row, not encrypted: the row-level policy is its protection, and the API
 *       never returns it once enrolment is confirmed. enabled_at is null until a first code confirms it.
 *       last_used_step is the RFC 6238 time step of the last code accepted: a code of that step or an earlier
 *       one is refused (no replay). recovery_code_hashes holds the SHA-256 of each unused recovery code; using
 *       one removes it.
 *       The pending second step of a sign-in (challenge_*) is kept here too: only the hash of its token, the
 *       address it was issued to and when it expires (5 minutes); a new sign-in replaces it, using it clears it.
 *       While signing in, before anyone is signed in, the row is seen only by the holder of that token
 *       (app.two_step_challenge_hash).
 */
const ME = `app_user_id()`;
const CHALLENGE_HOLDER = `challenge_hash = nullif(current_setting('app.two_step_challenge_hash', true), '')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE two_step (
      user_id uuid PRIMARY KEY REFERENCES app_user(id),
      secret text NOT NULL CHECK (secret ~ '^[A-Z2-7]{16,}$'),
      created_at timestamptz NOT NULL,
      enabled_at timestamptz,
      last_used_step integer,
      recovery_code_hashes text[] NOT NULL DEFAULT '{}',
      challenge_hash text UNIQUE CHECK (challenge_hash <> ''),
      challenge_ip text,
      challenge_expires_at timestamptz,
      CHECK ((challenge_hash IS NULL) = (challenge_expires_at IS NULL)),
      CHECK (challenge_hash IS NULL OR enabled_at IS NOT NULL),
      CHECK (cardinality(recovery_code_hashes) <= 10)
    )`.execute(db);
  await protect(db, 'two_step');
  await policy(db, 'two_step', 'two_step_own', 'ALL', { using: `user_id = ${ME} OR ${CHALLENGE_HOLDER}`, check: `user_id = ${ME}` });
  await grant(db, 'two_step', 'SELECT, INSERT, UPDATE, DELETE');
}
