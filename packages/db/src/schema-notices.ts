import type { ColumnType, Generated } from 'kysely';
import type { VersionedStamped } from './schema-versions.ts';

/** A Procurement Act 2023 notice (migration 0039, issue 16): drafted from Concord's data, published on Find a Tender. */
export interface ProcurementNoticeTable extends VersionedStamped {
  authority_id: string;
  id: Generated<string>;
  notice_type: 'UK1' | 'UK2' | 'UK3' | 'UK4' | 'UK5' | 'UK6' | 'UK7' | 'UK10' | 'UK11' | 'UK12' | 'UK13' | 'UK14' | 'UK15' | 'UK16';
  procurement_id: string | null;
  /** The procurement's partnership, for a procurement's notice (migration 0062: held to it by a key); else null. */
  partnership_id: ColumnType<string | null, string | null | undefined, never>;
  call_off_id: string | null;
  contract_id: string | null;
  /** A change, dynamic market event or financial year within the subject; '' for none. */
  subject_id: Generated<string>;
  status: Generated<'draft' | 'ready' | 'published' | 'withdrawn'>;
  fields: ColumnType<Record<string, string>, string | undefined, string>;
  notice_identifier: string | null;
  published_on: string | null;
  withdrawn_reason: string | null;
  release: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface NoticesDatabase {
  procurement_notice: ProcurementNoticeTable;
}
