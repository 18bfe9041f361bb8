import { sql, type Kysely } from 'kysely';
import { OWNER_ROLE } from '../roles.ts';
import { alterPolicies, columnsOf, grantOnlyColumns, ownedByOwner, ownerCopyPolicies, withoutForcedSecurity } from './copies.ts';

/**
 * The partnership family's policies call no function that reads a table (issue 15, infra/scale-out.md). A policy
 * calling a SQL function that reads another table is a subquery in disguise (PostgreSQL inlines it; on a Citus worker
 * the read is a nested distributed query, refused in a transaction that has written). Eight policies of
 * partnership_event, partnership_invitation, partnership_member and partnership_role called
 *   app_led_partnership_ids()     the partnerships whose lead_authority_id is app.authority_id (reads partnership)
 *   app_invited_partnership_ids() the partnerships with an 'invited' invitation to app.authority_id (reads
 *                                 partnership_invitation)
 * Both ran as the asker, the application role, and saw every row they asked for: partnership_lead_reads lets it read
 * the partnerships it leads, partnership_invitation_visible the invitations to it. Settings cannot answer them: within
 * one transaction a proposal inserts the partnership and then the lead's own member row, and a change of lead updates
 * the partnership and then writes its events (partnership.acceptLead); the answers must follow at once.
 *
 * The rows now carry the facts (A below is current_setting('app.authority_id', true)):
 *   partnership_lead_authority_id (all four tables) its partnership's lead_authority_id, kept by triggers, so
 *     `partnership_id = ANY (app_led_partnership_ids())` becomes `partnership_lead_authority_id = A`: partnership ids
 *     are its primary key, the copy is the lead of exactly that row. Null only while the partnership is missing, and
 *     then the foreign key refuses the row; a null A matched nothing before and matches nothing now.
 *     partnership_member_leaves' `NOT (… = ANY (app_led…))` (the array is never null) becomes `partnership_lead_authority_id
 *     IS DISTINCT FROM A`: with the copy present (the key) the same, also for a null A.
 *   partnership_invited (partnership_member, partnership_event) written BEFORE INSERT only: whether an invitation to
 *     the partnership with status 'invited' names A as invited_authority_id, the old question asked with the inserting
 *     statement's settings; the INSERT checks (partnership_member_joins, partnership_event_recorded) read it (row
 *     triggers run before WITH CHECK), so `partnership_id = ANY (app_invited_partnership_ids())` becomes
 *     `partnership_invited`. It means nothing after the insert, and no other policy reads it.
 * The policies are otherwise unchanged, term by term. The two functions stay (no policy calls them).
 *
 * Keeping the copies. concord_partnership_copies, BEFORE INSERT (and update of partnership_id) of the four tables,
 * locks the partnership FOR SHARE and copies its lead (and, when its TG_ARGV says 'invited', writes
 * partnership_invited; the invitation read takes no lock, as the old one took none); whatever the inserter wrote there
 * is replaced. concord_keep_partnership_copies, AFTER UPDATE OF lead_authority_id on partnership (a change of lead),
 * writes the new lead to the partnership's rows of the four tables: from the next statement the new lead reads and
 * writes as the lead, the old one no longer. A row inserted while its partnership's lead changes either waits for the
 * change (the FOR SHARE lock) and copies the new lead, or makes the change wait and is then found by the keeper's
 * update. The only procedures that write partnership update it before they write rows of the four tables, so the
 * FOR SHARE lock adds no lock-order inversion. Both functions are SECURITY DEFINER as the owner, which forced
 * row-level security binds: owner policies let them read (partnership: also lock, never update) and update the rows of
 * the one partnership named in app.partnership_copies, only from within a trigger. Same snapshot question: the
 * trigger's reads are in the same transaction as the insert, and see what it wrote before (the partnership just
 * proposed; a lead just changed).
 *
 * The application role may not read or update the copies: its SELECT and UPDATE become column privileges on the
 * columns it had (no reader here says selectAll() on these tables). Its INSERT stays table-wide (0057): the trigger
 * overwrites the copies. These tables are coordinator tables on Citus (0040/0053 distribute none of them).
 */
const TABLES = ['partnership_event', 'partnership_invitation', 'partnership_member', 'partnership_role'];
/** The tables whose INSERT check asks "I am invited" (their trigger gets TG_ARGV 'invited'). */
const INVITED = ['partnership_event', 'partnership_member'];
const SCOPE = (column: string) => `${column} = nullif(current_setting('app.partnership_copies', true), '')::uuid AND pg_trigger_depth() > 0`;
const A = `current_setting('app.authority_id', true)`;
const LED = `partnership_lead_authority_id = ${A}`;

const POLICIES: { table: string; name: string; using?: string; check?: string }[] = [
  {
    table: 'partnership_event',
    name: 'partnership_event_recorded',
    check: `authority_id = ${A} AND user_id = app_user_id() AND app_partnership_manager()
      AND (partnership_id = ANY (app_partnership_ids()) OR ${LED} OR partnership_invited)`,
  },
  {
    table: 'partnership_invitation',
    name: 'partnership_invitation_answered',
    using: `(invited_authority_id = ${A} OR ${LED}) AND app_partnership_manager()`,
    check: `(invited_authority_id = ${A} OR ${LED}) AND app_partnership_manager() AND responded_by = app_user_id()`,
  },
  {
    table: 'partnership_invitation',
    name: 'partnership_invitation_lead_invites',
    check: `authority_id = ${A} AND ${LED} AND app_partnership_manager() AND invited_by = app_user_id() AND status = 'invited'`,
  },
  { table: 'partnership_invitation', name: 'partnership_invitation_visible', using: `invited_authority_id = ${A} OR ${LED}` },
  {
    table: 'partnership_member',
    name: 'partnership_member_joins',
    check: `authority_id = ${A} AND app_partnership_manager() AND (${LED} OR partnership_invited) AND left_on IS NULL`,
  },
  {
    table: 'partnership_member',
    name: 'partnership_member_leaves',
    check: `authority_id = ${A} AND partnership_id = ANY (app_partnership_ids()) AND partnership_lead_authority_id IS DISTINCT FROM ${A}`,
  },
  {
    table: 'partnership_role',
    name: 'partnership_role_named',
    check: `authority_id = ${A} AND partnership_id = ANY (app_partnership_ids()) AND app_partnership_manager() AND (role = 'network_member' OR ${LED})`,
  },
  {
    table: 'partnership_role',
    name: 'partnership_role_removed',
    using: `authority_id = ${A} AND partnership_id = ANY (app_partnership_ids()) AND app_partnership_manager() AND (role = 'network_member' OR ${LED})`,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const OWNER = sql.id(OWNER_ROLE);
  const had: Record<string, string[]> = {};
  for (const table of TABLES) {
    had[table] = await columnsOf(db, table);
    const invited = INVITED.includes(table) ? sql`, ADD COLUMN partnership_invited boolean NOT NULL DEFAULT false` : sql``;
    await sql`ALTER TABLE ${sql.id(table)} ADD COLUMN partnership_lead_authority_id text${invited}`.execute(db);
  }

  // What the triggers read, lock and write: the one partnership named in app.partnership_copies, from within a trigger.
  await sql`CREATE POLICY partnership_copies_lock_read ON partnership FOR SELECT TO ${OWNER} USING (${sql.raw(SCOPE('id'))})`.execute(db);
  await sql`CREATE POLICY partnership_copies_lock ON partnership FOR UPDATE TO ${OWNER} USING (${sql.raw(SCOPE('id'))}) WITH CHECK (false)`.execute(db);
  for (const table of TABLES) await ownerCopyPolicies(db, table, 'partnership', SCOPE('partnership_id'));

  await copiesFunction(db);
  await keeperFunction(db);
  await ownedByOwner(db, ['concord_partnership_copies', 'concord_keep_partnership_copies']);

  // The backfill reads and writes every row: the tables force row-level security on their owner too, for this statement only.
  for (const table of TABLES) {
    await withoutForcedSecurity(db, [table], async () => {
      await sql`UPDATE ${sql.id(table)} x SET partnership_lead_authority_id = p.lead_authority_id FROM partnership p WHERE p.id = x.partnership_id`.execute(db);
    });
  }

  for (const table of TABLES) {
    const role = INVITED.includes(table) ? 'invited' : 'lead';
    await sql`CREATE TRIGGER ${sql.id(`${table}_partnership_copies`)} BEFORE INSERT OR UPDATE OF partnership_id ON ${sql.id(table)}
      FOR EACH ROW EXECUTE FUNCTION concord_partnership_copies(${sql.lit(role)})`.execute(db);
  }
  await sql`CREATE TRIGGER partnership_keeps_copies AFTER UPDATE OF lead_authority_id ON partnership FOR EACH ROW
    WHEN (OLD.lead_authority_id IS DISTINCT FROM NEW.lead_authority_id) EXECUTE FUNCTION concord_keep_partnership_copies()`.execute(db);

  await alterPolicies(db, POLICIES);

  // The application role keeps what it had, column by column, and gets nothing of the copies.
  for (const table of TABLES) await grantOnlyColumns(db, table, had[table]!, ['SELECT', 'UPDATE']);
}

/** BEFORE INSERT (and update of partnership_id): the row's copy of its partnership's lead, and for TG_ARGV 'invited' the flag. */
async function copiesFunction(db: Kysely<any>): Promise<void> {
  // plpgsql: its body is not checked against tables when created.
  await sql`
    CREATE FUNCTION concord_partnership_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.partnership_copies', true), '');
    BEGIN
      PERFORM set_config('app.partnership_copies', NEW.partnership_id::text, true);
      -- No partnership: the foreign key refuses the row after this; the copy stays null meanwhile.
      NEW.partnership_lead_authority_id := (SELECT p.lead_authority_id FROM partnership p WHERE p.id = NEW.partnership_id FOR SHARE);
      IF TG_ARGV[0] = 'invited' AND TG_OP = 'INSERT' THEN
        NEW.partnership_invited := EXISTS (SELECT 1 FROM partnership_invitation i WHERE i.partnership_id = NEW.partnership_id
          AND i.invited_authority_id = current_setting('app.authority_id', true) AND i.status = 'invited');
      END IF;
      PERFORM set_config('app.partnership_copies', scope, true);
      RETURN NEW;
    END $$`.execute(db);
}

/** AFTER a change of a partnership's lead: the new lead on its rows of the four tables. */
async function keeperFunction(db: Kysely<any>): Promise<void> {
  const updates = TABLES.map(
    (t) => `UPDATE ${t} x SET partnership_lead_authority_id = NEW.lead_authority_id
      WHERE x.partnership_id = NEW.id AND x.partnership_lead_authority_id IS DISTINCT FROM NEW.lead_authority_id;`,
  ).join('\n      ');
  await sql`
    CREATE FUNCTION concord_keep_partnership_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.partnership_copies', true), '');
    BEGIN
      PERFORM set_config('app.partnership_copies', NEW.id::text, true);
      ${sql.raw(updates)}
      PERFORM set_config('app.partnership_copies', scope, true);
      RETURN NULL;
    END $$`.execute(db);
}
