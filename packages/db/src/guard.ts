import { sql, type Kysely } from 'kysely';
import { APP_ROLE, OWNER_ROLE } from './roles.ts';

export class UnsafeDatabaseRoleError extends Error {}

/**
 * On PostgreSQL the server must connect as a role that row-level security binds: not a superuser,
 * not BYPASSRLS, not the owner of the tables (nor a member of the owner role), and able to SET ROLE
 * to the application role. Anything else would let one authority read another's data.
 */
export async function assertSafeAppRole(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{
    user: string;
    rolsuper: boolean;
    rolbypassrls: boolean;
    owns: number;
    owner_member: boolean;
    app_member: boolean;
  }>`
    SELECT current_user AS user, r.rolsuper, r.rolbypassrls,
      (SELECT count(*)::int FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owns,
      coalesce(pg_has_role(current_user, (SELECT oid FROM pg_roles WHERE rolname = ${OWNER_ROLE}), 'USAGE'), false) AS owner_member,
      coalesce(pg_has_role(current_user, (SELECT oid FROM pg_roles WHERE rolname = ${APP_ROLE}), 'MEMBER'), false) AS app_member
    FROM pg_roles r WHERE r.rolname = current_user`.execute(db);
  const role = rows[0];
  if (!role) throw new UnsafeDatabaseRoleError('Could not read the database role of DATABASE_URL.');
  const fix =
    ` Connect with a login role that is a member of ${APP_ROLE} and nothing more, e.g.\n` +
    `  CREATE ROLE concord_web LOGIN PASSWORD '…' NOSUPERUSER NOBYPASSRLS IN ROLE ${APP_ROLE};\n` +
    ` and run migrations with DATABASE_OWNER_URL (see infra/postgres/roles.sql).`;
  const problems: string[] = [];
  if (role.rolsuper) problems.push('is a superuser');
  if (role.rolbypassrls) problems.push('has BYPASSRLS');
  if (role.owns > 0) problems.push(`owns ${role.owns} table(s)`);
  if (role.owner_member) problems.push(`is a member of the owner role ${OWNER_ROLE}`);
  if (!role.app_member) problems.push(`is not a member of ${APP_ROLE}`);
  if (problems.length > 0) {
    throw new UnsafeDatabaseRoleError(
      `Refusing to start: the DATABASE_URL role "${role.user}" ${problems.join(', ')}.${fix}`,
    );
  }
}
