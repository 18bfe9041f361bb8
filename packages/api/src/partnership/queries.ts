import { notFound } from '@concord/domain';
import type { Tx } from '@concord/db';
import { sql } from 'kysely';

export interface PartnershipMember {
  id: string;
  name: string;
  kind: string;
  region: string;
  isLead: boolean;
  joinedOn: string | null;
  /** The day it leaves or left; null while it stays. */
  leftOn: string | null;
  population: { value: number; year: number; source: string } | null;
}

export interface PartnershipSummary {
  id: string;
  name: string;
  kind: string;
  purpose: string | null;
  lead: { id: string; name: string };
  members: PartnershipMember[];
}

/**
 * The partnerships the transaction's authority is a current member of (row-level security decides which), with
 * every member that joined, left ones with their day, and my partnership roles in each: one query.
 */
export async function listMyPartnerships(tx: Tx): Promise<(PartnershipSummary & { myRoles: string[] })[]> {
  const rows = await tx
    .selectFrom('partnership as pt')
    .innerJoin('partnership_member as m', 'm.partnership_id', 'pt.id')
    .innerJoin('authority as a', 'a.id', 'm.authority_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('authority_population')
          .distinctOn('authority_id')
          .select(['authority_id', 'population', 'year', 'source'])
          .where('age_band', '=', 'all')
          .orderBy('authority_id')
          .orderBy('year', 'desc')
          .as('p'),
      (join) => join.onRef('p.authority_id', '=', 'a.id'),
    )
    .select([
      'pt.id as partnership_id',
      'pt.name as partnership_name',
      'pt.kind as partnership_kind',
      'pt.purpose',
      'pt.lead_authority_id',
      'm.joined_on',
      'm.left_on',
      'a.id',
      'a.name',
      'a.kind',
      'a.region',
      'p.population',
      'p.year',
      'p.source',
      sql<string[]>`coalesce(ARRAY(SELECT r.role FROM partnership_role r WHERE r.partnership_id = pt.id
        AND r.user_id = nullif(current_setting('app.user_id', true), '')::uuid
        AND r.authority_id = current_setting('app.authority_id', true) ORDER BY r.role), '{}')`.as('my_roles'),
    ])
    .where('pt.id', '=', (eb) => eb.fn.any(eb.fn<string[]>('app_partnership_ids', [])))
    .orderBy('pt.name')
    .orderBy('pt.id')
    .orderBy('a.name')
    .execute();
  const byPartnership = new Map<string, typeof rows>();
  for (const r of rows) byPartnership.set(r.partnership_id, [...(byPartnership.get(r.partnership_id) ?? []), r]);
  return [...byPartnership.values()].map((members) => {
    const p = members[0]!;
    const lead = members.find((m) => m.id === p.lead_authority_id);
    return {
      id: p.partnership_id,
      name: p.partnership_name,
      kind: p.partnership_kind,
      purpose: p.purpose,
      lead: { id: p.lead_authority_id, name: lead?.name ?? p.lead_authority_id },
      myRoles: p.my_roles,
      members: members.map((m) => ({
        id: m.id,
        name: m.name,
        kind: m.kind,
        region: m.region,
        isLead: m.id === p.lead_authority_id,
        joinedOn: m.joined_on,
        leftOn: m.left_on,
        population: m.population === null ? null : { value: m.population, year: m.year!, source: m.source! },
      })),
    };
  });
}

export async function getPartnership(tx: Tx, partnershipId: string): Promise<PartnershipSummary> {
  const all = await listMyPartnerships(tx);
  const found = all.find((p) => p.id === partnershipId);
  if (!found) throw notFound('Partnership');
  return found;
}

/** The partnership roles a user holds for their authority, by partnership. */
export async function myPartnershipRoles(tx: Tx, userId: string): Promise<Map<string, string[]>> {
  const rows = await tx
    .selectFrom('partnership_role')
    .select(['partnership_id', sql<string>`role`.as('role')])
    .where('user_id', '=', userId)
    .where('authority_id', '=', sql<string>`current_setting('app.authority_id', true)`)
    .execute();
  const byPartnership = new Map<string, string[]>();
  for (const r of rows) byPartnership.set(r.partnership_id, [...(byPartnership.get(r.partnership_id) ?? []), r.role]);
  return byPartnership;
}
