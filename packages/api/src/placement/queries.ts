import type { FundingRoute, Tx } from '@concord/db';
import { notFound } from '@concord/domain';
import { sql } from 'kysely';

export interface PlacementRow {
  id: string;
  reference: string;
  contract: { id: string; reference: string } | null;
  provider: { id: string; name: string };
  serviceType: string;
  complexityBand: string | null;
  locality: string | null;
  inArea: boolean;
  fundingRoute: FundingRoute;
  nhsSharePercent: number | null;
  startDate: string;
  endDate: string | null;
  weeklyCostPence: number;
  weeklyHours: number | null;
  requestedOn: string | null;
  sourcedOn: string | null;
  /** The version a change of this placement sends back (a stale one is refused). */
  rowVersion: number;
}

export interface PlacementFilters {
  id?: string | undefined;
  contractId?: string | undefined;
  providerId?: string | undefined;
  serviceType?: string | undefined;
  fundingRoute?: FundingRoute | undefined;
  inArea?: boolean | undefined;
  /** Only placements running on this date. */
  activeOn?: string | undefined;
  search?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

function filtered(tx: Tx, f: PlacementFilters) {
  let q = tx
    .selectFrom('placement as pl')
    .innerJoin('provider as p', 'p.id', 'pl.provider_id')
    .leftJoin('contract as c', (j) => j.onRef('c.id', '=', 'pl.contract_id').onRef('c.authority_id', '=', 'pl.authority_id'));
  if (f.id) q = q.where('pl.id', '=', f.id);
  if (f.contractId) q = q.where('pl.contract_id', '=', f.contractId);
  if (f.providerId) q = q.where('pl.provider_id', '=', f.providerId);
  if (f.serviceType) q = q.where('pl.service_type', '=', f.serviceType);
  if (f.fundingRoute) q = q.where('pl.funding_route', '=', f.fundingRoute);
  if (f.inArea !== undefined) q = q.where('pl.in_area', '=', f.inArea);
  if (f.activeOn) {
    const day = f.activeOn;
    q = q.where('pl.start_date', '<=', day).where((eb) => eb.or([eb('pl.end_date', 'is', null), eb('pl.end_date', '>=', day)]));
  }
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where((eb) => eb.or([eb('pl.reference', 'ilike', like), eb('pl.locality', 'ilike', like), eb('p.legal_name', 'ilike', like)]));
  }
  return q;
}

/** How many placements the filters match, over all pages. */
function counted(tx: Tx, f: PlacementFilters) {
  return filtered(tx, f).select(sql<number>`count(*)::int`.as('n'));
}

/**
 * My authority's placements (row-level security keeps everyone else's out), filtered, in reference order: the total
 * and the page in one statement (issue 14: at most 6 a request), the total's row there even past the last page.
 */
export async function listPlacements(tx: Tx, f: PlacementFilters): Promise<{ total: number; placements: PlacementRow[] }> {
  let page = filtered(tx, f)
    .select([
      'pl.id',
      'pl.reference',
      'pl.contract_id',
      'c.reference as contract_reference',
      'pl.provider_id',
      'p.legal_name as provider_name',
      'pl.service_type',
      'pl.complexity_band',
      'pl.locality',
      'pl.in_area',
      'pl.funding_route',
      'pl.nhs_share_percent',
      'pl.start_date',
      'pl.end_date',
      'pl.weekly_cost_pence',
      'pl.weekly_hours',
      'pl.requested_on',
      'pl.sourced_on',
      'pl.row_version',
    ])
    .orderBy('pl.reference');
  if (f.limit !== undefined) page = page.limit(f.limit);
  if (f.offset) page = page.offset(f.offset);
  const found = await tx
    .selectFrom(counted(tx, f).as('t'))
    .leftJoinLateral(page.as('pg'), (j) => j.onTrue())
    .select('t.n as total')
    .selectAll('pg')
    .orderBy('pg.reference')
    .execute();
  const total = found[0]?.total ?? 0;
  // The lateral join leaves the page's columns nullable; a row with an id is a whole placement of the page.
  const rows = found.filter((r) => r.id !== null) as unknown as Awaited<ReturnType<typeof page.execute>>;
  return {
    total,
    placements: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      contract: r.contract_id ? { id: r.contract_id, reference: r.contract_reference! } : null,
      provider: { id: r.provider_id, name: r.provider_name },
      serviceType: r.service_type,
      complexityBand: r.complexity_band,
      locality: r.locality,
      inArea: r.in_area,
      fundingRoute: r.funding_route,
      nhsSharePercent: r.nhs_share_percent,
      startDate: r.start_date,
      endDate: r.end_date,
      weeklyCostPence: r.weekly_cost_pence,
      weeklyHours: r.weekly_hours,
      requestedOn: r.requested_on,
      sourcedOn: r.sourced_on,
      rowVersion: r.row_version,
    })),
  };
}

export async function getPlacement(tx: Tx, placementId: string): Promise<PlacementRow> {
  const [found] = (await listPlacements(tx, { id: placementId, limit: 1 })).placements;
  if (!found) throw notFound('Placement');
  return found;
}
