import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from '../roles.ts';

/**
 * The steps every "copies on the row" migration takes (issue 15: 0064, 0065, 0066, 0068; 0061 did them inline), so each
 * migration says only what is its own: which copies, kept how, read by which policies.
 */

/** A table's columns now, in order (the application role's grants are narrowed to these once the copies are added). */
export async function columnsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT attname AS name FROM pg_attribute
    WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`.execute(db);
  return rows.map((r) => r.name);
}

/** The owner's read (and, unless readOnly, update) of one table's rows within `scope`: what a trigger keeping copies needs. */
export async function ownerCopyPolicies(db: Kysely<any>, table: string, prefix: string, scope: string): Promise<void> {
  const OWNER = sql.id(OWNER_ROLE);
  await sql`CREATE POLICY ${sql.id(`${table}_${prefix}_copies_read`)} ON ${sql.id(table)} FOR SELECT TO ${OWNER} USING (${sql.raw(scope)})`.execute(db);
  await sql`CREATE POLICY ${sql.id(`${table}_${prefix}_copies_kept`)} ON ${sql.id(table)} FOR UPDATE TO ${OWNER}
    USING (${sql.raw(scope)}) WITH CHECK (${sql.raw(scope)})`.execute(db);
}

/** Trigger functions (no arguments) owned by the owner role, which their SECURITY DEFINER runs as, and callable by no one else. */
export async function ownedByOwner(db: Kysely<any>, names: readonly string[]): Promise<void> {
  for (const name of names) {
    await sql`ALTER FUNCTION ${sql.id(name)}() OWNER TO ${sql.id(OWNER_ROLE)}`.execute(db);
    await sql`REVOKE ALL ON FUNCTION ${sql.id(name)}() FROM PUBLIC`.execute(db);
  }
}

export interface PolicyChange {
  table: string;
  name: string;
  using?: string;
  check?: string;
}

/** ALTER POLICY each to its new USING and/or WITH CHECK. */
export async function alterPolicies(db: Kysely<any>, policies: readonly PolicyChange[]): Promise<void> {
  for (const p of policies) {
    const using = p.using === undefined ? sql`` : sql` USING (${sql.raw(p.using)})`;
    const check = p.check === undefined ? sql`` : sql` WITH CHECK (${sql.raw(p.check)})`;
    await sql`ALTER POLICY ${sql.id(p.name)} ON ${sql.id(p.table)}${using}${check}`.execute(db);
  }
}

/** Runs a backfill that reads and writes every row: the tables force row-level security on their owner too, lifted for it alone. */
export async function withoutForcedSecurity(db: Kysely<any>, tables: readonly string[], backfill: () => Promise<void>): Promise<void> {
  for (const table of tables) await sql`ALTER TABLE ${sql.id(table)} NO FORCE ROW LEVEL SECURITY`.execute(db);
  await backfill();
  for (const table of tables) await sql`ALTER TABLE ${sql.id(table)} FORCE ROW LEVEL SECURITY`.execute(db);
}

/**
 * The application role keeps what it had of `privileges` on the table, column by column (`columns`: those before the
 * copies), and gets nothing of the copies. A privilege it holds only on some columns, or not at all, is left as it is.
 */
export async function grantOnlyColumns(db: Kysely<any>, table: string, columns: readonly string[], privileges: readonly ('SELECT' | 'UPDATE')[]): Promise<void> {
  for (const privilege of privileges) {
    const { rows } = await sql<{ has: boolean }>`SELECT has_table_privilege(${APP_ROLE}, ${table}::regclass, ${privilege}) AS has`.execute(db);
    if (!rows[0]!.has) continue;
    await sql`REVOKE ${sql.raw(privilege)} ON ${sql.id(table)} FROM ${sql.id(APP_ROLE)}`.execute(db);
    await sql`GRANT ${sql.raw(privilege)} (${sql.join(columns.map((c) => sql.id(c)))}) ON ${sql.id(table)} TO ${sql.id(APP_ROLE)}`.execute(db);
  }
}
