import { cqcRating, idempotencyKey, isoDate, optionalText, requiredText } from '@concord/domain';
import { companiesHouseNumber, cqcId } from '@concord/domain/password';

export { companiesHouseNumber, cqcId };
import { z } from 'zod';


export const providerLocationInput = z.object({
  name: requiredText('the location’s name', 200),
  cqcLocationId: cqcId('location').nullish(),
  locality: optionalText(200),
  rating: cqcRating.nullish(),
  ratedOn: isoDate.nullish(),
});

export const providerInput = z.object({
  legalName: requiredText('the provider’s legal name', 300),
  companiesHouseNumber: companiesHouseNumber.nullish(),
  cqcProviderId: cqcId('provider').nullish(),
  isSme: z.boolean().default(false),
  isVcse: z.boolean().default(false),
  locations: z.array(providerLocationInput).max(200).default([]),
  idempotencyKey,
});
export type ProviderInput = z.infer<typeof providerInput>;
