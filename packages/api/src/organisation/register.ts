import { DomainError } from '@concord/domain';
import { passwordProblem, type RegisterOrganisationInput } from '@concord/domain/password';
import { setLocal, inTenant, type Database } from '@concord/db';
import { sql, type Kysely } from 'kysely';
import { hashPassword } from '../auth/password.ts';
import type { SignInMeta } from '../auth/sign-in.ts';
import { openSession } from '../auth/sessions.ts';
import { reservePasswordCheck } from '../auth/throttle.ts';
import { newSessionToken } from '../auth/token.ts';
import type { ApiConfig } from '../config.ts';

/** Registrations from one address share the sign-in throttle's counters under this key, so nobody can register in bulk. */
export const REGISTRATION_THROTTLE_KEY = '#provider-registration';

export const ALREADY_REGISTERED =
  'An organisation with this Companies House number or CQC provider ID is already registered on Concord: ask its provider administrator to invite you';

/**
 * A provider organisation registers itself (issue 11, item 1): the person, the organisation (self-registered, not yet
 * verified) and their provider administrator role, made by concord_register_provider (migration 0026), then a
 * session acting for the organisation. Every registration, made or refused, counts against the address's sign-in
 * throttle (a success is not given back, so nobody registers in bulk); refused when the email has an account.
 * Numbers already in the register, entered by a council, make a claim on that entry instead (the person is made with
 * no organisation yet, and a council confirms); numbers of an organisation that has people of its own are refused.
 */
export async function registerOrganisation(
  db: Kysely<Database>,
  input: RegisterOrganisationInput,
  meta: SignInMeta,
  config: ApiConfig,
  now: Date,
): Promise<{ token: string; userId: string; providerId: string | null; claimId: string | null }> {
  const key = { email: REGISTRATION_THROTTLE_KEY, ip: meta.ip };
  const reservation = await inTenant(db, { signInEmail: key.email, signInIp: key.ip }, (trx) => reservePasswordCheck(trx, key, config.throttle, now));
  if (!reservation.allowed) throw reservation.refusal;
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw new DomainError('BAD_REQUEST', problem, 'password');
  const passwordHash = await hashPassword(input.password);

  const token = newSessionToken();
  const registered = await inTenant(db, { signInEmail: key.email, signInIp: key.ip }, async (trx) => {
    const { rows } = await sql<{ outcome: string; person_id: string | null; organisation_id: string | null }>`
      SELECT outcome, person_id, organisation_id FROM concord_register_provider(${input.email}, ${input.displayName}, ${passwordHash},
        ${input.legalName}, ${input.companiesHouseNumber ?? null}, ${input.cqcProviderId ?? null}, ${input.registeredAddress},
        ${input.contactName}, ${input.contactEmail}, ${input.contactPhone}, ${input.isSme}, ${input.isVcse})`.execute(trx);
    let outcome = rows[0];
    if (outcome?.outcome === 'email_taken') throw new DomainError('BAD_REQUEST', 'This email address cannot be used: enter another', 'email');
    let claimId: string | null = null;
    if (outcome?.outcome === 'already_registered') {
      // A council entered this provider already: the person claims that entry, and a council confirms it is theirs.
      const claimed = await sql<{ outcome: string; person_id: string | null; claim_id: string | null }>`
        SELECT outcome, person_id, claim_id FROM concord_claim_provider(${input.email}, ${input.displayName}, ${passwordHash},
          ${input.legalName}, ${input.companiesHouseNumber ?? null}, ${input.cqcProviderId ?? null}, ${input.registeredAddress},
          ${input.contactName}, ${input.contactEmail}, ${input.contactPhone})`.execute(trx);
      const claim = claimed.rows[0];
      if (claim?.outcome !== 'claimed' || !claim.person_id || !claim.claim_id) throw new DomainError('CONFLICT', ALREADY_REGISTERED, 'companiesHouseNumber');
      outcome = { outcome: 'claimed', person_id: claim.person_id, organisation_id: null };
      claimId = claim.claim_id;
    }
    if (!outcome?.person_id || (!outcome.organisation_id && !claimId)) throw new Error('registration returned nothing');
    await setLocal(trx, { 'app.user_id': outcome.person_id });
    await openSession(trx, {
      token,
      userId: outcome.person_id,
      authorityId: null,
      providerId: outcome.organisation_id,
      now,
      policy: config.session,
      userAgent: meta.userAgent,
      ip: meta.ip,
    });
    if (outcome.organisation_id) {
      // The first event of the organisation's own audit trail (migration 0038), as the person acting for it.
      await sql`SELECT set_config('app.provider_id', ${outcome.organisation_id}, true)`.execute(trx);
      await sql`SELECT record_audit_event('organisation.register', ${outcome.organisation_id}, 'success', ${meta.requestId})`.execute(trx);
    }
    return { userId: outcome.person_id, providerId: outcome.organisation_id, claimId };
  });
  return { token, ...registered };
}
