import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/** The authority a transaction acts for, as policies read it. */
export const CURRENT_AUTHORITY = sql.raw(`current_setting('app.authority_id', true)`);

export async function createRoles(db: Kysely<any>): Promise<void> {
  for (const role of [OWNER_ROLE, APP_ROLE]) {
    // Roles are cluster-wide: tolerate another database (or a parallel test) having made them.
    await sql`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql.lit(role)}) THEN
          CREATE ROLE ${sql.id(role)} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`.execute(db);
  }
  await sql`GRANT USAGE ON SCHEMA public TO ${sql.id(APP_ROLE)}`.execute(db);
}

/** Hand a table to the owner role and switch row-level security on, forced, so even the owner obeys it. */
export async function protect(db: Kysely<any>, table: string): Promise<void> {
  await sql`ALTER TABLE ${sql.id(table)} OWNER TO ${sql.id(OWNER_ROLE)}`.execute(db);
  await sql`ALTER TABLE ${sql.id(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE ${sql.id(table)} FORCE ROW LEVEL SECURITY`.execute(db);
}

export async function grant(db: Kysely<any>, table: string, privileges: string): Promise<void> {
  await sql`GRANT ${sql.raw(privileges)} ON ${sql.id(table)} TO ${sql.id(APP_ROLE)}`.execute(db);
}

export async function policy(
  db: Kysely<any>,
  table: string,
  name: string,
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE',
  clauses: { using?: string; check?: string },
): Promise<void> {
  const using = clauses.using ? sql` USING (${sql.raw(clauses.using)})` : sql``;
  const check = clauses.check ? sql` WITH CHECK (${sql.raw(clauses.check)})` : sql``;
  await sql`CREATE POLICY ${sql.id(name)} ON ${sql.id(table)} FOR ${sql.raw(command)} TO ${sql.id(APP_ROLE)}${using}${check}`.execute(db);
}

/**
 * A table private to one authority: every row carries authority_id and the application sees, adds,
 * changes and removes only the rows of the authority its transaction acts for.
 */
export async function authorityPrivateTable(
  db: Kysely<any>,
  table: string,
  privileges = 'SELECT, INSERT, UPDATE, DELETE',
): Promise<void> {
  await protect(db, table);
  const own = `authority_id = current_setting('app.authority_id', true)`;
  await policy(db, table, `${table}_own_authority`, 'ALL', { using: own, check: own });
  await grant(db, table, privileges);
}

/**
 * A table a partnership shares, written only by its lead authority: every row carries the lead's
 * authority_id and the partnership_id. Members of the partnership read it; only the lead authority,
 * acting inside that partnership, writes it. Outsiders cannot tell a row exists.
 *
 * `leadBy`: how the lead is recognised. The shipped migrations (before 0052) wrote a subquery on `partnership`, which
 * migration 0052 rewrote into the setting; Citus refuses subqueries in policies, so a table made after 0052 must pass
 * 'setting' (app_leading_partnership_ids(), the partnerships the transaction's authority leads, from app.led_partnership_ids).
 * tests/integration/policy-settings.test.ts lists every policy left with a subquery, so a new one fails it.
 */
export async function partnershipSharedTable(
  db: Kysely<any>,
  table: string,
  privileges = 'SELECT, INSERT, UPDATE, DELETE',
  leadBy: 'subquery' | 'setting' = 'subquery',
): Promise<void> {
  await protect(db, table);
  const leads =
    leadBy === 'setting'
      ? 'partnership_id = ANY(app_leading_partnership_ids())'
      : 'authority_id = (SELECT p.lead_authority_id FROM partnership p WHERE p.id = partnership_id)';
  const lead = `authority_id = current_setting('app.authority_id', true)
    AND partnership_id = ANY(app_partnership_ids())
    AND ${leads}`;
  await policy(db, table, `${table}_partnership_reads`, 'SELECT', { using: `partnership_id = ANY(app_partnership_ids())` });
  await policy(db, table, `${table}_lead_inserts`, 'INSERT', { check: lead });
  await policy(db, table, `${table}_lead_updates`, 'UPDATE', { using: lead, check: lead });
  await policy(db, table, `${table}_lead_deletes`, 'DELETE', { using: lead });
  await grant(db, table, privileges);
}
