import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { grant, policy, protect } from './rls.ts';

/**
 * Deadline reminders (issue 11, item 6): a message 7 days and 1 day before a deadline, sent once each, by the clock the
 * database is given (the server's, or a test's).
 *
 *   reminder_sent: each reminder sent, unique on what it is about (kind), which row (subject_id), its recipient, the
 *     deadline it counted to and how many days before it was. Running again sends nothing twice. A deadline moved later
 *     (a call-off's may be) counts afresh. The recipient organisation or authority reads its own; nobody writes one but
 *     the function below.
 *   concord_send_due_reminders(at): leaves in each inbox the reminders due at `at` (the transaction's time when null),
 *     one statement per kind, and returns how many of each it sent:
 *       call_off_response_due       to each verified provider invited to a call-off still inviting, with no response
 *                                   yet, 7 days and 1 day before its response deadline;
 *       application_window_closing  to each provider with a draft (not submitted) application to a live framework in a
 *                                   reopening, 7 days and 1 day before the reopening closes (the end of its last day);
 *       document_expiring           to a provider, 30 days and 7 days before a current document of its profile expires
 *                                   (valid to the end of its expiry day).
 *     A reminder whose moment was missed (the server was down) is still sent while the deadline has not passed, but only
 *     the latest one due: the 7-day one is skipped when the 1-day one is due too. Never after the deadline.
 *   concord_deadline_words(at) and concord_day_words(day): an instant and a day in words, as the messages say them
 *     ('11:59pm on Friday 31 January 2030', 'Friday 11 December 2026'): deadlineText's words (packages/domain), with the
 *     day of the week.
 *
 * The function runs as the owner role (SECURITY DEFINER), which row-level security still binds: the owner policies below
 * open what it reads (call-offs, invitations, responses, procurements, drafts, documents, the authorities' names,
 * whether a provider is verified) and what it writes (the messages and reminders) only while app.reminders is 'on',
 * which only it sets, for its own statements. The app role may set that setting itself, but gains nothing by it: the
 * policies name the owner role, which it becomes only inside the SECURITY DEFINER functions, and none of the others
 * reads these tables beyond its own WHERE (call_off_responses_received counts the acting authority's responses only).
 */
const OWNER = sql.id(OWNER_ROLE);
const REMINDING = `current_setting('app.reminders', true) = 'on'`;
const LONDON = `'Europe/London'`;

export const REMINDER_KINDS = ['call_off_response_due', 'application_window_closing', 'document_expiring'] as const;

/** `days` calendar days (in England) before the instant `at`, in SQL. */
const daysBefore = (at: string, days: number) => `((${at} AT TIME ZONE ${LONDON}) - interval '${days} days') AT TIME ZONE ${LONDON}`;
/** The end of day `day` in England (midnight at the start of the next), as call-off deadlines given as a day are. */
const endOfDay = (day: string) => `((${day} + 1)::timestamp AT TIME ZONE ${LONDON})`;

export async function up(db: Kysely<any>): Promise<void> {
  await table(db);
  await words(db);
  await ownerPolicies(db);
  await sendFunction(db);
}

async function table(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE reminder_sent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN (${sql.join(REMINDER_KINDS.map((k) => sql.lit(k)))})),
      subject_id uuid NOT NULL,
      authority_id text REFERENCES authority(id),
      provider_id uuid REFERENCES provider(id),
      due_at timestamptz NOT NULL,
      days_before integer NOT NULL CHECK (days_before IN (1, 7, 30)),
      message_id uuid NOT NULL UNIQUE REFERENCES message(id),
      sent_at timestamptz NOT NULL,
      CHECK ((authority_id IS NULL) <> (provider_id IS NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX reminder_sent_once ON reminder_sent (kind, subject_id, (coalesce(provider_id::text, authority_id)), due_at, days_before)`.execute(db);
  await sql`CREATE INDEX reminder_sent_provider_idx ON reminder_sent (provider_id) WHERE provider_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX reminder_sent_authority_idx ON reminder_sent (authority_id) WHERE authority_id IS NOT NULL`.execute(db);
  await protect(db, 'reminder_sent');
  await policy(db, 'reminder_sent', 'reminder_sent_recipient_reads', 'SELECT', {
    using: `authority_id = current_setting('app.authority_id', true) OR provider_id = app_provider_id()`,
  });
  await grant(db, 'reminder_sent', 'SELECT');
}

async function words(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION concord_day_words(p_day date) RETURNS text LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
      SELECT to_char(p_day::timestamp, 'FMDay FMDD FMMonth YYYY') $$`.execute(db);
  // GOV.UK times: 5pm, 9:30am, midday; a day's deadline (midnight at the start of the next) is 11:59pm on the day.
  await sql`
    CREATE FUNCTION concord_deadline_words(p_at timestamptz) RETURNS text LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
      SELECT CASE
        WHEN l::time = '00:00' THEN '11:59pm on ' || concord_day_words(l::date - 1)
        WHEN l::time = '12:00' THEN 'midday on ' || concord_day_words(l::date)
        ELSE ((extract(hour FROM l)::int + 11) % 12 + 1)::text
          || CASE WHEN extract(minute FROM l)::int = 0 THEN '' ELSE ':' || to_char(l, 'MI') END
          || CASE WHEN extract(hour FROM l)::int < 12 THEN 'am' ELSE 'pm' END
          || ' on ' || concord_day_words(l::date)
      END
      FROM (SELECT date_trunc('minute', p_at AT TIME ZONE ${sql.raw(LONDON)}) AS l) x $$`.execute(db);
  for (const signature of ['concord_day_words(date)', 'concord_deadline_words(timestamptz)']) {
    await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
  }
}

async function ownerPolicies(db: Kysely<any>): Promise<void> {
  for (const table of ['authority', 'provider', 'call_off', 'call_off_invitation', 'call_off_response', 'procurement', 'provider_application', 'provider_document', 'reminder_sent']) {
    await sql`CREATE POLICY ${sql.id(`${table}_reminders_select`)} ON ${sql.id(table)} FOR SELECT TO ${OWNER} USING (${sql.raw(REMINDING)})`.execute(db);
  }
  await sql`CREATE POLICY reminder_sent_reminders_insert ON reminder_sent FOR INSERT TO ${OWNER} WITH CHECK (${sql.raw(REMINDING)})`.execute(db);
  // Reminders come from Concord itself (no sender), to a provider organisation or an authority.
  await sql`CREATE POLICY message_reminders_insert ON message FOR INSERT TO ${OWNER}
    WITH CHECK (${sql.raw(REMINDING)} AND from_authority_id IS NULL AND from_provider_id IS NULL AND read_at IS NULL AND emailed_at IS NULL)`.execute(db);
}

/**
 * One kind's statement: `candidates` selects each (subject_id, provider_id, due_at, days_before, subject, body, link) due
 * at v_at; each is recorded once (a conflict on reminder_sent_once skips it) and only those recorded become messages.
 */
const sendKind = (kind: string, candidates: string) => `
      WITH due AS (SELECT c.*, gen_random_uuid() AS message_id FROM (${candidates}) c),
      recorded AS (
        INSERT INTO reminder_sent (kind, subject_id, provider_id, due_at, days_before, message_id, sent_at)
        SELECT '${kind}', d.subject_id, d.provider_id, d.due_at, d.days_before, d.message_id, v_at FROM due d
        ON CONFLICT DO NOTHING
        RETURNING message_id),
      messaged AS (
        INSERT INTO message (id, provider_id, kind, subject, body, link)
        SELECT d.message_id, d.provider_id, '${kind}', left(d.subject, 300), left(d.body, 5000), d.link
        FROM due d JOIN recorded r ON r.message_id = d.message_id)
      SELECT count(*)::int FROM recorded`;

/** The stage due: the latest whose moment has passed (1 before 7), given the moment of each in SQL. */
const stage = (first: [number, string], then: [number, string]) => `CASE WHEN ${first[1]} THEN ${first[0]} WHEN ${then[1]} THEN ${then[0]} END`;

const CALL_OFF_DEADLINE = `c.response_deadline_at`;
const callOffCandidates = `
        SELECT c.id AS subject_id, inv.provider_id, ${CALL_OFF_DEADLINE} AS due_at,
          ${stage([1, `v_at >= ${daysBefore(CALL_OFF_DEADLINE, 1)}`], [7, `v_at >= ${daysBefore(CALL_OFF_DEADLINE, 7)}`])} AS days_before,
          'Reminder: respond to ' || a.name || ' by ' || concord_deadline_words(${CALL_OFF_DEADLINE}) AS subject,
          'Your response to ' || a.name || '’s mini-competition ' || c.reference || ' (' || c.scheme_name || ', ' || c.locality || ') is due by '
            || concord_deadline_words(${CALL_OFF_DEADLINE}) || '. You have not responded yet. You may respond, and replace your response, until then; '
            || 'nobody at ' || a.name || ' can read any response before the deadline.' AS body,
          '/organisation/invitations/' || c.id AS link
        FROM call_off c
        JOIN call_off_invitation inv ON inv.authority_id = c.authority_id AND inv.call_off_id = c.id
        JOIN provider p ON p.id = inv.provider_id AND p.verified_at IS NOT NULL
        JOIN authority a ON a.id = c.authority_id
        WHERE c.status = 'inviting' AND ${CALL_OFF_DEADLINE} IS NOT NULL
          AND v_at < ${CALL_OFF_DEADLINE} AND v_at >= ${daysBefore(CALL_OFF_DEADLINE, 7)}
          AND NOT EXISTS (SELECT 1 FROM call_off_response r WHERE r.authority_id = c.authority_id AND r.call_off_id = c.id AND r.provider_id = inv.provider_id)`;

const WINDOW_CLOSES = endOfDay('r.closes_on');
const applicationCandidates = `
        SELECT r.id AS subject_id, pa.provider_id, ${WINDOW_CLOSES} AS due_at,
          ${stage([1, `v_at >= ${daysBefore(WINDOW_CLOSES, 1)}`], [7, `v_at >= ${daysBefore(WINDOW_CLOSES, 7)}`])} AS days_before,
          'Reminder: submit your application to ' || pr.title || ' by ' || concord_deadline_words(${WINDOW_CLOSES}) AS subject,
          'Your application to ' || pr.title || ' (' || pr.reference || ', led by ' || a.name || ') is still a draft. The framework takes applications '
            || 'until ' || concord_deadline_words(${WINDOW_CLOSES}) || ': submit it before then to be considered in this reopening.' AS body,
          '/organisation/applications/' || pa.id AS link
        FROM reopening r
        JOIN procurement pr ON pr.authority_id = r.authority_id AND pr.id = r.procurement_id
        JOIN provider_application pa ON pa.procurement_id = pr.id AND pa.submitted_at IS NULL
        JOIN authority a ON a.id = pr.authority_id
        WHERE pr.status = 'live' AND pr.route = 'framework' AND r.opens_on <= v_today
          AND v_at < ${WINDOW_CLOSES} AND v_at >= ${daysBefore(WINDOW_CLOSES, 7)}`;

const documentCandidates = `
        SELECT d.id AS subject_id, d.provider_id, ${endOfDay('d.expires_on')} AS due_at,
          ${stage([7, `v_today >= d.expires_on - 7`], [30, `v_today >= d.expires_on - 30`])} AS days_before,
          'Reminder: ‘' || d.title || '’ expires on ' || concord_day_words(d.expires_on) AS subject,
          'Your document ‘' || d.title || '’ expires on ' || concord_day_words(d.expires_on) || '. Upload the renewed one to your '
            || 'organisation’s documents before then: applications you make use it, and the authorities you hold contracts with see when it has expired.' AS body,
          '/organisation/documents' AS link
        FROM provider_document d
        WHERE d.superseded_at IS NULL AND d.expires_on IS NOT NULL AND v_today <= d.expires_on AND v_today >= d.expires_on - 30`;

async function sendFunction(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION concord_send_due_reminders(p_at timestamptz)
      RETURNS TABLE (reminder text, sent integer)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      v_at timestamptz := coalesce(p_at, transaction_timestamp());
      v_today date := (coalesce(p_at, transaction_timestamp()) AT TIME ZONE ${sql.raw(LONDON)})::date;
      n integer;
    BEGIN
      PERFORM set_config('app.reminders', 'on', true);
      ${sql.raw(sendKind('call_off_response_due', callOffCandidates))} INTO n;
      reminder := 'call_off_response_due'; sent := n; RETURN NEXT;
      ${sql.raw(sendKind('application_window_closing', applicationCandidates))} INTO n;
      reminder := 'application_window_closing'; sent := n; RETURN NEXT;
      ${sql.raw(sendKind('document_expiring', documentCandidates))} INTO n;
      reminder := 'document_expiring'; sent := n; RETURN NEXT;
      PERFORM set_config('app.reminders', '', true);
    END $$`.execute(db);
  const signature = 'concord_send_due_reminders(timestamptz)';
  await sql`ALTER FUNCTION ${sql.raw(signature)} OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION ${sql.raw(signature)} FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION ${sql.raw(signature)} TO ${sql.id(APP_ROLE)}`.execute(db);
}
