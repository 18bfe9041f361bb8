import { sql, type Kysely, type Transaction } from 'kysely';
import { setLocal, setLocalFromQueries } from './citus.ts';
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
  /**
   * Of those, the partnerships the authority leads (comma-separated ids), when the caller already knows them (the
   * request's identity carries them); otherwise looked up with partnershipIds. The lead's write policies of the
   * partnership-shared tables read them through app_leading_partnership_ids() (migration 0052).
   */
  ledPartnershipIds?: string | undefined;
  /**
   * Whether the provider organisation the transaction acts for is verified, when the caller already knows it from the
   * database (the request's identity carries it); otherwise looked up. Policies read it through app_provider_verified()
   * (migration 0052). Never from a request's input.
   */
  providerVerified?: boolean | undefined;
  /**
   * Whether the user is a platform administrator, and an authority administrator of authorityId, when the caller
   * already knows them from the database: the request's identity carries them (concord_request_identity reads the
   * session's person and memberships). Otherwise they are looked up here, as the user's row and memberships are now.
   * Never from a request's input. The policies read them through app_is_platform_admin() and app_is_authority_admin()
   * (migration 0051), so that no policy of the registry tables has to read another table.
   */
  platformAdmin?: boolean | undefined;
  authorityAdmin?: boolean | undefined;
  /**
   * Whether the user may manage partnerships for authorityId (an authority administrator or commissioner of it), and
   * whether they are an administrator of the provider organisation the transaction acts for: from the request's
   * identity, or looked up here as the administrator roles are (migration 0067). The policies read them through
   * app_partnership_manager() and app_is_provider_admin().
   */
  partnershipManager?: boolean | undefined;
  providerAdmin?: boolean | undefined;
}

/**
 * The administrator settings, each bound to whom it was worked out for: app.platform_admin holds the user's id and
 * app.authority_admin '<authority id>/<user id>', and app_is_platform_admin() / app_is_authority_admin() answer true
 * only while app.user_id (and app.authority_id) still name them: a transaction that switches user or authority
 * part-way carries no administrator role over, and a value that names nobody (such as 'true') makes nobody one.
 */
function adminSettings(settings: TenantSettings): Record<'app.platform_admin' | 'app.authority_admin' | 'app.partnership_manager' | 'app.provider_admin', string> {
  const userId = settings.userId ?? '';
  const authorityId = settings.authorityId ?? '';
  const providerId = providerOf(settings);
  return {
    'app.platform_admin': settings.platformAdmin && userId ? userId : '',
    'app.authority_admin': settings.authorityAdmin && userId && authorityId ? `${authorityId}/${userId}` : '',
    'app.partnership_manager': settings.partnershipManager && userId && authorityId ? `${authorityId}/${userId}` : '',
    'app.provider_admin': settings.providerAdmin && userId && providerId ? `${providerId}/${userId}` : '',
  };
}

/**
 * app.verified_provider_id: the organisation's id when the caller says it is verified, bound to it as the administrator
 * settings are to their user: app_provider_verified() answers true only while app.provider_id names the same one.
 */
function providerOf(settings: TenantSettings): string {
  return settings.authorityId ? '' : (settings.providerId ?? '');
}
function verifiedProvider(settings: TenantSettings): string {
  return settings.providerVerified ? providerOf(settings) : '';
}

/** Whether the caller brought an authority's partnerships, both kinds (otherwise enterTenant looks them up). */
function partnershipsBrought(settings: TenantSettings): boolean {
  return !!settings.authorityId && settings.partnershipIds !== undefined && settings.ledPartnershipIds !== undefined;
}

/** The partnership settings as brought by the caller (only for an authority; the led ones only with the others). */
function partnershipSettings(settings: TenantSettings): Record<'app.partnership_ids' | 'app.led_partnership_ids', string> {
  const brought = partnershipsBrought(settings);
  return {
    'app.partnership_ids': brought ? settings.partnershipIds! : '',
    'app.led_partnership_ids': brought ? settings.ledPartnershipIds! : '',
  };
}

/** True when the caller did not bring an authority's partnerships (both kinds): enterTenant looks them up. */
function partnershipsUnknown(settings: TenantSettings): boolean {
  return !!settings.authorityId && !partnershipsBrought(settings);
}

/**
 * True when the caller did not say, for a user, whether they hold the roles the policies read (administrator, partnership
 * manager, provider administrator), or, for a provider organisation, whether it is verified: enterTenant looks them up
 * (one statement for all of them).
 */
function rolesUnknown(settings: TenantSettings): boolean {
  const user = !!settings.userId;
  const ofAuthority = user && !!settings.authorityId && (settings.authorityAdmin === undefined || settings.partnershipManager === undefined);
  const ofProvider = user && !!providerOf(settings) && settings.providerAdmin === undefined;
  const admin = (user && settings.platformAdmin === undefined) || ofAuthority || ofProvider;
  return admin || (!!providerOf(settings) && settings.providerVerified === undefined);
}

/** Every setting the policies read, as `settings` says, for the application role. */
function tenantSettings(settings: TenantSettings): Record<string, string> {
  return {
    role: APP_ROLE,
    'app.authority_id': settings.authorityId ?? '',
    'app.provider_id': providerOf(settings),
    'app.user_id': settings.userId ?? '',
    'app.session_token_hash': settings.sessionTokenHash ?? '',
    'app.api_token_hash': settings.apiTokenHash ?? '',
    'app.sign_in_email': settings.signInEmail ?? '',
    'app.sign_in_ip': settings.signInIp ?? '',
    ...partnershipSettings(settings),
    ...adminSettings(settings),
    'app.verified_provider_id': verifiedProvider(settings),
  };
}

/**
 * Drops to the application role and records who the transaction acts for, in one statement (setLocal: set_config, or on
 * Citus SET LOCAL through concord_set_local, which Citus passes on to the workers; set_config('role') is SET LOCAL
 * ROLE); every policy reads these settings. `first`: this is the transaction's first statement, and its values are
 * written into its text so that the pool sends it with BEGIN in one round trip (begin.ts); a request's procedure and
 * inTenant do this.
 */
export async function enterTenant(trx: Tx, settings: TenantSettings, options: { first?: boolean } = {}): Promise<void> {
  await setLocal(trx, tenantSettings(settings), { inline: options.first });
  if (partnershipsUnknown(settings)) await refreshPartnershipIds(trx);
  if (rolesUnknown(settings)) await refreshAdminRoles(trx);
}

/**
 * Puts the partnerships the transaction's authority is a current member of (not one it has left: left_on today
 * or earlier) into app.partnership_ids, and those of them it leads into app.led_partnership_ids, in one statement.
 * Called again after joining or proposing one, or taking over its lead, inside a transaction.
 */
export async function refreshPartnershipIds(trx: Tx): Promise<void> {
  const current = sql`pm.authority_id = current_setting('app.authority_id', true) AND (pm.left_on IS NULL OR pm.left_on > current_date)`;
  const member = sql`coalesce((SELECT string_agg(pm.partnership_id::text, ',') FROM partnership_member pm WHERE ${current}), '')`;
  const lead = sql`coalesce((SELECT string_agg(pm.partnership_id::text, ',') FROM partnership_member pm
      JOIN partnership p ON p.id = pm.partnership_id AND p.lead_authority_id = pm.authority_id WHERE ${current}), '')`;
  await setLocalFromQueries(trx, { 'app.partnership_ids': member, 'app.led_partnership_ids': lead });
}

/**
 * Works out from the database whether the transaction's user (app.user_id) is a platform administrator, an authority
 * administrator, and a partnership manager (administrator or commissioner) of the authority it acts for
 * (app.authority_id), and an administrator of the provider organisation it acts for (app.provider_id), and puts the
 * answers into app.platform_admin, app.authority_admin, app.partnership_manager and app.provider_admin (bound to that
 * user and authority or organisation, see adminSettings); and whether that organisation is verified, into
 * app.verified_provider_id (its id, or empty).
 * Read as the application role under the tables' own policies, which let everyone see their own row, memberships and
 * organisation. Called by enterTenant when the caller did not bring them, and again after a procedure changed the
 * user's own roles.
 */
export async function refreshAdminRoles(trx: Tx): Promise<void> {
  const platform = sql`coalesce((SELECT u.id::text FROM app_user u WHERE u.id = app_user_id() AND u.is_platform_admin), '')`;
  const authority = sql`coalesce((SELECT m.authority_id || '/' || m.user_id::text FROM membership m WHERE m.user_id = app_user_id()
      AND m.authority_id = current_setting('app.authority_id', true) AND m.role = 'authority_admin'), '')`;
  const verified = sql`coalesce((SELECT v.id::text FROM provider v WHERE v.id = app_provider_id() AND v.verified_at IS NOT NULL), '')`;
  const manager = sql`coalesce((SELECT min(m.authority_id || '/' || m.user_id::text) FROM membership m WHERE m.user_id = app_user_id()
      AND m.authority_id = current_setting('app.authority_id', true) AND m.role IN ('authority_admin', 'commissioner')), '')`;
  const providerAdmin = sql`coalesce((SELECT min(m.provider_id::text || '/' || m.user_id::text) FROM provider_membership m
      WHERE m.user_id = app_user_id() AND m.provider_id = app_provider_id() AND m.role = 'provider_admin'), '')`;
  await setLocalFromQueries(trx, {
    'app.platform_admin': platform,
    'app.authority_admin': authority,
    'app.verified_provider_id': verified,
    'app.partnership_manager': manager,
    'app.provider_admin': providerAdmin,
  });
}

/** One transaction as the application role for the given tenant; rolls back if `work` throws. */
export function inTenant<T>(db: Kysely<Database>, settings: TenantSettings, work: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterTenant(trx, settings, { first: true });
    return work(trx);
  });
}
