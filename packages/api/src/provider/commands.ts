import { DomainError, longestWordOf, normaliseLegalName } from '@concord/domain';
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
  if (!input.companiesHouseNumber && !input.cqcProviderId) await refuseSameName(tx, input.legalName);
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

/**
 * An entry with neither number is known only by its name: refused when the register holds one of the same
 * normalised legal name (case, punctuation, "Limited"/"Ltd" aside), so two councils cannot each enter the same
 * provider (issue 11).
 */
export async function refuseSameName(tx: Tx, legalName: string): Promise<void> {
  const wanted = normaliseLegalName(legalName);
  const candidates = await tx
    .selectFrom('provider')
    .select('legal_name')
    .where('legal_name', 'ilike', `%${longestWordOf(wanted).replace(/[\\%_]/g, '\\$&')}%`)
    .limit(2000)
    .execute();
  const same = candidates.find((c) => normaliseLegalName(c.legal_name) === wanted);
  if (same) throw new DomainError('CONFLICT', `${same.legal_name} is already in the register: use that entry, or give its Companies House number or CQC provider ID`, 'legalName');
}
