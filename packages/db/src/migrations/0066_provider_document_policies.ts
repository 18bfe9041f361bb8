import { sql, type Kysely } from 'kysely';
import { OWNER_ROLE } from '../roles.ts';
import { alterPolicies, grantOnlyColumns, ownedByOwner, withoutForcedSecurity } from './copies.ts';

/**
 * provider_document's two authority reads and provider_membership's confirmed-claim check without a subquery (issue 15,
 * infra/scale-out.md). Citus refuses any policy with a subquery on a table it manages; these asked contract,
 * provider_application and provider_claim. Each row now carries what its policy needs, and the policies read only the
 * row and the settings:
 *   provider_document.contracting_authority_ids    the authorities with a contract naming the document's provider
 *   provider_document.submitted_to_authority_ids   the authorities holding a submitted application of that provider
 *                                                  that lists this document
 *   provider_membership.confirmed_claim_authority_ids  fixed at insert: the authorities whose confirmation of this
 *                                                  person's claim to this organisation the inserting transaction read
 * Authority ids are text GSS codes. Nationally ~22k contracts over ~12k providers: a document's lists hold a few ids.
 *
 * A subquery in a policy runs under the other table's policies for the role that asks, so what it could see counts.
 * Every policy here is TO the application role. Each new condition admits the same rows:
 * - provider_document_contracting_authority_reads: `app.authority_id <> '' AND EXISTS contract c WHERE c.provider_id =
 *   provider_id`. The application role sees a contract of its own authority (contract_own_authority) or, verified, of
 *   its own organisation (contract_provider_reads_own); no partnership or other policy. The second kind only admits a
 *   document of the asker's own organisation, which provider_document_own_organisation_reads admits anyway, so the
 *   table's visible rows are those of `app.authority_id <> '' AND app.authority_id = ANY (contracting_authority_ids)`
 *   together with the other policies. Every contract counts, whatever its status (as the subquery did).
 * - provider_document_lead_reads_submitted: `EXISTS provider_application pa WHERE pa.provider_id = provider_id AND id =
 *   ANY (pa.document_ids) AND pa.submitted_at IS NOT NULL AND pa.authority_id = app.authority_id`: those conditions
 *   imply provider_application_lead_reads_submitted, so every such application was visible, and the condition is
 *   `app.authority_id <> '' AND app.authority_id = ANY (submitted_to_authority_ids)`. Drafts count for nothing.
 * - provider_membership_by_confirmed_claim (INSERT): `role = 'provider_admin' AND EXISTS provider_claim pc (this
 *   provider and user, confirmed, decided_by_authority_id = app.authority_id)`, the claim seen under provider_claim's
 *   policies: the claimant's own (user_id = app_user_id()) or one this authority may decide (app_may_decide_claim,
 *   which reads contract and placement). The BEFORE INSERT trigger evaluates exactly that, in the inserting statement
 *   with its settings, and writes the deciding authorities of the confirmed claims it admits to the row, so the check
 *   is `role = 'provider_admin' AND app.authority_id = ANY (confirmed_claim_authority_ids)` and reads no table (row
 *   triggers run before WITH CHECK is evaluated). Whatever the inserter wrote there is replaced. The column is read
 *   only by that check of its own row; it is not kept afterwards (a claim decided later does not change an existing
 *   membership, and no policy reads it again). Existing rows get their claims' deciders.
 * No narrowing: every condition admits the rows its subquery admitted, with the copies exact (below).
 *
 * Keeping the copies exact. Everything about a document's copies is a fact of its provider, so all writers serialise on
 * the provider's row: concord_provider_document_copies, BEFORE INSERT of provider_document, locks the provider FOR
 * SHARE, then reads the contracts and submitted applications (a new statement: in READ COMMITTED it sees what was
 * committed while it waited). concord_keep_provider_document_copies, AFTER a change of contract (insert, delete,
 * update of provider_id or authority_id) or of provider_application (insert, delete, update of provider_id,
 * authority_id, document_ids or submitted_at, when the old or new row is submitted), locks each provider concerned FOR
 * NO KEY UPDATE and rewrites its documents' lists from the contracts or applications in one statement (only rows
 * whose list changes). A document inserted while a contract is made either waits for it and copies it, or makes it
 * wait and is then rewritten; two contracts made at once both land. Document keys never change
 * (provider_document_immutable), so only inserts need the BEFORE trigger; that trigger now fires for updates naming
 * the document's own columns, so the keeper may rewrite the lists of a superseded document (a new column of
 * provider_document must be added to its list). All functions are SECURITY DEFINER as the owner, which forced
 * row-level security binds: owner policies let it read and lock the rows of the one provider named in
 * app.provider_copies, only from within a trigger (provider: read and lock, never update).
 *
 * The application role may not read or write the copies (who else contracts with a provider, or holds its
 * applications, is not the reader's): its SELECT on provider_document and provider_membership becomes SELECT on the
 * columns it had; its UPDATE grant on provider_document already names only superseded_at and superseded_by_id; its
 * INSERT stays table-wide (the triggers overwrite the copies). No reader said selectAll() of these tables.
 *
 * Same on PGlite, PostgreSQL and Citus: these tables (and contract, provider, provider_claim) stay coordinator tables.
 */
const SCOPE = (column: string) => `${column} = nullif(current_setting('app.provider_copies', true), '')::uuid AND pg_trigger_depth() > 0`;
const MY_AUTHORITY = `current_setting('app.authority_id', true)`;
/** provider_document's columns before this migration (the application role's SELECT, the immutability trigger's). */
const DOCUMENT_COLUMNS = [
  'provider_id', 'id', 'kind', 'title', 'file_name', 'content_type', 'size_bytes', 'sha256', 'content', 'expires_on', 'uploaded_at',
  'uploaded_by', 'replaces_id', 'superseded_at', 'superseded_by_id',
];
const MEMBERSHIP_COLUMNS = ['provider_id', 'user_id', 'role', 'created_at'];
const POLICIES: { table: string; name: string; using?: string; check?: string }[] = [
  { table: 'provider_document', name: 'provider_document_contracting_authority_reads', using: `${MY_AUTHORITY} <> '' AND ${MY_AUTHORITY} = ANY (contracting_authority_ids)` },
  { table: 'provider_document', name: 'provider_document_lead_reads_submitted', using: `${MY_AUTHORITY} <> '' AND ${MY_AUTHORITY} = ANY (submitted_to_authority_ids)` },
  { table: 'provider_membership', name: 'provider_membership_by_confirmed_claim', check: `role = 'provider_admin' AND ${MY_AUTHORITY} = ANY (confirmed_claim_authority_ids)` },
];
/** The owner's policies: [table, name, command, clauses]. */
const OWNER_POLICIES: [string, string, string, string][] = [
  ['provider', 'provider_document_copies_lock_read', 'SELECT', `USING (${SCOPE('id')})`],
  ['provider', 'provider_document_copies_lock', 'UPDATE', `USING (${SCOPE('id')}) WITH CHECK (false)`],
  ['contract', 'contract_provider_document_copies_read', 'SELECT', `USING (${SCOPE('provider_id')})`],
  ['provider_application', 'provider_application_document_copies_read', 'SELECT', `USING (${SCOPE('provider_id')})`],
  ['provider_document', 'provider_document_copies_read', 'SELECT', `USING (${SCOPE('provider_id')})`],
  ['provider_document', 'provider_document_copies_kept', 'UPDATE', `USING (${SCOPE('provider_id')}) WITH CHECK (${SCOPE('provider_id')})`],
  ['provider_claim', 'provider_claim_membership_copies_read', 'SELECT', `USING (${SCOPE('provider_id')})`],
];
const FUNCTIONS = ['concord_provider_document_copies', 'concord_keep_provider_document_copies', 'concord_provider_membership_claim_copies'];

export async function up(db: Kysely<any>): Promise<void> {
  const OWNER = sql.id(OWNER_ROLE);
  await sql`ALTER TABLE provider_document ADD COLUMN contracting_authority_ids text[] NOT NULL DEFAULT '{}',
    ADD COLUMN submitted_to_authority_ids text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`ALTER TABLE provider_membership ADD COLUMN confirmed_claim_authority_ids text[] NOT NULL DEFAULT '{}'`.execute(db);

  for (const [table, name, command, clauses] of OWNER_POLICIES) {
    await sql`CREATE POLICY ${sql.id(name)} ON ${sql.id(table)} FOR ${sql.raw(command)} TO ${OWNER} ${sql.raw(clauses)}`.execute(db);
  }
  await functions(db);
  await ownedByOwner(db, FUNCTIONS);

  // The lists of a superseded document are rewritten too: the immutability check fires for the document's own columns.
  await sql`DROP TRIGGER provider_document_immutable ON provider_document`.execute(db);
  await sql`CREATE TRIGGER provider_document_immutable BEFORE DELETE OR UPDATE OF ${sql.raw(DOCUMENT_COLUMNS.join(', '))} ON provider_document
    FOR EACH ROW EXECUTE FUNCTION provider_document_immutable()`.execute(db);

  // The backfill reads and writes every row: the tables force row-level security on their owner too, for these statements only.
  await withoutForcedSecurity(db, ['provider_document', 'provider_membership', 'contract', 'provider_application', 'provider_claim'], async () => {
    await sql`UPDATE provider_document d SET
        contracting_authority_ids = ARRAY(SELECT DISTINCT c.authority_id FROM contract c WHERE c.provider_id = d.provider_id ORDER BY 1),
        submitted_to_authority_ids = ARRAY(SELECT DISTINCT pa.authority_id FROM provider_application pa
          WHERE pa.provider_id = d.provider_id AND d.id = ANY (pa.document_ids) AND pa.submitted_at IS NOT NULL ORDER BY 1)`.execute(db);
    await sql`UPDATE provider_membership m SET confirmed_claim_authority_ids = ARRAY(SELECT DISTINCT pc.decided_by_authority_id FROM provider_claim pc
        WHERE pc.provider_id = m.provider_id AND pc.user_id = m.user_id AND pc.status = 'confirmed' ORDER BY 1)`.execute(db);
  });

  await sql`CREATE TRIGGER provider_document_copies BEFORE INSERT ON provider_document
    FOR EACH ROW EXECUTE FUNCTION concord_provider_document_copies()`.execute(db);
  await sql`CREATE TRIGGER contract_keeps_provider_document_copies AFTER INSERT OR DELETE OR UPDATE OF provider_id, authority_id ON contract
    FOR EACH ROW EXECUTE FUNCTION concord_keep_provider_document_copies()`.execute(db);
  await sql`CREATE TRIGGER provider_application_keeps_provider_document_copies
    AFTER INSERT OR DELETE OR UPDATE OF provider_id, authority_id, document_ids, submitted_at ON provider_application
    FOR EACH ROW EXECUTE FUNCTION concord_keep_provider_document_copies()`.execute(db);
  await sql`CREATE TRIGGER provider_membership_claim_copies BEFORE INSERT ON provider_membership
    FOR EACH ROW EXECUTE FUNCTION concord_provider_membership_claim_copies()`.execute(db);

  await alterPolicies(db, POLICIES);

  // The application role keeps what it had, column by column, and gets nothing of the copies.
  await grantOnlyColumns(db, 'provider_document', DOCUMENT_COLUMNS, ['SELECT']);
  await grantOnlyColumns(db, 'provider_membership', MEMBERSHIP_COLUMNS, ['SELECT']);
}

async function functions(db: Kysely<any>): Promise<void> {
  // plpgsql: its body is not checked against tables when created. Each restores app.provider_copies as it found it.
  await sql`
    CREATE FUNCTION concord_provider_document_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.provider_copies', true), '');
    BEGIN
      PERFORM set_config('app.provider_copies', NEW.provider_id::text, true);
      PERFORM 1 FROM provider p WHERE p.id = NEW.provider_id FOR SHARE;
      NEW.contracting_authority_ids := ARRAY(SELECT DISTINCT c.authority_id FROM contract c WHERE c.provider_id = NEW.provider_id ORDER BY 1);
      NEW.submitted_to_authority_ids := ARRAY(SELECT DISTINCT pa.authority_id FROM provider_application pa
        WHERE pa.provider_id = NEW.provider_id AND NEW.id = ANY (pa.document_ids) AND pa.submitted_at IS NOT NULL ORDER BY 1);
      PERFORM set_config('app.provider_copies', scope, true);
      RETURN NEW;
    END $$`.execute(db);

  await sql`
    CREATE FUNCTION concord_keep_provider_document_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.provider_copies', true), '');
      listed uuid[];
      prov uuid;
    BEGIN
      IF TG_TABLE_NAME = 'contract' THEN
        IF TG_OP = 'UPDATE' AND (OLD.provider_id, OLD.authority_id) IS NOT DISTINCT FROM (NEW.provider_id, NEW.authority_id) THEN
          RETURN NULL;
        END IF;
      ELSE
        -- Drafts count for nothing: a change between two drafts changes no list.
        IF NOT coalesce(OLD.submitted_at IS NOT NULL, false) AND NOT coalesce(NEW.submitted_at IS NOT NULL, false) THEN
          RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' AND (OLD.provider_id, OLD.authority_id, OLD.document_ids, OLD.submitted_at)
            IS NOT DISTINCT FROM (NEW.provider_id, NEW.authority_id, NEW.document_ids, NEW.submitted_at) THEN
          RETURN NULL;
        END IF;
        listed := coalesce(OLD.document_ids, '{}') || coalesce(NEW.document_ids, '{}');
      END IF;
      FOR prov IN SELECT DISTINCT x.p FROM (VALUES (OLD.provider_id), (NEW.provider_id)) x(p) WHERE x.p IS NOT NULL LOOP
        PERFORM set_config('app.provider_copies', prov::text, true);
        PERFORM 1 FROM provider v WHERE v.id = prov FOR NO KEY UPDATE;
        IF TG_TABLE_NAME = 'contract' THEN
          UPDATE provider_document d SET contracting_authority_ids = l.ids
            FROM (SELECT ARRAY(SELECT DISTINCT c.authority_id FROM contract c WHERE c.provider_id = prov ORDER BY 1) AS ids) l
            WHERE d.provider_id = prov AND d.contracting_authority_ids IS DISTINCT FROM l.ids;
        ELSE
          UPDATE provider_document d SET submitted_to_authority_ids = l.ids
            FROM (SELECT x.id, ARRAY(SELECT DISTINCT pa.authority_id FROM provider_application pa
                WHERE pa.provider_id = prov AND x.id = ANY (pa.document_ids) AND pa.submitted_at IS NOT NULL ORDER BY 1) AS ids
              FROM provider_document x WHERE x.provider_id = prov AND x.id = ANY (listed)) l
            WHERE d.provider_id = prov AND d.id = l.id AND d.submitted_to_authority_ids IS DISTINCT FROM l.ids;
        END IF;
      END LOOP;
      PERFORM set_config('app.provider_copies', scope, true);
      RETURN NULL;
    END $$`.execute(db);

  // What the check's subquery saw: confirmed claims of this person to this organisation, the claimant's own or ones
  // the transaction's authority may decide (provider_claim's two policies for the application role).
  await sql`
    CREATE FUNCTION concord_provider_membership_claim_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.provider_copies', true), '');
    BEGIN
      PERFORM set_config('app.provider_copies', NEW.provider_id::text, true);
      NEW.confirmed_claim_authority_ids := ARRAY(SELECT DISTINCT pc.decided_by_authority_id FROM provider_claim pc
        WHERE pc.provider_id = NEW.provider_id AND pc.user_id = NEW.user_id AND pc.status = 'confirmed'
          AND (pc.user_id = app_user_id() OR app_may_decide_claim(pc.provider_id)) ORDER BY 1);
      PERFORM set_config('app.provider_copies', scope, true);
      RETURN NEW;
    END $$`.execute(db);
}
