import type { AuthorityRole } from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';

export interface PersonRow {
  userId: string;
  email: string;
  displayName: string;
  roles: AuthorityRole[];
  active: boolean;
  lastSignInAt: string | null;
  /** Whether they have two-step verification on (migration 0022's people_with_two_step: the flag, never the secret). */
  twoStep: boolean;
  /** The version of their roles, sent back with a change of them (1 until they are first changed). */
  rowVersion: number;
}

/** The authority's own setting: whether its people must use two-step verification, with its version for the change form. */
export interface TwoStepSetting {
  required: boolean;
  rowVersion: number;
}

export interface PendingInvitation {
  id: string;
  email: string;
  roles: AuthorityRole[];
  createdAt: string;
  expiresAt: string;
}

/** The people of the authority with their roles and last sign-in, and its pending invitations. */
export async function listPeople(
  tx: Tx,
  authorityId: string,
  now: Date,
): Promise<{ people: PersonRow[]; invitations: PendingInvitation[]; twoStep: TwoStepSetting }> {
  const rows = await tx
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .leftJoin('membership_version as v', (join) => join.onRef('v.authority_id', '=', 'membership.authority_id').onRef('v.user_id', '=', 'membership.user_id'))
    .select(['app_user.id', 'app_user.email', 'app_user.display_name', 'app_user.disabled_at', 'membership.role', 'v.row_version'])
    .where('membership.authority_id', '=', authorityId)
    .orderBy('app_user.display_name')
    .orderBy('membership.role')
    .execute();
  const signIns = await tx
    .selectFrom('session')
    .select(['user_id', (eb) => eb.fn.max('created_at').as('last')])
    .where('user_id', 'in', [...new Set(rows.map((r) => r.id)), '00000000-0000-0000-0000-000000000000'])
    .groupBy('user_id')
    .execute();
  const lastOf = new Map(signIns.map((s) => [s.user_id, s.last as Date | null]));
  const { rows: enrolled } = await sql<{ user_id: string }>`SELECT user_id FROM people_with_two_step() AS user_id`.execute(tx);
  const withTwoStep = new Set(enrolled.map((e) => e.user_id));
  const setting = await tx.selectFrom('authority').select(['two_step_required', 'row_version']).where('id', '=', authorityId).executeTakeFirstOrThrow();
  const people = new Map<string, PersonRow>();
  for (const r of rows) {
    const person = people.get(r.id) ?? {
      userId: r.id,
      email: r.email,
      displayName: r.display_name,
      roles: [],
      active: r.disabled_at === null,
      lastSignInAt: lastOf.get(r.id)?.toISOString() ?? null,
      twoStep: withTwoStep.has(r.id),
      rowVersion: r.row_version ?? 1,
    };
    person.roles.push(r.role);
    people.set(r.id, person);
  }
  const invitations = await tx
    .selectFrom('person_link')
    .select(['id', 'email', 'roles', 'created_at', 'expires_at'])
    .where('authority_id', '=', authorityId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return {
    people: [...people.values()],
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, roles: i.roles, createdAt: i.created_at.toISOString(), expiresAt: i.expires_at.toISOString() })),
    twoStep: { required: setting.two_step_required, rowVersion: setting.row_version },
  };
}
