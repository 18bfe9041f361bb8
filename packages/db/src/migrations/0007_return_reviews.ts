import { sql, type Kysely } from 'kysely';
import { partnershipSharedTable } from './rls.ts';

/**
 * Review of members' returns by the partnership's lead (issue 6): "queried" with a reason, or "accepted".
 *
 * A member's returns (kpi_return) are private to it: the lead cannot read or write them. What the lead
 * reviews is the figure the member published to the partnership (benchmark_figure), so the review is a
 * partnership-shared record written by the lead authority and read by the members: return_review, one
 * row per member × KPI × period (the latest review). The API shows a member only the reviews of its own
 * figures. A member that resubmits after a review is back to "submitted" until the lead reviews again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE return_review (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      member_authority_id text NOT NULL REFERENCES authority(id),
      kpi_code text NOT NULL,
      period_start date NOT NULL,
      status text NOT NULL CHECK (status IN ('queried','accepted')),
      reason text CHECK (reason IS NULL OR length(reason) <= 2000),
      reviewed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      UNIQUE (partnership_id, member_authority_id, kpi_code, period_start),
      CHECK (status <> 'queried' OR length(trim(coalesce(reason, ''))) > 0)
    )`.execute(db);
  await partnershipSharedTable(db, 'return_review');
}

