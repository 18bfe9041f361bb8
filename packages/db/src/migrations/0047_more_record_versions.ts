import { sql, type Kysely } from 'kysely';
import { grant, policy, protect } from './rls.ts';
import { addRowVersion, stampRowVersion } from './versions.ts';

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

export async function up(db: Kysely<any>): Promise<void> {
  await addRowVersion(db, 'risk_rag_matrix', { initial: 2, userForeignKey: false });
  await addRowVersion(db, 'partnership');

  await sql`
    CREATE TABLE membership_version (
      authority_id text NOT NULL REFERENCES authority(id),
      user_id uuid NOT NULL REFERENCES app_user(id),
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, user_id)
    )`.execute(db);
  await stampRowVersion(db, 'membership_version');
  await protect(db, 'membership_version');
  await policy(db, 'membership_version', 'membership_version_own_authority', 'SELECT', { using: OWN_AUTHORITY });
  await policy(db, 'membership_version', 'membership_version_admin_adds', 'INSERT', { check: ADMIN_HERE });
  await policy(db, 'membership_version', 'membership_version_admin_changes', 'UPDATE', { using: ADMIN_HERE, check: ADMIN_HERE });
  await grant(db, 'membership_version', 'SELECT, INSERT, UPDATE');
}
