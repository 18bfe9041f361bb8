import { sql, type Kysely } from 'kysely';

/**
 * Two lifecycle endings (issues 3 and 4).
 *
 * A call-off may be cancelled before it is awarded: the day, the reason and who recorded it are kept on the
 * call-off, and a cancelled call-off must carry them (a mini-competition's invitations and responses stay, as
 * the record of what was stopped). The columns are empty for every other status.
 *
 * A provider may withdraw its application before a decision. 0002 already allows the 'withdrawn' status and
 * keeps the day and reason in decided_on and outcome_reason (as it does for a rejection); from here a
 * withdrawn application must have both.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE call_off
      ADD COLUMN cancelled_on date,
      ADD COLUMN cancellation_reason text,
      ADD COLUMN cancelled_by uuid REFERENCES app_user(id),
      ADD CONSTRAINT call_off_cancellation_recorded CHECK (
        CASE WHEN status = 'cancelled'
          THEN cancelled_on IS NOT NULL AND length(trim(coalesce(cancellation_reason, ''))) > 0
          ELSE cancelled_on IS NULL AND cancellation_reason IS NULL AND cancelled_by IS NULL
        END)`.execute(db);
  await sql`
    ALTER TABLE application
      ADD CONSTRAINT application_withdrawal_recorded CHECK (
        status <> 'withdrawn' OR (decided_on IS NOT NULL AND length(trim(coalesce(outcome_reason, ''))) > 0))`.execute(db);
}
