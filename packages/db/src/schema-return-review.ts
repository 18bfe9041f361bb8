import type { ColumnType, Generated } from 'kysely';

/** The lead commissioner’s review of a member’s published figure (migration 0007, return_review). */
export type ReturnReviewStatus = 'queried' | 'accepted';

export interface ReturnReviewTable {
  /** The lead authority that reviewed. */
  authority_id: string;
  id: Generated<string>;
  partnership_id: string;
  member_authority_id: string;
  kpi_code: string;
  period_start: string;
  status: ReturnReviewStatus;
  reason: string | null;
  reviewed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReturnReviewDatabase {
  return_review: ReturnReviewTable;
}
