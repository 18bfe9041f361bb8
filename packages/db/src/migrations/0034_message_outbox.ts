import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/**
 * Messages by email (issue 11, item 6): when CONCORD_SMTP_URL is set, the server's outbox worker emails each new message
 * to its recipients once. The application role cannot read another tenant's messages, so the worker claims them through
 *
 *   concord_claim_unsent_messages(limit, now)
 *     Marks up to `limit` messages not yet emailed (oldest first, skipping any another worker holds, at most five
 *     attempts each, none older than two days) as emailed now and returns each with its recipients: for an organisation
 *     its contact email and its people's; for an authority its commissioners' and contract officers'. Deactivated
 *     people get nothing.
 *   concord_release_unsent_message(id)
 *     A send failed: the message is marked not emailed again, to be retried (its attempt still counts).
 *
 * Both run as the owner role (SECURITY DEFINER), which row-level security still binds: the owner policies below open
 * messages, organisations' contacts and people's emails to it only while app.outbox is 'on', which only these
 * functions set, for the rest of their own statement's transaction.
 */
const OWNER = sql.id(OWNER_ROLE);
const OUTBOX = `current_setting('app.outbox', true) = 'on'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE message ADD COLUMN email_attempts integer NOT NULL DEFAULT 0 CHECK (email_attempts >= 0)`.execute(db);
  await sql`CREATE INDEX message_unsent_idx ON message (created_at) WHERE emailed_at IS NULL`.execute(db);
  for (const [table, command] of [
    ['message', 'SELECT'],
    ['message', 'UPDATE'],
    ['provider', 'SELECT'],
    ['provider_membership', 'SELECT'],
    ['membership', 'SELECT'],
    ['app_user', 'SELECT'],
  ] as const) {
    const check = command === 'UPDATE' ? sql` WITH CHECK (${sql.raw(OUTBOX)})` : sql``;
    await sql`CREATE POLICY ${sql.id(`${table}_outbox_${command.toLowerCase()}`)} ON ${sql.id(table)} FOR ${sql.raw(command)} TO ${OWNER}
      USING (${sql.raw(OUTBOX)})${check}`.execute(db);
  }

  await sql`
    CREATE FUNCTION concord_claim_unsent_messages(p_limit integer, p_now timestamptz)
      RETURNS TABLE (message_id uuid, recipients text[], subject text, body text, link text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      PERFORM set_config('app.outbox', 'on', true);
      RETURN QUERY
        WITH claimed AS (
          UPDATE message m SET emailed_at = p_now, email_attempts = m.email_attempts + 1
          WHERE m.id IN (
            SELECT x.id FROM message x
            WHERE x.emailed_at IS NULL AND x.email_attempts < 5 AND x.created_at > p_now - interval '2 days'
            ORDER BY x.created_at, x.id LIMIT p_limit FOR UPDATE SKIP LOCKED)
          RETURNING m.id, m.authority_id, m.provider_id, m.subject, m.body, m.link)
        SELECT c.id,
          ARRAY(
            SELECT DISTINCT e FROM (
              SELECT p.contact_email AS e FROM provider p WHERE p.id = c.provider_id AND p.contact_email IS NOT NULL
              UNION SELECT u.email FROM provider_membership pm JOIN app_user u ON u.id = pm.user_id
                WHERE pm.provider_id = c.provider_id AND u.disabled_at IS NULL
              UNION SELECT u.email FROM membership am JOIN app_user u ON u.id = am.user_id
                WHERE am.authority_id = c.authority_id AND am.role IN ('commissioner', 'contract_officer') AND u.disabled_at IS NULL
            ) r ORDER BY e),
          c.subject, c.body, c.link
        FROM claimed c;
      PERFORM set_config('app.outbox', '', true);
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION concord_release_unsent_message(p_id uuid) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      PERFORM set_config('app.outbox', 'on', true);
      UPDATE message SET emailed_at = NULL WHERE id = p_id;
      PERFORM set_config('app.outbox', '', true);
    END $$`.execute(db);
  for (const signature of ['concord_claim_unsent_messages(integer, timestamptz)', 'concord_release_unsent_message(uuid)']) {
    await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
    await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
  }
}
