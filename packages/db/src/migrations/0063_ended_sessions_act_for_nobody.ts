import { sql, type Kysely } from 'kysely';

/**
 * Ending a session is always allowed (found while writing migration 0059; infra/scale-out.md).
 *
 * session_acts_for_own_organisation_update is RESTRICTIVE, for every role: after an UPDATE, a session acting for a
 * provider organisation must act for one of its person's own (`provider_id IS NULL OR provider_id = ANY
 * (concord_providers_of(user_id))`, as the subquery before 0059 asked provider_membership). It was also checked when a
 * session is ended, and concord_providers_of, like provider_membership_visible, shows an authority's transaction none
 * of a colleague's provider organisations. So an authority administrator who deactivated a colleague holding a live
 * session for a provider organisation (a person may belong to both) was refused (42501) and nothing was deactivated;
 * the owner's password reset (redeem_person_link) was refused the same way for such a person.
 *
 * A session with revoked_at set acts for nobody: concord_request_identity never reads it again, and nothing clears
 * revoked_at (the application role's UPDATE of session only sets it, and a change back would be checked again, as it
 * is not ended then). So the check now passes a session that is ended: `revoked_at IS NOT NULL OR <as before>`. What a
 * live session may act for is unchanged, and who may end which session is still session_holder's and
 * session_admin_ends' to say. Tested in tests/integration/deactivate-provider-session.test.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER POLICY session_acts_for_own_organisation_update ON session
      WITH CHECK (revoked_at IS NOT NULL OR provider_id IS NULL OR provider_id = ANY (concord_providers_of(user_id)))`.execute(db);
}
