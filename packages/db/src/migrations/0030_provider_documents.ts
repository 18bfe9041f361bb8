import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from '../roles.ts';
import { policy, protect } from './rls.ts';

/**
 * Tell us once (issue 11, item 2): the documents a provider organisation keeps in its profile, and its CQC
 * locations kept by its provider administrator.
 *
 *   provider_document: a file (PDF, DOCX, XLSX, PNG or JPEG, as read from its content; at most 10 MB) kept in the
 *     database with its kind, title, SHA-256 and, for certificates, the day it expires. A document is never
 *     changed in place: replacing it adds a row and marks the old one superseded (by the new one, or by nothing
 *     when withdrawn), so a submission's snapshot always points at the file that was submitted. Nobody deletes one.
 *     The organisation reads and adds its own; an authority reads those of the providers it holds a contract with
 *     (the policy's subquery on contract runs under the authority's own row-level security, so it sees only its
 *     own contracts).
 *   provider_location gains a row version, and the organisation may remove its own locations.
 */
const MY_PROVIDER = `app_provider_id()`;
const ACTING_FOR_AN_AUTHORITY = `current_setting('app.authority_id', true) <> ''`;
const TYPES = `('application/pdf','application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet','image/png','image/jpeg')`;
const KINDS = `('insurance_certificate','safeguarding_policy','business_continuity_plan','cqc_registration','other')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE provider_document (
      provider_id uuid NOT NULL REFERENCES provider(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ${sql.raw(KINDS)}),
      title text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
      file_name text NOT NULL CHECK (length(trim(file_name)) BETWEEN 1 AND 200),
      content_type text NOT NULL CHECK (content_type IN ${sql.raw(TYPES)}),
      size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea NOT NULL CHECK (octet_length(content) = size_bytes),
      expires_on date,
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      uploaded_by uuid NOT NULL REFERENCES app_user(id),
      replaces_id uuid,
      superseded_at timestamptz,
      superseded_by_id uuid,
      PRIMARY KEY (provider_id, id),
      UNIQUE (id),
      FOREIGN KEY (provider_id, replaces_id) REFERENCES provider_document(provider_id, id),
      FOREIGN KEY (provider_id, superseded_by_id) REFERENCES provider_document(provider_id, id),
      CHECK (kind <> 'insurance_certificate' OR expires_on IS NOT NULL),
      CHECK (superseded_by_id IS NULL OR superseded_at IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX provider_document_current_idx ON provider_document (provider_id, kind, uploaded_at DESC) WHERE superseded_at IS NULL`.execute(db);
  await sql`CREATE INDEX provider_document_expiring_idx ON provider_document (provider_id, expires_on) WHERE superseded_at IS NULL AND expires_on IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX provider_document_replaced_once ON provider_document (provider_id, replaces_id) WHERE replaces_id IS NOT NULL`.execute(db);

  // Only superseding is ever written after the insert, once, and never undone.
  await sql`
    CREATE FUNCTION provider_document_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'A provider document is never deleted' USING ERRCODE = 'check_violation';
      END IF;
      IF OLD.superseded_at IS NOT NULL THEN
        RAISE EXCEPTION 'This document has already been replaced or withdrawn' USING ERRCODE = 'check_violation';
      END IF;
      IF (NEW.provider_id, NEW.id, NEW.kind, NEW.title, NEW.file_name, NEW.content_type, NEW.size_bytes, NEW.sha256, NEW.expires_on,
          NEW.uploaded_at, NEW.uploaded_by, NEW.replaces_id, NEW.content)
        IS DISTINCT FROM (OLD.provider_id, OLD.id, OLD.kind, OLD.title, OLD.file_name, OLD.content_type, OLD.size_bytes, OLD.sha256,
          OLD.expires_on, OLD.uploaded_at, OLD.uploaded_by, OLD.replaces_id, OLD.content) THEN
        RAISE EXCEPTION 'A provider document is never changed: upload a new version' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER provider_document_immutable BEFORE UPDATE OR DELETE ON provider_document FOR EACH ROW EXECUTE FUNCTION provider_document_immutable()`.execute(db);

  await protect(db, 'provider_document');
  const own = `provider_id = ${MY_PROVIDER}`;
  await policy(db, 'provider_document', 'provider_document_own_organisation_reads', 'SELECT', { using: own });
  await policy(db, 'provider_document', 'provider_document_own_organisation_adds', 'INSERT', { check: `${own} AND uploaded_by = app_user_id()` });
  await policy(db, 'provider_document', 'provider_document_own_organisation_supersedes', 'UPDATE', { using: own, check: own });
  await policy(db, 'provider_document', 'provider_document_contracting_authority_reads', 'SELECT', {
    using: `${ACTING_FOR_AN_AUTHORITY} AND EXISTS (SELECT 1 FROM contract c WHERE c.provider_id = provider_document.provider_id)`,
  });
  await sql`GRANT SELECT, INSERT ON provider_document TO ${sql.id(APP_ROLE)}`.execute(db);
  await sql`GRANT UPDATE (superseded_at, superseded_by_id) ON provider_document TO ${sql.id(APP_ROLE)}`.execute(db);

  // CQC locations: versioned like every record people edit, and removable by the organisation itself.
  await sql`
    ALTER TABLE provider_location
      ADD COLUMN row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_by uuid REFERENCES app_user(id)`.execute(db);
  await sql`CREATE TRIGGER provider_location_row_version BEFORE INSERT OR UPDATE ON provider_location FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
  await policy(db, 'provider_location', 'provider_location_own_organisation_removes', 'DELETE', { using: `provider_id = ${MY_PROVIDER}` });
  await sql`GRANT DELETE ON provider_location TO ${sql.id(APP_ROLE)}`.execute(db);
}
