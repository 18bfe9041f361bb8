import { sql, type Kysely } from 'kysely';
import { policy } from './rls.ts';

/**
 * A review of a member's figure (return_review, migration 0007) is between the lead authority and that
 * member: the lead's query reason is about one member's return and may discuss its numbers, so the other
 * members of the partnership must not read it. 0007 let every member read every review (the API showed a
 * member only its own); from here the database itself allows only the lead that wrote it and the member it
 * is about. Writing stays the lead's alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP POLICY return_review_partnership_reads ON return_review`.execute(db);
  await policy(db, 'return_review', 'return_review_lead_and_member_read', 'SELECT', {
    using: `partnership_id = ANY(app_partnership_ids())
      AND current_setting('app.authority_id', true) IN (authority_id, member_authority_id)`,
  });
}
