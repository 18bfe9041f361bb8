import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/**
 * The call-off family's policies without a subquery (issue 15, infra/scale-out.md "Call-offs (0061)"). Citus refuses
 * any policy with a subquery on a table it manages; eight policies of call_off, call_off_criterion, call_off_outcome,
 * call_off_response and call_off_response_answer asked call_off_invitation, call_off or call_off_response. Each row now
 * carries the facts its policies need, copied from the call-off (and, for an answer, its response) and kept exactly by
 * triggers, and the policies read only the row and the settings:
 *   call_off.invited_provider_ids                       the providers of its invitations
 *   call_off_criterion.call_off_invited_provider_ids    its call-off's invited_provider_ids
 *   call_off_response.call_off_status, call_off_response_deadline_at, call_off_invited_provider_ids
 *   call_off_outcome.call_off_status, call_off_awarded_provider_id, call_off_invited_provider_ids
 *   call_off_response_answer.call_off_response_deadline_at (of its call_off_id), response_call_off_id,
 *     response_provider_id, response_source, response_submitted_at (of its response)
 * Time stays an expression: "the deadline has passed" is `deadline <= transaction_timestamp()` over the copied column.
 *
 * A subquery in a policy runs under the other table's policies for the role that asks, so what it could see counts.
 * Every policy here is TO the application role. Each new condition admits the same rows:
 * - call_off_invited_provider_reads: `EXISTS invitation inv WHERE inv.call_off_id = call_off.id AND inv.provider_id =
 *   app_provider_id()` AND app_provider_verified(). Given verified, the asker sees its own invitations
 *   (call_off_invitation_invited_provider_reads), so: `app_provider_id() = ANY (invited_provider_ids) AND
 *   app_provider_verified()`. One narrowing: the old subquery matched the call-off id alone, the list holds the
 *   invitations of this call-off, (authority_id, id). They differ only if two authorities' call-offs share an id:
 *   ids are gen_random_uuid() defaults, no procedure supplies one, and an invitation's key names its own authority's
 *   call-off; then a provider invited to one no longer sees the other. The same holds below wherever "invited" appears.
 * - call_off_criterion_invited_provider_reads: the same, by the criterion's call_off_id.
 * - call_off_outcome_provider_reads_own_after_award: `provider_id = app_provider_id() AND EXISTS call_off c (its
 *   authority and id) WITH c.status = 'awarded'`, the call-off seen under call_off's three application-role policies
 *   (own authority; awarded to the verified asker; the verified asker invited), so: `provider_id = app_provider_id()
 *   AND call_off_status = 'awarded' AND (authority_id = app.authority_id OR app_provider_verified() AND
 *   (app_provider_id() = ANY (call_off_invited_provider_ids) OR call_off_awarded_provider_id = app_provider_id()))`
 *   (the outcome's authority_id is its call-off's: the key). A respondent uninvited or no longer verified still does not
 *   read it.
 * - call_off_response_authority_reads_after_deadline and call_off_response_answer_authority_reads_after_deadline:
 *   `authority_id = app.authority_id AND EXISTS call_off c (its authority and id) WITH deadline null or passed`. The
 *   authority sees its own call-offs, and the key says the call-off exists, so: `authority_id = app.authority_id AND
 *   (call_off_response_deadline_at IS NULL OR call_off_response_deadline_at <= transaction_timestamp())`.
 * - call_off_response_provider_submits (INSERT): own provider, source 'provider', verified, invited, the call-off
 *   'inviting' with its deadline in the future. Given verified and invited, the asker sees the invitation and the
 *   call-off, so the same conjunction over the copied status, deadline and invited list, which the BEFORE INSERT
 *   trigger fills from the call-off before WITH CHECK is evaluated (row triggers run before the policy's check).
 * - call_off_response_answer_provider_reads_own: `EXISTS call_off_response r (its authority and id) WITH r.provider_id =
 *   app_provider_id()`: the asker sees its own responses (call_off_response_provider_reads_own), so
 *   `response_provider_id = app_provider_id()`.
 * - call_off_response_answer_provider_answers (INSERT): the same response, also `r.call_off_id = call_off_id AND
 *   r.source = 'provider' AND r.submitted_at = transaction_timestamp()`: the same over the copied response facts.
 *
 * Keeping the copies. concord_call_off_copies, BEFORE INSERT (and BEFORE UPDATE of the keys) of the four child
 * tables, copies from the call-off row it locks FOR SHARE (and from the response), and gives a new call-off the
 * providers of its invitations (none can exist yet); whatever the inserter wrote there is replaced.
 * concord_keep_call_off_copies, AFTER a change of call_off_invitation (insert, delete, update of its keys), locks the
 * call-off FOR NO KEY UPDATE and rewrites invited_provider_ids from its invitations in a new statement (two
 * invitations added at once both land), and AFTER an update of call_off's status, deadline, awarded provider or
 * invited list, writes them to its criteria, responses, outcomes and answers. A child inserted while its call-off
 * changes either waits for the change (the FOR SHARE lock) and copies the new values, or makes the change wait and is
 * then found by its new statement. A response is never updated (no UPDATE grant to the application role, no owner
 * policy but the copies'), so an answer's copies of it stay equal. The rewrite of the invited list does not bump the
 * call-off's row_version (its trigger now skips an update that changes invited_provider_ids, which only the keeper can).
 * Both functions are SECURITY DEFINER as the owner, which forced row-level security binds: owner policies let it read
 * and update the rows of the one authority named in app.call_off_copies, only from within a trigger.
 *
 * The application role may not read or update the copies (a provider reading a call-off must not learn who else is
 * invited, nor a call-off's later status through its own response): its SELECT on the five tables, and UPDATE on
 * call_off and call_off_criterion, become column privileges on the columns it had; the readers that said selectAll()
 * name their columns (CALL_OFF_COLUMNS etc., @concord/db). Its INSERT stays table-wide (Citus names every column to a
 * shard, 0057): the triggers overwrite the copies.
 *
 * Same on PGlite, PostgreSQL and Citus: the call-off tables stay coordinator tables. Distributed by authority_id
 * (co-located, every key names authority_id) the triggers would run on the worker: each reads and writes only rows of
 * the same authority, so of the same shard group, but a trigger's statement on another distributed table is there a
 * nested distributed query, refused in a transaction that has written. Still needed then: Citus's
 * citus.enable_unsafe_triggers with the keeper's writes done by the coordinator (e.g. from the procedures, or one
 * trigger per shard reading shard-local names), and the owner's SECURITY DEFINER functions reaching the worker.
 */
const SCOPE = `authority_id = current_setting('app.call_off_copies', true) AND pg_trigger_depth() > 0`;
/** The copies each table gains, with their types. */
const COPIES: Record<string, [string, string][]> = {
  call_off: [['invited_provider_ids', `uuid[] NOT NULL DEFAULT '{}'`]],
  call_off_criterion: [['call_off_invited_provider_ids', `uuid[] NOT NULL DEFAULT '{}'`]],
  call_off_response: [
    ['call_off_status', 'text'],
    ['call_off_response_deadline_at', 'timestamptz'],
    ['call_off_invited_provider_ids', `uuid[] NOT NULL DEFAULT '{}'`],
  ],
  call_off_outcome: [
    ['call_off_status', 'text'],
    ['call_off_awarded_provider_id', 'uuid'],
    ['call_off_invited_provider_ids', `uuid[] NOT NULL DEFAULT '{}'`],
  ],
  call_off_response_answer: [
    ['call_off_response_deadline_at', 'timestamptz'],
    ['response_call_off_id', 'uuid'],
    ['response_provider_id', 'uuid'],
    ['response_source', 'text'],
    ['response_submitted_at', 'timestamptz'],
  ],
};
const TABLES = Object.keys(COPIES);
const CHILDREN = TABLES.filter((t) => t !== 'call_off');
/** The application role's UPDATE grant (the other three it may not update). */
const UPDATED = ['call_off', 'call_off_criterion'];

const MY_AUTHORITY = `current_setting('app.authority_id', true)`;
const UNSEALED = `${MY_AUTHORITY} = authority_id AND (call_off_response_deadline_at IS NULL OR call_off_response_deadline_at <= transaction_timestamp())`;
const INVITED = `app_provider_id() = ANY (call_off_invited_provider_ids)`;
const POLICIES: { table: string; name: string; using?: string; check?: string }[] = [
  { table: 'call_off', name: 'call_off_invited_provider_reads', using: `app_provider_id() = ANY (invited_provider_ids) AND app_provider_verified()` },
  { table: 'call_off_criterion', name: 'call_off_criterion_invited_provider_reads', using: `${INVITED} AND app_provider_verified()` },
  {
    table: 'call_off_outcome',
    name: 'call_off_outcome_provider_reads_own_after_award',
    using: `provider_id = app_provider_id() AND call_off_status = 'awarded' AND (authority_id = ${MY_AUTHORITY}
      OR app_provider_verified() AND (${INVITED} OR call_off_awarded_provider_id = app_provider_id()))`,
  },
  { table: 'call_off_response', name: 'call_off_response_authority_reads_after_deadline', using: UNSEALED },
  {
    table: 'call_off_response',
    name: 'call_off_response_provider_submits',
    check: `provider_id = app_provider_id() AND source = 'provider' AND app_provider_verified() AND ${INVITED}
      AND call_off_status = 'inviting' AND call_off_response_deadline_at > transaction_timestamp()`,
  },
  { table: 'call_off_response_answer', name: 'call_off_response_answer_authority_reads_after_deadline', using: UNSEALED },
  { table: 'call_off_response_answer', name: 'call_off_response_answer_provider_reads_own', using: `response_provider_id = app_provider_id()` },
  {
    table: 'call_off_response_answer',
    name: 'call_off_response_answer_provider_answers',
    check: `response_call_off_id = call_off_id AND response_provider_id = app_provider_id() AND response_source = 'provider'
      AND response_submitted_at = transaction_timestamp()`,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const OWNER = sql.id(OWNER_ROLE);
  const APP = sql.id(APP_ROLE);
  const had: Record<string, string[]> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ name: string }>`SELECT attname AS name FROM pg_attribute
      WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`.execute(db);
    had[table] = rows.map((r) => r.name);
    const columns = COPIES[table]!.map(([name, type]) => sql`ADD COLUMN ${sql.id(name)} ${sql.raw(type)}`);
    await sql`ALTER TABLE ${sql.id(table)} ${sql.join(columns)}`.execute(db);
  }

  for (const table of TABLES) {
    await sql`CREATE POLICY ${sql.id(`${table}_call_off_copies_read`)} ON ${sql.id(table)} FOR SELECT TO ${OWNER} USING (${sql.raw(SCOPE)})`.execute(db);
    await sql`CREATE POLICY ${sql.id(`${table}_call_off_copies_kept`)} ON ${sql.id(table)} FOR UPDATE TO ${OWNER}
      USING (${sql.raw(SCOPE)}) WITH CHECK (${sql.raw(SCOPE)})`.execute(db);
  }
  await sql`CREATE POLICY call_off_invitation_call_off_copies_read ON call_off_invitation FOR SELECT TO ${OWNER} USING (${sql.raw(SCOPE)})`.execute(db);

  await copiesFunction(db);
  await keeperFunction(db);
  for (const name of ['concord_call_off_copies', 'concord_keep_call_off_copies']) {
    await sql`ALTER FUNCTION ${sql.id(name)}() OWNER TO ${OWNER}`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.id(name)}() FROM PUBLIC`.execute(db);
  }

  // The rewrite of the invited list is not an edit of the call-off: its version stays.
  await sql`DROP TRIGGER call_off_row_version ON call_off`.execute(db);
  await sql`CREATE TRIGGER call_off_row_version BEFORE INSERT ON call_off FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
  await sql`CREATE TRIGGER call_off_row_version_update BEFORE UPDATE ON call_off FOR EACH ROW
    WHEN (OLD.invited_provider_ids IS NOT DISTINCT FROM NEW.invited_provider_ids) EXECUTE FUNCTION stamp_row_version()`.execute(db);

  // The backfill reads and writes every row: the tables force row-level security on their owner too, for these statements only.
  const ALL = [...TABLES, 'call_off_invitation'];
  for (const table of ALL) await sql`ALTER TABLE ${sql.id(table)} NO FORCE ROW LEVEL SECURITY`.execute(db);
  await backfill(db);
  for (const table of ALL) await sql`ALTER TABLE ${sql.id(table)} FORCE ROW LEVEL SECURITY`.execute(db);

  await sql`CREATE TRIGGER call_off_copies BEFORE INSERT ON call_off FOR EACH ROW EXECUTE FUNCTION concord_call_off_copies()`.execute(db);
  for (const table of CHILDREN) {
    const keys = table === 'call_off_response_answer' ? 'authority_id, call_off_id, response_id' : 'authority_id, call_off_id';
    await sql`CREATE TRIGGER ${sql.id(`${table}_copies`)} BEFORE INSERT OR UPDATE OF ${sql.raw(keys)} ON ${sql.id(table)}
      FOR EACH ROW EXECUTE FUNCTION concord_call_off_copies()`.execute(db);
  }
  await sql`CREATE TRIGGER call_off_invitation_keeps_copies AFTER INSERT OR DELETE OR UPDATE OF authority_id, call_off_id, provider_id
    ON call_off_invitation FOR EACH ROW EXECUTE FUNCTION concord_keep_call_off_copies()`.execute(db);
  await sql`CREATE TRIGGER call_off_keeps_copies AFTER UPDATE OF status, response_deadline_at, awarded_provider_id, invited_provider_ids ON call_off
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.response_deadline_at IS DISTINCT FROM NEW.response_deadline_at
      OR OLD.awarded_provider_id IS DISTINCT FROM NEW.awarded_provider_id OR OLD.invited_provider_ids IS DISTINCT FROM NEW.invited_provider_ids)
    EXECUTE FUNCTION concord_keep_call_off_copies()`.execute(db);

  for (const p of POLICIES) {
    const using = p.using === undefined ? sql`` : sql` USING (${sql.raw(p.using)})`;
    const check = p.check === undefined ? sql`` : sql` WITH CHECK (${sql.raw(p.check)})`;
    await sql`ALTER POLICY ${sql.id(p.name)} ON ${sql.id(p.table)}${using}${check}`.execute(db);
  }

  // The application role keeps what it had, column by column, and gets nothing of the copies.
  for (const table of TABLES) {
    const columns = sql.join(had[table]!.map((c) => sql.id(c)));
    await sql`REVOKE SELECT ON ${sql.id(table)} FROM ${APP}`.execute(db);
    await sql`GRANT SELECT (${columns}) ON ${sql.id(table)} TO ${APP}`.execute(db);
    if (!UPDATED.includes(table)) continue;
    await sql`REVOKE UPDATE ON ${sql.id(table)} FROM ${APP}`.execute(db);
    await sql`GRANT UPDATE (${columns}) ON ${sql.id(table)} TO ${APP}`.execute(db);
  }
}

/** BEFORE INSERT (and update of the keys): the row's copies from its call-off (locked) and, for an answer, its response. */
async function copiesFunction(db: Kysely<any>): Promise<void> {
  // plpgsql: its body is not checked against tables when created.
  await sql`
    CREATE FUNCTION concord_call_off_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.call_off_copies', true), '');
      c_status text;
      c_deadline timestamptz;
      c_awarded uuid;
      c_invited uuid[];
    BEGIN
      PERFORM set_config('app.call_off_copies', NEW.authority_id, true);
      IF TG_TABLE_NAME = 'call_off' THEN
        NEW.invited_provider_ids := ARRAY(SELECT DISTINCT i.provider_id FROM call_off_invitation i
          WHERE i.authority_id = NEW.authority_id AND i.call_off_id = NEW.id ORDER BY 1);
      ELSE
        SELECT c.status, c.response_deadline_at, c.awarded_provider_id, c.invited_provider_ids INTO c_status, c_deadline, c_awarded, c_invited
          FROM call_off c WHERE c.authority_id = NEW.authority_id AND c.id = NEW.call_off_id FOR SHARE;
        IF TG_TABLE_NAME = 'call_off_criterion' THEN
          NEW.call_off_invited_provider_ids := coalesce(c_invited, '{}');
        ELSIF TG_TABLE_NAME = 'call_off_response' THEN
          NEW.call_off_status := c_status;
          NEW.call_off_response_deadline_at := c_deadline;
          NEW.call_off_invited_provider_ids := coalesce(c_invited, '{}');
        ELSIF TG_TABLE_NAME = 'call_off_outcome' THEN
          NEW.call_off_status := c_status;
          NEW.call_off_awarded_provider_id := c_awarded;
          NEW.call_off_invited_provider_ids := coalesce(c_invited, '{}');
        ELSE
          NEW.call_off_response_deadline_at := c_deadline;
          SELECT r.call_off_id, r.provider_id, r.source, r.submitted_at
            INTO NEW.response_call_off_id, NEW.response_provider_id, NEW.response_source, NEW.response_submitted_at
            FROM call_off_response r WHERE r.authority_id = NEW.authority_id AND r.id = NEW.response_id;
        END IF;
      END IF;
      PERFORM set_config('app.call_off_copies', scope, true);
      RETURN NEW;
    END $$`.execute(db);
}

/** AFTER a change of invitations (the call-off's list) or of the call-off (its children's copies). */
async function keeperFunction(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION concord_keep_call_off_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.call_off_copies', true), '');
      k record;
    BEGIN
      IF TG_TABLE_NAME = 'call_off_invitation' THEN
        FOR k IN SELECT DISTINCT x.a, x.c FROM (VALUES (OLD.authority_id, OLD.call_off_id), (NEW.authority_id, NEW.call_off_id)) x(a, c)
          WHERE x.a IS NOT NULL LOOP
          PERFORM set_config('app.call_off_copies', k.a, true);
          PERFORM 1 FROM call_off c WHERE c.authority_id = k.a AND c.id = k.c FOR NO KEY UPDATE;
          UPDATE call_off c SET invited_provider_ids = l.ids
            FROM (SELECT ARRAY(SELECT DISTINCT i.provider_id FROM call_off_invitation i WHERE i.authority_id = k.a AND i.call_off_id = k.c ORDER BY 1) AS ids) l
            WHERE c.authority_id = k.a AND c.id = k.c AND c.invited_provider_ids IS DISTINCT FROM l.ids;
        END LOOP;
      ELSE
        PERFORM set_config('app.call_off_copies', NEW.authority_id, true);
        UPDATE call_off_criterion x SET call_off_invited_provider_ids = NEW.invited_provider_ids
          WHERE x.authority_id = NEW.authority_id AND x.call_off_id = NEW.id AND x.call_off_invited_provider_ids IS DISTINCT FROM NEW.invited_provider_ids;
        UPDATE call_off_response x SET call_off_status = NEW.status, call_off_response_deadline_at = NEW.response_deadline_at,
            call_off_invited_provider_ids = NEW.invited_provider_ids
          WHERE x.authority_id = NEW.authority_id AND x.call_off_id = NEW.id;
        UPDATE call_off_outcome x SET call_off_status = NEW.status, call_off_awarded_provider_id = NEW.awarded_provider_id,
            call_off_invited_provider_ids = NEW.invited_provider_ids
          WHERE x.authority_id = NEW.authority_id AND x.call_off_id = NEW.id;
        UPDATE call_off_response_answer x SET call_off_response_deadline_at = NEW.response_deadline_at
          WHERE x.authority_id = NEW.authority_id AND x.call_off_id = NEW.id AND x.call_off_response_deadline_at IS DISTINCT FROM NEW.response_deadline_at;
      END IF;
      PERFORM set_config('app.call_off_copies', scope, true);
      RETURN NULL;
    END $$`.execute(db);
}

/** Every existing row's copies, as the triggers would have kept them. */
async function backfill(db: Kysely<any>): Promise<void> {
  // Only where there are invitations: an update that leaves the list as it is would stamp a new row_version.
  await sql`UPDATE call_off c SET invited_provider_ids = l.ids
    FROM (SELECT i.authority_id, i.call_off_id, array_agg(DISTINCT i.provider_id ORDER BY i.provider_id) AS ids
      FROM call_off_invitation i GROUP BY 1, 2) l
    WHERE l.authority_id = c.authority_id AND l.call_off_id = c.id`.execute(db);
  await sql`UPDATE call_off_criterion x SET call_off_invited_provider_ids = c.invited_provider_ids
    FROM call_off c WHERE c.authority_id = x.authority_id AND c.id = x.call_off_id`.execute(db);
  await sql`UPDATE call_off_response x SET call_off_status = c.status, call_off_response_deadline_at = c.response_deadline_at,
      call_off_invited_provider_ids = c.invited_provider_ids
    FROM call_off c WHERE c.authority_id = x.authority_id AND c.id = x.call_off_id`.execute(db);
  await sql`UPDATE call_off_outcome x SET call_off_status = c.status, call_off_awarded_provider_id = c.awarded_provider_id,
      call_off_invited_provider_ids = c.invited_provider_ids
    FROM call_off c WHERE c.authority_id = x.authority_id AND c.id = x.call_off_id`.execute(db);
  await sql`UPDATE call_off_response_answer x SET call_off_response_deadline_at = c.response_deadline_at
    FROM call_off c WHERE c.authority_id = x.authority_id AND c.id = x.call_off_id`.execute(db);
  await sql`UPDATE call_off_response_answer x SET response_call_off_id = r.call_off_id, response_provider_id = r.provider_id,
      response_source = r.source, response_submitted_at = r.submitted_at
    FROM call_off_response r WHERE r.authority_id = x.authority_id AND r.id = x.response_id`.execute(db);
}
