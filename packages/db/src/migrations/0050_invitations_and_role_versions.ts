import { sql, type Kysely } from 'kysely';
import { grant, policy, protect } from './rls.ts';

/**
 * Issue 12, item 4: the last unguarded edit and duplicate invitations.
 *
 * partnership_role_version: one row per member authority of a partnership, the version of the set of its people
 * named to partnership roles (partnership.nameRole refuses a stale one with CONFLICT; removeRole moves it on). The
 * roles are the member's, not the partnership's: a network member is named by each member, so the partnership's own
 * version (0047, the lead's) is not theirs to move. Without a row the set is at version 1; nameRole writes it (at 1,
 * then bumps it), as people.setRoles does membership_version. Read by the partnership's members (the settings page),
 * written by the member's administrators and commissioners, never deleted. Kept by 0014's stamp_row_version trigger.
 *
 * One open invitation per email. people.invite (and people.inviteAdministrator) and
 * organisation.invite refused a second invitation of an email after reading for a pending one, without a lock: two
 * submits at once both found none and both issued a link. A partial unique index makes the second insert fail
 * (the API answers it with the same refusal as the check), as partnership_invitation_pending does for partnerships:
 *
 *   person_link            one unused, uncancelled invitation per authority and email
 *   provider_person_link   one unused, uncancelled invitation per provider organisation and email
 *
 * An expiry cannot be in an index's predicate (it depends on the clock), so an expired link still counts as open
 * here: the API closes a person's expired links (cancelled_at = expires_at) before issuing a new one. Links already
 * duplicated are closed the same way, the newest kept. Neither table is distributed on Citus (0040 leaves them on
 * the coordinator), so the indexes are plain ones there too.
 */
async function closeDuplicates(db: Kysely<any>, table: string, owner: string, where: string): Promise<void> {
  // The tables force row-level security on their owner too; this one statement of the migration reads every row.
  await sql`ALTER TABLE ${sql.id(table)} NO FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`
    UPDATE ${sql.id(table)} l SET cancelled_at = least(l.expires_at, now())
    WHERE ${sql.raw(where.replaceAll('%', 'l.'))} AND EXISTS (
      SELECT 1 FROM ${sql.id(table)} n
      WHERE n.${sql.id(owner)} = l.${sql.id(owner)} AND n.email = l.email AND ${sql.raw(where.replaceAll('%', 'n.'))}
        AND (n.created_at, n.id) > (l.created_at, l.id))`.execute(db);
  await sql`ALTER TABLE ${sql.id(table)} FORCE ROW LEVEL SECURITY`.execute(db);
}

const MEMBER_MANAGER = `authority_id = current_setting('app.authority_id', true) AND partnership_id = ANY(app_partnership_ids()) AND app_partnership_manager()`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE partnership_role_version (
      authority_id text NOT NULL,
      partnership_id uuid NOT NULL,
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, partnership_id),
      FOREIGN KEY (authority_id, partnership_id) REFERENCES partnership_member(authority_id, partnership_id)
    )`.execute(db);
  await sql`
    CREATE TRIGGER partnership_role_version_row_version BEFORE INSERT OR UPDATE ON partnership_role_version
    FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
  await protect(db, 'partnership_role_version');
  await policy(db, 'partnership_role_version', 'partnership_role_version_members_read', 'SELECT', {
    using: `authority_id = current_setting('app.authority_id', true) OR partnership_id = ANY(app_partnership_ids())`,
  });
  await policy(db, 'partnership_role_version', 'partnership_role_version_member_adds', 'INSERT', { check: MEMBER_MANAGER });
  await policy(db, 'partnership_role_version', 'partnership_role_version_member_changes', 'UPDATE', { using: MEMBER_MANAGER, check: MEMBER_MANAGER });
  await grant(db, 'partnership_role_version', 'SELECT, INSERT, UPDATE');

  const personOpen = `%purpose = 'invitation' AND %used_at IS NULL AND %cancelled_at IS NULL`;
  await closeDuplicates(db, 'person_link', 'authority_id', personOpen);
  await sql`
    CREATE UNIQUE INDEX person_link_one_open_invitation ON person_link (authority_id, email)
    WHERE purpose = 'invitation' AND used_at IS NULL AND cancelled_at IS NULL`.execute(db);

  const providerOpen = `%used_at IS NULL AND %cancelled_at IS NULL`;
  await closeDuplicates(db, 'provider_person_link', 'provider_id', providerOpen);
  await sql`
    CREATE UNIQUE INDEX provider_person_link_one_open_invitation ON provider_person_link (provider_id, email)
    WHERE used_at IS NULL AND cancelled_at IS NULL`.execute(db);
}
