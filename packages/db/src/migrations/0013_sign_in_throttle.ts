import { sql, type Kysely } from 'kysely';
import { grant, policy, protect } from './rls.ts';

/**
 * The sign-in throttle (issue 12, item 3): one counter row per account at an address and one per address,
 * locked (SELECT … FOR UPDATE) and moved on before a password is checked, so however many sign-ins arrive at
 * once no more than the limit are ever checked. Counting sign_in_attempt rows read, then checked, then wrote:
 * 100 parallel guesses were all checked.
 *
 * Not tenant data (nobody has an authority while signing in), so no authority_id: like sign_in_attempt, the
 * application sees and moves only the two counters of the sign-in in progress, named by the transaction's
 * app.sign_in_email and app.sign_in_ip; a counter is never deleted by the application.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE sign_in_throttle (
      scope text NOT NULL CHECK (scope IN ('account_address', 'address')),
      email text NOT NULL,
      ip_address text NOT NULL CHECK (ip_address <> ''),
      window_start timestamptz NOT NULL,
      failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
      strikes integer NOT NULL DEFAULT 0 CHECK (strikes >= 0),
      locked_until timestamptz,
      PRIMARY KEY (scope, email, ip_address),
      -- An address's counter names no account; an account's names one.
      CHECK ((scope = 'address') = (email = ''))
    )`.execute(db);
  await protect(db, 'sign_in_throttle');
  const signingIn = `ip_address = nullif(current_setting('app.sign_in_ip', true), '')
    AND (email = '' OR email = nullif(current_setting('app.sign_in_email', true), ''))`;
  await policy(db, 'sign_in_throttle', 'sign_in_throttle_of_this_sign_in', 'ALL', { using: signingIn, check: signingIn });
  await grant(db, 'sign_in_throttle', 'SELECT, INSERT, UPDATE (window_start, failures, strikes, locked_until)');
}
