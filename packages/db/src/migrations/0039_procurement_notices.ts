import { sql, type Kysely } from 'kysely';
import { grant, policy, protect } from './rls.ts';

/**
 * The Procurement Act 2023's notices (issue 16): each notice Concord drafts from its data, and what became of it on
 * the Central Digital Platform (Find a Tender).
 *
 *   procurement_notice: one row per notice of one authority, about its procurement (procurement_id: the lead's own,
 *     by the key (authority_id, procurement_id)), its call-off (call_off_id), its contract (contract_id), and within
 *     those a change or event (subject_id: a variation, a dynamic market modification, a UK1's financial year). Its
 *     status moves draft → ready → published (with the platform's notice identifier and the day, entered by a person)
 *     or withdrawn (with the reason). `fields` holds what only a person can supply (the reason for a direct award, the
 *     assessment summaries' wording); `release` the OCDS release as published, frozen then. One notice of a kind per
 *     subject that is not withdrawn.
 *
 * Row-level security: the authority's own (reads and writes). The members of a partnership also read the lead's
 * notices of the partnership's procurement (not of its call-offs or contracts): the policy asks whether the reader
 * sees the procurement, under its own policies, and only for a transaction acting for an authority (a provider
 * organisation sees an open procurement, never its notices). Nobody deletes a notice: it is withdrawn.
 */
export const NOTICE_TYPES = ['UK1', 'UK2', 'UK3', 'UK4', 'UK5', 'UK6', 'UK7', 'UK10', 'UK11', 'UK12', 'UK13', 'UK14', 'UK15', 'UK16'] as const;
export const NOTICE_STATUSES = ['draft', 'ready', 'published', 'withdrawn'] as const;

const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE procurement_notice (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      notice_type text NOT NULL CHECK (notice_type IN (${list(NOTICE_TYPES)})),
      procurement_id uuid,
      call_off_id uuid,
      contract_id uuid,
      subject_id text NOT NULL DEFAULT '' CHECK (length(subject_id) <= 100),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN (${list(NOTICE_STATUSES)})),
      fields jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(fields) = 'object'),
      notice_identifier text CHECK (notice_identifier ~ '^[0-9]{6}-[0-9]{4}$'),
      published_on date,
      withdrawn_reason text CHECK (length(trim(withdrawn_reason)) BETWEEN 1 AND 2000),
      release jsonb,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      FOREIGN KEY (authority_id, procurement_id) REFERENCES procurement(authority_id, id),
      FOREIGN KEY (authority_id, call_off_id) REFERENCES call_off(authority_id, id),
      FOREIGN KEY (authority_id, contract_id) REFERENCES contract(authority_id, id),
      CHECK (notice_type = 'UK1' OR procurement_id IS NOT NULL OR call_off_id IS NOT NULL OR contract_id IS NOT NULL),
      CHECK (status <> 'published' OR (notice_identifier IS NOT NULL AND published_on IS NOT NULL AND release IS NOT NULL)),
      CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL))
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX procurement_notice_one_per_subject ON procurement_notice
      (authority_id, notice_type, coalesce(procurement_id::text, ''), coalesce(call_off_id::text, ''), coalesce(contract_id::text, ''), subject_id)
      WHERE status <> 'withdrawn'`.execute(db);
  await sql`CREATE UNIQUE INDEX procurement_notice_identifier ON procurement_notice (authority_id, notice_identifier) WHERE notice_identifier IS NOT NULL AND status <> 'withdrawn'`.execute(db);
  await sql`CREATE INDEX procurement_notice_procurement_idx ON procurement_notice (procurement_id) WHERE procurement_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX procurement_notice_contract_idx ON procurement_notice (authority_id, contract_id) WHERE contract_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX procurement_notice_call_off_idx ON procurement_notice (authority_id, call_off_id) WHERE call_off_id IS NOT NULL`.execute(db);
  await sql`
    CREATE TRIGGER procurement_notice_row_version BEFORE INSERT OR UPDATE ON procurement_notice
    FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);

  await protect(db, 'procurement_notice');
  const own = `authority_id = current_setting('app.authority_id', true)`;
  await policy(db, 'procurement_notice', 'procurement_notice_own_authority', 'ALL', { using: own, check: own });
  await policy(db, 'procurement_notice', 'procurement_notice_partnership_reads', 'SELECT', {
    using: `current_setting('app.authority_id', true) <> '' AND procurement_id IS NOT NULL AND call_off_id IS NULL AND contract_id IS NULL
      AND EXISTS (SELECT 1 FROM procurement p WHERE p.id = procurement_notice.procurement_id AND p.authority_id = procurement_notice.authority_id)`,
  });
  await grant(db, 'procurement_notice', 'SELECT, INSERT, UPDATE');
}
