import { sql, type Kysely } from 'kysely';
import { grant, policy, protect } from './rls.ts';

/**
 * Three more records people edit get a version (issue 12, item 4), kept by 0014's stamp_row_version trigger like the
 * others, so a save from a stale form is refused with CONFLICT naming who changed it and when:
 *
 *   risk_rag_matrix     an authority's RAG matrix (risk.setMatrix). Without a row the default bands apply: that is
 *                       version 1 to the API, so a row, once written, is bumped to 2 in the same transaction.
 *                       No foreign key on updated_by: the table is distributed on Citus, which allows none to app_user.
 *   partnership         the partnership itself: its KPI set (partnership.setKpiSet) is the partnership's to change.
 *   membership_version  one row per person of an authority: the version of their set of roles (people.setRoles).
 *                       Without a row their roles are at version 1; setRoles writes it (at 1, then bumps it). Read by
 *                       the authority's people, written only by its authority administrators, never deleted.
 */
const OWN_AUTHORITY = `authority_id = current_setting('app.authority_id', true)`;
const ADMIN_HERE = `${OWN_AUTHORITY} AND app_is_authority_admin()`;

async function stamp(db: Kysely<any>, table: string): Promise<void> {
  await sql`
    CREATE TRIGGER ${sql.id(`${table}_row_version`)} BEFORE INSERT OR UPDATE ON ${sql.id(table)}
    FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ citus: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`.execute(db);
  // As 0040 did for budget: the trigger runs on the shard it fires on and reads nothing else.
  if (rows[0]?.citus) await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(db);
  // On Citus a column added to a distributed table takes no constraint in the same command: the CHECK comes after,
  // named as PostgreSQL would have named it.
  await sql`
    ALTER TABLE risk_rag_matrix
      ADD COLUMN row_version integer NOT NULL DEFAULT 2,
      ADD COLUMN updated_by uuid`.execute(db);
  await sql`ALTER TABLE risk_rag_matrix ADD CONSTRAINT risk_rag_matrix_row_version_check CHECK (row_version >= 1)`.execute(db);
  await stamp(db, 'risk_rag_matrix');

  await sql`
    ALTER TABLE partnership
      ADD COLUMN row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_by uuid REFERENCES app_user(id)`.execute(db);
  await stamp(db, 'partnership');

  await sql`
    CREATE TABLE membership_version (
      authority_id text NOT NULL REFERENCES authority(id),
      user_id uuid NOT NULL REFERENCES app_user(id),
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, user_id)
    )`.execute(db);
  await stamp(db, 'membership_version');
  await protect(db, 'membership_version');
  await policy(db, 'membership_version', 'membership_version_own_authority', 'SELECT', { using: OWN_AUTHORITY });
  await policy(db, 'membership_version', 'membership_version_admin_adds', 'INSERT', { check: ADMIN_HERE });
  await policy(db, 'membership_version', 'membership_version_admin_changes', 'UPDATE', { using: ADMIN_HERE, check: ADMIN_HERE });
  await grant(db, 'membership_version', 'SELECT, INSERT, UPDATE');
}
