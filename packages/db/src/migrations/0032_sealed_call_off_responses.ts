import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';
import { authorityPrivateTable, grant, policy, protect } from './rls.ts';

/**
 * Sealed mini-competitions (issue 11, item 4). Invited providers answer a call-off themselves, and nobody at the
 * calling-off authority can read any response before the deadline: the database compares the deadline with the
 * transaction's time in the policy on the response rows, so not even a direct SELECT as the application role in
 * the council's tenant returns one early.
 *
 *   call_off.response_deadline_at: the deadline as an instant. A deadline given as a date means the end of that day
 *     in England: midnight at the start of the next day, Europe/London (so 1 March 2027 → 2027-03-02 00:00 GMT). The
 *     date column stays (the day, as councils read it); a time of day may be given instead of the day's end. Once set,
 *     whoever obeys row-level security may move it later but never earlier, and never clear it (a council could
 *     otherwise unseal the responses by moving its own deadline).
 *   call_off_response: every version is kept (seq orders them; the latest per provider counts). A provider inserts
 *     its own (source 'provider') while invited, verified and before the deadline; the council types in paper ones
 *     (source 'paper'). Neither updates nor deletes a response. The council reads its responses only once the
 *     deadline has passed; the provider reads its own at any time. submitted_at is the transaction's time.
 *   call_off_response_answer: a provider's answer to each refined criterion, sealed with its response, written only in
 *     the transaction that made the response (a submitted version never changes).
 *   call_off_outcome: written by the council at award, each respondent's own rank, points and feedback; the provider
 *     reads its own row only, and only once the call-off is awarded.
 *   call_off_responses_received(call_off): how many providers have responded, for the calling-off authority only:
 *     the one thing it may know before the deadline.
 *   A verified provider reads its own invitations, the call-offs it is invited to and their refined criteria.
 */
const OWNER = sql.id(OWNER_ROLE);
const MY_AUTHORITY = `current_setting('app.authority_id', true)`;
const MY_PROVIDER = `app_provider_id()`;
const VERIFIED = `EXISTS (SELECT 1 FROM provider vp WHERE vp.id = app_provider_id() AND vp.verified_at IS NOT NULL)`;
const INVITED = (callOffColumn: string) => `EXISTS (SELECT 1 FROM call_off_invitation inv WHERE inv.call_off_id = ${callOffColumn} AND inv.provider_id = ${MY_PROVIDER})`;
/** The response's call-off has no deadline (not a sealed competition) or its deadline has passed. */
const UNSEALED = (table: string) => `EXISTS (SELECT 1 FROM call_off c WHERE c.authority_id = ${table}.authority_id AND c.id = ${table}.call_off_id
  AND (c.response_deadline_at IS NULL OR c.response_deadline_at <= transaction_timestamp()))`;

export async function up(db: Kysely<any>): Promise<void> {
  await deadlines(db);
  await providerReads(db);
  await responses(db);
  await answers(db);
  await outcomes(db);
  await receivedCount(db);
}

async function deadlines(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE call_off ADD COLUMN response_deadline_at timestamptz`.execute(db);
  await sql`UPDATE call_off SET response_deadline_at = ((response_deadline + 1)::timestamp AT TIME ZONE 'Europe/London')
    WHERE response_deadline IS NOT NULL`.execute(db);
  await sql`
    CREATE FUNCTION call_off_deadline_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF row_security_active('call_off') AND OLD.response_deadline_at IS NOT NULL
        AND (NEW.response_deadline_at IS NULL OR NEW.response_deadline_at < OLD.response_deadline_at) THEN
        RAISE EXCEPTION 'a response deadline may be moved later, never earlier: responses are sealed until it' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER call_off_deadline_guard BEFORE UPDATE ON call_off FOR EACH ROW EXECUTE FUNCTION call_off_deadline_guard()`.execute(db);
}

async function providerReads(db: Kysely<any>): Promise<void> {
  await policy(db, 'call_off_invitation', 'call_off_invitation_invited_provider_reads', 'SELECT', { using: `provider_id = ${MY_PROVIDER} AND ${VERIFIED}` });
  await policy(db, 'call_off', 'call_off_invited_provider_reads', 'SELECT', { using: `${INVITED('call_off.id')} AND ${VERIFIED}` });
  await policy(db, 'call_off_criterion', 'call_off_criterion_invited_provider_reads', 'SELECT', { using: `${INVITED('call_off_criterion.call_off_id')} AND ${VERIFIED}` });
}

async function responses(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE call_off_response DROP CONSTRAINT call_off_response_call_off_id_provider_id_key`.execute(db);
  await sql`
    ALTER TABLE call_off_response
      ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY,
      ADD COLUMN source text NOT NULL DEFAULT 'paper' CHECK (source IN ('paper','provider')),
      ADD COLUMN submitted_at timestamptz NOT NULL DEFAULT transaction_timestamp(),
      ADD COLUMN submitted_by uuid REFERENCES app_user(id)`.execute(db);
  await sql`CREATE INDEX call_off_response_latest_idx ON call_off_response (call_off_id, provider_id, seq DESC)`.execute(db);
  // The time and the person are the database's, not the caller's; a provider's response is received the day it is made.
  await sql`
    CREATE FUNCTION call_off_response_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.submitted_at := transaction_timestamp();
      NEW.submitted_by := app_user_id();
      IF NEW.source = 'provider' THEN
        NEW.received_on := (transaction_timestamp() AT TIME ZONE 'Europe/London')::date;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER call_off_response_stamp BEFORE INSERT ON call_off_response FOR EACH ROW EXECUTE FUNCTION call_off_response_stamp()`.execute(db);

  await sql`DROP POLICY call_off_response_own_authority ON call_off_response`.execute(db);
  await sql`REVOKE UPDATE, DELETE ON call_off_response FROM ${sql.id(APP_ROLE)}`.execute(db);
  const own = `authority_id = ${MY_AUTHORITY}`;
  await policy(db, 'call_off_response', 'call_off_response_authority_reads_after_deadline', 'SELECT', { using: `${own} AND ${UNSEALED('call_off_response')}` });
  await policy(db, 'call_off_response', 'call_off_response_authority_records_paper', 'INSERT', { check: `${own} AND source = 'paper'` });
  await policy(db, 'call_off_response', 'call_off_response_provider_reads_own', 'SELECT', { using: `provider_id = ${MY_PROVIDER}` });
  await policy(db, 'call_off_response', 'call_off_response_provider_submits', 'INSERT', {
    check: `provider_id = ${MY_PROVIDER} AND source = 'provider' AND ${VERIFIED} AND ${INVITED('call_off_response.call_off_id')}
      AND EXISTS (SELECT 1 FROM call_off c WHERE c.authority_id = call_off_response.authority_id AND c.id = call_off_response.call_off_id
        AND c.status = 'inviting' AND c.response_deadline_at > transaction_timestamp())`,
  });
}

async function answers(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE call_off_response_answer (
      authority_id text NOT NULL,
      response_id uuid NOT NULL,
      criterion_id uuid NOT NULL,
      call_off_id uuid NOT NULL,
      answer text NOT NULL CHECK (length(trim(answer)) > 0 AND length(answer) <= 10000),
      PRIMARY KEY (authority_id, response_id, criterion_id),
      FOREIGN KEY (authority_id, response_id) REFERENCES call_off_response(authority_id, id),
      FOREIGN KEY (authority_id, criterion_id) REFERENCES call_off_criterion(authority_id, id),
      FOREIGN KEY (authority_id, call_off_id) REFERENCES call_off(authority_id, id)
    )`.execute(db);
  await protect(db, 'call_off_response_answer');
  await policy(db, 'call_off_response_answer', 'call_off_response_answer_authority_reads_after_deadline', 'SELECT', {
    using: `authority_id = ${MY_AUTHORITY} AND ${UNSEALED('call_off_response_answer')}`,
  });
  await policy(db, 'call_off_response_answer', 'call_off_response_answer_provider_reads_own', 'SELECT', {
    using: `EXISTS (SELECT 1 FROM call_off_response r WHERE r.authority_id = call_off_response_answer.authority_id AND r.id = call_off_response_answer.response_id AND r.provider_id = ${MY_PROVIDER})`,
  });
  // Only with the response it belongs to: in the transaction that made it (the provider's insert policy checked the deadline).
  await policy(db, 'call_off_response_answer', 'call_off_response_answer_provider_answers', 'INSERT', {
    check: `EXISTS (SELECT 1 FROM call_off_response r WHERE r.authority_id = call_off_response_answer.authority_id AND r.id = call_off_response_answer.response_id
      AND r.call_off_id = call_off_response_answer.call_off_id AND r.provider_id = ${MY_PROVIDER} AND r.source = 'provider' AND r.submitted_at = transaction_timestamp())`,
  });
  await grant(db, 'call_off_response_answer', 'SELECT, INSERT');
}

async function outcomes(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE call_off_outcome (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      call_off_id uuid NOT NULL,
      provider_id uuid NOT NULL REFERENCES provider(id),
      response_id uuid NOT NULL,
      rank integer CHECK (rank >= 1),
      total_points numeric(6,2),
      successful boolean NOT NULL,
      points jsonb NOT NULL DEFAULT '[]',
      feedback text CHECK (length(feedback) <= 4000),
      contract_reference text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (call_off_id, provider_id),
      FOREIGN KEY (authority_id, call_off_id) REFERENCES call_off(authority_id, id),
      FOREIGN KEY (authority_id, response_id) REFERENCES call_off_response(authority_id, id)
    )`.execute(db);
  await authorityPrivateTable(db, 'call_off_outcome', 'SELECT, INSERT');
  await policy(db, 'call_off_outcome', 'call_off_outcome_provider_reads_own_after_award', 'SELECT', {
    using: `provider_id = ${MY_PROVIDER} AND EXISTS (SELECT 1 FROM call_off c WHERE c.authority_id = call_off_outcome.authority_id AND c.id = call_off_outcome.call_off_id AND c.status = 'awarded')`,
  });
}

async function receivedCount(db: Kysely<any>): Promise<void> {
  // The function runs as the owner, which row-level security binds too: this policy lets it count the responses of
  // the authority the transaction acts for, and nothing else reads call_off_response as the owner.
  await sql`CREATE POLICY call_off_response_owner_counts ON call_off_response FOR SELECT TO ${OWNER}
    USING (authority_id = ${sql.raw(MY_AUTHORITY)})`.execute(db);
  await sql`
    CREATE FUNCTION call_off_responses_received(p_call_off_id uuid) RETURNS integer
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT count(DISTINCT r.provider_id)::integer FROM call_off_response r
        WHERE r.call_off_id = p_call_off_id AND r.authority_id = current_setting('app.authority_id', true) $$`.execute(db);
  await sql`ALTER FUNCTION call_off_responses_received(uuid) OWNER TO ${OWNER}`.execute(db);
  await sql`REVOKE ALL ON FUNCTION call_off_responses_received(uuid) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION call_off_responses_received(uuid) TO ${sql.id(APP_ROLE)}`.execute(db);
}
