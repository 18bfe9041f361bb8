import { DomainError } from '@concord/domain';
import type { Tx } from '@concord/db';
import type { ProviderInput } from './input.ts';

/**
 * Adds a provider and its CQC locations to the shared register. Any authority's commissioners and
 * contract officers may; a Companies House number or CQC ID already registered is a CONFLICT naming the field.
 */
export async function registerProvider(tx: Tx, input: ProviderInput): Promise<{ id: string }> {
  if (input.companiesHouseNumber) {
    const taken = await tx.selectFrom('provider').select('legal_name').where('companies_house_number', '=', input.companiesHouseNumber).executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', `${taken.legal_name} is already registered with that Companies House number`, 'companiesHouseNumber');
  }
  if (input.cqcProviderId) {
    const taken = await tx.selectFrom('provider').select('legal_name').where('cqc_provider_id', '=', input.cqcProviderId).executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', `${taken.legal_name} is already registered with that CQC provider ID`, 'cqcProviderId');
  }
  const locationIds = input.locations.map((l) => l.cqcLocationId).filter((id): id is string => !!id);
  if (new Set(locationIds).size !== locationIds.length) {
    throw new DomainError('BAD_REQUEST', 'Each CQC location ID can be entered only once', 'locations');
  }
  if (locationIds.length > 0) {
    const taken = await tx.selectFrom('provider_location').select('cqc_location_id').where('cqc_location_id', 'in', locationIds).executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', `CQC location ${taken.cqc_location_id} is already registered`, 'locations');
  }
  const { id } = await tx
    .insertInto('provider')
    .values({
      legal_name: input.legalName,
      companies_house_number: input.companiesHouseNumber ?? null,
      cqc_provider_id: input.cqcProviderId ?? null,
      is_sme: input.isSme,
      is_vcse: input.isVcse,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.locations.length > 0) {
    await tx
      .insertInto('provider_location')
      .values(
        input.locations.map((l) => ({
          provider_id: id,
          name: l.name,
          cqc_location_id: l.cqcLocationId ?? null,
          locality: l.locality ?? null,
          rating: l.rating ?? null,
          rated_on: l.ratedOn ?? null,
        })),
      )
      .execute();
  }
  return { id };
}
