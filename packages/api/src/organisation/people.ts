import { DomainError, forbidden, notFound, PROVIDER_USER_ROLE_LABELS, type ProviderUserRole } from '@concord/domain';
import type { Tx } from '@concord/db';
import { hashSessionToken, newSessionToken } from '../auth/token.ts';
import { alreadyInvited, oneOpenInvitation } from '../people/commands.ts';
import { PERSON_LINK_DAYS } from '../people/links.ts';

/**
 * The people of a provider organisation (issue 11, item 1): its provider administrators invite colleagues with
 * roles by a single-use link (migration 0029's provider_person_link, only the token's hash stored), cancel an
 * invitation and remove a role. The transaction acts for the organisation; the policies let only its provider
 * administrators do any of it.
 */
export const providerInvitationPath = (token: string) => `/organisation-invitation/${token}`;

/** Until verified an organisation can only edit its profile and apply (the decision of issue 11): no colleagues yet. */
export async function assertVerified(tx: Tx, providerId: string, what: string): Promise<void> {
  const row = await tx.selectFrom('provider').select('verified_at').where('id', '=', providerId).executeTakeFirst();
  if (!row) throw notFound('Organisation');
  if (!row.verified_at) throw forbidden(`Your organisation must be verified before you can ${what}`);
}

/** Invites someone by email with roles: refused against the field when they are already a member or invited. */
export async function invitePerson(
  tx: Tx,
  me: { userId: string; providerId: string },
  input: { email: string; roles: ProviderUserRole[] },
  now: Date,
): Promise<{ id: string; path: string }> {
  await assertVerified(tx, me.providerId, 'invite colleagues');
  const member = await tx
    .selectFrom('provider_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.provider_id', '=', me.providerId)
    .where('u.email', '=', input.email)
    .executeTakeFirst();
  if (member) throw new DomainError('BAD_REQUEST', `${input.email} is already one of your organisation’s people`, 'email');
  const pending = await pendingInvitations(tx, me.providerId, now).where('email', '=', input.email).executeTakeFirst();
  if (pending) throw alreadyInvited(input.email);
  // Expired links stay open to migration 0050's unique index (an expiry is no index predicate): closed at their expiry.
  await tx
    .updateTable('provider_person_link')
    .set((eb) => ({ cancelled_at: eb.ref('expires_at') }))
    .where('provider_id', '=', me.providerId)
    .where('email', '=', input.email)
    .where('used_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '<=', now)
    .execute();
  const token = newSessionToken();
  const row = await oneOpenInvitation(input.email, () => tx
    .insertInto('provider_person_link')
    .values({
      provider_id: me.providerId,
      email: input.email,
      roles: input.roles,
      token_hash: hashSessionToken(token),
      created_by: me.userId,
      created_at: now,
      expires_at: new Date(now.getTime() + PERSON_LINK_DAYS * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow());
  return { id: row.id, path: providerInvitationPath(token) };
}

const pendingInvitations = (tx: Tx, providerId: string, now: Date) =>
  tx
    .selectFrom('provider_person_link')
    .select(['id', 'email', 'roles', 'created_at', 'expires_at'])
    .where('provider_id', '=', providerId)
    .where('used_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '>', now);

/** Invitations not yet used, cancelled or expired, newest first, roles in words. */
export async function listInvitations(tx: Tx, providerId: string, now: Date) {
  const rows = await pendingInvitations(tx, providerId, now).orderBy('created_at', 'desc').limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    roles: r.roles.map((role) => ({ role, label: PROVIDER_USER_ROLE_LABELS[role] })),
    expiresOn: r.expires_at.toISOString().slice(0, 10),
  }));
}

export async function cancelInvitation(tx: Tx, providerId: string, invitationId: string, now: Date): Promise<void> {
  const cancelled = await tx
    .updateTable('provider_person_link')
    .set({ cancelled_at: now })
    .where('provider_id', '=', providerId)
    .where('id', '=', invitationId)
    .where('used_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!cancelled) throw notFound('Invitation');
}

/**
 * Takes a role away from one of the organisation's people (their last role takes them out of the organisation).
 * The organisation keeps at least one provider administrator.
 */
export async function removeRole(tx: Tx, providerId: string, input: { userId: string; role: ProviderUserRole }): Promise<{ removed: ProviderUserRole }> {
  const held = await tx
    .selectFrom('provider_membership')
    .select('role')
    .where('provider_id', '=', providerId)
    .where('user_id', '=', input.userId)
    .execute();
  if (held.length === 0) throw notFound('Person');
  if (!held.some((r) => r.role === input.role)) throw new DomainError('BAD_REQUEST', `They are not a ${PROVIDER_USER_ROLE_LABELS[input.role].toLowerCase()}`, 'role');
  if (input.role === 'provider_admin') {
    const admins = await tx
      .selectFrom('provider_membership')
      .select('user_id')
      .where('provider_id', '=', providerId)
      .where('role', '=', 'provider_admin')
      .where('user_id', '<>', input.userId)
      .execute();
    if (admins.length === 0) throw new DomainError('BAD_REQUEST', 'Your organisation needs at least one provider administrator: make someone else one first', 'role');
  }
  const deleted = await tx
    .deleteFrom('provider_membership')
    .where('provider_id', '=', providerId)
    .where('user_id', '=', input.userId)
    .where('role', '=', input.role)
    .returning('role')
    .executeTakeFirst();
  if (!deleted) throw forbidden('Only a provider administrator of your organisation can remove a role');
  // Sessions read their roles at every request: one who lost their last role can no longer act for the organisation (trpc.ts).
  return { removed: input.role };
}
