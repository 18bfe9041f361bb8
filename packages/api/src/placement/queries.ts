import type { Database, FundingRoute, Tx } from '@concord/db';
import { notFound } from '@concord/domain';
import { sql, type ExpressionBuilder } from 'kysely';

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

/** The placements the filters match, joined to their provider and contract (a search reads the provider's name). */
function filtered(tx: Tx, f: PlacementFilters) {
  const q = tx
    .selectFrom('placement as pl')
    .innerJoin('provider as p', 'p.id', 'pl.provider_id')
    .leftJoin('contract as c', (j) => j.onRef('c.id', '=', 'pl.contract_id').onRef('c.authority_id', '=', 'pl.authority_id'))
    .where((eb) => eb.and(onPlacement(eb as unknown as PlacementOnly, f)));
  if (!f.search) return q;
  const like = `%${f.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return q.where((eb) => eb.or([eb('pl.reference', 'ilike', like), eb('pl.locality', 'ilike', like), eb('p.legal_name', 'ilike', like)]));
}

type PlacementOnly = ExpressionBuilder<{ pl: Database['placement'] }, 'pl'>;

/** The filters on the placement's own columns. */
function onPlacement(eb: PlacementOnly, f: PlacementFilters) {
  const day = f.activeOn;
  return [
    ...(f.id ? [eb('pl.id', '=', f.id)] : []),
    ...(f.contractId ? [eb('pl.contract_id', '=', f.contractId)] : []),
    ...(f.providerId ? [eb('pl.provider_id', '=', f.providerId)] : []),
    ...(f.serviceType ? [eb('pl.service_type', '=', f.serviceType)] : []),
    ...(f.fundingRoute ? [eb('pl.funding_route', '=', f.fundingRoute)] : []),
    ...(f.inArea !== undefined ? [eb('pl.in_area', '=', f.inArea)] : []),
    ...(day ? [eb('pl.start_date', '<=', day), eb.or([eb('pl.end_date', 'is', null), eb('pl.end_date', '>=', day)])] : []),
  ];
}

/**
 * How many placements the filters match, over all pages. Without a search, from the placements alone: the page's joins
 * never change the count (every provider is visible to a transaction that can see a placement, which needs an
 * authority, see provider_authorities_read; a placement's provider exists by its key; a contract is joined by its key,
 * at most one), and an authority's count is then an index-only scan (migration 0060) instead of a hash of the whole
 * provider register (12,240 rows through their policy at national scale).
 */
function counted(tx: Tx, f: PlacementFilters) {
  if (f.search) return filtered(tx, f).select(sql<number>`count(*)::int`.as('n'));
  return tx
    .selectFrom('placement as pl')
    .where((eb) => eb.and(onPlacement(eb, f)))
    .select(sql<number>`count(*)::int`.as('n'));
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
