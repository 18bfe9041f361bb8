import { sql, type Kysely } from 'kysely';
import { OWNER_ROLE } from '../roles.ts';
import { alterPolicies, columnsOf, grantOnlyColumns, ownedByOwner, ownerCopyPolicies, withoutForcedSecurity } from './copies.ts';

/**
 * The policies of the tables an application owns without a subquery (issue 15, infra/scale-out.md). Citus refuses any
 * policy with a subquery on a table it manages; five policies of application_lot, evaluation_score, gateway_answer and
 * moderated_score asked application (and, for a lot, lot). Each row now carries the facts of its application the
 * policies need, copied and kept exactly by triggers, and the policies read only the row and the settings:
 *   application_provider_id, application_submitted_at, application_status   on all four tables
 *   application_procurement_id                                               on application_lot, held to its lot by a key
 *
 * A subquery in a policy runs under the other table's policies for the role that asks, so what it could see counts.
 * Every policy here is TO the application role, and each asked `application_id IN (SELECT a.id FROM application a
 * WHERE a.provider_id = app_provider_id() AND a.submitted_at IS NOT NULL AND …)`. Such an application is one the asker
 * sees (application_provider_reads_own: own and submitted), so nothing the asker could not see was ever counted. The
 * subquery matched the application's id alone; application.id is unique (application_id_key) and the child's key
 * (authority_id, application_id) → application names that same application, so the copies of the one application the
 * key names are exactly what the subquery found. `app_provider_id() IS NOT NULL` is implied by `application_provider_id
 * = app_provider_id()` (a comparison with NULL is not true). Each new condition admits the same rows, no narrowing:
 * - application_lot_provider_reads_own: `application_provider_id = app_provider_id() AND application_submitted_at IS
 *   NOT NULL`.
 * - evaluation_score_, gateway_answer_, moderated_score_provider_reads_own_decided: the same AND `application_status IN
 *   ('admitted', 'rejected')`.
 * - application_lot_submitted_by_provider (INSERT): the application own, 'received' and submitted (the same over the
 *   copies, which the BEFORE INSERT trigger fills before WITH CHECK is evaluated: row triggers run before the policy's
 *   check), AND `a.procurement_id = (SELECT l.procurement_id FROM lot l WHERE l.id = lot_id)`, the lot seen under lot's
 *   policies. Given the rest, the lot's procurement is the asker's own submitted application's, which the asker sees
 *   (procurement_open_to_providers: `id IN` the procurements of its own submitted applications), so lot_open_to_providers
 *   shows it the lot: the old condition was "the lot's procurement is the application's", seen or not. That is now a
 *   key: application_procurement_id (the application's procurement, copied by the trigger) with lot_id references lot
 *   (authority_id, procurement_id, id), so a lot of another procurement is refused to every writer (23503, where the
 *   provider had 42501). The key also binds the authority's own writer (application/commands.ts recordApplication),
 *   which already refuses lots of another procurement ('Choose lots of this procurement'); every existing row is checked
 *   as the key is added. The copy is NULL only when no application has the row's key, which that key refuses.
 *
 * Keeping the copies. concord_application_copies, BEFORE INSERT (and BEFORE UPDATE of authority_id, application_id) of
 * the four tables, copies from the application row it locks FOR SHARE; whatever the inserter wrote there is replaced.
 * concord_keep_application_copies, AFTER an update of application's provider_id, submitted_at, status or procurement_id
 * (trigger application_keeps_owned_copies), writes them to the application's lots, gateway answers and scores. A child
 * inserted while its application changes either waits for the change (the FOR SHARE lock) and copies the new values, or
 * makes the change wait and is then found by it. The keeper's writes do not bump evaluation_score's and moderated_score's
 * row_version: their trigger now skips an update that changes the copies and not the key (only the keeper can). Both
 * functions are SECURITY DEFINER as the owner, which forced row-level security binds: owner policies let it read (and
 * lock) the applications and update the rows of the one authority named in app.application_copies, only from within a
 * trigger; the owner's UPDATE policy on application has WITH CHECK (false): it locks, it never writes.
 *
 * The application role may not read or update the copies (a provider must not learn an application's later status
 * through a row it may not yet read; nothing needs them but the policies): its SELECT and UPDATE on the four tables
 * become column privileges on the columns it had; the one reader that said selectAll() names its columns. Its INSERT
 * stays table-wide (Citus names every column to a shard, 0057): the trigger overwrites the copies.
 *
 * Same on PGlite, PostgreSQL and Citus: these tables stay coordinator tables.
 */
const SCOPE = `authority_id = current_setting('app.application_copies', true) AND pg_trigger_depth() > 0`;
const TABLES = ['application_lot', 'evaluation_score', 'gateway_answer', 'moderated_score'] as const;
const COPIES: [string, string][] = [
  ['application_provider_id', 'uuid'],
  ['application_submitted_at', 'timestamptz'],
  ['application_status', 'text'],
];
/** The tables with a row_version stamped on every update. */
const VERSIONED = ['evaluation_score', 'moderated_score'];

const OWN_SUBMITTED = `application_provider_id = app_provider_id() AND application_submitted_at IS NOT NULL`;
const DECIDED = `${OWN_SUBMITTED} AND application_status = ANY (ARRAY['admitted', 'rejected'])`;
const POLICIES: { table: string; name: string; using?: string; check?: string }[] = [
  { table: 'application_lot', name: 'application_lot_provider_reads_own', using: OWN_SUBMITTED },
  { table: 'application_lot', name: 'application_lot_submitted_by_provider', check: `${OWN_SUBMITTED} AND application_status = 'received'` },
  { table: 'evaluation_score', name: 'evaluation_score_provider_reads_own_decided', using: DECIDED },
  { table: 'gateway_answer', name: 'gateway_answer_provider_reads_own_decided', using: DECIDED },
  { table: 'moderated_score', name: 'moderated_score_provider_reads_own_decided', using: DECIDED },
];

export async function up(db: Kysely<any>): Promise<void> {
  const OWNER = sql.id(OWNER_ROLE);
  const had: Record<string, string[]> = {};
  for (const table of TABLES) {
    had[table] = await columnsOf(db, table);
    const copies: [string, string][] = table === 'application_lot' ? [...COPIES, ['application_procurement_id', 'uuid']] : COPIES;
    await sql`ALTER TABLE ${sql.id(table)} ${sql.join(copies.map(([name, type]) => sql`ADD COLUMN ${sql.id(name)} ${sql.raw(type)}`))}`.execute(db);
    await ownerCopyPolicies(db, table, 'application', SCOPE);
  }
  await sql`CREATE POLICY application_owned_copies_read ON application FOR SELECT TO ${OWNER} USING (${sql.raw(SCOPE)})`.execute(db);
  await sql`CREATE POLICY application_owned_copies_locked ON application FOR UPDATE TO ${OWNER} USING (${sql.raw(SCOPE)}) WITH CHECK (false)`.execute(db);

  await copiesFunction(db);
  await keeperFunction(db);
  await ownedByOwner(db, ['concord_application_copies', 'concord_keep_application_copies']);

  // The keeper's writes are not edits of a score: its version stays (a change of the key still stamps it).
  for (const table of VERSIONED) {
    await sql`DROP TRIGGER ${sql.id(`${table}_row_version`)} ON ${sql.id(table)}`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_row_version`)} BEFORE INSERT ON ${sql.id(table)} FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_row_version_update`)} BEFORE UPDATE ON ${sql.id(table)} FOR EACH ROW
      WHEN ((OLD.application_provider_id, OLD.application_submitted_at, OLD.application_status)
          IS NOT DISTINCT FROM (NEW.application_provider_id, NEW.application_submitted_at, NEW.application_status)
        OR (OLD.authority_id, OLD.application_id) IS DISTINCT FROM (NEW.authority_id, NEW.application_id))
      EXECUTE FUNCTION stamp_row_version()`.execute(db);
  }

  // The backfill reads and writes every row: the tables force row-level security on their owner too, for these statements only.
  await withoutForcedSecurity(db, [...TABLES, 'application'], async () => {
    for (const table of TABLES) {
      const procurement = table === 'application_lot' ? sql`, application_procurement_id = a.procurement_id` : sql``;
      await sql`UPDATE ${sql.id(table)} x SET application_provider_id = a.provider_id, application_submitted_at = a.submitted_at,
          application_status = a.status${procurement}
        FROM application a WHERE a.authority_id = x.authority_id AND a.id = x.application_id`.execute(db);
    }
  });

  await sql`ALTER TABLE lot ADD CONSTRAINT lot_authority_id_procurement_id_id_key UNIQUE (authority_id, procurement_id, id)`.execute(db);
  await sql`ALTER TABLE application_lot ADD CONSTRAINT application_lot_lot_of_application_procurement_fkey
    FOREIGN KEY (authority_id, application_procurement_id, lot_id) REFERENCES lot (authority_id, procurement_id, id)`.execute(db);

  for (const table of TABLES) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_application_copies`)} BEFORE INSERT OR UPDATE OF authority_id, application_id ON ${sql.id(table)}
      FOR EACH ROW EXECUTE FUNCTION concord_application_copies()`.execute(db);
  }
  await sql`CREATE TRIGGER application_keeps_owned_copies AFTER UPDATE OF provider_id, submitted_at, status, procurement_id ON application
    FOR EACH ROW WHEN ((OLD.provider_id, OLD.submitted_at, OLD.status, OLD.procurement_id)
      IS DISTINCT FROM (NEW.provider_id, NEW.submitted_at, NEW.status, NEW.procurement_id))
    EXECUTE FUNCTION concord_keep_application_copies()`.execute(db);

  await alterPolicies(db, POLICIES);

  // The application role keeps what it had, column by column, and gets nothing of the copies.
  for (const table of TABLES) await grantOnlyColumns(db, table, had[table]!, ['SELECT', 'UPDATE']);
}

/** BEFORE INSERT (and update of the key): the row's copies from its application, locked. */
async function copiesFunction(db: Kysely<any>): Promise<void> {
  // plpgsql: its body is not checked against tables when created.
  await sql`
    CREATE FUNCTION concord_application_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.application_copies', true), '');
      a record;
    BEGIN
      PERFORM set_config('app.application_copies', NEW.authority_id, true);
      SELECT x.provider_id, x.submitted_at, x.status, x.procurement_id INTO a
        FROM application x WHERE x.authority_id = NEW.authority_id AND x.id = NEW.application_id FOR SHARE;
      NEW.application_provider_id := a.provider_id;
      NEW.application_submitted_at := a.submitted_at;
      NEW.application_status := a.status;
      IF TG_TABLE_NAME = 'application_lot' THEN
        NEW.application_procurement_id := a.procurement_id;
      END IF;
      PERFORM set_config('app.application_copies', scope, true);
      RETURN NEW;
    END $$`.execute(db);
}

/** AFTER an update of the application's facts: its lots', gateway answers' and scores' copies. */
async function keeperFunction(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION concord_keep_application_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.application_copies', true), '');
    BEGIN
      PERFORM set_config('app.application_copies', NEW.authority_id, true);
      UPDATE application_lot x SET application_provider_id = NEW.provider_id, application_submitted_at = NEW.submitted_at,
          application_status = NEW.status, application_procurement_id = NEW.procurement_id
        WHERE x.authority_id = NEW.authority_id AND x.application_id = NEW.id
          AND (x.application_provider_id, x.application_submitted_at, x.application_status, x.application_procurement_id)
            IS DISTINCT FROM (NEW.provider_id, NEW.submitted_at, NEW.status, NEW.procurement_id);
      UPDATE evaluation_score x SET application_provider_id = NEW.provider_id, application_submitted_at = NEW.submitted_at,
          application_status = NEW.status
        WHERE x.authority_id = NEW.authority_id AND x.application_id = NEW.id
          AND (x.application_provider_id, x.application_submitted_at, x.application_status) IS DISTINCT FROM (NEW.provider_id, NEW.submitted_at, NEW.status);
      UPDATE gateway_answer x SET application_provider_id = NEW.provider_id, application_submitted_at = NEW.submitted_at,
          application_status = NEW.status
        WHERE x.authority_id = NEW.authority_id AND x.application_id = NEW.id
          AND (x.application_provider_id, x.application_submitted_at, x.application_status) IS DISTINCT FROM (NEW.provider_id, NEW.submitted_at, NEW.status);
      UPDATE moderated_score x SET application_provider_id = NEW.provider_id, application_submitted_at = NEW.submitted_at,
          application_status = NEW.status
        WHERE x.authority_id = NEW.authority_id AND x.application_id = NEW.id
          AND (x.application_provider_id, x.application_submitted_at, x.application_status) IS DISTINCT FROM (NEW.provider_id, NEW.submitted_at, NEW.status);
      PERFORM set_config('app.application_copies', scope, true);
      RETURN NULL;
    END $$`.execute(db);
}
