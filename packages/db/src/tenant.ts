import { sql, type Kysely, type Transaction } from 'kysely';
import { citusMode, setLocal } from './citus.ts';
import { APP_ROLE } from './roles.ts';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database>;

/** Who a transaction acts for. Comes from the signed-in session, never from a request's input. */
export interface TenantSettings {
  authorityId?: string | null;
  /** The provider organisation the transaction acts for (migration 0026); never set with authorityId. */
  providerId?: string | null;
  userId?: string | null;
  sessionTokenHash?: string | null;
  /** The SHA-256 of a personal API token being looked up, before its user and authority are known. */
  apiTokenHash?: string | null;
  signInEmail?: string | null;
  signInIp?: string | null;
  /**
   * The authority's current partnerships (comma-separated ids) when the caller already knows them: the
   * request's identity carries them (concord_request_identity, read at the start of the request). Otherwise
   * they are looked up under the same rules, so they follow membership as it is now.
   */
  partnershipIds?: string | undefined;
}

/**
 * Drops to the application role and records who the transaction acts for, in one statement (set_config('role')
 * is SET LOCAL ROLE); every policy reads these settings.
 */
export async function enterTenant(trx: Tx, settings: TenantSettings): Promise<void> {
  if (citusMode()) {
    await enterTenantOnCitus(trx, settings);
    return;
  }
  await sql`SELECT
      set_config('role', ${APP_ROLE}, true),
      set_config('app.authority_id', ${settings.authorityId ?? ''}, true),
      set_config('app.provider_id', ${settings.authorityId ? '' : (settings.providerId ?? '')}, true),
      set_config('app.user_id', ${settings.userId ?? ''}, true),
      set_config('app.session_token_hash', ${settings.sessionTokenHash ?? ''}, true),
      set_config('app.api_token_hash', ${settings.apiTokenHash ?? ''}, true),
      set_config('app.sign_in_email', ${settings.signInEmail ?? ''}, true),
      set_config('app.sign_in_ip', ${settings.signInIp ?? ''}, true),
      set_config('app.partnership_ids', ${settings.authorityId ? (settings.partnershipIds ?? '') : ''}, true)`.execute(trx);
  if (settings.authorityId && settings.partnershipIds === undefined) await refreshPartnershipIds(trx);
}

/** The same settings as SET LOCAL statements in one round trip, which Citus passes on to the workers (citus.ts). */
async function enterTenantOnCitus(trx: Tx, settings: TenantSettings): Promise<void> {
  await setLocal(trx, {
    role: APP_ROLE,
    'app.authority_id': settings.authorityId ?? '',
    'app.provider_id': settings.authorityId ? '' : (settings.providerId ?? ''),
    'app.user_id': settings.userId ?? '',
    'app.session_token_hash': settings.sessionTokenHash ?? '',
    'app.api_token_hash': settings.apiTokenHash ?? '',
    'app.sign_in_email': settings.signInEmail ?? '',
    'app.sign_in_ip': settings.signInIp ?? '',
    'app.partnership_ids': settings.authorityId ? (settings.partnershipIds ?? '') : '',
  });
  if (settings.authorityId && settings.partnershipIds === undefined) await refreshPartnershipIds(trx);
}

/**
 * Puts the partnerships the transaction's authority is a current member of (not one it has left: left_on today
 * or earlier) into app.partnership_ids. Called again after joining or proposing one inside a transaction.
 */
export async function refreshPartnershipIds(trx: Tx): Promise<void> {
  if (citusMode()) {
    const { rows } = await sql<{ ids: string }>`SELECT coalesce(string_agg(partnership_id::text, ','), '') AS ids FROM partnership_member
        WHERE authority_id = current_setting('app.authority_id', true) AND (left_on IS NULL OR left_on > current_date)`.execute(trx);
    await setLocal(trx, { 'app.partnership_ids': rows[0]?.ids ?? '' });
    return;
  }
  await sql`SELECT set_config('app.partnership_ids', coalesce(
      (SELECT string_agg(partnership_id::text, ',') FROM partnership_member
        WHERE authority_id = current_setting('app.authority_id', true)
          AND (left_on IS NULL OR left_on > current_date)), ''), true)`.execute(trx);
}

/** One transaction as the application role for the given tenant; rolls back if `work` throws. */
export function inTenant<T>(db: Kysely<Database>, settings: TenantSettings, work: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterTenant(trx, settings);
    return work(trx);
  });
}
