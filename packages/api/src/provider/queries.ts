import { CQC_RATINGS, notFound } from '@concord/domain';
import type { CqcRating, Tx } from '@concord/db';
import { sql } from 'kysely';

export interface ProviderLocation {
  id: string;
  name: string;
  cqcLocationId: string | null;
  locality: string | null;
  rating: CqcRating | null;
  ratedOn: string | null;
}

export interface ProviderSummary {
  id: string;
  legalName: string;
  companiesHouseNumber: string | null;
  cqcProviderId: string | null;
  isSme: boolean;
  isVcse: boolean;
  locationCount: number;
  /** How many of its locations hold each CQC rating, best first (unrated locations are not counted). */
  ratings: { rating: CqcRating; locations: number }[];
}

/** The providers register: shared reference data every authority reads. */
export interface ProviderPage {
  providers: ProviderSummary[];
  /** How many providers match, over all pages. */
  total: number;
}

/** The providers a search matches (all of them without one): over name, Companies House number and CQC ID. */
function matching(tx: Tx, search: string | undefined) {
  const query = tx.selectFrom('provider as p');
  if (!search) return query;
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return query.where((eb) => eb.or([eb('p.legal_name', 'ilike', like), eb('p.companies_house_number', 'ilike', like), eb('p.cqc_provider_id', 'ilike', like)]));
}

/**
 * One page of the providers register, by name, with a search over name, Companies House number and CQC ID. The total
 * is a count of its own inside the same statement (not a window over every provider), so the page comes from the
 * index on the name and the work is bounded by the page (issue 14, item 3).
 */
export async function listProviders(tx: Tx, options: { search?: string | undefined; limit?: number; offset?: number } = {}): Promise<ProviderPage> {
  const { search, limit = 100, offset = 0 } = options;
  const query = matching(tx, search)
    .select([
      'p.id',
      'p.legal_name',
      'p.companies_house_number',
      'p.cqc_provider_id',
      'p.is_sme',
      'p.is_vcse',
      (eb) => eb.selectFrom('provider_location as l').select(sql<number>`count(*)::int`.as('n')).whereRef('l.provider_id', '=', 'p.id').as('location_count'),
      matching(tx, search).select(sql<string>`count(*)`.as('n')).as('total'),
    ])
    .orderBy('p.legal_name')
    .orderBy('p.id')
    .limit(limit)
    .offset(offset);
  const rows = await query.execute();
  // The rated locations of the providers listed (a search lists few), counted by rating, best rating first.
  const rated = rows.length
    ? await tx
        .selectFrom('provider_location')
        .select(['provider_id', 'rating', sql<number>`count(*)::int`.as('n')])
        .where('rating', 'is not', null)
        .where(
          'provider_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy(['provider_id', 'rating'])
        .execute()
    : [];
  const ratings = new Map<string, ProviderSummary['ratings']>();
  for (const x of rated.sort((a, b) => CQC_RATINGS.indexOf(a.rating!) - CQC_RATINGS.indexOf(b.rating!))) {
    ratings.set(x.provider_id, [...(ratings.get(x.provider_id) ?? []), { rating: x.rating!, locations: x.n }]);
  }
  const providers = rows.map((r) => ({
    id: r.id,
    legalName: r.legal_name,
    companiesHouseNumber: r.companies_house_number,
    cqcProviderId: r.cqc_provider_id,
    isSme: r.is_sme,
    isVcse: r.is_vcse,
    locationCount: r.location_count ?? 0,
    ratings: ratings.get(r.id) ?? [],
  }));
  const total = rows[0] ? Number(rows[0].total) : offset > 0 ? (await listProviders(tx, { search, limit: 1 })).total : 0;
  return { providers, total };
}

export interface ProviderDetail extends Omit<ProviderSummary, 'locationCount' | 'ratings'> {
  locations: ProviderLocation[];
  /** The approved lists I can see (my partnerships' procurements) this provider is on. */
  approvedLists: { procurementId: string; reference: string; title: string; lotId: string; lotNumber: number; lotName: string; status: string; admittedOn: string }[];
}

export async function getProvider(tx: Tx, providerId: string): Promise<ProviderDetail> {
  const provider = await tx.selectFrom('provider').selectAll().where('id', '=', providerId).executeTakeFirst();
  if (!provider) throw notFound('Provider');
  const locations = await tx.selectFrom('provider_location').selectAll().where('provider_id', '=', providerId).orderBy('name').execute();
  const entries = await tx
    .selectFrom('approved_list_entry as e')
    .innerJoin('procurement as pr', 'pr.id', 'e.procurement_id')
    .innerJoin('lot as l', 'l.id', 'e.lot_id')
    .select(['pr.id as procurement_id', 'pr.reference', 'pr.title', 'l.id as lot_id', 'l.number', 'l.name', 'e.status', 'e.admitted_on'])
    .where('e.provider_id', '=', providerId)
    .orderBy('pr.reference')
    .orderBy('l.number')
    .execute();
  return {
    id: provider.id,
    legalName: provider.legal_name,
    companiesHouseNumber: provider.companies_house_number,
    cqcProviderId: provider.cqc_provider_id,
    isSme: provider.is_sme,
    isVcse: provider.is_vcse,
    locations: locations.map((l) => ({
      id: l.id,
      name: l.name,
      cqcLocationId: l.cqc_location_id,
      locality: l.locality,
      rating: l.rating,
      ratedOn: l.rated_on,
    })),
    approvedLists: entries.map((e) => ({
      procurementId: e.procurement_id,
      reference: e.reference,
      title: e.title,
      lotId: e.lot_id,
      lotNumber: e.number,
      lotName: e.name,
      status: e.status,
      admittedOn: e.admitted_on,
    })),
  };
}
