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

/** The partnerships the transaction's authority is a current member of (row-level security decides which), with every member that joined, left ones with their day. */
export async function listMyPartnerships(tx: Tx): Promise<PartnershipSummary[]> {
  const partnerships = await tx.selectFrom('partnership').select(['id', 'name', 'kind', 'purpose', 'lead_authority_id']).where('id', '=', (eb) => eb.fn.any(eb.fn<string[]>('app_partnership_ids', []))).orderBy('name').execute();
  if (partnerships.length === 0) return [];
  const members = await tx
    .selectFrom('partnership_member as m')
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
    .select(['m.partnership_id', 'm.joined_on', 'm.left_on', 'a.id', 'a.name', 'a.kind', 'a.region', 'p.population', 'p.year', 'p.source'])
    .where(
      'm.partnership_id',
      'in',
      partnerships.map((p) => p.id),
    )
    .orderBy('a.name')
    .execute();
  return partnerships.map((p) => {
    const lead = members.find((m) => m.partnership_id === p.id && m.id === p.lead_authority_id);
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      purpose: p.purpose,
      lead: { id: p.lead_authority_id, name: lead?.name ?? p.lead_authority_id },
      members: members
        .filter((m) => m.partnership_id === p.id)
        .map((m) => ({
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
