import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * A current member of a partnership: joined and not yet left (left_on null or after today), the same rule as
 * enterTenant's app.partnership_ids. Whoever reads partnership_member to mean "the members" for something new
 * (meetings, procurement buyers, review queues, shared rates) filters with it; benchmarks keep every member that
 * joined, for the periods before it left.
 *
 *   tx.selectFrom('partnership_member as m')…where(currentMember('m'))
 */
export function currentMember(alias?: string): Expression<SqlBool> {
  const leftOn = sql.ref(alias ? `${alias}.left_on` : 'left_on');
  return sql<SqlBool>`(${leftOn} IS NULL OR ${leftOn} > current_date)`;
}
