import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from '../roles.ts';
import { grant, policy, protect } from './rls.ts';

/**
 * Partnerships formed, joined and left through the application (issue 10, item 4).
 *
 *   partnership.kind     widened to the issue's kinds: 'tripartite', 'regional_network' (a regional network or
 *                        peninsula), 'council_with_nhs' (a council with its NHS partners), 'framework_consortium'.
 *                        Existing 'joint_commissioning' rows become 'council_with_nhs' when an NHS body is a
 *                        member, 'framework_consortium' for a council running a framework on its own (one member), else 'tripartite'.
 *   partnership.purpose  what the partnership is for (free text, optional for the partnerships made before).
 *   partnership.proposed_lead_authority_id   a lead handover the lead has proposed and the other member has not
 *                        yet accepted.
 *   partnership_member   still means "has joined" (so every existing sharing rule keeps working); left_on is the
 *                        day a member leaves. enterTenant puts only current members' partnerships (left_on null or
 *                        later than today) in app.partnership_ids, so from that day it sees nothing of it.
 *   partnership_invitation   an invitation to join, keyed by the inviting authority (the lead at the time), seen by
 *                        the partnership's lead and by the invited authority only. It carries a copy of the
 *                        partnership's name, kind, purpose and lead: all the invited authority sees of the
 *                        partnership until it accepts.
 *   partnership_event    the partnership's history: every step, which authority and person took it, about which
 *                        authority. Appended, never changed; seen by the current members.
 *
 * Who may write: the authority's administrators and commissioners (app_partnership_manager()); the functions
 * below read other tables under their own policies (invoker's rights), so no policy holds a subquery.
 */
const CURRENT = `current_setting('app.authority_id', true)`;
const MANAGER = `app_partnership_manager()`;
const MINE = `partnership_id = ANY(app_partnership_ids())`;
const LED = `partnership_id = ANY(app_led_partnership_ids())`;
const INVITED = `partnership_id = ANY(app_invited_partnership_ids())`;
const APP = sql.id(APP_ROLE);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION app_partnership_manager() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user_id()
        AND m.authority_id = current_setting('app.authority_id', true) AND m.role IN ('authority_admin', 'commissioner')) $$`.execute(db);

  // partnership: the new kinds, purpose, a proposed lead.
  await sql`ALTER TABLE partnership DROP CONSTRAINT partnership_kind_check`.execute(db);
  await sql`
    UPDATE partnership p SET kind = CASE WHEN EXISTS (
        SELECT 1 FROM partnership_member m JOIN authority a ON a.id = m.authority_id
        WHERE m.partnership_id = p.id AND a.kind = 'nhs_body') THEN 'council_with_nhs'
      WHEN (SELECT count(*) FROM partnership_member m WHERE m.partnership_id = p.id) <= 1 THEN 'framework_consortium'
      ELSE 'tripartite' END
    WHERE kind = 'joint_commissioning'`.execute(db);
  await sql`
    ALTER TABLE partnership
      ADD CONSTRAINT partnership_kind_check CHECK (kind IN ('tripartite','regional_network','council_with_nhs','framework_consortium')),
      ADD CONSTRAINT partnership_name_length CHECK (length(trim(name)) BETWEEN 1 AND 200),
      ADD COLUMN purpose text CHECK (length(purpose) <= 2000),
      ADD COLUMN proposed_lead_authority_id text REFERENCES authority(id),
      ADD CONSTRAINT partnership_proposed_lead_other CHECK (proposed_lead_authority_id <> lead_authority_id)`.execute(db);

  await sql`
    CREATE FUNCTION app_led_partnership_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
      SELECT coalesce(array_agg(p.id), '{}') FROM partnership p WHERE p.lead_authority_id = current_setting('app.authority_id', true) $$`.execute(db);

  // The lead sees its partnership (so the authority that proposes one sees what it made at once).
  await policy(db, 'partnership', 'partnership_lead_reads', 'SELECT', { using: `lead_authority_id = ${CURRENT}` });
  await policy(db, 'partnership', 'partnership_proposed', 'INSERT', {
    check: `lead_authority_id = ${CURRENT} AND proposed_lead_authority_id IS NULL AND ${MANAGER}`,
  });
  // The lead changes it (purpose, kind, a proposed handover); the proposed lead takes the lead over.
  await policy(db, 'partnership', 'partnership_lead_changes', 'UPDATE', {
    using: `id = ANY(app_partnership_ids()) AND ${MANAGER} AND (lead_authority_id = ${CURRENT} OR proposed_lead_authority_id = ${CURRENT})`,
    check: `id = ANY(app_partnership_ids()) AND lead_authority_id = ${CURRENT}`,
  });
  await grant(db, 'partnership', 'INSERT (id, name, kind, purpose, lead_authority_id), UPDATE (kind, purpose, lead_authority_id, proposed_lead_authority_id)');

  // partnership_invitation
  await sql`
    CREATE TABLE partnership_invitation (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      invited_authority_id text NOT NULL REFERENCES authority(id),
      partnership_name text NOT NULL,
      partnership_kind text NOT NULL,
      partnership_purpose text,
      lead_authority_id text NOT NULL REFERENCES authority(id),
      status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited','accepted','declined','withdrawn')),
      invited_by uuid NOT NULL REFERENCES app_user(id),
      invited_at timestamptz NOT NULL,
      responded_by uuid REFERENCES app_user(id),
      responded_at timestamptz,
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      CHECK (invited_authority_id <> authority_id),
      CHECK ((status = 'invited') = (responded_at IS NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX partnership_invitation_pending ON partnership_invitation (partnership_id, invited_authority_id) WHERE status = 'invited'`.execute(db);
  await sql`CREATE INDEX partnership_invitation_invited ON partnership_invitation (invited_authority_id, status)`.execute(db);
  await protect(db, 'partnership_invitation');
  const inviteSeen = `invited_authority_id = ${CURRENT} OR ${LED}`;
  await policy(db, 'partnership_invitation', 'partnership_invitation_visible', 'SELECT', { using: inviteSeen });
  await policy(db, 'partnership_invitation', 'partnership_invitation_lead_invites', 'INSERT', {
    check: `authority_id = ${CURRENT} AND ${LED} AND ${MANAGER} AND invited_by = app_user_id() AND status = 'invited'`,
  });
  await policy(db, 'partnership_invitation', 'partnership_invitation_answered', 'UPDATE', {
    using: `(${inviteSeen}) AND ${MANAGER}`,
    check: `(${inviteSeen}) AND ${MANAGER} AND responded_by = app_user_id()`,
  });
  await sql`GRANT SELECT, INSERT, UPDATE (status, responded_by, responded_at) ON partnership_invitation TO ${APP}`.execute(db);

  await sql`
    CREATE FUNCTION app_invited_partnership_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
      SELECT coalesce(array_agg(i.partnership_id), '{}') FROM partnership_invitation i
      WHERE i.invited_authority_id = current_setting('app.authority_id', true) AND i.status = 'invited' $$`.execute(db);

  // partnership_member: joined by the lead that proposes it, or by an invited authority accepting; left by a member.
  await sql`
    ALTER TABLE partnership_member
      ADD COLUMN left_on date,
      ADD CONSTRAINT partnership_member_left_after_joining CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on)`.execute(db);
  await policy(db, 'partnership_member', 'partnership_member_joins', 'INSERT', {
    check: `authority_id = ${CURRENT} AND ${MANAGER} AND (${LED} OR ${INVITED}) AND left_on IS NULL`,
  });
  // A member other than the lead sets the day it leaves, while it is still a member.
  await policy(db, 'partnership_member', 'partnership_member_leaves', 'UPDATE', {
    using: `authority_id = ${CURRENT} AND ${MINE} AND ${MANAGER}`,
    check: `authority_id = ${CURRENT} AND ${MINE} AND NOT (${LED})`,
  });
  await sql`GRANT INSERT (authority_id, partnership_id, joined_on), UPDATE (left_on) ON partnership_member TO ${APP}`.execute(db);

  // partnership_role: each current member names its own people; lead commissioners only by the lead.
  const roleWrite = `authority_id = ${CURRENT} AND ${MINE} AND ${MANAGER} AND (role = 'network_member' OR ${LED})`;
  await policy(db, 'partnership_role', 'partnership_role_named', 'INSERT', { check: roleWrite });
  await policy(db, 'partnership_role', 'partnership_role_removed', 'DELETE', { using: roleWrite });
  await grant(db, 'partnership_role', 'INSERT, DELETE');

  // partnership_event: the history.
  await sql`
    CREATE TABLE partnership_event (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      at timestamptz NOT NULL,
      user_id uuid NOT NULL REFERENCES app_user(id),
      actor_name text NOT NULL,
      action text NOT NULL CHECK (action ~ '^[a-z_]{1,40}$'),
      about_authority_id text REFERENCES authority(id),
      detail text CHECK (length(detail) <= 2000),
      PRIMARY KEY (authority_id, id)
    )`.execute(db);
  await sql`CREATE INDEX partnership_event_partnership ON partnership_event (partnership_id, at)`.execute(db);
  await protect(db, 'partnership_event');
  await policy(db, 'partnership_event', 'partnership_event_members_read', 'SELECT', { using: MINE });
  await policy(db, 'partnership_event', 'partnership_event_recorded', 'INSERT', {
    check: `authority_id = ${CURRENT} AND user_id = app_user_id() AND ${MANAGER} AND (${MINE} OR ${LED} OR ${INVITED})`,
  });
  await grant(db, 'partnership_event', 'SELECT, INSERT');
}
