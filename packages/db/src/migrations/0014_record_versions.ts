import { sql, type Kysely } from 'kysely';
import { authorityPrivateTable } from './rls.ts';

/**
 * Tables whose rows people edit (issue 12, item 4). Each gets a row version, when it last changed and
 * who changed it, all kept by the database itself: a trigger sets them on every insert and update, so no
 * code path can change a row without the next editor's stale version being refused ("Changed by NAME at
 * TIME — reload to see it"). `row_version`, not `version`: specification_version.version is its number.
 */
export const VERSIONED_TABLES = [
  'contract',
  'contract_extension_option',
  'placement',
  'budget',
  'call_off',
  'specification_version',
  'procurement',
  'lot',
  'evaluation_criterion',
  'application',
  'approved_list_entry',
  'cost_model_version',
  'kpi_return',
  'network_meeting',
  'meeting_action',
  'options_appraisal',
  'demand_model',
  'business_case',
  'risk',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION stamp_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        NEW.row_version := 1;
      ELSE
        NEW.row_version := OLD.row_version + 1;
      END IF;
      NEW.updated_at := now();
      NEW.updated_by := app_user_id();
      RETURN NEW;
    END $$`.execute(db);
  for (const table of VERSIONED_TABLES) {
    await sql`
      ALTER TABLE ${sql.id(table)}
        ADD COLUMN row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
        ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_by uuid REFERENCES app_user(id)`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_row_version`)} BEFORE INSERT OR UPDATE ON ${sql.id(table)}
      FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
  }

  // A create mutation's form key: the first call stores its result in its own transaction; a repeat
  // with the same key returns that result and writes nothing. Private to the authority that made it.
  await sql`
    CREATE TABLE idempotency_key (
      authority_id text NOT NULL REFERENCES authority(id),
      key uuid NOT NULL,
      procedure text NOT NULL CHECK (length(procedure) BETWEEN 1 AND 200),
      user_id uuid REFERENCES app_user(id),
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, key)
    )`.execute(db);
  await authorityPrivateTable(db, 'idempotency_key', 'SELECT, INSERT, UPDATE (result)');
}
