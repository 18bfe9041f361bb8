import { cqcRating, isoDate, optionalText, requiredText } from '@concord/domain';
import { z } from 'zod';


/** Companies House: eight characters, either digits (England and Wales) or a two-letter prefix and six digits. */
export const companiesHouseNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([0-9]{8}|[A-Z]{2}[0-9]{6})$/, 'Enter a Companies House number of 8 characters, like 01234567 or SC123456');

/** CQC identifiers look like 1-101634126. */
export const cqcId = (what: string) => z.string().trim().regex(/^1-[0-9]{6,12}$/, `Enter a CQC ${what} ID like 1-101634126`);

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
});
export type ProviderInput = z.infer<typeof providerInput>;
