import type { ColumnType, Generated } from 'kysely';
import type { PartnershipKind } from './schema.ts';
import type { VersionedStamped } from './schema-versions.ts';

/** Partnerships formed, joined and left through the application (migration 0021, issue 10 item 4). */
export type PartnershipInvitationStatus = 'invited' | 'accepted' | 'declined' | 'withdrawn';

/** An invitation to join, seen by the partnership's lead and by the invited authority only. */
export interface PartnershipInvitationTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  invited_authority_id: string;
  partnership_name: string;
  partnership_kind: PartnershipKind;
  partnership_purpose: string | null;
  lead_authority_id: string;
  status: ColumnType<PartnershipInvitationStatus, PartnershipInvitationStatus | undefined, PartnershipInvitationStatus>;
  invited_by: string;
  invited_at: ColumnType<Date, Date | string, never>;
  responded_by: string | null;
  responded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** One step of a partnership's history: appended, never changed. */
export interface PartnershipEventTable {
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  at: ColumnType<Date, Date | string, never>;
  user_id: string;
  actor_name: string;
  action: string;
  about_authority_id: string | null;
  detail: string | null;
}

/** The version of a member's set of people named to partnership roles (migration 0050): without a row, version 1. */
export interface PartnershipRoleVersionTable extends VersionedStamped {
  authority_id: string;
  partnership_id: string;
}

export interface PartnershipLifecycleDatabase {
  partnership_invitation: PartnershipInvitationTable;
  partnership_event: PartnershipEventTable;
  partnership_role_version: PartnershipRoleVersionTable;
}
