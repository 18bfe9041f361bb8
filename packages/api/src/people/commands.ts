import { DomainError, forbidden, notFound, type AuthorityRole } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { SessionIdentity } from '../auth/sessions.ts';
import { lockForEdit, lockKeyedVersion } from '../versions.ts';
import { issueLink, linkPath } from './links.ts';

/**
 * What an authority administrator does to the people of their authority (issue 10, item 3). The transaction
 * acts for their authority; the policies of migration 0019 let it change only that authority's memberships and
 * people, and only for an authority administrator.
 */
export interface IssuedLink {
  id: string;
  /** The path of the link, shown to the inviter to pass on (no mail server is configured). */
  path: string;
}

/** Invites someone by email with roles: refused against the field if they are already a member or invited. */
export async function invite(tx: Tx, me: SessionIdentity, authorityId: string, input: { email: string; roles: AuthorityRole[] }, now: Date): Promise<IssuedLink> {
  const member = await tx
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select('app_user.id')
    .where('membership.authority_id', '=', authorityId)
    .where('app_user.email', '=', input.email)
    .executeTakeFirst();
  if (member) throw new DomainError('BAD_REQUEST', `${input.email} is already a member of this authority`, 'email');
  const pending = await tx
    .selectFrom('person_link')
    .select('id')
    .where('authority_id', '=', authorityId)
    .where('purpose', '=', 'invitation')
    .where('email', '=', input.email)
    .where('used_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (pending) throw alreadyInvited(input.email);
  // Expired links stay open to migration 0050's unique index (an expiry is no index predicate): closed at their expiry.
  await tx
    .updateTable('person_link')
    .set((eb) => ({ cancelled_at: eb.ref('expires_at') }))
    .where('authority_id', '=', authorityId)
    .where('purpose', '=', 'invitation')
    .where('email', '=', input.email)
    .where('used_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '<=', now)
    .execute();
  const { id, token } = await oneOpenInvitation(input.email, () =>
    issueLink(tx, { authorityId, purpose: 'invitation', email: input.email, roles: input.roles, userId: null, createdBy: me.userId, now }),
  );
  return { id, path: linkPath('invitation', token) };
}

export const alreadyInvited = (email: string) => new DomainError('BAD_REQUEST', `${email} has already been invited: cancel that invitation to send a new one`, 'email');

/**
 * Issues an invitation, refusing a second open one for the email as the check before it does: of two invitations at
 * once, both pass the check and the second insert meets migration 0050's unique index.
 */
export async function oneOpenInvitation<T>(email: string, issue: () => Promise<T>): Promise<T> {
  try {
    return await issue();
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw alreadyInvited(email);
    throw error;
  }
}

export async function cancelInvitation(tx: Tx, invitationId: string, now: Date): Promise<void> {
  const cancelled = await tx
    .updateTable('person_link')
    .set({ cancelled_at: now })
    .where('id', '=', invitationId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!cancelled) throw notFound('Invitation');
}

async function personOf(tx: Tx, authorityId: string, userId: string) {
  const person = await tx
    .selectFrom('app_user')
    .select(['id', 'email', 'disabled_at'])
    .where('id', '=', userId)
    .where('id', 'in', tx.selectFrom('membership').select('user_id').where('authority_id', '=', authorityId))
    .executeTakeFirst();
  if (!person) throw notFound('Person');
  return person;
}

async function activeAdmins(tx: Tx, authorityId: string, except: string): Promise<number> {
  const rows = await tx
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select('membership.user_id')
    .where('membership.authority_id', '=', authorityId)
    .where('membership.role', '=', 'authority_admin')
    .where('app_user.disabled_at', 'is', null)
    .where('membership.user_id', '<>', except)
    .execute();
  return rows.length;
}

/** Replaces a person's roles: at least one; the authority keeps at least one active administrator. */
export async function setRoles(
  tx: Tx,
  authorityId: string,
  input: { userId: string; roles: AuthorityRole[]; version: number },
): Promise<{ roles: AuthorityRole[]; rowVersion: number }> {
  await personOf(tx, authorityId, input.userId);
  const rowVersion = await lockKeyedVersion(tx, 'membership_version', { authority_id: authorityId, user_id: input.userId }, input.version);
  if (!input.roles.includes('authority_admin') && (await activeAdmins(tx, authorityId, input.userId)) === 0) {
    throw new DomainError('BAD_REQUEST', 'The authority needs at least one authority administrator: make someone else one first', 'roles');
  }
  // Added before any is removed: an administrator changing their own roles stays an administrator (which the
  // database's policies require of whoever adds a membership) until their own administrator role, if dropped, goes last.
  await tx
    .insertInto('membership')
    .values(input.roles.map((role) => ({ authority_id: authorityId, user_id: input.userId, role })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await tx.deleteFrom('membership').where('authority_id', '=', authorityId).where('user_id', '=', input.userId).where('role', 'not in', input.roles).execute();
  return { roles: input.roles, rowVersion };
}

/**
 * Deactivates a person (every session of theirs ends at once; their past actions keep their name in the audit
 * log) or reactivates them. Not oneself, and not the last active administrator.
 */
export async function setActive(tx: Tx, me: SessionIdentity, authorityId: string, input: { userId: string; active: boolean }, now: Date): Promise<{ active: boolean }> {
  await personOf(tx, authorityId, input.userId);
  if (input.userId === me.userId) throw forbidden('You cannot deactivate yourself: ask another authority administrator');
  await tx.updateTable('app_user').set({ disabled_at: input.active ? null : now }).where('id', '=', input.userId).execute();
  if (!input.active) {
    await tx.updateTable('session').set({ revoked_at: now }).where('user_id', '=', input.userId).where('revoked_at', 'is', null).execute();
  }
  return { active: input.active };
}

/** A password reset link for a person of the authority: using it sets a new password and ends their sessions. */
export async function issueReset(tx: Tx, me: SessionIdentity, authorityId: string, userId: string, now: Date): Promise<IssuedLink & { email: string }> {
  const person = await personOf(tx, authorityId, userId);
  if (person.disabled_at) throw new DomainError('BAD_REQUEST', 'Reactivate this person before resetting their password', 'userId');
  const { id, token } = await issueLink(tx, { authorityId, purpose: 'reset', email: person.email, roles: [], userId, createdBy: me.userId, now });
  return { id, path: linkPath('reset', token), email: person.email };
}

/**
 * Requires two-step verification of everyone of the authority (or stops requiring it). Stale forms are refused
 * (the authority's row version). From their next sign-in, anyone not enrolled gets a session that may only enrol;
 * sessions already open are left as they are (the page says so).
 */
export async function setTwoStepRequired(tx: Tx, authorityId: string, input: { required: boolean; rowVersion: number }): Promise<{ required: boolean; rowVersion: number }> {
  await lockForEdit(tx, 'authority', authorityId, input.rowVersion, 'The two-step verification setting');
  const row = await tx
    .updateTable('authority')
    .set({ two_step_required: input.required })
    .where('id', '=', authorityId)
    .returning(['two_step_required', 'row_version'])
    .executeTakeFirstOrThrow();
  return { required: row.two_step_required, rowVersion: row.row_version };
}
