import type { Tx } from '@concord/db';
import { sql } from 'kysely';

export const PAGE_SIZE = 25;

/** One page of the registry, by name, with how many match; `search` matches the name or the start of the code. */
export async function listRegistry(tx: Tx, input: { search?: string | undefined; status: 'all' | 'active' | 'inactive'; page: number }) {
  let q = tx.selectFrom('authority as a');
  if (input.search) {
    const escaped = input.search.replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where((eb) => eb.or([eb('a.name', 'ilike', `%${escaped}%`), eb('a.id', 'ilike', `${escaped}%`)]));
  }
  if (input.status !== 'all') q = q.where('a.active', '=', input.status === 'active');
  const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['a.id', 'a.name', 'a.kind', 'a.nhs_body_kind', 'a.region', 'a.active', 'a.row_version', 'a.created_at'])
    .orderBy(sql`lower(a.name)`)
    .orderBy('a.id')
    .limit(PAGE_SIZE)
    .offset((input.page - 1) * PAGE_SIZE)
    .execute();
  return {
    total,
    page: input.page,
    pageSize: PAGE_SIZE,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      nhsBodyKind: r.nhs_body_kind,
      region: r.region,
      active: r.active,
      rowVersion: r.row_version,
      registeredAt: new Date(r.created_at).toISOString(),
    })),
  };
}
